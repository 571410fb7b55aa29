import { Caller } from './request';

/** The web identity providers that are names, not ARNs (IAM User Guide, "Creating a role for web identity or OIDC"). */
const WEB_IDENTITY_PROVIDERS: ReadonlySet<string> = new Set(['cognito-identity.amazonaws.com', 'accounts.google.com', 'graph.facebook.com', 'www.amazon.com']);

/**
 * A caller as a user names it: an account id or an IAM ARN (a role, a user, a role session, an account root), an
 * AWS service principal (`lambda.amazonaws.com`), or a federated provider (its IAM ARN, or a web identity provider's
 * name). Undefined for anything else.
 */
export function callerOf(principal: string): Caller | undefined {
  const value = principal.trim();
  if (/^\d{12}$/.test(value) || /^arn:[^:]+:(iam|sts)::\d{12}:(root|role\/|user\/|assumed-role\/)/.test(value)) {
    return { kind: 'aws', arn: /^\d{12}$/.test(value) ? `arn:aws:iam::${value}:root` : value };
  }
  if (/^arn:[^:]+:iam::\d{12}:(oidc-provider|saml-provider)\/.+/.test(value) || WEB_IDENTITY_PROVIDERS.has(value.toLowerCase())) {
    return { kind: 'federated', provider: value };
  }
  if (/^[a-z0-9][a-z0-9.-]*\.amazonaws\.com(\.cn)?$/i.test(value)) return { kind: 'service', service: value };
  return undefined;
}
