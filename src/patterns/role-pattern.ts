import { CfnResource, Duration, Lazy, Token, aws_iam as iam } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { acknowledgedRules, recordAcknowledgement } from '../acknowledgements';
import { RoleCheckLimits } from './role-pattern-props';
import { modeledPatternRole, recordSelfReported, registerPatternRole, reportFindings, selfCheckFindings } from './role-self-check';
import { TrustInvariant } from '../checks/trust-invariants';
import { Finding } from '../checks/engine';
import { RULE_ID_PREFIX } from '../checks/rule';
import { PATTERN_RECORD_KEY, PatternRecord } from '../role-model/pattern-record';

/**
 * The base of every role pattern: an `iam.Role` that checks itself at synth.
 *
 * After every grant, `addToPolicy` and escape-hatch override is in, the role runs the role-check rules over
 * its own CloudFormation as the role model reads it: the role and every policy in its stack that reaches it. Errors fail synthesis
 * with the role's path; warnings can be acknowledged with `Validations.of(role).acknowledge({ id, reason })`.
 */
export abstract class RolePattern extends iam.Role {
  private readonly checkLimits?: RoleCheckLimits;
  private readonly relaxedRules = new Set<string>();
  private readonly patternWarnings: Finding[] = [];
  private readonly trustInvariants: TrustInvariant[] = [];

  /**
   * @param scope the scope of the role
   * @param id the id of the role
   * @param props the `iam.Role` props the pattern built
   * @param checkLimits limits for the self-check
   */
  protected constructor(scope: Construct, id: string, props: iam.RoleProps, checkLimits?: RoleCheckLimits) {
    super(scope, id, props);
    this.checkLimits = checkLimits;
    this.node.addValidation({ validate: () => this.checkSelf() });
    const role = this.node.defaultChild;
    if (CfnResource.isCfnResource(role)) {
      registerPatternRole(role);
      role.addMetadata(PATTERN_RECORD_KEY, Lazy.any({ produce: () => this.patternRecord() }));
    }
  }

  /**
   * What RoleChecks and the CLI need to give this pattern's verdict: the pattern, the rules it relaxes, the
   * warnings acknowledged on it (made at synth, after every acknowledgement is in).
   */
  private patternRecord(): PatternRecord {
    const acknowledged: Record<string, string> = {};
    for (const [id, reason] of [...acknowledgedRules(this)].sort(([a], [b]) => a.localeCompare(b))) {
      if (id.startsWith(`${RULE_ID_PREFIX}:`)) acknowledged[id] = reason;
    }
    return {
      pattern: this.constructor.name,
      ...(this.relaxedRules.size > 0 ? { relaxedRules: [...this.relaxedRules].sort() } : {}),
      ...(Object.keys(acknowledged).length > 0 ? { acknowledged } : {}),
    };
  }

  /**
   * Reports a rule's errors on this role as warnings, for a pattern whose purpose needs what the rule
   * forbids elsewhere (full administrator access on a break-glass role). The warning must still be
   * acknowledged with a reason.
   * @param ruleName the rule's name, e.g. `FullAdministratorAccess`
   */
  protected relaxRuleToWarning(ruleName: string): void {
    this.relaxedRules.add(ruleName);
  }

  /**
   * Adds a warning of the pattern's own, reported at synth like the rules' warnings and acknowledgeable the same way.
   * @param ruleName a name for the warning; its id is `cdk-iam-role-patterns:<ruleName>`
   * @param message what is questionable, why, and what to do instead
   */
  protected warnAtSynth(ruleName: string, message: string): void {
    this.patternWarnings.push({ ruleId: `${RULE_ID_PREFIX}:${ruleName}`, severity: 'warning', resource: '', message });
  }

  /**
   * Warns at synth when the maximum session is over one hour.
   * @param ruleName the warning's name; its id is `cdk-iam-role-patterns:<ruleName>`
   * @param why why one hour is the sensible limit for this pattern
   * @param duration the maximum session the user asked for
   */
  protected warnIfSessionOverOneHour(ruleName: string, why: string, duration?: Duration): void {
    if (duration === undefined || Token.isUnresolved(duration.toSeconds({ integral: false }))) return;
    if (duration.toSeconds({ integral: false }) <= 3600) return;
    this.warnAtSynth(ruleName, `the maximum session is ${duration.toHumanString()}, more than 1 hour; ${why}. `
      + 'Use Duration.hours(1), or acknowledge this warning with the reason.');
  }

  /**
   * Declares what every `Allow` statement of the role's trust policy must keep, whatever is added or overridden
   * later; checked at synth on the final template, as an error that no acknowledgement silences. Internal: the
   * invariants are the library's own, not an extension point.
   * @param invariants the promises, such as `onlyPrincipals('Service', ...)`
   * @internal
   */
  protected _requireOfEveryTrustStatement(...invariants: TrustInvariant[]): void {
    this.trustInvariants.push(...invariants);
  }

  /**
   * Records, inside the construct, that a finding of another validator (cdk-nag, cfn-guard) is expected and why.
   * @param id the validator's finding id, e.g. `AwsSolutions-IAM5[Resource::...]`
   * @param reason why the finding does not apply
   */
  protected acknowledgeForValidators(id: string, reason: string): void {
    recordAcknowledgement(this, id, reason);
  }

  private checkSelf(): string[] {
    const role = this.node.defaultChild;
    if (!CfnResource.isCfnResource(role)) return []; // a precreated role (customizeRoles): nothing is synthesized
    const findings = selfCheckFindings({ scope: this, role, limits: this.checkLimits, relaxedRules: this.relaxedRules });
    const all = [...this.brokenInvariants(role), ...findings, ...this.patternWarnings];
    recordSelfReported(role, all);
    return reportFindings(this, role, all);
  }

  /** The trust statements, as the stack's role model reads them, that break a promise of the pattern. */
  private brokenInvariants(role: CfnResource): Finding[] {
    const modeled = this.trustInvariants.length === 0 ? undefined : modeledPatternRole(role);
    if (!modeled) return [];
    const pattern = this.constructor.name;
    const broken: Finding[] = [];
    for (const variant of modeled.variants) {
      for (const statement of variant.role.trustAllowStatements) {
        for (const invariant of this.trustInvariants) {
          const why = invariant.broken(statement);
          if (why === undefined) continue;
          const message = `${pattern} promises that its trust ${invariant.promise}, but ${statement.location} breaks it: ${why}. An escape hatch `
            + '(assumeRolePolicy.addStatements, addOverride or addPropertyOverride on the trust policy) most likely changed it; undo that, '
            + 'or use iam.Role for a different trust.';
          if (!broken.some((known) => known.message === message)) broken.push({ ruleId: `${RULE_ID_PREFIX}:PatternInvariant`, severity: 'error', resource: '', message });
        }
      }
    }
    return broken;
  }
}
