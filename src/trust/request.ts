/**
 * A request to assume a role, as STS evaluates it against the role's trust policy: the STS action, the caller,
 * and the request context (IAM User Guide, "Policy evaluation logic" and "AWS global condition context keys").
 */

/** The STS actions a trust policy decides. */
export type TrustAction = 'sts:AssumeRole' | 'sts:AssumeRoleWithWebIdentity' | 'sts:AssumeRoleWithSAML' | 'sts:TagSession'
| 'sts:SetSourceIdentity' | 'sts:SetContext' | string;

/** Who calls. */
export type Caller =
  /** An IAM principal: an account root (`arn:aws:iam::111122223333:root` or the account id), a role, a user, or a role session. */
  | { readonly kind: 'aws'; readonly arn: string }
  /** An AWS service principal: `lambda.amazonaws.com`. */
  | { readonly kind: 'service'; readonly service: string }
  /** A federated provider: `cognito-identity.amazonaws.com`, `accounts.google.com`, or an OIDC or SAML provider's ARN. */
  | { readonly kind: 'federated'; readonly provider: string };
// No anonymous caller: STS refuses an unsigned AssumeRole, and AssumeRoleWithWebIdentity's and AssumeRoleWithSAML's
// callers are the federated provider whose token or assertion they carry (AWS STS API Reference).

/** One request. */
export interface TrustRequest {
  readonly action: TrustAction;
  readonly caller: Caller;
  /** The request context: each key (any case) with its values (one for a single-valued key). */
  readonly context?: Readonly<Record<string, readonly string[]>>;
}

/** The account of an IAM principal's ARN or account id; undefined for anything else. */
export function accountOf(arn: string): string | undefined {
  if (/^\d{12}$/.test(arn)) return arn;
  const match = /^arn:[^:]+:(?:iam|sts)::(\d{12}):/.exec(arn);
  return match ? match[1] : undefined;
}
