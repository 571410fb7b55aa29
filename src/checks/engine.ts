import { DEFAULT_LIMITS, Limits, Rule, ruleId, Severity } from './rule';
import { ALL_RULES } from './rules';
import { mergeVariantFindings } from './variant-findings';
import { ModeledRole, RoleModel } from '../role-model/model';
import { PatternRecord } from '../role-model/pattern-record';
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
}

/**
 * The logical id of the attached policy a finding's message is about: the role model describes one as
 * `policy <id>`, `role policy <id>` or `managed policy <id>`, followed by the statement. Undefined for a finding
 * about the role's own trust or inline policies.
 */
export function policyNamedIn(message: string): string | undefined {
  return /\bpolicy ([A-Za-z0-9]+),/.exec(message)?.[1];
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
    const report = (message: string) => findings.push({ ruleId: current.id, severity: current.severity, resource: role.logicalId, message });
    for (current of enabled) current.rule.check(input, report);
    return findings;
  };
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

/**
 * The options for a role a pattern made: its relaxed rules report as warnings, as in the pattern's own check.
 * The same options object for every role without a record, so callers can cache checkers by it.
 */
export function optionsForRecord(options: EngineOptions, record: PatternRecord | undefined): EngineOptions {
  return relaxedOptions(options, record?.relaxedRules ?? NO_RULES);
}

const NO_RULES: readonly string[] = [];

/** The options with the named rules' errors reported as warnings (a pattern's relaxed rules); the options themselves for none. */
export function relaxedOptions(options: EngineOptions, relaxedRules: Iterable<string>): EngineOptions {
  let severityOverrides: Record<string, Severity> | undefined;
  for (const rule of relaxedRules) (severityOverrides ??= { ...options.severityOverrides })[rule] = 'warning';
  return severityOverrides ? { ...options, severityOverrides } : options;
}

/**
 * Checkers for the roles of a set of templates, made once per deploying account and pattern record's relaxed
 * rules: the CLI and RoleChecks check thousands of roles with a handful of option sets.
 */
export function checkersByAccountAndRecord(options: EngineOptions): (account: string | undefined, record?: PatternRecord) => RoleChecker {
  const checkers = new Map<string | undefined, (role: RoleUnderCheck) => Finding[]>();
  return (account, record) => {
    const relaxed = record?.relaxedRules;
    const key = relaxed?.length ? `${account}|${relaxed.join(',')}` : account; // no string made for most roles
    let checker = checkers.get(key);
    if (!checker) checkers.set(key, checker = roleChecker(optionsForRecord({ ...options, deployingAccount: account }, record)));
    return checker;
  };
}

/** The reason a warning was acknowledged in the role's pattern record; errors are never acknowledged. */
export function acknowledgedInRecord(finding: Finding, record: PatternRecord | undefined): string | undefined {
  return finding.severity === 'warning' ? record?.acknowledged?.[finding.ruleId] : undefined;
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
