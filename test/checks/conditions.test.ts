import { roleTemplate, trustStatement } from './fixtures';
import { isNarrowingTest, narrows, requiresMfa } from '../../src/checks/conditions';
import { checkTemplate } from '../../src/checks/engine';
import { append, NONE } from '../../src/role-model/cfn-value';
import { PolicyStatement, readStatements, someTestOnKey, testsOnKey } from '../../src/role-model/policy-document';

function statementWith(Condition: unknown): PolicyStatement {
  const [statement] = readStatements({ description: 'test', document: { Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Condition }] } });
  return statement;
}

describe('condition helpers', () => {
  test.each([
    ['StringEquals', { StringEquals: { 'sts:ExternalId': 'vendor-id-1234' } }],
    ['an operator in another case', { stringequals: { 'sts:ExternalId': 'vendor-id-1234' } }],
    ['StringLike with a pattern that keeps the account', { StringLike: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/ci-*' } }],
    ['ForAnyValue', { 'ForAnyValue:StringEquals': { 'sts:ExternalId': 'vendor-id-1234' } }],
    ['an exact organization id', { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } }],
    ['an organization path under one organization', { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o-a1b2c3d4e5/r-ab12/ou-*' } }],
    ['a 12-digit account', { StringEquals: { 'aws:PrincipalAccount': '444455556666' } }],
    ['a principal ARN of one account with a partition token', { ArnLike: { 'aws:PrincipalArn': 'arn:{{cfn:AWS::Partition}}:iam::444455556666:role/*' } }],
    ['an exact Cognito audience', { StringEquals: { 'cognito-identity.amazonaws.com:aud': 'eu-west-1:0a1b2c3d-1111-2222-3333-444455556666' } }],
    ['a SAML audience on an AWS sign-in host of any region', { StringLike: { 'SAML:aud': 'https://*.signin.aws.amazon.com/saml' } }],
  ])('a test with %s narrows', (_name, condition) => {
    expect(statementWith(condition).conditions.map(isNarrowingTest)).toEqual([true]);
  });

  test.each([
    ['IfExists', { StringEqualsIfExists: { 'sts:ExternalId': 'vendor-id-1234' } }],
    ['ForAllValues', { 'ForAllValues:StringEquals': { 'sts:ExternalId': 'vendor-id-1234' } }],
    ['ForAllValues in another case', { 'forallvalues:StringEquals': { 'sts:ExternalId': 'vendor-id-1234' } }],
    ['only wildcards', { StringLike: { 'sts:ExternalId': ['*', '?*'] } }],
    ['a negative operator', { StringNotEquals: { 'sts:ExternalId': 'vendor-id-1234' } }],
    ['no values', { StringEquals: { 'sts:ExternalId': [] } }],
    ['an organization id pattern', { StringLike: { 'aws:PrincipalOrgID': 'o-*' } }],
    ['a principal ARN in any account', { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:*' } }],
    ['an account pattern', { StringLike: { 'aws:PrincipalAccount': '*1' } }],
    ['a Cognito audience pattern', { StringLike: { 'cognito-identity.amazonaws.com:aud': '*:*' } }],
    ['a Google client pattern', { StringLike: { 'accounts.google.com:aud': '*.apps.googleusercontent.com' } }],
    ['a SAML audience on any host', { StringLike: { 'SAML:aud': 'https://*' } }],
    ['an ExternalId pattern (the caller chooses what it sends)', { StringLike: { 'sts:ExternalId': '*-*' } }],
  ])('a test with %s does not narrow', (_name, condition) => {
    expect(statementWith(condition).conditions.map(isNarrowingTest)).toEqual([false]);
  });

  test('keys match in any case, and every test on a key is found in order', () => {
    const statement = statementWith({
      StringEquals: { 'STS:ExternalID': 'vendor-id-1234', 'aws:PrincipalOrgID': 'o-abcdefghij' },
      StringLike: { 'sts:externalid': 'vendor-*' },
    });
    expect(testsOnKey(statement, 'sts:ExternalId').map((test) => test.operator)).toEqual(['StringEquals', 'StringLike']);
    expect(testsOnKey(statement, 'aws:SourceArn')).toEqual([]);
    expect(someTestOnKey(statement, 'sts:EXTERNALID', (test) => test.operator === 'StringLike')).toBe(true);
    expect(someTestOnKey(statement, 'sts:ExternalId', (test) => test.operator === 'ArnEquals')).toBe(false);
    expect(narrows(statement, 'Sts:ExternalId')).toBe(true);
  });

  test.each([
    ['Bool true', { Bool: { 'aws:MultiFactorAuthPresent': 'true' } }, true],
    ['Bool TRUE', { Bool: { 'aws:multifactorauthpresent': 'TRUE' } }, true],
    ['NumericLessThan on the age', { NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } }, true],
    ['NumericLessThanEquals on the age', { NumericLessThanEquals: { 'aws:MultiFactorAuthAge': '3600' } }, true],
    ['BoolIfExists', { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' } }, false],
    ['Bool false', { Bool: { 'aws:MultiFactorAuthPresent': 'false' } }, false],
    ['Bool with a value that only starts with true', { Bool: { 'aws:MultiFactorAuthPresent': 'trueish' } }, false],
    ['NumericLessThanIfExists on the age', { NumericLessThanIfExists: { 'aws:MultiFactorAuthAge': '3600' } }, false],
    ['NumericGreaterThan on the age', { NumericGreaterThan: { 'aws:MultiFactorAuthAge': '3600' } }, false],
  ])('requiresMfa with %s', (_name, condition, expected) => {
    expect(requiresMfa(statementWith(condition))).toBe(expected);
  });
});

describe('append', () => {
  test('makes a list of one for the first item, then adds to that list', () => {
    const first = append(undefined, 'a');
    expect(first).toEqual(['a']);
    expect(append(first, 'b')).toBe(first);
    expect(first).toEqual(['a', 'b']);
  });

  test('the shared empty list is still empty after every rule has run over roles with and without findings', () => {
    const findings = checkTemplate(roleTemplate({
      trust: [trustStatement({ Principal: { AWS: ['444455556666', '*'] }, Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' } } })],
      permissions: [{ Effect: 'Allow', Action: ['s3:*', 'iam:PassRole'], Resource: '*' }, { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }],
      properties: { ManagedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'], Tags: [{ Key: 'break-glass', Value: 'true' }] },
    }));
    expect(findings.length).toBeGreaterThan(5);
    expect(checkTemplate(roleTemplate())).toEqual([]);
    expect(NONE).toHaveLength(0);
  });
});
