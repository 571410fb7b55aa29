import { Duration, PhysicalName, Stack, Token, aws_events as events, aws_iam as iam, aws_sns as sns, aws_sns_subscriptions as subscriptions } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { IAM_EVENTS_REGION } from './break-glass/alert-events';
import { checkAlertRegions, partitionOf, regionsOfPartition } from './break-glass/alert-regions';
import { AlertPlan, makeAlerts } from './break-glass/alert-rules';
import { AlertTopic } from './break-glass/alert-topic';
import { AlertTrail } from './break-glass/alert-trail';
import { checkPrincipalArnsCanMatch, isEveryUserOrRole, principalArnParts } from './principal-arns';
import { accountRoots, accountsOf, principalArnOperator, PrincipalSet, TrustConditions } from './principal-set';
import { PropErrors } from './prop-errors';
import { required, Shapes, shapesOf } from './prop-shapes';
import { RolePattern } from './role-pattern';
import { RolePatternProps } from './role-pattern-props';
import { checkPatternProps, ONE_HOUR, ROLE_PATTERN_SHAPES, rolePropsFrom } from './role-pattern-validation';
import { TAG_KEY } from './session-tags';
import { isListToken, literalValues } from './unresolved';
import { onlyPrincipals, pinsWrittenValues, requiresMfaInvariant, testsKey } from '../checks/trust-invariants';

/** Properties of a BreakGlassRole. Give the elevated permissions in `managedPolicies` or `inlinePolicies`. */
export interface BreakGlassRoleProps extends RolePatternProps {
  /**
   * The IAM users or roles that may break the glass, such as `arn:aws:iam::111122223333:user/alice`, or a
   * path wildcard such as `arn:aws:iam::111122223333:user/servicedesk/*` for everyone on the service desk
   * (IAM groups cannot be principals). Enforced with `aws:PrincipalArn` on their account.
   */
  readonly trustedPrincipalArns: string[];

  /**
   * Whether principals of other accounts than the stack's may be trusted.
   * @default false
   */
  readonly allowOtherAccounts?: boolean;

  /**
   * How long ago the caller may have signed in with MFA (`NumericLessThan aws:MultiFactorAuthAge`). MFA
   * itself is always required.
   * @default Duration.hours(1)
   */
  readonly mfaMaxAge?: Duration;

  /**
   * Whether callers must set their source identity to their IAM user name (`sts:SourceIdentity` =
   * `${aws:username}`), so CloudTrail names the human through any role chain. Federated humans and roles
   * have no `aws:username`; turn this off for them (it warns).
   * @default true
   */
  readonly requireSourceIdentity?: boolean;

  /**
   * When the glass reseals itself: `DateLessThan aws:CurrentTime` in the trust policy.
   * @default - no end date
   */
  readonly expiresAt?: Date;

  /**
   * The tag that marks the role for SCPs and tooling (value `true`). Keep "break-glass" at its end so the
   * role checks recognise it.
   * @default 'break-glass'
   */
  readonly tagKey?: string;

  /**
   * Whether every use raises an alert: an EventBridge rule on the role's CloudTrail `AssumeRole` events,
   * published to an SNS topic.
   * @default true
   */
  readonly alerting?: boolean;

  /**
   * Why alerting is off. Required with `alerting: false`, which also warns.
   * @default - none
   */
  readonly alertingDisabledReason?: string;

  /**
   * The topic alerts go to.
   * @default - a topic encrypted with a KMS key of its own, created in the role's scope
   */
  readonly alertTopic?: sns.ITopic;

  /**
   * Email addresses subscribed to the alert topic.
   * @default - none
   */
  readonly alertEmails?: string[];

  /**
   * The regions where an assumption of the role, or a console sign-in as it, must raise an alert. STS records an
   * `AssumeRole` in the region whose endpoint served it, so a use through another region's endpoint raises no alert
   * in this one. For each region other than the stack's, a stack in that region (added to the app beside this one)
   * forwards the role's events to this region's default event bus. The stack's own region is always alerted.
   * `BreakGlassRole.allRegions('aws')` names every region of a partition. Needs a stack with an account and a region.
   * @default - the stack's region only
   */
  readonly alertRegions?: string[];

