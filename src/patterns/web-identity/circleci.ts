import { Construct } from 'constructs';
import { BoundWebIdentityProvider } from './binding';
import { oidcPrincipal, oidcProviderArn } from './oidc-trust';
import { CircleCiProviderProps } from './provider-props';
import { PropErrors } from '../prop-errors';

/*
 * CircleCI (CircleCI docs, "Using OpenID Connect tokens in jobs"): the issuer is oidc.circleci.com/org/<organization
 * id>, the audience the organization id, the subject org/<organization id>/project/<project id>/user/<user id>
 * ($CIRCLE_OIDC_TOKEN), with /vcs-origin/<origin>/vcs-ref/<ref> after it in $CIRCLE_OIDC_TOKEN_V2.

 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The trust of a CircleCI organization's projects. */
export function bindCircleCi(props: CircleCiProviderProps, scope: Construct, id: string, errors: PropErrors): BoundWebIdentityProvider {
  errors.checkPattern('provider.organizationId', props.organizationId, UUID, 'an organization id is a UUID, such as "c1a7f2e4-3b5d-4e6f-8a9b-0c1d2e3f4a5b"');
  errors.refuseListTokenElements('provider.projectIds', props.projectIds, 'each project id becomes part of a subject CDK writes at synth; give the ids');
  if (props.projectIds.length === 0) errors.add('provider.projectIds', props.projectIds, 'name the projects whose jobs may assume the role');
  for (const project of props.projectIds) errors.checkPattern('provider.projectIds', project, UUID, 'a project id is a UUID, such as "0e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b"');
  const issuer = `oidc.circleci.com/org/${props.organizationId}`;
  const subjects = props.projectIds.map((project) => `org/${props.organizationId}/project/${project}/user/*`);
  const provider = oidcProviderArn(scope, issuer, [props.organizationId], props);
  return {
    principal: oidcPrincipal(scope, id, provider, issuer, [{ claim: 'aud', values: [props.organizationId] }, { claim: 'sub', values: subjects }]),
    description: `CircleCI projects ${props.projectIds.join(', ')}`,
  };
}
