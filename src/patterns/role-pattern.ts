import { CfnResource, Duration, Lazy, Stack, Token, aws_iam as iam } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { acknowledgementsOn, recordAcknowledgement } from '../acknowledgements';
import { modeledPatternRole, registerPatternRole, reportVerdict } from './role-self-check';
import { Acknowledgements } from '../checks/acknowledgement-ids';
import { Finding } from '../checks/engine';
import { RoleCheckLimits } from '../checks/limits';
import { isPatternName } from '../checks/pattern-terms';
import { RULE_ID_PREFIX, ruleId } from '../checks/rule';
import { ALL_RULES } from '../checks/rules';
import { TrustInvariant } from '../checks/trust-invariants';
import { Verdict } from '../checks/verdict';
import { PATTERN_INVARIANT, VERDICT_RULES } from '../checks/verdict-rules';
import { ModeledRole } from '../role-model/model';
import { PATTERN_RECORD_KEY, PatternRecord, RecordedWarning } from '../role-model/pattern-record';

/**
 * The base of every role pattern: an `iam.Role` that checks itself at synth.
 *
 * After every grant, `addToPolicy` and escape-hatch override is in, the role runs the role-check rules over
 * its own CloudFormation as the role model reads it: the role and every policy in its stack that reaches it. Errors fail synthesis
 * with the role's path; warnings can be acknowledged with `Validations.of(role).acknowledge({ id, reason })`.
 */
