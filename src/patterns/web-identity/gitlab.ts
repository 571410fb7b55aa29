import { Construct } from 'constructs';
import { BoundWebIdentityProvider } from './binding';
import { checkFilterValues, HOST, oidcPrincipal, oidcProviderArn } from './oidc-trust';
import { GitLabProviderProps } from './provider-props';
import { PropErrors } from '../prop-errors';

const GITLAB_PROJECT = /^[\w.-]+(\/[\w.-]+)+$/;

/** The trust of a GitLab project's CI jobs. */
export function bindGitLab(props: GitLabProviderProps, scope: Construct, id: string, errors: PropErrors): BoundWebIdentityProvider {
  const host = props.host ?? 'gitlab.com';
  errors.checkPattern('provider.host', host, HOST, 'a host name, such as "gitlab.com" or "gitlab.example.com", without https://');
  errors.checkPattern('provider.projectPath', props.projectPath, GITLAB_PROJECT,
    'a project path is the group (and subgroups) and the project, without wildcards, such as "ride-co/platform/api"');
  checkFilterValues('provider.refs', props.refs, errors);
  errors.refuseListTokenElements('provider.refTypes', props.refTypes, 'give "branch", "tag" or both');
  for (const type of props.refTypes ?? []) {
    if (type !== 'branch' && type !== 'tag') errors.add('provider.refTypes', type, 'a ref type is "branch" or "tag"');
  }
  const types = props.refTypes?.length ? props.refTypes : ['*'];
  const refs = props.refs?.length ? props.refs : ['*'];
  const subjects = types.flatMap((type) => refs.map((ref) => `project_path:${props.projectPath}:ref_type:${type}:ref:${ref}`));
  const audience = `https://${host}`;
  const provider = oidcProviderArn(scope, host, [audience], props);
  return {
    principal: oidcPrincipal(scope, id, provider, host, [{ claim: 'aud', values: [audience] }, { claim: 'sub', values: subjects }]),
    description: `GitLab CI in ${props.projectPath} on ${host}`,
  };
}
