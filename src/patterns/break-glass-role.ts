import {
  Duration, Stack, Tags, Token, aws_events as events, aws_events_targets as targets, aws_iam as iam, aws_kms as kms,
  aws_sns as sns, aws_sns_subscriptions as subscriptions,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
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
  /** The topic alerts go to, unless alerting is off. */
  public readonly alertTopic?: sns.ITopic;

  /** The EventBridge rule that matches this role's AssumeRole events, unless alerting is off. */
  public readonly alertRule?: events.Rule;

  /**
   * @param scope the scope of the role
   * @param id the id of the role
   * @param props who may break the glass, what it grants, and where alerts go
   */
  constructor(scope: Construct, id: string, props: BreakGlassRoleProps) {
    super(scope, id, breakGlassRoleProps(scope, id, props), props.checkLimits);
    this._requireOfEveryTrustStatement(
      onlyPrincipals('AWS', () => true, 'trusts only IAM principals of the trusted accounts'),
      requiresMfaInvariant('requires MFA in every statement'),
      pinsWrittenValues('aws:PrincipalArn', literalValues(props.trustedPrincipalArns),
        'names the trusted principals (aws:PrincipalArn) in every statement, as given in trustedPrincipalArns'));
    if (props.requireSourceIdentity !== false) {
      this._requireOfEveryTrustStatement(testsKey('sts:SourceIdentity', 'requires the caller\'s source identity in every statement'));
    }
    this.warnIfSessionOverOneHour('BreakGlassSessionOverOneHour', props.maxSessionDuration);
    Tags.of(this).add(props.tagKey ?? 'break-glass', 'true', { includeResourceTypes: ['AWS::IAM::Role'] });
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
    if (props.alerting === false) {
      this.warnAtSynth('BreakGlassAlertingOff', { reason: props.alertingDisabledReason ?? '' });
      return;
    }
    this.alertTopic = props.alertTopic ?? encryptedTopic(this);
    for (const email of props.alertEmails ?? []) this.alertTopic.addSubscription(new subscriptions.EmailSubscription(email));
    this.alertRule = assumeRoleAlert(this, this.alertTopic);
  }
}

function breakGlassRoleProps(scope: Construct, id: string, props: BreakGlassRoleProps): iam.RoleProps {
  const checked = checkPatternProps('BreakGlassRole', scope, id, props, BREAK_GLASS_SHAPES);
  props = checked.props;
  const errors = checked.errors;
  checkWho(scope, props, errors);
  checkElevation(props, errors);
  errors.throwIfAny();
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

/** An SNS topic encrypted with a KMS key of its own that EventBridge may use. */
function encryptedTopic(role: BreakGlassRole): sns.ITopic {
  const key = new kms.Key(role, 'AlertKey', { enableKeyRotation: true, description: `Encrypts the break-glass alerts of ${role.node.path}` });
  key.grant(new iam.ServicePrincipal('events.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
  // Grants on the key only for AWS services (Control Tower CT.KMS.PR.3).
  key.addToResourcePolicy(new iam.PolicyStatement({
    effect: iam.Effect.DENY,
    principals: [new iam.AnyPrincipal()],
    actions: ['kms:CreateGrant'],
    resources: ['*'],
    conditions: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
  }));
  return new sns.Topic(role, 'AlertTopic', { masterKey: key, enforceSSL: true, displayName: 'Break-glass role used' });
}

/** The EventBridge rule on CloudTrail AssumeRole events for the role, with a message that names who, when, where and as whom. */
function assumeRoleAlert(role: BreakGlassRole, topic: sns.ITopic): events.Rule {
  const rule = new events.Rule(role, 'AlertRule', {
    description: `Alerts on every AssumeRole of the break-glass role ${role.node.path}`,
    eventPattern: {
      source: ['aws.sts'],
      detailType: ['AWS API Call via CloudTrail'],
      detail: { eventSource: ['sts.amazonaws.com'], eventName: ['AssumeRole'], requestParameters: { roleArn: [role.roleArn] } },
    },
  });
  // AssumeRole is a read-only management event: a rule receives it only in this state.
  (rule.node.defaultChild as events.CfnRule).state = 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS';
  const field = (path: string) => events.EventField.fromPath(path);
  rule.addTarget(new targets.SnsTopic(topic, {
    message: events.RuleTargetInput.fromText(`Break-glass role ${field('$.detail.requestParameters.roleArn')} was assumed by `
      + `${field('$.detail.userIdentity.arn')} at ${events.EventField.time} from ${field('$.detail.sourceIPAddress')} in ${events.EventField.region}, `
      + `source identity ${field('$.detail.requestParameters.sourceIdentity')}, session ${field('$.detail.requestParameters.roleSessionName')}.`),
  }));
  return rule;
}
