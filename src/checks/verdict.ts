import { Acknowledgements } from './acknowledgement-ids';
import { cdkConstructStatementSummary, subjectKeyOf } from './cdk-construct-roles';
import { CdkHelperMatch, cdkHelperOf } from './cdk-helper-roles';
import { checkModeledRole, EngineOptions, Finding, RoleChecker, roleChecker } from './engine';
import { Limits } from './limits';
import { readPatternRecord } from './pattern-terms';
import { RULE_ID_PREFIX, Severity } from './rule';
import { Summary } from './summary';
import { awsServiceRolePolicyAt, onlyAwsServices } from './trust-reach';
import { PATTERN_INVARIANT, PATTERN_RECORD_NOT_KEPT, patternWarningMessage } from './verdict-rules';
import { ModeledRole } from '../role-model/model';
import { PATTERN_RECORD_KEY, PatternRecord } from '../role-model/pattern-record';

export type { Summary } from './summary';

/**
 * The one verdict every door gives: a pattern's self-check, RoleChecks, the CLI and the example's report all
 * hand each role of the role model to `Verdict.judge`, which applies, in this one place, the pattern record
 * (read against the library's own table, never trusted blindly), the rules a pattern may relax, the
 * pattern's own warnings, the limits, `disabledRules`, acknowledgements, `warningsAsErrors` and the summary
 * of aws-cdk-lib's helper roles. An acknowledgement, from wherever it comes, only ever silences a warning.
 */

/** How a run judges roles; every field is optional. */
export interface VerdictOptions {
  /** Limits to check against; missing ones take IAM's defaults. A trusted pattern record may name its own. */
  readonly limits?: Partial<Limits>;
  /** Rules to skip, by name (`WildcardResource`) or id (`cdk-iam-role-patterns:WildcardResource`): the patterns' own warnings too. */
  readonly disabledRules?: readonly string[];
  /** Whether warnings fail like errors (acknowledged ones still do not). */
  readonly warningsAsErrors?: boolean;
  /** Whether aws-cdk-lib's helper roles are reported like any other role instead of summarized. */
  readonly checkCdkHelperRoles?: boolean;
}

/** What a door knows of one role besides the role model. */
export interface RoleFacts {
  /** The 12-digit account the role is deployed in, when the door knows it (else the template's, if any). */
  readonly deployingAccount?: string;
  /** The role's construct path, from the construct tree or the template's `aws:cdk:path` metadata. */
  readonly constructPath?: string;
  /** Warnings acknowledged in the app, rule id to reason (`Validations.of(scope).acknowledge` and CDK's other forms). */
  readonly acknowledged?: Acknowledgements;
  /** The pattern record, when the door holds it before the template is written (the self-check). */
  readonly record?: PatternRecord;
  /** Findings only the door can make (a pattern's promises of its own props), judged with the rest. */
  readonly findings?: readonly Finding[];
}

/** What became of a finding. */
export type Outcome = 'reported' | 'acknowledged' | 'summarized';

/** A finding with the verdict on it. */
export interface JudgedFinding extends Finding {
  /** Reported, acknowledged with a reason, or summarized (what aws-cdk-lib or AWS wrote, with the reason). */
  readonly outcome: Outcome;
  /** Why it is summarized, when it is. */
  readonly summary?: Summary;
  /** Whether it fails the check: an error, or a warning reported under `warningsAsErrors`. */
  readonly fails: boolean;
  /** The acknowledgement's reason, when acknowledged. */
  readonly reason?: string;
}

/** The verdict on one role. */
export interface RoleVerdict {
  readonly findings: readonly JudgedFinding[];
  /** The aws-cdk-lib helper the role is, when its warnings were summarized. */
  readonly helper?: CdkHelperMatch;
}

const NO_ACKNOWLEDGEMENTS: Acknowledgements = new Map();

/** Judges roles with one set of options; the rules' checkers are prepared once per account, relaxation and limits. */
export class Verdict {
  private readonly checkers = new Map<string, RoleChecker>();
  private readonly disabled: ReadonlySet<string>;

  constructor(private readonly options: VerdictOptions = {}) {
    this.disabled = new Set(options.disabledRules ?? []);
  }

  /** The verdict on one role of the role model. */
  public judge(modeled: ModeledRole, facts: RoleFacts = {}): RoleVerdict {
    const claimed = facts.record ?? modeled.record;
    const reading = claimed ? readPatternRecord(modeled, claimed) : undefined;
    const record = reading?.trusted ? reading.record : undefined;
    const checker = this.checkerFor(facts.deployingAccount ?? modeled.template.deployingAccount, reading?.trusted ? reading.relaxes : NONE, record);
    const findings = checkModeledRole(checker, modeled);
    for (const warning of record?.warnings ?? NONE) {
      const message = patternWarningMessage(warning.rule, warning.data ?? {});
      findings.push({ ruleId: `${RULE_ID_PREFIX}:${warning.rule}`, severity: 'warning', resource: modeled.path, message });
    }
    for (const finding of facts.findings ?? NONE) findings.push({ ...finding, resource: modeled.path });
    if (claimed && reading && !reading.trusted) addRecordNotKept(findings, modeled, claimed, reading.why);
    const helper = this.options.checkCdkHelperRoles || facts.constructPath === undefined ? undefined : cdkHelperOf(facts.constructPath, modeled);
    const acknowledged = facts.acknowledged ?? NO_ACKNOWLEDGEMENTS;
    const awsWrote = serviceRolePolicySummary(modeled);
    const cdkWrote = this.options.checkCdkHelperRoles ? undefined : cdkConstructStatementSummary(facts.constructPath, modeled);
    const judged: JudgedFinding[] = [];
    for (const finding of findings) {
      if (this.isDisabled(finding.ruleId)) continue;
      const reason = acknowledged.get(finding.ruleId) ?? record?.acknowledged?.[finding.ruleId];
      const written = awsWrote?.(finding)
        ?? (finding.severity === 'warning' && reason === undefined && cdkWrote ? cdkWrote(subjectKeyOf(finding.subject?.file, finding.subject?.path) ?? '') : undefined);
      if (written) {
        judged.push({ ...finding, outcome: 'summarized', fails: false, summary: written });
        continue;
      }
      judged.push(this.judgeFinding(finding, reason, helper));
    }
    return { findings: judged, helper: helper && judged.some((finding) => finding.summary?.kind === helper.kind) ? helper : undefined };
  }

