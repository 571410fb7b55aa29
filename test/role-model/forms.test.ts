import { checkTemplate, Finding } from '../../src/checks/engine';

/**
 * Each form the role model reads, in a template that is insecure only through that form (the rule that must
 * fire), and its secure twin (which must draw no error and no warning of that rule).
 */

type Template = { Resources: Record<string, unknown>; [section: string]: unknown };

const LAMBDA = { Service: 'lambda.amazonaws.com' };
const trust = (principal: unknown, extra: Record<string, unknown> = {}) =>
  ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...extra }] });
const allow = (action: unknown, resource: unknown) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: resource }] });
const role = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  ({ Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: trust(LAMBDA), ...properties }, ...extra });
const PASS_ROLE_EVERYWHERE = allow('iam:PassRole', '*');
const PASS_ONE_ROLE = allow('iam:PassRole', 'arn:aws:iam::111122223333:role/app-worker');
const OPEN = { Open: { 'Fn::Equals': [{ Ref: 'Exposure' }, 'public'] } };

interface Form {
  readonly insecure: Template;
  readonly secure: Template;
  /** The rule that must fire on the insecure template, on the role at `resource`. */
  readonly rule: string;
  readonly resource?: string;
  /** Text the finding's message must hold (where it says which condition or route). */
  readonly says?: string;
}