export abstract class RolePattern extends iam.Role {
  private readonly checkLimits?: RoleCheckLimits;
  private readonly patternWarnings: RecordedWarning[] = [];
  /**
   * The record made when the stack last rendered the role (the validation renders it first), with the
   * acknowledgements it read: the self-check of the same validation uses both instead of reading them again.
   */
  private recorded?: { readonly record?: PatternRecord; readonly acknowledgements: Acknowledgements };
  private readonly trustInvariants: TrustInvariant[] = [];
  /** The `CfnRole` the pattern made: checked, recorded and vouched for; another one in its place is not the pattern's. */
  private readonly madeResource?: CfnResource;

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
      this.madeResource = role;
      registerPatternRole(role);
      role.addMetadata(PATTERN_RECORD_KEY, Lazy.any({ produce: () => this.patternRecord() }));
    }
  }

  /**
   * What RoleChecks and the CLI need to give this pattern's verdict: the pattern, the warnings it raised of
   * itself, the warnings acknowledged on it, and the quotas its `checkLimits` named (made at synth, after every
   * acknowledgement is in). What the pattern may relax is the library's own table, never written here.
   */
  private patternRecord(): PatternRecord {
    const acknowledged: Record<string, string> = {};
    const acknowledgements = acknowledgementsOn(this);
    for (const id of EVERY_RULE_ID) {
      const reason = acknowledgements.get(id);
      if (reason !== undefined) acknowledged[id] = reason;
    }
    const limits = definedLimits(this.checkLimits);
    const record: PatternRecord = {
      pattern: patternNameOf(this),
      ...(Object.keys(acknowledged).length > 0 ? { acknowledged } : {}),
      ...(this.patternWarnings.length > 0 ? { warnings: [...this.patternWarnings] } : {}),
      ...(limits ? { limits } : {}),
    };
    this.recorded = { record, acknowledgements };
    return record;
  }

  /**
   * Adds a warning of the pattern's own, reported at synth like the rules' warnings and acknowledgeable the same way.
   * @param ruleName a name for the warning (its id is `cdk-iam-role-patterns:<ruleName>`, and the library's table makes its message)
   * @param data the values the message names (`{ duration: '2 hours' }`)
   */
  protected warnAtSynth(ruleName: string, data?: { [name: string]: string }): void {
    this.patternWarnings.push(data === undefined ? { rule: ruleName } : { rule: ruleName, data });
  }

  /**
   * Warns at synth when the maximum session is over one hour.
   * @param ruleName the warning's name (its id is `cdk-iam-role-patterns:<ruleName>`)
   * @param duration the maximum session the user asked for
   */
  protected warnIfSessionOverOneHour(ruleName: string, duration?: Duration): void {
    if (duration === undefined || Token.isUnresolved(duration.toSeconds({ integral: false }))) return;
    if (duration.toSeconds({ integral: false }) <= 3600) return;
    this.warnAtSynth(ruleName, { duration: duration.toHumanString() });
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
    if (this.madeResource && role !== this.madeResource) return [this.replacedResource(role)];
    if (!CfnResource.isCfnResource(role)) return []; // a precreated role (customizeRoles): nothing is synthesized
    const modeled = modeledPatternRole(role);
    if (!modeled) return [];
    const account = Stack.of(this).account;
    const verdict = SELF_CHECK.judge(modeled, {
      record: this.recorded?.record ?? this.patternRecord(),
      acknowledged: this.recorded?.acknowledgements ?? acknowledgementsOn(this),
      findings: this.brokenInvariants(modeled),
      deployingAccount: Token.isUnresolved(account) ? undefined : account,
    });
    return reportVerdict(this, role, verdict);
  }

  /**
   * The error for a role whose `CfnRole` was removed (`node.tryRemoveChild('Resource')`) or replaced by another:
   * the pattern checked, recorded and vouched for the one it made, so nothing it promises holds of the new one.
   */
  private replacedResource(now: IConstruct | undefined): string {
    const pattern = patternNameOf(this);
    const what = now ? `replaced by another construct (${now.constructor.name})` : 'removed';
    return `${pattern}'s CfnRole was ${what}, most likely with node.tryRemoveChild('Resource'); none of ${pattern}'s promises hold of what `
      + 'deploys in its place, and RoleChecks and the CLI check it as a plain role. Keep the pattern\'s resource, or use iam.Role for a '
      + `different role. [${RULE_ID_PREFIX}:${PATTERN_INVARIANT.name}]`;
  }

  /** The trust statements, as the stack's role model reads them, that break a promise of the pattern. */
  private brokenInvariants(modeled: ModeledRole): Finding[] {
    if (this.trustInvariants.length === 0) return [];
    const pattern = patternNameOf(this);
    const broken: Finding[] = [];
    for (const variant of modeled.variants) {
      for (const statement of variant.role.trustAllowStatements) {
        for (const invariant of this.trustInvariants) {
          const why = invariant.broken(statement);
          if (why === undefined) continue;
          const message = `${pattern} promises that its trust ${invariant.promise}, but ${statement.location} breaks it: ${why}. An escape hatch `
            + '(assumeRolePolicy.addStatements, addOverride or addPropertyOverride on the trust policy) most likely changed it; undo that, '
            + 'or use iam.Role for a different trust.';
          if (broken.some((known) => known.message === message)) continue;
          broken.push({ ruleId: `${RULE_ID_PREFIX}:${PATTERN_INVARIANT.name}`, severity: 'error', resource: '', message, subject: statement.subject });
        }
      }
    }
    return broken;
  }
}

/**
 * The verdict every pattern's own check gives, with no options of a door: one for all of them, so the rules'
 * checkers are prepared once per account, relaxation and limits, not once per role.
 */
const SELF_CHECK = new Verdict();

/** Every rule id a warning of a pattern role can carry, sorted: what the record's acknowledgements are looked up by. */
const EVERY_RULE_ID: readonly string[] = [...ALL_RULES, ...VERDICT_RULES].map(ruleId).sort();

/** The limits the user named, as whole numbers; undefined when none was named. */
function definedLimits(limits: RoleCheckLimits | undefined): Record<string, number> | undefined {
  let found: Record<string, number> | undefined;
  for (const [name, value] of Object.entries(limits ?? {})) {
    if (typeof value === 'number' && !Token.isUnresolved(value)) (found ??= {})[name] = value;
  }
  return found;
}

/** The library's pattern a role is: its class, or the nearest library class it extends (a user's subclass keeps its pattern's terms). */
function patternNameOf(role: RolePattern): string {
  for (let proto = Object.getPrototypeOf(role); proto && proto !== RolePattern.prototype; proto = Object.getPrototypeOf(proto)) {
    if (isPatternName(proto.constructor.name)) return proto.constructor.name;
  }
  return role.constructor.name;
}
