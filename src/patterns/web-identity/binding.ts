import { aws_iam as iam } from 'aws-cdk-lib';

/** What a provider contributes to a role: the federated principal, its conditions, and the per-identity variable. */
export interface BoundWebIdentityProvider {
  readonly principal: iam.IPrincipal;
  /** The policy variable that holds the caller's own identity, for per-identity access. */
  readonly identityVariable?: string;
  /** What the role trusts, in words, for its description. */
  readonly description: string;
  /** Whether the provider's tokens can carry session tags (the `https://aws.amazon.com/tags` claim, or Cognito's principal tags). */
  readonly sessionTagsSupported?: boolean;
}
