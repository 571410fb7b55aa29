import { Duration, aws_iam as iam } from 'aws-cdk-lib';
import { RoleCheckLimits } from '../checks/limits';

/** Properties every role pattern accepts, with the same meaning as on `iam.Role`. */
export interface RolePatternProps {
  /**
   * A name for the role: 1 to 64 characters of letters, digits and `+=,.@_-`.
   * Naming a role makes it impossible to replace it without a new name; leave it out unless something
   * outside the stack needs the name.
   * @default - CloudFormation generates a unique name
   */
  readonly roleName?: string;

  /**
   * A description of the role, up to 1,000 characters.
   * @default - says which pattern made the role and what it trusts
   */
  readonly description?: string;

  /**
   * The path of the role: starts and ends with `/`, up to 512 printable ASCII characters.
   * @default "/"
   */
  readonly path?: string;

  /**
   * A managed policy that sets the maximum permissions the role can have, whatever its policies say.
   * @default - no permissions boundary
   */
  readonly permissionsBoundary?: iam.IManagedPolicy;

  /**
   * The longest session a caller can ask for when assuming the role, from 1 to 12 hours.
   * @default Duration.hours(1)
   */
  readonly maxSessionDuration?: Duration;

  /**
   * Managed policies to attach to the role.
   * @default - none
   */
  readonly managedPolicies?: iam.IManagedPolicy[];

  /**
   * Inline policies of the role, by name.
   * @default - none
   */
  readonly inlinePolicies?: { [name: string]: iam.PolicyDocument };

  /**
   * Limits for the checks this role runs on itself at synth, when the account's quotas were raised.
   * @default - IAM's default limits
   */
  readonly checkLimits?: RoleCheckLimits;
}

/** Whether callers may pass session tags (attribute-based access control), and which. */
export interface SessionTagOptions {
  /**
   * Whether callers may pass session tags when they assume the role: adds `sts:TagSession` to the same trust
   * statement, so policies can grant by `aws:PrincipalTag/<key>` (attribute-based access control).
   * @default false
   */
  readonly sessionTags?: boolean;

  /**
   * The only tag keys a session may carry, enforced with `ForAllValues:StringEquals aws:TagKeys`. Needs `sessionTags`.
   * @default - any key the caller passes
   */
  readonly allowedSessionTagKeys?: string[];

  /**
   * The only tag keys a caller may make transitive (kept through role chaining), enforced with
   * `ForAllValues:StringEquals sts:TransitiveTagKeys`. Needs `sessionTags`.
   * @default - any of the session's keys
   */
  readonly transitiveTagKeys?: string[];
}
