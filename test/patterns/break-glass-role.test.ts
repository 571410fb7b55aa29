import { App, Aws, CfnElement, CfnParameter, Duration, Stack, Tags, Validations, aws_cloudtrail as cloudtrail, aws_iam as iam, aws_sns as sns } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AlertTrail, BreakGlassRole, BreakGlassRoleProps } from '../../src';

const ACCOUNT = '111122223333';
const SERVICEDESK = `arn:aws:iam::${ACCOUNT}:user/servicedesk/*`;
const ec2Recovery = () => ({
  Ec2Recovery: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['ec2:StopInstances', 'ec2:TerminateInstances', 'ec2:RunInstances'], resources: [`arn:aws:ec2:*:${ACCOUNT}:instance/*`] })] }),
});
const ORG_TRAIL = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/organization-trail`;
const base = (): BreakGlassRoleProps => ({ trustedPrincipalArns: [SERVICEDESK], inlinePolicies: ec2Recovery() });

/** A break-glass role in eu-west-1, with the organization's trail named (so its alerts depend on nothing unnamed). */
function build(props: Partial<BreakGlassRoleProps> = {}): { stack: Stack; role: BreakGlassRole } {
  const stack = new Stack(new App(), 'Stack', { env: { account: ACCOUNT, region: 'eu-west-1' } });
  const trail = props.alerting === false ? undefined : AlertTrail.fromTrailRef(cloudtrail.CfnTrail.fromTrailArn(stack, 'OrgTrail', ORG_TRAIL));
  const role = new BreakGlassRole(stack, 'BreakGlass', { ...base(), trail, ...props });
  return { stack, role };
}

const roleOf = (stack: Stack) => Object.values(Template.fromStack(stack).findResources('AWS::IAM::Role'))[0].Properties;

describe('BreakGlassRole defaults', () => {
  test('matches the snapshot', () => {
    expect(Template.fromStack(build({ alertEmails: ['oncall@example.com'] }).stack).toJSON()).toMatchSnapshot();
  });

  test('homed in eu-west-1 and alerted in three more regions: the forwarding stacks, the us-east-1 change rule, the topic and key policies', () => {
    const app = new App();
    const stack = new Stack(app, 'Ops', { env: { account: ACCOUNT, region: 'eu-west-1' } });
    const trail = AlertTrail.fromTrailRef(cloudtrail.CfnTrail.fromTrailArn(stack, 'OrgTrail', ORG_TRAIL));
    new BreakGlassRole(stack, 'BreakGlass', { ...base(), trail, alertEmails: ['oncall@example.com'], alertRegions: ['us-east-1', 'eu-central-1', 'ap-southeast-2'] });
    const stacks = app.node.children.filter(Stack.isStack);
    expect(stacks.map((child) => `${child.stackName} ${child.region}`)).toEqual([
      'Ops eu-west-1',
      'Ops-break-glass-alerts-ap-southeast-2 ap-southeast-2',
      'Ops-break-glass-alerts-eu-central-1 eu-central-1',
      'Ops-break-glass-alerts-us-east-1 us-east-1',
    ]);
    for (const child of stacks) expect(Template.fromStack(child).toJSON()).toMatchSnapshot(child.stackName);
  });

  test('the topic and the key let EventBridge in only for this role\'s rules (aws:SourceArn)', () => {
    const template = Template.fromStack(build().stack);
    const ruleArn = (suffix: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:events:eu-west-1:${ACCOUNT}:rule/${'Stack-BreakGlass-D1004B99'}-${suffix}`]] });
    const topicStatements = Object.values<any>(template.findResources('AWS::SNS::TopicPolicy'))[0].Properties.PolicyDocument.Statement
      .filter((statement: any) => statement.Principal?.Service === 'events.amazonaws.com');
    expect(topicStatements.map((statement: any) => statement.Condition)).toEqual(['assume', 'console', 'change'].map((suffix) => ({ ArnEquals: { 'aws:SourceArn': ruleArn(suffix) } })));
    const keyStatements = Object.values<any>(template.findResources('AWS::KMS::Key'))[0].Properties.KeyPolicy.Statement
      .filter((statement: any) => statement.Principal?.Service === 'events.amazonaws.com');
    expect(keyStatements).toHaveLength(1);
    expect(keyStatements[0].Condition).toEqual({ ArnEquals: { 'aws:SourceArn': ['assume', 'console', 'change'].map(ruleArn) } });
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

  test('an app-wide tag of the same key does not undo the break-glass tag; other app-wide tags still apply', () => {
    const { stack } = build();
    Tags.of(stack.node.root).add('break-glass', 'false');
    Tags.of(stack.node.root).add('team', 'platform');
    expect(roleOf(stack).Tags).toEqual([{ Key: 'break-glass', Value: 'true' }, { Key: 'team', Value: 'platform' }]);
  });

  test('alerts on every AssumeRole through an EventBridge rule that receives read-only management events', () => {
    const { stack } = build({ alertEmails: ['oncall@example.com', 'secops@example.com'] });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Events::Rule', {
      State: 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS',
      EventPattern: {
        'source': ['aws.sts'],
        'detail-type': ['AWS API Call via CloudTrail'],
        'detail': {
          eventSource: ['sts.amazonaws.com'],
          eventName: ['AssumeRole'],
          requestParameters: { roleArn: [{ 'equals-ignore-case': { 'Fn::GetAtt': [Match.stringLikeRegexp('^BreakGlass'), 'Arn'] } }] },
        },
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

describe('BreakGlassRole alert regions, changes and trail', () => {
  test('allRegions names every region of a partition from aws-cdk-lib\'s region facts, and refuses an unknown partition', () => {
    expect(BreakGlassRole.allRegions('aws')).toEqual(expect.arrayContaining(['us-east-1', 'eu-west-1', 'ap-southeast-2']));
    expect(BreakGlassRole.allRegions('aws')).not.toContain('cn-north-1');
    expect(BreakGlassRole.allRegions('aws-cn')).toEqual(['cn-north-1', 'cn-northwest-1']);
    expect(() => BreakGlassRole.allRegions('aws-moon')).toThrow(/partition "aws-moon" has no region in aws-cdk-lib's region facts; the partitions are .*aws-cn/);
  });

  test('allRegions works as alertRegions: one forwarding stack per other region of the partition', () => {
    const app = new App();
    const stack = new Stack(app, 'Ops', { env: { account: ACCOUNT, region: 'eu-west-1' } });
    const role = new BreakGlassRole(stack, 'BreakGlass', { ...base(), alertRegions: BreakGlassRole.allRegions('aws') });
    expect(app.node.children.filter(Stack.isStack)).toHaveLength(BreakGlassRole.allRegions('aws').length);
    expect(role.alertedRegions).toHaveLength(BreakGlassRole.allRegions('aws').length);
  });

  test('in us-east-1, changes alert in the stack itself: no forwarding stack, the role keeps a name CloudFormation generates', () => {
    const app = new App();
    const stack = new Stack(app, 'Ops', { env: { account: ACCOUNT, region: 'us-east-1' } });
    const role = new BreakGlassRole(stack, 'BreakGlass', base());
    expect(app.node.children.filter(Stack.isStack)).toEqual([stack]);
    expect(role.changeAlerts).toBe('here');
    expect(roleOf(stack).RoleName).toBeUndefined();
    Template.fromStack(stack).hasResourceProperties('AWS::Events::Rule', { EventPattern: Match.objectLike({ source: ['aws.iam'] }), State: 'ENABLED' });
  });

  test('in an env-agnostic stack, nothing is forwarded, and changes alert only where the stack is deployed', () => {
    const app = new App();
    const stack = new Stack(app, 'Ops');
    const role = new BreakGlassRole(stack, 'BreakGlass', base());
    expect(app.node.children.filter(Stack.isStack)).toEqual([stack]);
    expect(role.alertedRegions).toEqual([]);
    expect(role.changeAlerts).toBe('here');
  });

  test('alertOnChanges: false makes no change rule and no us-east-1 stack', () => {
    const app = new App();
    const stack = new Stack(app, 'Ops', { env: { account: ACCOUNT, region: 'eu-west-1' } });
    const role = new BreakGlassRole(stack, 'BreakGlass', { ...base(), alertOnChanges: false });
    expect(app.node.children.filter(Stack.isStack)).toEqual([stack]);
    expect(role.changeAlertRule).toBeUndefined();
    expect(Template.fromStack(stack).findResources('AWS::Events::Rule', { Properties: { EventPattern: { source: ['aws.iam'] } } })).toEqual({});
  });

  test('two roles of one stack share its forwarding stacks', () => {
    const app = new App();
    const stack = new Stack(app, 'Ops', { env: { account: ACCOUNT, region: 'eu-west-1' } });
    new BreakGlassRole(stack, 'One', { ...base(), alertRegions: ['eu-central-1'] });
    new BreakGlassRole(stack, 'Two', { ...base(), alertRegions: ['eu-central-1'] });
    const stacks = app.node.children.filter(Stack.isStack);
    expect(stacks.map((child) => child.region)).toEqual(['eu-west-1', 'eu-central-1', 'us-east-1']);
    Template.fromStack(stacks[1]).resourceCountIs('AWS::Events::Rule', 4);
    Template.fromStack(stacks[1]).resourceCountIs('AWS::IAM::Role', 1);
  });

  test('BreakGlassTrailAssumed warns without a trail, and is quiet with one or when acknowledged', () => {
    const stack = new Stack(new App(), 'Ops', { env: { account: ACCOUNT, region: 'eu-west-1' } });
    new BreakGlassRole(stack, 'BreakGlass', base());
    Annotations.fromStack(stack).hasWarning('/Ops/BreakGlass', Match.stringLikeRegexp('no trail was given.*BreakGlassTrailAssumed'));
    Annotations.fromStack(build().stack).hasNoWarning('*', Match.anyValue());
    const ofApp = new Stack(new App(), 'Ops', { env: { account: ACCOUNT, region: 'eu-west-1' } });
    new BreakGlassRole(ofApp, 'BreakGlass', { ...base(), trail: AlertTrail.of(new cloudtrail.Trail(ofApp, 'Trail')) });
    Annotations.fromStack(ofApp).hasNoWarning('/Ops/BreakGlass', Match.anyValue());
    const acknowledged = new Stack(new App(), 'Ops', { env: { account: ACCOUNT, region: 'eu-west-1' } });
    const role = new BreakGlassRole(acknowledged, 'BreakGlass', base());
    Validations.of(role).acknowledge({ id: 'cdk-iam-role-patterns:BreakGlassTrailAssumed', reason: 'the organization trail lives in the management account' });
    Annotations.fromStack(acknowledged).hasNoWarning('*', Match.anyValue());
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
    ['an unknown alert region', { alertRegions: ['eu-west-9'] }, /alertRegions: "eu-west-9" is not valid; a region of aws-cdk-lib's region facts, such as "eu-central-1"/],
    ['an alert region of another partition', { alertRegions: ['cn-north-1'] }, /alertRegions: "cn-north-1" is not valid; a region of the stack's partition \(aws\)/],
    ['an alert region that is a token', { alertRegions: [Aws.REGION] }, /alertRegions: .* is not valid; each region names a stack made at synth; give the region's name/],
    ['alert regions with alerting off', { alerting: false, alertingDisabledReason: 'the org alerts', alertRegions: ['us-east-1'] },
      /alerting: false, alertRegions, alertOnChanges, trail: these shape the alerts; with alerting off, leave them out/],
  ])('rejects %s, naming the prop and the accepted form', (_name, props, message) => {
    expect(() => build(props)).toThrow(message);
  });

  test('rejects alertRegions in an env-agnostic stack, with the reason', () => {
    const stack = new Stack(new App(), 'Stack');
    expect(() => new BreakGlassRole(stack, 'BreakGlass', { ...base(), alertRegions: ['us-east-1'] }))
      .toThrow(/alertRegions: \["us-east-1"\] is not valid; the stack is env-agnostic, so it cannot forward: .*give the stack env: \{ account, region \}/);
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