const FORMS: Record<string, Form> = {
  'a trust policy written as a JSON string': {
    insecure: { Resources: { R: role({ AssumeRolePolicyDocument: JSON.stringify(trust({ AWS: '*' })) }) } },
    secure: { Resources: { R: role({ AssumeRolePolicyDocument: JSON.stringify(trust(LAMBDA)) }) } },
    rule: 'WildcardPrincipal',
  },
  'a trust policy written as a YAML block string (white space and new lines)': {
    insecure: { Resources: { R: role({ AssumeRolePolicyDocument: '{\n  "Statement": [\n    { "Effect": "Allow", "Principal": { "AWS": "*" }, "Action": "sts:AssumeRole" }\n  ]\n}\n' }) } },
    secure: { Resources: { R: role({ AssumeRolePolicyDocument: '{\n  "Statement": [\n    { "Effect": "Allow", "Principal": { "Service": "lambda.amazonaws.com" }, "Action": "sts:AssumeRole" }\n  ]\n}\n' }) } },
    rule: 'WildcardPrincipal',
  },
  'an inline policy written as Fn::Sub with pseudo parameters and variables': {
    insecure: { Resources: { R: role({ Policies: [{ PolicyName: 'p', PolicyDocument: { 'Fn::Sub': [JSON.stringify(allow('iam:PassRole', '${Everything}')), { Everything: '*' }] } }] }) } },
    secure: { Resources: { R: role({ Policies: [{ PolicyName: 'p', PolicyDocument: { 'Fn::Sub': JSON.stringify(allow('iam:PassRole', 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/app-worker')) } }] }) } },
    rule: 'PassRoleOnEveryResource',
  },
  'a trust policy written as Fn::Join of strings and a Ref': {
    insecure: { Resources: { R: role({ AssumeRolePolicyDocument: { 'Fn::Join': ['', ['{"Statement":[{"Effect":"Allow","Principal":{"AWS":"', '*', '"},"Action":"sts:AssumeRole"}]}']] } }) } },
    secure: { Resources: { R: role({ AssumeRolePolicyDocument: { 'Fn::Join': ['', ['{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::', { Ref: 'AWS::AccountId' }, ':root"},"Action":"sts:AssumeRole"}]}']] } }) } },
    rule: 'WildcardPrincipal',
  },
  'an AWS::IAM::Policy document written as a JSON string': {
    insecure: { Resources: { R: role({}), P: { Type: 'AWS::IAM::Policy', Properties: { PolicyName: 'p', Roles: [{ Ref: 'R' }], PolicyDocument: JSON.stringify(PASS_ROLE_EVERYWHERE) } } } },
    secure: { Resources: { R: role({}), P: { Type: 'AWS::IAM::Policy', Properties: { PolicyName: 'p', Roles: [{ Ref: 'R' }], PolicyDocument: JSON.stringify(PASS_ONE_ROLE) } } } },
    rule: 'PassRoleOnEveryResource',
  },
  'Fn::If around a Principal': {
    insecure: { Conditions: OPEN, Resources: { R: role({ AssumeRolePolicyDocument: trust({ 'Fn::If': ['Open', '*', LAMBDA] }) }) } },
    secure: { Conditions: OPEN, Resources: { R: role({ AssumeRolePolicyDocument: trust({ 'Fn::If': ['Open', { Service: 'edgelambda.amazonaws.com' }, LAMBDA] }) }) } },
    rule: 'WildcardPrincipal',
    says: '(when condition Open is true)',
  },
  'Fn::If around a principal value': {
    insecure: { Conditions: OPEN, Resources: { R: role({ AssumeRolePolicyDocument: trust({ AWS: { 'Fn::If': ['Open', '*', 'arn:aws:iam::111122223333:role/ci'] } }) }) } },
    secure: { Conditions: OPEN, Resources: { R: role({ AssumeRolePolicyDocument: trust({ AWS: { 'Fn::If': ['Open', 'arn:aws:iam::111122223333:role/ops', 'arn:aws:iam::111122223333:role/ci'] } }) }) } },
    rule: 'WildcardPrincipal',
    says: '(when condition Open is true)',
  },
  'Fn::If around a whole statement, with AWS::NoValue': {
    insecure: {
      Conditions: OPEN,
      Resources: { R: role({ AssumeRolePolicyDocument: { Statement: [trust(LAMBDA).Statement[0], { 'Fn::If': ['Open', trust('*').Statement[0], { Ref: 'AWS::NoValue' }] }] } }) },
    },
    secure: {
      Conditions: OPEN,
      Resources: { R: role({ AssumeRolePolicyDocument: { Statement: [trust(LAMBDA).Statement[0], { 'Fn::If': ['Open', trust({ Service: 'edgelambda.amazonaws.com' }).Statement[0], { Ref: 'AWS::NoValue' }] }] } }) },
    },
    rule: 'WildcardPrincipal',
    says: '(when condition Open is true)',
  },
  'Fn::If around Effect': {
    insecure: { Conditions: OPEN, Resources: { R: role({ AssumeRolePolicyDocument: trust('*', { Effect: { 'Fn::If': ['Open', 'Allow', 'Deny'] } }) }) } },
    secure: { Conditions: OPEN, Resources: { R: role({ AssumeRolePolicyDocument: trust(LAMBDA, { Effect: { 'Fn::If': ['Open', 'Allow', 'Deny'] } }) }) } },
    rule: 'WildcardPrincipal',
    says: '(when condition Open is true)',
  },
  'Fn::If around Policies': {
    insecure: { Conditions: OPEN, Resources: { R: role({ Policies: { 'Fn::If': ['Open', [{ PolicyName: 'p', PolicyDocument: PASS_ROLE_EVERYWHERE }], { Ref: 'AWS::NoValue' }] } }) } },
    secure: { Conditions: OPEN, Resources: { R: role({ Policies: { 'Fn::If': ['Open', [{ PolicyName: 'p', PolicyDocument: PASS_ONE_ROLE }], { Ref: 'AWS::NoValue' }] } }) } },
    rule: 'PassRoleOnEveryResource',
    says: '(when condition Open is true)',
  },
  'Fn::If around ManagedPolicyArns': {
    insecure: { Conditions: OPEN, Resources: { R: role({ ManagedPolicyArns: { 'Fn::If': ['Open', ['arn:aws:iam::aws:policy/AdministratorAccess'], []] } }) } },
    secure: { Conditions: OPEN, Resources: { R: role({ ManagedPolicyArns: { 'Fn::If': ['Open', ['arn:aws:iam::aws:policy/ReadOnlyAccess'], []] } }) } },
    rule: 'FullAdministratorAccess',
    says: '(when condition Open is false)'.replace('false', 'true'),
  },
  'a policy resource that exists under a condition (Condition attribute)': {
    insecure: { Conditions: OPEN, Resources: { R: role({}), P: { Type: 'AWS::IAM::Policy', Condition: 'Open', Properties: { PolicyName: 'p', Roles: [{ Ref: 'R' }], PolicyDocument: PASS_ROLE_EVERYWHERE } } } },
    secure: { Conditions: OPEN, Resources: { R: role({}), P: { Type: 'AWS::IAM::Policy', Condition: 'Open', Properties: { PolicyName: 'p', Roles: [{ Ref: 'R' }], PolicyDocument: PASS_ONE_ROLE } } } },
    rule: 'PassRoleOnEveryResource',
    says: '(when condition Open is true)',
  },
  'an AWS::IAM::RolePolicy by Ref': {
    insecure: { Resources: { R: role({}), P: { Type: 'AWS::IAM::RolePolicy', Properties: { PolicyName: 'p', RoleName: { Ref: 'R' }, PolicyDocument: PASS_ROLE_EVERYWHERE } } } },
    secure: { Resources: { R: role({}), P: { Type: 'AWS::IAM::RolePolicy', Properties: { PolicyName: 'p', RoleName: { Ref: 'R' }, PolicyDocument: PASS_ONE_ROLE } } } },
    rule: 'PassRoleOnEveryResource',
    says: 'role policy P',
  },
  'an AWS::IAM::Policy naming the role by its literal name': {
    insecure: { Resources: { R: role({ RoleName: 'orders-fn' }), P: { Type: 'AWS::IAM::Policy', Properties: { PolicyName: 'p', Roles: ['orders-fn'], PolicyDocument: PASS_ROLE_EVERYWHERE } } } },
    secure: { Resources: { R: role({ RoleName: 'orders-fn' }), P: { Type: 'AWS::IAM::Policy', Properties: { PolicyName: 'p', Roles: ['orders-fn'], PolicyDocument: PASS_ONE_ROLE } } } },
    rule: 'PassRoleOnEveryResource',
    says: 'policy P',
  },
  'an AWS::IAM::Policy naming the role by Fn::Select/Fn::Split of its ARN (Role.fromRoleArn)': {
    insecure: {
      Resources: {
        R: role({}),
        P: { Type: 'AWS::IAM::Policy', Properties: { PolicyName: 'p', PolicyDocument: PASS_ROLE_EVERYWHERE, Roles: [{ 'Fn::Select': [1, { 'Fn::Split': ['/', { 'Fn::Select': [5, { 'Fn::Split': [':', { 'Fn::GetAtt': ['R', 'Arn'] }] }] }] }] }] } },
      },
    },
    secure: {
      Resources: {
        R: role({}),
        P: { Type: 'AWS::IAM::Policy', Properties: { PolicyName: 'p', PolicyDocument: PASS_ONE_ROLE, Roles: [{ 'Fn::Select': [1, { 'Fn::Split': ['/', { 'Fn::Select': [5, { 'Fn::Split': [':', { 'Fn::GetAtt': ['R', 'Arn'] }] }] }] }] }] } },
      },
    },
    rule: 'PassRoleOnEveryResource',
  },
  'a customer managed policy named by Fn::GetAtt PolicyArn in ManagedPolicyArns': {
    insecure: { Resources: { R: role({ ManagedPolicyArns: [{ 'Fn::GetAtt': ['M', 'PolicyArn'] }] }), M: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: allow('*', '*') } } } },
    secure: { Resources: { R: role({ ManagedPolicyArns: [{ 'Fn::GetAtt': ['M', 'PolicyArn'] }] }), M: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: PASS_ONE_ROLE } } } },
    rule: 'FullAdministratorAccess',
    says: 'managed policy M',
  },
  'a customer managed policy named by its ARN in ManagedPolicyArns': {
    insecure: {
      Resources: {
        R: role({ ManagedPolicyArns: [{ 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/ops/everything' }] }),
        M: { Type: 'AWS::IAM::ManagedPolicy', Properties: { ManagedPolicyName: 'everything', Path: '/ops/', PolicyDocument: allow('*', '*') } },
      },
    },
    secure: {
      Resources: {
        R: role({ ManagedPolicyArns: [{ 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/ops/everything' }] }),
        M: { Type: 'AWS::IAM::ManagedPolicy', Properties: { ManagedPolicyName: 'everything', Path: '/ops/', PolicyDocument: PASS_ONE_ROLE } },
      },
    },
    rule: 'FullAdministratorAccess',
  },
  'a SAM function with the AdministratorAccess policy by name': {
    insecure: { Transform: 'AWS::Serverless-2016-10-31', Resources: { Fn: { Type: 'AWS::Serverless::Function', Properties: { Handler: 'a.b', Policies: ['AdministratorAccess'] } } } },
    secure: { Transform: 'AWS::Serverless-2016-10-31', Resources: { Fn: { Type: 'AWS::Serverless::Function', Properties: { Handler: 'a.b', Policies: ['AWSLambdaExecute'] } } } },
    rule: 'FullAdministratorAccess',
    resource: 'FnRole',
  },
  'a SAM function with an inline * on * statement': {
    insecure: { Transform: ['AWS::Serverless-2016-10-31'], Resources: { Fn: { Type: 'AWS::Serverless::Function', Properties: { Policies: [allow('*', '*')] } } } },
    secure: { Transform: ['AWS::Serverless-2016-10-31'], Resources: { Fn: { Type: 'AWS::Serverless::Function', Properties: { Policies: [{ DynamoDBReadPolicy: { TableName: { Ref: 'Table' } } }] } } } },
    rule: 'FullAdministratorAccess',
    resource: 'FnRole',
  },
  'a SAM state machine with iam:PassRole on * by a policy document': {
    insecure: { Transform: 'AWS::Serverless-2016-10-31', Resources: { Flow: { Type: 'AWS::Serverless::StateMachine', Properties: { Policies: PASS_ROLE_EVERYWHERE } } } },
    secure: { Transform: 'AWS::Serverless-2016-10-31', Resources: { Flow: { Type: 'AWS::Serverless::StateMachine', Properties: { Policies: [{ LambdaInvokePolicy: { FunctionName: 'orders' } }] } } } },
    rule: 'PassRoleOnEveryResource',
    resource: 'FlowRole',
  },
};

function ofRule(findings: Finding[], rule: string): Finding[] {
  return findings.filter((finding) => finding.ruleId === `cdk-iam-role-patterns:${rule}`);
}

describe('the role model reads every form of a role', () => {
  test.each(Object.entries(FORMS))('%s: the insecure template fires its rule', (_name, form) => {
    const findings = ofRule(checkTemplate(form.insecure), form.rule);
    expect(findings).toHaveLength(1);
    expect(findings[0].resource).toBe(form.resource ?? 'R');
    if (form.says) expect(findings[0].message).toContain(form.says);
  });

  test.each(Object.entries(FORMS))('%s: its secure twin draws no error and no finding of that rule', (_name, form) => {
    const findings = checkTemplate(form.secure);
    expect(ofRule(findings, form.rule)).toEqual([]);
    expect(findings.filter((finding) => finding.severity === 'error')).toEqual([]);
  });
});

describe('what the model cannot read is said, never dropped', () => {
  const unreadable = (document: unknown) => ofRule(checkTemplate({ Resources: { R: role({ AssumeRolePolicyDocument: document }) } }), 'UnreadablePolicyDocument');

  test.each([
    ['a string that is not JSON', '{"Statement": [', /R, AssumeRolePolicyDocument cannot be read: its string is not JSON/],
    ['JSON that is not an object', '["sts:AssumeRole"]', /its string is JSON but not an object/],
    ['a Ref to a parameter', { Ref: 'TrustPolicy' }, /it is Ref \(Ref:TrustPolicy\), whose value is known only at deployment/],
    ['an import', { 'Fn::ImportValue': 'shared-trust' }, /it is Fn::ImportValue/],
    ['a JSON string nested too deep', `${'{"a":'.repeat(300)}1${'}'.repeat(300)}`, /nests more than 256 levels/],
  ])('%s is an UnreadablePolicyDocument warning', (_name, document, message) => {
    const findings = unreadable(document);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'warning', resource: 'R', message: expect.stringMatching(message) });
  });

  test('a readable document draws no such warning, and neither does a missing one', () => {
    expect(unreadable(trust(LAMBDA))).toEqual([]);
    expect(unreadable(undefined)).toEqual([]);
  });

  /** `count` free conditions C0, C1...; the trust has one Lambda statement under each, and `extra` statements. */
  const conditional = (count: number, extra: unknown[]) => {
    const conditions: Record<string, unknown> = {};
    const statements: unknown[] = [];
    for (let i = 0; i < count; i++) {
      conditions[`C${i}`] = { 'Fn::Equals': [{ Ref: `P${i}` }, 'yes'] };
      statements.push({ 'Fn::If': [`C${i}`, trust(LAMBDA).Statement[0], { Ref: 'AWS::NoValue' }] });
    }
    return checkTemplate({ Conditions: conditions, Resources: { R: role({ AssumeRolePolicyDocument: { Statement: [...statements, ...extra] } }) } });
  };
  /** A statement trusting everyone only when C0, C1 and C2 are true and C3, C4 and C5 are false. */
  const onlyMixed = [0, 1, 2, 3, 4, 5].reduceRight<unknown>((inner, i) =>
    ({ 'Fn::If': [`C${i}`, i < 3 ? inner : { Ref: 'AWS::NoValue' }, i < 3 ? { Ref: 'AWS::NoValue' } : inner] }), trust('*').Statement[0]);

  test('more than 6 free conditions: a ConditionCombinationsLimited warning, and the checked combinations still find the hole', () => {
    const findings = conditional(8, [{ 'Fn::If': ['C7', trust('*').Statement[0], { Ref: 'AWS::NoValue' }] }]);
    expect(ofRule(findings, 'ConditionCombinationsLimited')).toEqual([expect.objectContaining({ severity: 'warning', message: expect.stringContaining('depends on 8 values that a deployment decides') })]);
    expect(ofRule(findings, 'WildcardPrincipal')).toEqual([expect.objectContaining({ message: expect.stringContaining('(when condition C7 is true)') })]);
  });

  test('6 free conditions are combined in full, without that warning: a hole under one mixed combination is found', () => {
    const findings = conditional(6, [onlyMixed]);
    expect(ofRule(findings, 'ConditionCombinationsLimited')).toEqual([]);
    expect(ofRule(findings, 'WildcardPrincipal')).toEqual([expect.objectContaining({
      message: expect.stringContaining('(when condition C0 is true and condition C1 is true and condition C2 is true and condition C3 is false and condition C4 is false and condition C5 is false)'),
    })]);
    expect(conditional(6, [])).toEqual([]);
  });
});
