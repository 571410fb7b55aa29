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

/** A role to show a rule on: the rules reference prints it, and a test runs the rule over it. */
export interface RuleExample {
  /** Statements of the trust policy; one that trusts Lambda when absent. */
  readonly trust?: readonly unknown[];
  /** Statements of one inline policy of the role. */
  readonly permissions?: readonly unknown[];
  /** Other properties of the role. */
  readonly properties?: Readonly<Record<string, unknown>>;
  /** Other resources of the template (the role is `Role`). */
  readonly resources?: Readonly<Record<string, unknown>>;
  /** The role's `Metadata`. */
  readonly metadata?: Readonly<Record<string, unknown>>;
}

/** What the rules reference says of a rule besides its one-line description. */
export interface RuleDocs {
  /** Why it matters: who gets in, or what fails. */
  readonly why: string;
  /** How to fix it. */
  readonly fix: string;
  /** A role the rule reports. */
  readonly insecure?: RuleExample;
  /** The same role, fixed: the rule is quiet on it. */
  readonly secure?: RuleExample;
  /** For a finding a pattern raises from its props: the TypeScript that draws it, and the fix. */
  readonly code?: { readonly insecure: string; readonly secure: string };
}

/** A check over one role. One rule per file in `rules/`. */
export interface Rule {
  /** The rule's name; its id is `cdk-iam-role-patterns:<name>`. */
  readonly name: string;
  /** Error (fails synthesis) or warning (acknowledgeable). */
  readonly severity: Severity;
  /** One sentence on what the rule protects against, for documentation and reports. */
  readonly description: string;
  /** Why it matters, how to fix it, and an example of each: the rules reference (docs/rules.md) is made from it. */
  readonly docs: RuleDocs;
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
