import { Limits } from './limits';
import { Subject } from '../role-model/policy-document';
import { RoleUnderCheck } from '../role-model/role-under-check';

/** How bad a finding is: an error fails synthesis; a warning is shown and can be acknowledged with a reason. */
export type Severity = 'error' | 'warning';

/** The prefix of every rule id. */
export const RULE_ID_PREFIX = 'cdk-iam-role-patterns';

/** What a rule reads. */
export interface RuleInput {
  readonly role: RoleUnderCheck;
  readonly limits: Limits;
  /** The 12-digit account the role is deployed in, when known; otherwise only `AWS::AccountId` counts as this account. */
  readonly deployingAccount?: string;
}

/**
 * Where a rule reports what it found wrong: one call per offending element, with what is wrong, why it
 * matters, and how to fix it. A rule that finds nothing calls it never and allocates nothing: the rules run
 * on every role, and their empty result lists were a sixth of what checking a large template allocated.
 */
export type Report = (message: string, subject?: Subject) => void;

/** A property of the role's own resource as a finding's subject: `Resources.<Role>.Properties.<name>`. */
export function propertySubject(role: RoleUnderCheck, name: string): Subject {
  return { path: [...role.path, 'Properties', name] };
}

/** A check over one role. One rule per file in `rules/`. */
export interface Rule {
  /** The rule's name; its id is `cdk-iam-role-patterns:<name>`. */
  readonly name: string;
  /** Error (fails synthesis) or warning (acknowledgeable). */
  readonly severity: Severity;
  /** One sentence on what the rule protects against, for documentation and reports. */
  readonly description: string;
  /**
   * Calls `report` once per offending element, with the element's subject (its path in the template), never when
   * the role is fine. Never throws on unknown values.
   */
  check(input: RuleInput, report: Report): void;
}

/** The id under which a rule's findings are reported and acknowledged. */
export function ruleId(rule: Pick<Rule, 'name'>): string {
  return `${RULE_ID_PREFIX}:${rule.name}`;
}
