import { hasPlaceholder, THIS_ACCOUNT } from '../role-model/cfn-value';
import { FederatedPrincipal } from '../role-model/federated-provider';

export type { FederatedPrincipal } from '../role-model/federated-provider';
export { issuerFromUrl } from '../role-model/federated-provider';

/** What an `AWS` principal value names. */
export interface AwsPrincipal {
  /** `any` for `*`, `account` for an account root or bare id, `role`/`user`/`session` for a specific principal. */
  readonly kind: 'any' | 'account' | 'role' | 'user' | 'session' | 'unknown';
  /** The 12-digit account id, or `{{cfn:AWS::AccountId}}` for the deploying account, when it can be read. */
  readonly account?: string;
  /** The value as rendered. */
  readonly value: string;
}

const PARTITION = '(?:aws[a-z-]*|\\{\\{cfn:AWS::Partition\\}\\})';
const ACCOUNT = '(\\d{12}|\\{\\{cfn:AWS::AccountId\\}\\})';
const IAM_ARN = new RegExp(`^arn:${PARTITION}:iam::${ACCOUNT}:(root|role/.+|user/.+|federated-user/.+)$`);
const STS_ARN = new RegExp(`^arn:${PARTITION}:sts::${ACCOUNT}:assumed-role/.+$`);
const ACCOUNT_ID = /^\d{12}$/;
const FEDERATED_PROVIDER = new RegExp(`^arn:${PARTITION}:iam::${ACCOUNT}:(saml-provider|oidc-provider)/(.+)$`);

/** Reads an `AWS` principal value (`*`, an account id, an account root ARN, a role or user ARN). */
export function parseAwsPrincipal(value: string): AwsPrincipal {
  if (value === '*') return { kind: 'any', value };
  if (ACCOUNT_ID.test(value) || value === THIS_ACCOUNT) return { kind: 'account', account: value, value };
  const iam = IAM_ARN.exec(value);
  if (iam) {
    const resource = iam[2];
    const kind = resource === 'root' ? 'account' : resource.startsWith('role/') ? 'role' : resource.startsWith('user/') ? 'user' : 'session';
    return { kind, account: iam[1], value };
  }
  const sts = STS_ARN.exec(value);
  if (sts) return { kind: 'session', account: sts[1], value };
  return { kind: 'unknown', value };
}

/** Whether an account (as read by parseAwsPrincipal) is another account than the one the role is deployed in. */
export function isOtherAccount(account: string | undefined, deployingAccount?: string): boolean {
  if (account === undefined || hasPlaceholder(account) && account !== THIS_ACCOUNT) return false;
  if (account === THIS_ACCOUNT) return false;
  return deployingAccount === undefined || account !== deployingAccount;
}

/** The identity providers that AWS STS knows by name, with the condition key that holds each one's audience. */
export const WEB_IDENTITY_PROVIDERS: ReadonlyMap<string, { readonly audienceKeys: string[]; readonly name: string }> = new Map([
  ['cognito-identity.amazonaws.com', { name: 'Amazon Cognito identity pools', audienceKeys: ['cognito-identity.amazonaws.com:aud'] }],
  ['accounts.google.com', { name: 'Google', audienceKeys: ['accounts.google.com:aud', 'accounts.google.com:oaud'] }],
  ['graph.facebook.com', { name: 'Facebook', audienceKeys: ['graph.facebook.com:app_id'] }],
  ['www.amazon.com', { name: 'Login with Amazon', audienceKeys: ['www.amazon.com:app_id'] }],
]);

/**
 * Reads a `Federated` principal value. `describeReference` tells what a placeholder such as
 * `{{cfn:Ref:GitHubProvider}}` refers to when the provider is defined in the same template.
 */
export function parseFederatedPrincipal(
  value: string,
  describeReference?: (placeholder: string) => FederatedPrincipal | undefined,
): FederatedPrincipal {
  if (WEB_IDENTITY_PROVIDERS.has(value)) return { kind: 'web-identity', issuer: value, value };
  const provider = FEDERATED_PROVIDER.exec(value);
  if (provider) {
    const issuer = hasPlaceholder(provider[3]) ? undefined : provider[3];
    return { kind: provider[2] === 'saml-provider' ? 'saml' : 'oidc', issuer, value };
  }
  return describeReference?.(value) ?? { kind: 'unknown', value };
}

/** The CI and workload issuers whose tokens any customer of theirs can mint, so `sub` must be narrowed. */
export type SharedIssuerKind = 'github' | 'gitlab' | 'eks' | 'circleci' | 'terraform' | 'other';

/** Which shared issuer an OIDC issuer is. */
export function sharedIssuerKind(issuer: string): SharedIssuerKind {
  const host = issuer.split('/')[0].toLowerCase();
  // GitHub.com (and an enterprise's unique issuer, token.actions.githubusercontent.com/<slug>), or a GitHub Enterprise Server
  if (host === 'token.actions.githubusercontent.com' || /^[^/]+\/_services\/token$/i.test(issuer)) return 'github';
  if (host === 'oidc.circleci.com') return 'circleci';
  if (host === 'app.terraform.io') return 'terraform';
  if (host === 'gitlab.com' || host.startsWith('gitlab.')) return 'gitlab';
  if (/^oidc\.eks\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/.test(host)) return 'eks';
  return 'other';
}