  /**
   * Whether an IAM call that changes the role (its trust, policies, boundary, settings or tags, or its deletion)
   * raises an alert that says who changed what. IAM delivers those events to EventBridge in us-east-1 only: when
   * the stack is in another region of the `aws` partition, a stack in us-east-1 forwards them here.
   * @default true
   */
  readonly alertOnChanges?: boolean;

  /**
   * The CloudTrail trail that logs the management events the alerts match (EventBridge receives them only while a
   * trail logs them). Without it, the role warns (`BreakGlassTrailAssumed`): acknowledge the warning with where the
   * organization's trail lives.
   * @default - a trail is assumed, with a warning
   */
  readonly trail?: AlertTrail;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** The longest MFA age the library accepts: 12 hours, the longest role session; an older sign-in says little about who is at the keyboard. */
const MAX_MFA_AGE_SECONDS = 43200;
const MAX_SESSION_SECONDS = 4 * 3600;

const BREAK_GLASS_SHAPES = shapesOf<BreakGlassRoleProps>({
  ...ROLE_PATTERN_SHAPES,
  trustedPrincipalArns: required(Shapes.stringList),
  allowOtherAccounts: Shapes.boolean,
  mfaMaxAge: Shapes.duration,
  requireSourceIdentity: Shapes.boolean,
  expiresAt: Shapes.date,
  tagKey: Shapes.string,
  alerting: Shapes.boolean,
  alertingDisabledReason: Shapes.string,
  alertTopic: Shapes.topic,
  alertEmails: Shapes.stringList,
  alertRegions: Shapes.stringList,
  alertOnChanges: Shapes.boolean,
  trail: { test: (value: unknown) => value instanceof AlertTrail, accepted: 'an AlertTrail, such as AlertTrail.of(trail)' },
});

/**
 * An elevation role for an otherwise read-only team: assumed rarely, deliberately, with MFA, for a short
 * time, and every use alerts. The trust requires MFA (there is no prop that turns it off), the caller's
 * source identity by default, and optionally an end date; the role is tagged `break-glass: true`; an
 * EventBridge rule publishes each `AssumeRole` to an SNS topic.
 *
 * @example
 * declare const ec2RecoveryPolicy: iam.PolicyDocument;
 * new BreakGlassRole(this, 'ServiceDeskBreakGlass', {
 *   trustedPrincipalArns: ['arn:aws:iam::111122223333:user/servicedesk/*'],
 *   inlinePolicies: { Ec2Recovery: ec2RecoveryPolicy },
 *   alertEmails: ['oncall@example.com'],
 * });
 */
export class BreakGlassRole extends RolePattern {
  /**
   * Every region of a partition that aws-cdk-lib's region facts know, for `alertRegions`.
   * @param partition the partition, such as `aws`, `aws-cn` or `aws-us-gov`
   */
  public static allRegions(partition: string): string[] {
    return regionsOfPartition(partition);
  }

  /** The topic alerts go to, unless alerting is off. */
  public readonly alertTopic?: sns.ITopic;

  /** The EventBridge rule that matches this role's AssumeRole events, unless alerting is off. */
  public readonly alertRule?: events.Rule;

  /** The EventBridge rule that matches console sessions as this role (switch role, federated sign-in), unless alerting is off. */
  public readonly consoleAlertRule?: events.Rule;

  /** The EventBridge rule that matches IAM calls that change this role, unless alerting or `alertOnChanges` is off. */
  public readonly changeAlertRule?: events.Rule;

  /** The regions whose assumptions and console sign-ins alert: the stack's region (when known) and `alertRegions`. */
  public readonly alertedRegions: string[];

  /**
   * Where changes to the role alert: `here` (the stack is in us-east-1, or its region is not known at synth, or is of
   * another partition than `aws`, when the rule alerts only if IAM's events arrive where it is deployed), `forwarded`
   * (from us-east-1), or `off`.
   */
  public readonly changeAlerts: string;

