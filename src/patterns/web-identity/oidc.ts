import { Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { BoundWebIdentityProvider } from './binding';
import { checkNonEmpty, ISSUER_URL, issuerOf, oidcPrincipal, oidcProviderArn } from './oidc-trust';
import { GenericOidcProviderProps } from './provider-props';
import { PropErrors } from '../prop-errors';

/** The trust of any other OIDC issuer. */
export function bindOidc(props: GenericOidcProviderProps, scope: Construct, id: string, errors: PropErrors): BoundWebIdentityProvider {
  if (props.issuerUrl === undefined && props.oidcProvider === undefined) {
    errors.addConflict('provider.issuerUrl, provider.oidcProvider: give one, such as issuerUrl: "https://auth.example.com"');
  }
  errors.checkPattern('provider.issuerUrl', props.issuerUrl, ISSUER_URL, 'an issuer URL is https:// and a host, with an optional path, such as "https://auth.example.com"');
  checkNonEmpty('provider.audiences', props.audiences, errors);
  checkNonEmpty('provider.subjects', props.subjects, errors);
  for (const subject of props.subjects.filter((value) => !Token.isUnresolved(value) && /^[*?]/.test(value))) {
    errors.add('provider.subjects', subject, 'a subject starts with a fixed value; a leading wildcard matches any subject of the issuer');
  }
  const issuer = issuerOf(props.issuerUrl ?? props.oidcProvider?.openIdConnectProviderIssuer ?? '');
  const provider = oidcProviderArn(scope, issuer, props.audiences, props);
  return {
    principal: oidcPrincipal(scope, id, provider, issuer, [{ claim: 'aud', values: props.audiences }, { claim: 'sub', values: props.subjects }]),
    description: `OIDC issuer ${Token.isUnresolved(issuer) ? '' : issuer}`.trim(),
    sessionTagsSupported: true, // an issuer of your own can put the https://aws.amazon.com/tags claim in its tokens
  };
}
