import { App, Aws, CfnParameter, Duration, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { CrossAccountRole, CrossAccountRoleProps } from '../../src';

const PARTNER = '444455556666';
const UUID = '8f14e45f-ceea-467f-a0e6-e1d2c3b4a596';
const root = (account: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::${account}:root`]] });

function build(props: CrossAccountRoleProps, stackProps = {}): Stack {
  const stack = new Stack(new App(), 'Stack', stackProps);
  new CrossAccountRole(stack, 'Role', props);
  return stack;
}

function trustOf(stack: Stack): any[] {
  const roles = Template.fromStack(stack).findResources('AWS::IAM::Role');
  return Object.values(roles)[0].Properties.AssumeRolePolicyDocument.Statement;
}

const MODES: [string, CrossAccountRoleProps][] = [
  ['accounts', { trustedAccounts: [PARTNER, '777788889999'] }],
  ['principal ARNs', { trustedPrincipalArns: [`arn:aws:iam::${PARTNER}:role/LabUploader`] }],
  ['organization', { organizationId: 'o-a1b2c3d4e5', organizationPaths: ['o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*'] }],
  ['vendor with ExternalId', { trustedAccounts: [PARTNER], thirdParty: true, externalId: UUID }],
];

describe('CrossAccountRole trust modes', () => {
  test.each(MODES)('%s matches the snapshot', (_name, props) => {
    expect(Template.fromStack(build(props)).toJSON()).toMatchSnapshot();
  });

  test('accounts: every account root in one statement, no condition, and a warning to narrow it', () => {
    const stack = build({ trustedAccounts: [PARTNER, '777788889999', PARTNER] });
    expect(trustOf(stack)).toEqual([{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { AWS: [root(PARTNER), root('777788889999')] } }]);
    Annotations.fromStack(stack).hasWarning('/Stack/Role', Match.stringLikeRegexp('trusts all of accounts 444455556666, 777788889999 with no condition.*CrossAccountWithoutCondition'));
  });

  test('principal ARNs: their accounts as principals, narrowed by ArnEquals aws:PrincipalArn (ArnLike with a wildcard)', () => {
    const exact = `arn:aws:iam::${PARTNER}:role/LabUploader`;
    expect(trustOf(build({ trustedPrincipalArns: [exact] }))[0]).toEqual({
      Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { AWS: root(PARTNER) }, Condition: { ArnEquals: { 'aws:PrincipalArn': [exact] } },
    });
    const wildcard = `arn:aws:iam::${PARTNER}:role/ci/*`;
    expect(trustOf(build({ trustedAccounts: [PARTNER], trustedPrincipalArns: [exact, wildcard] }))[0].Condition).toEqual({
      ArnLike: { 'aws:PrincipalArn': [exact, wildcard] },
    });
  });

  test('organization: "*" narrowed by aws:PrincipalOrgID and ForAnyValue:StringLike aws:PrincipalOrgPaths', () => {
    const stack = build({ organizationId: 'o-a1b2c3d4e5', organizationPaths: ['o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*'] });
    expect(trustOf(stack)).toEqual([{
      Action: 'sts:AssumeRole',
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Condition: {
        'StringEquals': { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' },
        'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': ['o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*'] },
      },
    }]);
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });

  test('vendor: StringEquals sts:ExternalId; with MFA for humans', () => {
    expect(trustOf(build({ trustedAccounts: [PARTNER], externalId: UUID, requireMfa: true }))[0].Condition).toEqual({
      StringEquals: { 'sts:ExternalId': UUID },
      Bool: { 'aws:MultiFactorAuthPresent': 'true' },
    });
  });

  test('outputs the role ARN and a console switch-role URL (with the path), unless told not to', () => {
    const stack = build({ trustedPrincipalArns: [`arn:aws:iam::${PARTNER}:role/LabUploader`], path: '/partners/' });
    const outputs = Template.fromStack(stack).toJSON().Outputs;
    const values = Object.values<any>(outputs).map((output) => output.Value);
    expect(values).toEqual([
      { 'Fn::GetAtt': [expect.stringMatching(/^Role/), 'Arn'] },
      { 'Fn::Join': ['', ['https://signin.aws.amazon.com/switchrole?roleName=partners/', { Ref: expect.stringMatching(/^Role/) }, '&account=', { Ref: 'AWS::AccountId' }]] },
    ]);
    expect(Template.fromStack(build({ trustedAccounts: [PARTNER], externalId: UUID, outputs: false })).toJSON().Outputs).toBeUndefined();
  });

  test('a session over one hour warns that role chaining caps it, and the warning can be acknowledged', () => {
    const stack = build({ trustedAccounts: [PARTNER], externalId: UUID, maxSessionDuration: Duration.hours(4) });
    Annotations.fromStack(stack).hasWarning('/Stack/Role', Match.stringLikeRegexp('maximum session is 4 hours.*role chaining.*CrossAccountSessionOverOneHour'));
    const acknowledged = new Stack(new App(), 'Stack');
    const role = new CrossAccountRole(acknowledged, 'Role', { trustedAccounts: [PARTNER], externalId: UUID, maxSessionDuration: Duration.hours(4) });
    Validations.of(role).acknowledge({ id: 'cdk-iam-role-patterns:CrossAccountSessionOverOneHour', reason: 'the partner runs 3-hour uploads' });
    Annotations.fromStack(acknowledged).hasNoWarning('*', Match.anyValue());
  });

  test('a weak external id warns', () => {
    Annotations.fromStack(build({ trustedAccounts: [PARTNER], externalId: 'acme' })).hasWarning('/Stack/Role', Match.stringLikeRegexp('ExternalId "acme".*WeakExternalId'));
  });

  test('rejects a principal of another partition than the stack\'s region', () => {
    expect(() => build({ trustedPrincipalArns: [`arn:aws-cn:iam::${PARTNER}:role/A`] }, { env: { region: 'eu-west-1' } }))
      .toThrow(/it is in partition aws-cn, but the role is in aws; a role can be assumed only by principals of its own partition/);
    expect(() => build({ trustedPrincipalArns: [`arn:aws-cn:iam::${PARTNER}:role/A`] }, { env: { region: 'cn-north-1' } })).not.toThrow();
  });

  test('accepts lists that are tokens (CommaDelimitedList parameters), naming them whole in the trust', () => {
    const stack = new Stack(new App(), 'Stack');
    const accounts = new CfnParameter(stack, 'Accounts', { type: 'CommaDelimitedList' }).valueAsList;
    const arns = new CfnParameter(stack, 'Arns', { type: 'CommaDelimitedList' }).valueAsList;
    new CrossAccountRole(stack, 'Role', { trustedAccounts: accounts, trustedPrincipalArns: arns, externalId: UUID });
    const statement = trustOf(stack)[0];
    // IAM takes a 12-digit account id as that account's root
    expect(statement.Principal.AWS).toEqual({ Ref: 'Accounts' });
    // ArnLike: the ARNs given at deployment may hold wildcards
    expect(statement.Condition.ArnLike['aws:PrincipalArn']).toEqual({ Ref: 'Arns' });
    expect(Annotations.fromStack(stack).findError('*', Match.anyValue())).toEqual([]);
  });

  test('principal ARNs as a list token alone: every account, narrowed by aws:PrincipalArn', () => {
    const stack = new Stack(new App(), 'Stack');
    const arns = new CfnParameter(stack, 'Arns', { type: 'CommaDelimitedList' }).valueAsList;
    new CrossAccountRole(stack, 'Role', { trustedPrincipalArns: arns });
    const statement = trustOf(stack)[0];
    expect(statement.Principal.AWS).toEqual('*');
    expect(statement.Condition).toEqual({ ArnLike: { 'aws:PrincipalArn': { Ref: 'Arns' } } });
  });

  test('refuses a list token among other values, which CDK cannot render', () => {
    const stack = new Stack(new App(), 'Stack');
    const accounts = new CfnParameter(stack, 'Accounts', { type: 'CommaDelimitedList' }).valueAsList;
    expect(() => new CrossAccountRole(stack, 'Role', { trustedAccounts: [PARTNER, ...accounts] }))
      .toThrow(/trustedAccounts: \["444455556666","#\{Token\[TOKEN\.\d+\]\}"\] is not valid; a list token \(valueAsList, Token.asList\) must be the whole list/);
  });

  test('accepts account ids and principal ARNs that are tokens', () => {
    const stack = new Stack(new App(), 'Stack');
    const account = new CfnParameter(stack, 'Account').valueAsString;
    const arn = new CfnParameter(stack, 'Arn').valueAsString;
    new CrossAccountRole(stack, 'Role', { trustedAccounts: [account], trustedPrincipalArns: [arn], externalId: UUID });
    const statement = trustOf(stack)[0];
    expect(statement.Condition.ArnEquals['aws:PrincipalArn']).toEqual([{ Ref: 'Arn' }]);
    expect(statement.Principal.AWS).toEqual({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'Account' }, ':root']] });
  });
});

describe('CrossAccountRole errors', () => {
  test.each<[string, CrossAccountRoleProps, RegExp]>([
    ['nobody trusted', {}, /trustedAccounts, trustedPrincipalArns, organizationId: give at least one/],
    ['a malformed account', { trustedAccounts: ['4444-5555-6666'] }, /trustedAccounts: "4444-5555-6666" is not valid; an account id is 12 digits/],
    ['every account', { trustedAccounts: ['*'] }, /trustedAccounts: "\*" is not valid; trusting every account is not cross-account access/],
    ['a malformed principal ARN', { trustedPrincipalArns: ['LabUploader'] }, /trustedPrincipalArns: "LabUploader" is not valid; a principal ARN names a role or user/],
    ['"*" as a principal ARN', { trustedPrincipalArns: ['*'] }, /trustedPrincipalArns: "\*" is not valid/],
    ['a principal outside the trusted accounts', { trustedAccounts: [PARTNER], trustedPrincipalArns: ['arn:aws:iam::777788889999:role/X'] },
      /its account 777788889999 is not in trustedAccounts/],
    ['a malformed organization id', { organizationId: 'o-ABC' }, /organizationId: "o-ABC" is not valid; an organization id is "o-" and 10 to 32 lowercase/],
    ['organization paths without an organization', { trustedAccounts: [PARTNER], organizationPaths: ['o-a1b2c3d4e5/r-ab12/*'] },
      /organizationPaths: .* give organizationId too/],
    ['an organization path of another organization', { organizationId: 'o-a1b2c3d4e5', organizationPaths: ['o-zzzzzzzzzz/r-ab12/*'] },
      /organizationPaths: "o-zzzzzzzzzz\/r-ab12\/\*" is not valid; an organization path starts with the organization id/],
    ['an external id with a space', { trustedAccounts: [PARTNER], externalId: 'my id' }, /externalId: "my id" is not valid; an external id is 2 to 1224 characters/],
    ['a third party without an external id', { trustedAccounts: [PARTNER], thirdParty: true }, /externalId: undefined is not valid; a third party \(thirdParty: true\) must present the external id/],
    ['a role session as a principal', { trustedPrincipalArns: [`arn:aws:sts::${PARTNER}:assumed-role/Uploader/alice`] },
      /"arn:aws:sts::444455556666:assumed-role\/Uploader\/alice" is not valid; that is a role session; aws:PrincipalArn holds the role's ARN.*"arn:aws:iam::444455556666:role\/Uploader"/],
    ['principals in two partitions', { trustedPrincipalArns: [`arn:aws:iam::${PARTNER}:role/A`, `arn:aws-cn:iam::${PARTNER}:role/B`] },
      /"arn:aws-cn:iam::444455556666:role\/B" is not valid; it is in partition aws-cn, but the role is in aws/],
    ['a partition that does not exist', { trustedPrincipalArns: [`arn:awsfoo:iam::${PARTNER}:role/A`] }, /"awsfoo" is not an AWS partition; a partition is one of aws, aws-cn/],
    ['every role of an account', { trustedPrincipalArns: [`arn:aws:iam::${PARTNER}:role/*`] },
      /"arn:aws:iam::444455556666:role\/\*" is not valid; that is every role of account 444455556666, the same as trusting the whole account; narrow it by path/],
    ['every user of an account', { trustedPrincipalArns: [`arn:aws:iam::${PARTNER}:user/?*`] }, /that is every user of account 444455556666/],
  ])('rejects %s, naming the prop and the accepted form', (_name, props, message) => {
    expect(() => build(props)).toThrow(message);
  });

  test('accepts a path that narrows the roles of an account', () => {
    expect(() => build({ trustedPrincipalArns: [`arn:aws:iam::${PARTNER}:role/partner-uploads/*`] })).not.toThrow();
  });

  test('rejects the stack\'s own account and its principals', () => {
    const env = { env: { account: '111122223333', region: 'eu-west-1' } };
    expect(() => build({ trustedAccounts: ['111122223333'] }, env)).toThrow(/trustedAccounts: "111122223333" is not valid; that is the stack's own account/);
    expect(() => build({ trustedPrincipalArns: ['arn:aws:iam::111122223333:role/Admin'] }, env)).toThrow(/that principal is in the stack's own account/);
  });

  test('rejects the stack\'s own account by token, in an env-agnostic stack too (Aws.ACCOUNT_ID, stack.account)', () => {
    expect(() => build({ trustedAccounts: [Aws.ACCOUNT_ID] })).toThrow(/trustedAccounts: "Aws.ACCOUNT_ID" is not valid; that is the stack's own account, whichever it is deployed to/);
    expect(() => build({ trustedAccounts: [new Stack(new App(), 'Other').account] })).toThrow(/that is the stack's own account/);
    expect(() => build({ trustedPrincipalArns: [`arn:aws:iam::${Aws.ACCOUNT_ID}:role/Admin`] }))
      .toThrow(/trustedPrincipalArns: "arn:aws:iam::\$\{Aws.ACCOUNT_ID\}:role\/Admin" is not valid; that principal is in the stack's own account/);
    expect(() => build({ trustedPrincipalArns: [`arn:aws:iam::${PARTNER}:role/${Aws.STACK_NAME}-uploader`] })).not.toThrow();
  });

  test('says how many accounts fit when the trust policy would exceed the quota, and that many do fit', () => {
    const accounts = (count: number) => Array.from({ length: count }, (_, i) => String(100000000000 + i));
    let message = '';
    try {
      build({ trustedAccounts: accounts(80), externalId: UUID });
    } catch (error) {
      message = (error as Error).message;
    }
    const fit = Number(/about (\d+) accounts fit/.exec(message)?.[1]);
    expect(message).toMatch(/trustedAccounts: "80 accounts" is not valid; the trust policy would be \d+ characters, over the 2048-character quota.*organizationId/);
    expect(fit).toBeGreaterThan(40);
    expect(() => build({ trustedAccounts: accounts(fit), externalId: UUID })).not.toThrow();
    expect(() => build({ trustedAccounts: accounts(fit + 1), externalId: UUID })).toThrow(/accounts fit/);
    expect(() => build({ trustedAccounts: accounts(80), externalId: UUID, checkLimits: { trustPolicyMaxChars: 4096 } })).not.toThrow();
  });
});