  /**
   * @param scope the scope of the role
   * @param id the id of the role
   * @param props who may break the glass, what it grants, and where alerts go
   */
  constructor(scope: Construct, id: string, props: BreakGlassRoleProps) {
    const planned: { plan?: AlertPlan } = {};
    super(scope, id, breakGlassRoleProps(scope, id, props, planned), props.checkLimits);
    this._requireOfEveryTrustStatement(
      onlyPrincipals('AWS', () => true, 'trusts only IAM principals of the trusted accounts'),
      requiresMfaInvariant('requires MFA in every statement'),
      pinsWrittenValues('aws:PrincipalArn', literalValues(props.trustedPrincipalArns),
        'names the trusted principals (aws:PrincipalArn) in every statement, as given in trustedPrincipalArns'));
    if (props.requireSourceIdentity !== false) {
      this._requireOfEveryTrustStatement(testsKey('sts:SourceIdentity', 'requires the caller\'s source identity in every statement'));
    }
    this.warnIfSessionOverOneHour('BreakGlassSessionOverOneHour', props.maxSessionDuration);
    tagAsBreakGlass(this, props.tagKey ?? 'break-glass');
    const unchecked = accountsNotCheckable(scope, props);
    if (unchecked.length > 0) {
      // A CloudFormation Rules assertion on AWS::AccountId would refuse the deployment elsewhere, but CloudFormation's
      // documentation describes Rules as validating parameter values and does not say a rule may test a pseudo
      // parameter; until it does, the library says what it could not check instead of guarding with it.
      this.warnAtSynth('BreakGlassAccountNotChecked', { accounts: unchecked.join(', ') });
    }
    if (props.requireSourceIdentity === false) {
      this.warnAtSynth('BreakGlassWithoutSourceIdentity');
    }
    const plan = planned.plan!;
    const home = Stack.of(scope).region;
    this.alertedRegions = props.alerting === false ? [] : [...Token.isUnresolved(home) ? [] : [home], ...plan.forwardedRegions];
    this.changeAlerts = props.alerting === false ? 'off' : plan.changes;
    if (props.alerting === false) {
      this.warnAtSynth('BreakGlassAlertingOff', { reason: props.alertingDisabledReason ?? '' });
      return;
    }
    if (props.trail === undefined) this.warnAtSynth('BreakGlassTrailAssumed');
    const made = props.alertTopic ? undefined : new AlertTopic(this, this.node.path);
    this.alertTopic = props.alertTopic ?? made!.topic;
    for (const email of props.alertEmails ?? []) this.alertTopic.addSubscription(new subscriptions.EmailSubscription(email));
    const alerts = makeAlerts(this, this.alertTopic, plan);
    made?.allowRules(alerts.publishingRuleArns);
    this.alertRule = alerts.assumeRule;
    this.consoleAlertRule = alerts.consoleRule;
    this.changeAlertRule = alerts.changeRule;
  }
}

/**
 * The role's `break-glass: true` tag, set on its CfnRole (only the role carries it) at a priority above the
 * default of `Tags.of(scope).add` (100), so an app-wide tag of the same key does not undo it: SCPs and the checks
 * find the role by it. Set directly rather than through a `Tags` aspect, which CDK would visit for every role.
 */
function tagAsBreakGlass(role: BreakGlassRole, key: string): void {
  const resource = role.node.defaultChild;
  if (resource instanceof iam.CfnRole) resource.tags.setTag(key, 'true', BREAK_GLASS_TAG_PRIORITY);
}

/** Above the default priority of `Tags.of(scope).add` (100). */
const BREAK_GLASS_TAG_PRIORITY = 101;

/**
 * Where the alerts come from: the other alert regions (forwarded), and changes from the stack's own region when it is
 * us-east-1 or not known at synth, else forwarded from us-east-1 in the `aws` partition (elsewhere, where IAM delivers
 * its events is not claimed: changes alert only if the stack is deployed where they arrive).
 */
function alertPlan(scope: Construct, props: BreakGlassRoleProps): AlertPlan {
  const stack = Stack.of(scope);
  const home = stack.region;
  const known = !Token.isUnresolved(home) && !Token.isUnresolved(stack.account);
  const forwardedRegions = known ? [...new Set(props.alertRegions ?? [])].filter((region) => region !== home).sort() : [];
  if (props.alerting === false || props.alertOnChanges === false) return { forwardedRegions, changes: 'off' };
  const forwardChanges = known && home !== IAM_EVENTS_REGION && partitionOf(home) === 'aws';
  return { forwardedRegions, changes: forwardChanges ? 'forwarded' : 'here' };
}

/** Whether the role is referenced from a stack in another region: its name must then be known at synth. */
function forwardsAlerts(plan: AlertPlan): boolean {
  return plan.forwardedRegions.length > 0 || plan.changes === 'forwarded';
}

/** The role's props, from the checked props; the alert plan, made once from them, is handed back in `planned` for the role's body. */
function breakGlassRoleProps(scope: Construct, id: string, props: BreakGlassRoleProps, planned: { plan?: AlertPlan }): iam.RoleProps {
  const checked = checkPatternProps('BreakGlassRole', scope, id, props, BREAK_GLASS_SHAPES);
  props = checked.props;
  const errors = checked.errors;
  checkWho(scope, props, errors);
  checkElevation(props, errors);
  if (props.alerting !== false) checkAlertRegions(props.alertRegions, Stack.of(scope), errors);
  errors.throwIfAny();
  planned.plan = alertPlan(scope, props);
  // other regions' stacks name the role: CDK generates its name at synth when they reference it
  if (props.roleName === undefined && forwardsAlerts(planned.plan)) props = { ...props, roleName: PhysicalName.GENERATE_IF_NEEDED };
  return rolePropsFrom(props, trustedHumans(scope, props),
    `Break-glass role (cdk-iam-role-patterns BreakGlassRole): MFA, ${props.trustedPrincipalArns.length} trusted principal(s), alerted.`);
}

function checkWho(scope: Construct, props: BreakGlassRoleProps, errors: PropErrors): void {
  if (props.trustedPrincipalArns.length === 0) {
    errors.add('trustedPrincipalArns', [], 'name the users or roles that may break the glass, such as "arn:aws:iam::111122223333:user/servicedesk/*"');
  }
  errors.refuseMixedListToken('trustedPrincipalArns', props.trustedPrincipalArns);
  checkPrincipalArnsCanMatch(scope, 'trustedPrincipalArns', props.trustedPrincipalArns, errors);
  const ownAccount = Stack.of(scope).account;
  for (const arn of literalValues(props.trustedPrincipalArns)) {
    const parts = principalArnParts(arn);
    if (arn === '*') {
      errors.add('trustedPrincipalArns', arn, 'name the users or roles that may break the glass; "*" would be everyone');
    } else if (parts?.type === 'group') {
      errors.add('trustedPrincipalArns', arn, `an IAM group cannot be a principal; trust its members by path instead, such as "arn:aws:iam::${parts.account}:user/servicedesk/*"`);
    } else if (!parts) {
      errors.add('trustedPrincipalArns', arn, 'a principal ARN names an IAM user or role, such as "arn:aws:iam::111122223333:user/alice"');
    } else if (parts.type === 'assumed-role') {
      continue; // a session never matches aws:PrincipalArn: checkPrincipalArnsCanMatch says so
    } else if (isEveryUserOrRole(arn)) {
      errors.add('trustedPrincipalArns', arn, `that is every ${parts.type} of account ${parts.account}, so anyone who can sign in there could break the glass; `
        + `narrow it by path, such as "arn:aws:iam::${parts.account}:${parts.type}/servicedesk/*"`);
    } else if (!props.allowOtherAccounts && !Token.isUnresolved(ownAccount) && parts.account !== ownAccount) {
      errors.add('trustedPrincipalArns', arn, `it is in account ${parts.account}, not the stack's account ${ownAccount}; set allowOtherAccounts: true if that is intended`);
    }
  }
  if (props.tagKey !== undefined) {
    errors.checkPattern('tagKey', props.tagKey, TAG_KEY, 'a tag key is 1 to 128 letters, digits, spaces and _.:/=+-@, not starting with "aws:", such as "break-glass"');
  }
  errors.refuseListTokenElements('alertEmails', props.alertEmails, 'each address becomes a subscription CDK creates at synth; give the addresses');
  for (const email of props.alertEmails ?? []) errors.checkPattern('alertEmails', email, EMAIL, 'an email address, such as "oncall@example.com"');
}

/** The literal accounts of the trusted principals, when the stack's account is not known at synth (and other accounts are not allowed). */
function accountsNotCheckable(scope: Construct, props: BreakGlassRoleProps): string[] {
  if (props.allowOtherAccounts || !Token.isUnresolved(Stack.of(scope).account)) return [];
  const accounts = new Set<string>();
  for (const arn of literalValues(props.trustedPrincipalArns)) {
    const parts = principalArnParts(arn);
    if (parts) accounts.add(parts.account);
  }
  return [...accounts];
}

function checkElevation(props: BreakGlassRoleProps, errors: PropErrors): void {
  if (!props.managedPolicies?.length && Object.keys(props.inlinePolicies ?? {}).length === 0) {
    errors.addConflict('managedPolicies, inlinePolicies: give the elevated permissions explicitly in at least one of them');
  }
  const maxSession = props.maxSessionDuration?.toSeconds({ integral: false });
  if (maxSession !== undefined && !Token.isUnresolved(maxSession) && maxSession > MAX_SESSION_SECONDS) {
    errors.add('maxSessionDuration', props.maxSessionDuration!.toHumanString(), 'a break-glass session lasts at most Duration.hours(4); 1 hour is the default');
  }
  const mfaAge = props.mfaMaxAge?.toSeconds({ integral: false });
  if (mfaAge !== undefined && !Token.isUnresolved(mfaAge) && (!Number.isInteger(mfaAge) || mfaAge <= 0 || mfaAge > MAX_MFA_AGE_SECONDS)) {
    errors.add('mfaMaxAge', props.mfaMaxAge!.toHumanString(), 'the MFA age limit is whole seconds, more than 0 and at most Duration.hours(12), such as Duration.minutes(15)');
  }
  if (props.expiresAt !== undefined && Number.isNaN(props.expiresAt.getTime())) {
    errors.add('expiresAt', String(props.expiresAt), 'a valid date, such as new Date(\'2030-01-31T00:00:00Z\')');
  } else if (props.expiresAt !== undefined && props.expiresAt.getTime() <= Date.now()) {
    errors.add('expiresAt', props.expiresAt.toISOString(), 'that date has passed, so the trust (DateLessThan aws:CurrentTime) would let no one in, ever; '
      + 'give a date in the future, or leave expiresAt out');
  }
  if (props.alerting === false && (props.alertRegions?.length || props.alertOnChanges !== undefined || props.trail !== undefined)) {
    errors.addConflict('alerting: false, alertRegions, alertOnChanges, trail: these shape the alerts; with alerting off, leave them out');
  }
  if (props.alerting === false && !props.alertingDisabledReason?.trim()) {
    errors.add('alertingDisabledReason', props.alertingDisabledReason, 'alerting: false needs the reason, such as "alerted from the organization\'s security account"');
  }
}

/**
 * The trusted principals' accounts, narrowed to the principals by ARN, with MFA, source identity and expiry.
 * When the ARNs are a list token (known at deployment), the principal is the stack's own account, or every
 * account with `allowOtherAccounts`, narrowed by the same `aws:PrincipalArn` condition.
 */
function trustedHumans(scope: Construct, props: BreakGlassRoleProps): iam.IPrincipal {
  const arns = props.trustedPrincipalArns;
  const principals = !isListToken(arns) ? accountRoots(accountsOf(arns)) : props.allowOtherAccounts ? ['*'] : accountRoots([Stack.of(scope).account]);
  const sourceIdentity = props.requireSourceIdentity ?? true;
  const conditions: TrustConditions = {
    [principalArnOperator(arns)]: { 'aws:PrincipalArn': arns },
    Bool: { 'aws:MultiFactorAuthPresent': 'true' },
    NumericLessThan: { 'aws:MultiFactorAuthAge': String((props.mfaMaxAge ?? ONE_HOUR).toSeconds()) },
  };
  if (sourceIdentity) conditions.StringEquals = { 'sts:SourceIdentity': '${aws:username}' };
  if (props.expiresAt) conditions.DateLessThan = { 'aws:CurrentTime': props.expiresAt.toISOString() };
  return new PrincipalSet('AWS', principals, conditions, sourceIdentity ? ['sts:AssumeRole', 'sts:SetSourceIdentity'] : ['sts:AssumeRole']);
}
