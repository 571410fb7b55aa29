import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { App, Duration, Stack, Token, Validations, aws_iam as iam } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { IdentityCenterPermissionSet, IdentityCenterPermissionSetProps } from '../../src';
import { check } from '../../src/cli/main';
import { synthWithValidators } from '../support/validators';

const INSTANCE = 'arn:aws:sso:::instance/ssoins-1234567890abcdef';
const GROUP = '906722f4-b0a1-70c4-4bd0-1f4b8e4c3f21';
const readOnly = () => [iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess')];
const admin = () => [iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')];

function build(props: Partial<IdentityCenterPermissionSetProps> = {}): { stack: Stack; set: IdentityCenterPermissionSet } {
  const stack = new Stack(new App(), 'Workforce', { env: { account: '111122223333', region: 'eu-west-1' } });
  const set = new IdentityCenterPermissionSet(stack, 'Analysts', { instanceArn: INSTANCE, name: 'Analysts', managedPolicies: readOnly(), ...props });
  return { stack, set };
}

/** The CLI's verdict on a stack's template, as the doors other than the construct give it. */
function cliVerdict(stack: Stack) {
  const template = Template.fromStack(stack).toJSON();
  return check([{ file: 'Workforce.template.json', template }], {}).findings.map((finding) => [finding.ruleId.split(':')[1], finding.severity]);
}

describe('IdentityCenterPermissionSet', () => {
  test('matches the snapshot: the permission set of an hour, and its assignment to a group in two accounts', () => {
    const { stack, set } = build({ assignments: [{ groupId: GROUP, accountIds: ['111122223333', '444455556666'] }] });
    expect(Template.fromStack(stack).toJSON()).toMatchSnapshot();
    Template.fromStack(stack).hasResourceProperties('AWS::SSO::PermissionSet', { SessionDuration: 'PT1H', ManagedPolicies: [Match.anyValue()] });
    Template.fromStack(stack).resourceCountIs('AWS::SSO::Assignment', 2);
    expect(set.whoGetsIt).toEqual([`group ${GROUP} in 111122223333`, `group ${GROUP} in 444455556666`]);
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
    expect(cliVerdict(stack)).toEqual([]);
  });

  test('administrator access with a reason is a warning in every door, the reason in its description; an acknowledgement silences it', () => {
    const { stack } = build({ managedPolicies: admin(), administratorAccessReason: 'the platform team\'s incident access' });
    Template.fromStack(stack).hasResourceProperties('AWS::SSO::PermissionSet', { Description: 'Administrator access: the platform team\'s incident access' });
    Annotations.fromStack(stack).hasWarning('/Workforce/Analysts', Match.stringLikeRegexp('AdministratorAccess.*FullAdministratorAccess'));
    expect(cliVerdict(stack)).toEqual([['FullAdministratorAccess', 'warning']]);
    const acknowledged = build({ managedPolicies: admin(), administratorAccessReason: 'the platform team\'s incident access' });
    Validations.of(acknowledged.set).acknowledge({ id: 'cdk-iam-role-patterns:FullAdministratorAccess', reason: 'reviewed by security' });
    Annotations.fromStack(acknowledged.stack).hasNoWarning('*', Match.anyValue());
  });

  test('a record without the reason in the description counts for nothing: administrator access stays an error', () => {
    const { stack, set } = build({ managedPolicies: admin(), administratorAccessReason: 'incidents' });
    set.permissionSet.addPropertyOverride('Description', 'Admins');
    expect(() => Template.fromStack(stack)).toThrow(/FullAdministratorAccess/);
  });

  test('every action on every resource in the inline policy is an error without the reason; iam:PassRole on every role is an error', () => {
    const everything = new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['*'], resources: ['*'] })] });
    expect(() => Template.fromStack(build({ managedPolicies: undefined, inlinePolicy: everything }).stack)).toThrow(/FullAdministratorAccess/);
    const passRole = new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: ['*'] })] });
    expect(() => Template.fromStack(build({ inlinePolicy: passRole }).stack)).toThrow(/PassRoleOnEveryResource/);
  });

  test.each<[string, Partial<IdentityCenterPermissionSetProps>, RegExp]>([
    ['AdministratorAccess without a reason', { managedPolicies: admin() }, /administratorAccessReason: undefined is not valid; AdministratorAccess needs the reason/],
    ['a malformed instance ARN', { instanceArn: 'ssoins-1' }, /instanceArn: "ssoins-1" is not valid; an IAM Identity Center instance ARN/],
    ['a name over 32 characters', { name: 'a'.repeat(33) }, /name: "a{33}" is not valid; a permission set name is 1 to 32/],
    ['a blank administrator access reason', { administratorAccessReason: ' ' }, /administratorAccessReason: " " is not valid; the reason the permission set grants/],
    ['a session known only at deployment', { sessionDuration: Duration.seconds(Token.asNumber({ Ref: 'Hours' })) }, /sessionDuration: .* is not valid; .*known at synth/],
    ['a session over 12 hours', { sessionDuration: Duration.hours(13) }, /sessionDuration: "13 hours" is not valid; whole minutes from Duration.hours\(1\) to Duration.hours\(12\)/],
    ['a customer managed policy in managedPolicies', { managedPolicies: [iam.ManagedPolicy.fromManagedPolicyName(new Stack(), 'P', 'analytics')] },
      /managedPolicies: .* is not valid; an AWS managed policy.*customerManagedPolicies/],
    ['an account id that is not one', { assignments: [{ groupId: GROUP, accountIds: ['1111'] }] }, /assignments.accountIds: "1111" is not valid; a 12-digit account id/],
    ['a misspelt prop from plain JavaScript', { managedPolicys: readOnly() } as never, /`managedPolicys` is not a prop of IdentityCenterPermissionSet; did you mean `managedPolicies`\?/],
  ])('rejects %s, naming the prop and the accepted form', (_name, props, message) => {
    expect(() => build(props)).toThrow(message);
  });

  test('cdk-nag (AwsSolutions) and cfn-guard (Control Tower rules) report nothing', () => {
    const violations = synthWithValidators((stack) => new IdentityCenterPermissionSet(stack, 'Analysts', {
      instanceArn: INSTANCE, name: 'Analysts', managedPolicies: readOnly(), assignments: [{ groupId: GROUP, accountIds: ['111122223333'] }],
    }), (app) => [new AwsSolutionsChecks(app), new CfnGuardValidator()]);
    expect(violations).toEqual([]);
  });
});