  private judgeFinding(finding: Finding, reason: string | undefined, helper: CdkHelperMatch | undefined): JudgedFinding {
    if (finding.severity === 'error') {
      // an acknowledgement of an error does nothing; say so, so nobody believes it took effect
      const message = reason === undefined ? finding.message : `${finding.message} (This error was acknowledged ("${reason}"), but errors `
        + 'cannot be acknowledged: only a change to the role clears it.)';
      return { ...finding, message, outcome: 'reported', fails: true };
    }
    if (reason !== undefined) return { ...finding, outcome: 'acknowledged', fails: false, reason };
    if (helper) return { ...finding, outcome: 'summarized', fails: false, summary: helper };
    return { ...finding, outcome: 'reported', fails: this.options.warningsAsErrors === true };
  }

  private isDisabled(id: string): boolean {
    return this.disabled.size > 0 && (this.disabled.has(id) || this.disabled.has(id.slice(RULE_ID_PREFIX.length + 1)));
  }

  /** The checker for an account, the rules a trusted record relaxes, and the limits it names (few distinct ones per run). */
  private checkerFor(account: string | undefined, relaxes: readonly string[], record: PatternRecord | undefined): RoleChecker {
    const limits = record?.limits;
    const key = relaxes.length === 0 && limits === undefined ? `${account}` : `${account}|${relaxes.join(',')}|${JSON.stringify(limits ?? {})}`;
    let checker = this.checkers.get(key);
    if (!checker) {
      const severityOverrides: Record<string, Severity> = {};
      for (const rule of relaxes) severityOverrides[rule] = 'warning';
      const options: EngineOptions = {
        limits: { ...this.options.limits, ...limits },
        deployingAccount: account,
        disabledRules: this.options.disabledRules,
        severityOverrides,
      };
      this.checkers.set(key, checker = roleChecker(options));
    }
    return checker;
  }
}

const NONE: readonly never[] = [];

/**
 * Whether an AWS managed service-role policy was written for one of the services that assume the role: its name
 * names the service (`AWSBackupServiceRolePolicyForBackup` for `backup.amazonaws.com`, `AWSCodeDeployRoleForECS` for
 * `codedeploy.amazonaws.com`). Another service's policy on the role is the app's choice, and judged like any other.
 */
function writtenFor(policy: string, services: readonly string[]): boolean {
  const name = policy.slice(policy.lastIndexOf('/') + 1).toLowerCase();
  return services.some((service) => {
    const label = service.split('.')[0].toLowerCase().replace(/-tasks$/, '');
    return label.length > 1 && name.includes(label.replace(/-/g, ''));
  });
}

/**
 * For a role that only AWS services can assume (in every variant): the summary of a finding on a statement of an
 * AWS managed service-role policy, which AWS wrote for that service; undefined for any other role.
 */
function serviceRolePolicySummary(modeled: ModeledRole): ((finding: Finding) => Summary | undefined) | undefined {
  let services: readonly string[] | undefined;
  for (const variant of modeled.variants) {
    services = onlyAwsServices(variant.role);
    if (!services) return undefined;
  }
  const role = modeled.variants[0].role;
  return (finding) => {
    const policy = finding.subject?.file === undefined ? awsServiceRolePolicyAt(role, finding.subject?.path) : undefined;
    return policy === undefined || !writtenFor(policy, services!) ? undefined : {
      kind: `AWS managed policy ${policy}`,
      reason: `AWS wrote ${policy} for ${services!.join(', ')}, the only principal that can assume the role, which uses it as AWS designed it`,
    };
  };
}
const PATTERN_INVARIANT_ID = `${RULE_ID_PREFIX}:${PATTERN_INVARIANT.name}`;
const PATTERN_RECORD_NOT_KEPT_ID = `${RULE_ID_PREFIX}:${PATTERN_RECORD_NOT_KEPT.name}`;

/**
 * Adds the finding that a role's record counts for nothing, unless the pattern's own broken promise already says
 * more (one finding per problem); it sits at the record in the role's `Metadata`.
 */
function addRecordNotKept(findings: Finding[], modeled: ModeledRole, claimed: PatternRecord, why: string): void {
  if (findings.some((finding) => finding.ruleId === PATTERN_INVARIANT_ID)) return;
  const subject = { path: [...modeled.variants[0]?.role.path ?? ['Resources', modeled.logicalId], 'Metadata', PATTERN_RECORD_KEY] };
  findings.push({ ruleId: PATTERN_RECORD_NOT_KEPT_ID, severity: 'error', resource: modeled.path, message: recordNotKept(claimed, why), subject });
}

function recordNotKept(record: PatternRecord, why: string): string {
  return `the role's Metadata holds a cdk-iam-role-patterns record that says ${record.pattern} made it, but ${why}; the record counts for nothing `
    + '(none of its acknowledgements, warnings or limits apply), and the role is judged like any other. Make the role with the pattern and '
    + 'undo the escape hatch that changed its trust, or remove the record.';
}
