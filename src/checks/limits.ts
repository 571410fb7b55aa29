/*
 * The numbers a role must stay within (IAM User Guide, "IAM and AWS STS quotas"). Some are account quotas that
 * can be raised; every door (a pattern's checkLimits, RoleChecks' limits, the CLI's flags) takes this one type.
 */

/**
 * Limits the role checks compare against. IAM's defaults apply to any that is not set; raise one only
 * together with the account quota it stands for.
 */
export interface RoleCheckLimits {
  /**
   * Maximum trust policy length, in characters without white space (the "Role trust policy length" quota).
   * @default 2048
   */
  readonly trustPolicyMaxChars?: number;

  /**
   * Maximum length of all inline policies of one role together, in characters without white space.
   * @default 10240
   */
  readonly inlinePoliciesMaxChars?: number;

  /**
   * Maximum length of one managed policy, in characters without white space.
   * @default 6144
   */
  readonly managedPolicyMaxChars?: number;

  /**
   * Maximum number of managed policies attached to one role (the "Managed policies per role" quota).
   * @default 10
   */
  readonly managedPoliciesPerRole?: number;
}

/** Every limit, set: what the rules compare against. */
export type Limits = Required<RoleCheckLimits>;

/** The limits IAM applies by default. */
export const DEFAULT_LIMITS: Limits = {
  trustPolicyMaxChars: 2048,
  inlinePoliciesMaxChars: 10240,
  managedPolicyMaxChars: 6144,
  managedPoliciesPerRole: 10,
};
