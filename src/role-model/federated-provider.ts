import { CfnObject } from './cfn-value';
import { propertiesOf, typeOf } from './template';

/** What a `Federated` principal value names. */
export interface FederatedPrincipal {
  /** `saml` provider ARN, `oidc` provider ARN, a named `web-identity` provider, or `unknown`. */
  readonly kind: 'saml' | 'oidc' | 'web-identity' | 'unknown';
  /**
   * For `oidc`: the issuer as IAM writes it in condition keys (host and path, no scheme), when known.
   * For `web-identity`: the provider name (`accounts.google.com`).
   */
  readonly issuer?: string;
  readonly value: string;
}

/** Tells what a placeholder such as `{{cfn:Ref:GitHubProvider}}` in a `Federated` principal is. */
export type FederatedDescriber = (placeholder: string) => FederatedPrincipal | undefined;

/** The issuer of a provider URL, as IAM writes it in condition keys: `https://host/path/` becomes `host/path`. */
export function issuerFromUrl(url: string): string {
  return url.replace(/^https:\/\//i, '').replace(/\/+$/, '');
}

const PROVIDER_REFERENCE = /^\{\{cfn:(?:Ref:([^}.]+)|GetAtt:([^}.]+)\.Arn)\}\}$/;

/** Describes a reference to an identity provider defined in the template, from its type and URL. */
export function federatedDescriber(resources: CfnObject): FederatedDescriber {
  return (placeholder) => {
    const match = PROVIDER_REFERENCE.exec(placeholder);
    const logicalId = match ? match[1] ?? match[2] : undefined;
    if (logicalId === undefined) return undefined;
    const type = typeOf(resources[logicalId]);
    if (type === 'AWS::IAM::SAMLProvider') return { kind: 'saml', value: placeholder };
    if (type !== 'AWS::IAM::OIDCProvider' && type !== 'Custom::AWSCDKOpenIdConnectProvider') return undefined;
    const url = propertiesOf(resources[logicalId]).Url;
    const issuer = typeof url === 'string' ? issuerFromUrl(url) : undefined;
    return { kind: 'oidc', issuer, value: placeholder };
  };
}
