import { App, CfnElement, CfnParameter, Duration, Stack, Validations, aws_iam as iam, aws_sns as sns } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { BreakGlassRole, BreakGlassRoleProps } from '../../src';

const ACCOUNT = '111122223333';
const SERVICEDESK = `arn:aws:iam::${ACCOUNT}:user/servicedesk/*`;
const ec2Recovery = () => ({
  Ec2Recovery: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['ec2:StopInstances', 'ec2:TerminateInstances', 'ec2:RunInstances'], resources: [`arn:aws:ec2:*:${ACCOUNT}:instance/*`] })] }),
});
const base = (): BreakGlassRoleProps => ({ trustedPrincipalArns: [SERVICEDESK], inlinePolicies: ec2Recovery() });

function build(props: Partial<BreakGlassRoleProps> = {}): { stack: Stack; role: BreakGlassRole } {
  const stack = new Stack(new App(), 'Stack', { env: { account: ACCOUNT, region: 'eu-west-1' } });
  const role = new BreakGlassRole(stack, 'BreakGlass', { ...base(), ...props });
  return { stack, role };
}

const roleOf = (stack: Stack) => Object.values(Template.fromStack(stack).findResources('AWS::IAM::Role'))[0].Properties;

describe('BreakGlassRole defaults', () => {
  test('matches the snapshot', () => {
    expect(Template.fromStack(build({ alertEmails: ['oncall@example.com'] }).stack).toJSON()).toMatchSnapshot();
  });

  test('trusts the service desk by path, with MFA (at most an hour old) and their user name as source identity', () => {
    const { stack } = build();
    expect(roleOf(stack).AssumeRolePolicyDocument.Statement).toEqual([{
      Effect: 'Allow',
      Action: ['sts:AssumeRole', 'sts:SetSourceIdentity'],
      Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::${ACCOUNT}:root`]] } },
      Condition: {
        ArnLike: { 'aws:PrincipalArn': [SERVICEDESK] },
        Bool: { 'aws:MultiFactorAuthPresent': 'true' },
        NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' },
        StringEquals: { 'sts:SourceIdentity': '${aws:username}' },
      },
    }]);
    expect(roleOf(stack).MaxSessionDuration).toBe(3600);
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });

  test('is tagged break-glass: true (and only the role is)', () => {
    const { stack } = build();
    expect(roleOf(stack).Tags).toEqual([{ Key: 'break-glass', Value: 'true' }]);
    expect(Template.fromStack(build({ tagKey: 'security:break-glass' }).stack).findResources('AWS::SNS::Topic')).not.toHaveProperty('Tags');
    expect(roleOf(build({ tagKey: 'security:break-glass' }).stack).Tags).toEqual([{ Key: 'security:break-glass', Value: 'true' }]);
  });

  test('alerts on every AssumeRole through an EventBridge rule that receives read-only management events', () => {
    const { stack } = build({ alertEmails: ['oncall@example.com', 'secops@example.com'] });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Events::Rule', {
      State: 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS',
      EventPattern: {
        'source': ['aws.sts'],
        'detail-type': ['AWS API Call via CloudTrail'],
        'detail': { eventSource: ['sts.amazonaws.com'], eventName: ['AssumeRole'], requestParameters: { roleArn: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^BreakGlass'), 'Arn'] }] } },
      },
      Targets: [{
        Arn: { Ref: Match.stringLikeRegexp('^BreakGlassAlertTopic') },
        InputTransformer: Match.objectLike({
          InputPathsMap: Match.objectLike({
            'detail-userIdentity-arn': '$.detail.userIdentity.arn',
            'detail-sourceIPAddress': '$.detail.sourceIPAddress',
            'detail-requestParameters-sourceIdentity': '$.detail.requestParameters.sourceIdentity',
            'time': '$.time',
          }),
          InputTemplate: Match.stringLikeRegexp('was assumed by <detail-userIdentity-arn> at <time> from <detail-sourceIPAddress>.*source identity <detail-requestParameters-sourceIdentity>'),
        }),
      }],
    });
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^BreakGlassAlertKey'), 'Arn'] } });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    template.resourceCountIs('AWS::SNS::Subscription', 2);
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'oncall@example.com' });
  });

  test('publishes to a given topic instead of creating one', () => {
    const stack = new Stack(new App(), 'Stack', { env: { account: ACCOUNT, region: 'eu-west-1' } });
    const alertTopic = sns.Topic.fromTopicArn(stack, 'Topic', `arn:aws:sns:eu-west-1:${ACCOUNT}:security-alerts`);
    const role = new BreakGlassRole(stack, 'BreakGlass', { ...base(), alertTopic });
    expect(role.alertTopic).toBe(alertTopic);
    Template.fromStack(stack).resourceCountIs('AWS::SNS::Topic', 0);
    Template.fromStack(stack).hasResourceProperties('AWS::Events::Rule', { Targets: [Match.objectLike({ Arn: `arn:aws:sns:eu-west-1:${ACCOUNT}:security-alerts` })] });
  });
});

describe('BreakGlassRole options', () => {
  test('expiresAt reseals the glass with DateLessThan aws:CurrentTime', () => {
    const { stack } = build({ expiresAt: new Date('2099-01-31T00:00:00Z') });
    expect(roleOf(stack).AssumeRolePolicyDocument.Statement[0].Condition.DateLessThan).toEqual({ 'aws:CurrentTime': '2099-01-31T00:00:00.000Z' });
  });

  test('named principals are ArnEquals; mfaMaxAge sets the MFA age', () => {
    const { stack } = build({ trustedPrincipalArns: [`arn:aws:iam::${ACCOUNT}:user/alice`], mfaMaxAge: Duration.minutes(15) });
    const condition = roleOf(stack).AssumeRolePolicyDocument.Statement[0].Condition;
    expect(condition.ArnEquals).toEqual({ 'aws:PrincipalArn': [`arn:aws:iam::${ACCOUNT}:user/alice`] });
    expect(condition.NumericLessThan).toEqual({ 'aws:MultiFactorAuthAge': '900' });
  });

  test('requireSourceIdentity: false drops the source identity and warns', () => {
    const { stack } = build({ requireSourceIdentity: false });
    const statement = roleOf(stack).AssumeRolePolicyDocument.Statement[0];
    expect(statement.Action).toBe('sts:AssumeRole');
    expect(statement.Condition.StringEquals).toBeUndefined();
    Annotations.fromStack(stack).hasWarning('/Stack/BreakGlass', Match.stringLikeRegexp('requireSourceIdentity is off.*BreakGlassWithoutSourceIdentity'));
  });

  test('full administrator access is a warning here, never silent, and can be acknowledged with a reason', () => {
    const admin = { managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')], inlinePolicies: undefined };
    const { stack } = build(admin);
    Annotations.fromStack(stack).hasWarning('/Stack/BreakGlass', Match.stringLikeRegexp('AdministratorAccess.*FullAdministratorAccess'));
    const acknowledged = build(admin);
    Validations.of(acknowledged.role).acknowledge({ id: 'cdk-iam-role-patterns:FullAdministratorAccess', reason: 'the incident runbook needs any action' });
    Annotations.fromStack(acknowledged.stack).hasNoWarning('*', Match.anyValue());
  });

  test('a session over one hour warns; alerting off needs a reason and warns', () => {
    Annotations.fromStack(build({ maxSessionDuration: Duration.hours(2) }).stack)
      .hasWarning('/Stack/BreakGlass', Match.stringLikeRegexp('maximum session is 2 hours.*BreakGlassSessionOverOneHour'));
    const { stack, role } = build({ alerting: false, alertingDisabledReason: 'alerted from the security account' });
    expect(role.alertRule).toBeUndefined();
    Template.fromStack(stack).resourceCountIs('AWS::Events::Rule', 0);
    Annotations.fromStack(stack).hasWarning('/Stack/BreakGlass', Match.stringLikeRegexp('alerting is off \\(alerted from the security account\\).*BreakGlassAlertingOff'));
  });
});

describe('BreakGlassRole in an env-agnostic stack', () => {
  const agnostic = (props: Partial<BreakGlassRoleProps>) => {
    const stack = new Stack(new App(), 'Stack');
    new BreakGlassRole(stack, 'BreakGlass', { ...base(), ...props });
    return Annotations.fromStack(stack);
  };

  test('says that the principals\' account could not be compared with the stack\'s', () => {
    agnostic({}).hasWarning('/Stack/BreakGlass', Match.stringLikeRegexp(`account ${ACCOUNT} is the one this role is deployed to could not be checked.*BreakGlassAccountNotChecked`));
  });

  test('is quiet when the principals are in the stack\'s own account by token, or other accounts are allowed; and with an account', () => {
    const stack = new Stack(new App(), 'Stack');
    new BreakGlassRole(stack, 'BreakGlass', { ...base(), trustedPrincipalArns: [stack.formatArn({ service: 'iam', region: '', resource: 'user', resourceName: 'servicedesk/*' })] });
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('BreakGlassAccountNotChecked'));
    agnostic({ allowOtherAccounts: true }).hasNoWarning('*', Match.stringLikeRegexp('BreakGlassAccountNotChecked'));
    Annotations.fromStack(build().stack).hasNoWarning('*', Match.stringLikeRegexp('BreakGlassAccountNotChecked'));
  });
});

describe('BreakGlassRole errors', () => {
  test.each<[string, Partial<BreakGlassRoleProps>, RegExp]>([
    ['nobody trusted', { trustedPrincipalArns: [] }, /trustedPrincipalArns: \[\] is not valid; name the users or roles that may break the glass/],
    ['"*"', { trustedPrincipalArns: ['*'] }, /trustedPrincipalArns: "\*" is not valid; .*"\*" would be everyone/],
    ['an IAM group', { trustedPrincipalArns: [`arn:aws:iam::${ACCOUNT}:group/servicedesk`] },
      /an IAM group cannot be a principal; trust its members by path instead, such as "arn:aws:iam::111122223333:user\/servicedesk\/\*"/],
    ['a malformed ARN', { trustedPrincipalArns: ['alice'] }, /a principal ARN names an IAM user or role/],
    ['every user of the account', { trustedPrincipalArns: [`arn:aws:iam::${ACCOUNT}:user/*`] },
      /that is every user of account 111122223333, .*narrow it by path, such as "arn:aws:iam::111122223333:user\/servicedesk\/\*"/],
    ['every role of the account', { trustedPrincipalArns: [`arn:aws:iam::${ACCOUNT}:role/*`] }, /that is every role of account 111122223333/],
    ['another account', { trustedPrincipalArns: ['arn:aws:iam::444455556666:user/alice'] }, /it is in account 444455556666, not the stack's account 111122223333; set allowOtherAccounts/],
    ['no elevated permissions', { inlinePolicies: undefined }, /managedPolicies, inlinePolicies: give the elevated permissions explicitly/],
    ['a session over 4 hours', { maxSessionDuration: Duration.hours(5) }, /maxSessionDuration: "5 hours" is not valid; a break-glass session lasts at most Duration.hours\(4\)/],
    ['an MFA age over 12 hours', { mfaMaxAge: Duration.hours(13) }, /mfaMaxAge: "13 hours" is not valid/],
    ['alerting off without a reason', { alerting: false }, /alertingDisabledReason: undefined is not valid; alerting: false needs the reason/],
    ['a bad email', { alertEmails: ['oncall'] }, /alertEmails: "oncall" is not valid; an email address/],
    ['an invalid date', { expiresAt: new Date('not a date') }, /expiresAt: "Invalid Date" is not valid/],
    ['a date that has passed', { expiresAt: new Date('2020-01-31T00:00:00Z') },
      /expiresAt: "2020-01-31T00:00:00.000Z" is not valid; that date has passed, so the trust \(DateLessThan aws:CurrentTime\) would let no one in, ever/],
    ['an MFA age in milliseconds', { mfaMaxAge: Duration.millis(1500) }, /mfaMaxAge: "1 second 500 millis" is not valid; the MFA age limit is whole seconds/],
    ['an empty tag key', { tagKey: '' }, /tagKey: "" is not valid; a tag key is 1 to 128 letters/],
    ['a tag key AWS reserves', { tagKey: 'aws:break-glass' }, /tagKey: "aws:break-glass" is not valid; .*not starting with "aws:"/],
    ['a role session', { trustedPrincipalArns: [`arn:aws:sts::${ACCOUNT}:assumed-role/Ops/alice`] }, /that is a role session; aws:PrincipalArn holds the role's ARN/],
    ['another partition', { trustedPrincipalArns: [`arn:aws-us-gov:iam::${ACCOUNT}:user/alice`] }, /it is in partition aws-us-gov, but the role is in aws/],
  ])('rejects %s, naming the prop and the accepted form', (_name, props, message) => {
    expect(() => build(props)).toThrow(message);
  });

  test('principal ARNs as a list token: the stack\'s account (or, with allowOtherAccounts, any), narrowed by aws:PrincipalArn', () => {
    const stack = new Stack(new App(), 'Stack', { env: { account: ACCOUNT, region: 'eu-west-1' } });
    const arns = new CfnParameter(stack, 'Arns', { type: 'CommaDelimitedList' }).valueAsList;
    new BreakGlassRole(stack, 'Own', { trustedPrincipalArns: arns, inlinePolicies: ec2Recovery() });
    new BreakGlassRole(stack, 'Any', { trustedPrincipalArns: arns, inlinePolicies: ec2Recovery(), allowOtherAccounts: true });
    const [own, any] = ['Own', 'Any'].map((id) => Template.fromStack(stack).toJSON().Resources[stack.getLogicalId(stack.node.findChild(id).node.defaultChild as CfnElement)]
      .Properties.AssumeRolePolicyDocument.Statement[0]);
    expect(own.Principal.AWS).toEqual({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::${ACCOUNT}:root`]] });
    expect(any.Principal.AWS).toEqual('*');
    for (const statement of [own, any]) {
      expect(statement.Condition.ArnLike).toEqual({ 'aws:PrincipalArn': { Ref: 'Arns' } });
      expect(statement.Condition.Bool).toEqual({ 'aws:MultiFactorAuthPresent': 'true' });
    }
  });

  test('allowOtherAccounts admits another account', () => {
    expect(() => build({ trustedPrincipalArns: ['arn:aws:iam::444455556666:user/alice'], allowOtherAccounts: true })).not.toThrow();
  });
});
