import { DEFAULT_LIMITS, Limits } from './limits';
import { Rule, ruleId, Severity } from './rule';
import { ALL_RULES } from './rules';
import { mergeVariantFindings } from './variant-findings';
import { ModeledRole, RoleModel } from '../role-model/model';
import { Subject } from '../role-model/policy-document';
import { RoleUnderCheck } from '../role-model/role-under-check';
import { CfnTemplate } from '../role-model/template';

/** How to run the rules. Every field is optional; the defaults are IAM's own limits and every rule on. */
export interface EngineOptions {
  /** Limits to check against; missing ones take IAM's defaults. */
  readonly limits?: Partial<Limits>;
  /** The 12-digit account the roles are deployed in, when known. */
  readonly deployingAccount?: string;
  /** Rules to skip, by name (`WildcardResource`) or id (`cdk-iam-role-patterns:WildcardResource`). */
  readonly disabledRules?: readonly string[];
  /** A different severity for some rules, by name or id, e.g. a construct that allows admin as a warning. */
  readonly severityOverrides?: Readonly<Record<string, Severity>>;
  /** The rules to run. @default ALL_RULES */
  readonly rules?: readonly Rule[];
}

/** One problem found in one role. */
export interface Finding {
  /** `cdk-iam-role-patterns:<RuleName>`: the id to acknowledge a warning with. */
  readonly ruleId: string;
  /** Error (fails synthesis) or warning (acknowledgeable). */
  readonly severity: Severity;
  /** The role's logical id in its template. */
  readonly resource: string;
  /** What is wrong, why it matters, and how to fix it. */
  readonly message: string;
  /** The statement or property the finding is about, by its path in the template; the role's resource when absent. */
  readonly subject?: Subject;
  /** The conditions under which it holds, in words, when it does not hold under every combination (also in the message). */
  readonly when?: string;
}

/** A rule as the options enable it: its id and the severity it reports with. */
interface EnabledRule {
  readonly rule: Rule;
  readonly id: string;
  readonly severity: Severity;
}

/**
 * Prepares the options once (limits, enabled rules and their severities) and returns a function that
 * checks one role with them: checking thousands of roles repeats none of this work.
 */
export function roleChecker(options: EngineOptions = {}): (role: RoleUnderCheck) => Finding[] {
  const limits: Limits = { ...DEFAULT_LIMITS, ...definedOnly(options.limits) };
  const enabled = enabledRules(options);
  return (role) => {
    const input = { role, limits, deployingAccount: options.deployingAccount };
    const findings: Finding[] = [];
    let current: EnabledRule; // the rule running: one report function per role, not one per rule
    const report = (message: string, subject?: Subject) => findings.push({
      ruleId: current.id, severity: current.severity, resource: role.logicalId, message, ...(subject ? { subject } : {}),
    });
    for (current of enabled) {
      try {
        current.rule.check(input, report);
      } catch (error) {
        // a rule that throws is a defect of the rule: it says so on the role, never crashes the check nor stays silent
        report(ruleFailed(current.rule, error));
      }
    }
    return findings;
  };
}

/** What a finding says when its rule threw instead of judging the role. */
function ruleFailed(rule: Rule, error: unknown): string {
  const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return `the rule ${rule.name} could not check this role (${reason}), so the role was not judged on what the rule protects against: `
    + `${rule.description} This is a defect of cdk-iam-role-patterns; please report it with the role's template.`;
}

/** Every rule with its id and default severity; what most checks run (each role pattern checks itself with it). */
const ALL_ENABLED: readonly EnabledRule[] = ALL_RULES.map(enabledWithDefaults);

/**
 * The rules the options enable, each with the severity it reports with. Built from the prepared list in one
 * loop: each role pattern's self-check calls this once per role, some with a severity override.
 */
function enabledRules(options: EngineOptions): readonly EnabledRule[] {
  const overrides = options.severityOverrides ?? {};
  const disabled = options.disabledRules ?? [];
  const rules = options.rules === undefined ? ALL_ENABLED : options.rules.map(enabledWithDefaults);
  if (disabled.length === 0 && Object.keys(overrides).length === 0) return rules;
  const enabled: EnabledRule[] = [];
  for (const entry of rules) {
    const { rule, id } = entry;
    if (disabled.includes(rule.name) || disabled.includes(id)) continue;
    const severity = overrides[rule.name] ?? overrides[id] ?? entry.severity;
    enabled.push(severity === entry.severity ? entry : { rule, id, severity });
  }
  return enabled;
}

function enabledWithDefaults(rule: Rule): EnabledRule {
  return { rule, id: ruleId(rule), severity: rule.severity };
}

/** Checks one role with prepared options. */
export type RoleChecker = (role: RoleUnderCheck) => Finding[];

/** Runs every enabled rule over one role. */
export function checkRole(role: RoleUnderCheck, options: EngineOptions = {}): Finding[] {
  return roleChecker(options)(role);
}

/**
 * Checks a role of the role model: every variant (one per combination of the conditions its `Fn::If`s
 * test), each finding once, with the conditions under which it holds when it does not hold always. The
 * finding's resource is the role's path (its logical id, behind the nested stacks that deploy it).
 */
export function checkModeledRole(check: (role: RoleUnderCheck) => Finding[], modeled: ModeledRole): Finding[] {
  const findings = modeled.variants.length === 1
    ? check(modeled.variants[0].role)
    : mergeVariantFindings(modeled.variants, modeled.variants.map((variant) => check(variant.role)));
  if (modeled.path === modeled.logicalId) return findings;
  return findings.map((finding) => ({ ...finding, resource: modeled.path }));
}

/** Runs every enabled rule over every role in a template, as the role model reads them. */
export function checkTemplate(template: CfnTemplate, options: EngineOptions = {}): Finding[] {
  const check = roleChecker(options);
  const findings: Finding[] = [];
  for (const modeled of new RoleModel([{ file: 'template', template, deployingAccount: options.deployingAccount }]).roles()) {
    findings.push(...checkModeledRole(check, modeled));
  }
  return findings;
}

function definedOnly(limits: Partial<Limits> | undefined): Partial<Limits> {
  const result: Record<string, number> = {};
  for (const [key, value] of Object.entries(limits ?? {})) {
    if (value !== undefined) result[key] = value;
  }
  return result as Partial<Limits>;
}
