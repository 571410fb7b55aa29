import { WildcardPrincipal } from '../../../src/checks/rules/wildcard-principal';
import { findingsOf, trustStatement } from '../fixtures';

describe('WildcardPrincipal', () => {
  test.each([
    ['Principal "*"', '*'],
    ['{ AWS: "*" }', { AWS: '*' }],
  ])('fires on %s with no narrowing condition', (_name, principal) => {
    const findings = findingsOf(WildcardPrincipal, { trust: [trustStatement({ Principal: principal })] });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'cdk-iam-role-patterns:WildcardPrincipal', severity: 'error', resource: 'Role' });
    expect(findings[0].message).toMatch(/statement 1 trusts Principal "\*".*any AWS principal in any account.*aws:PrincipalOrgID/);
  });

  test('fires when the only condition cannot narrow (IfExists, or a value that is only a wildcard)', () => {
    const ifExists = trustStatement({ Principal: { AWS: '*' }, Condition: { StringEqualsIfExists: { 'aws:PrincipalOrgID': 'o-abcdefghij' } } });
    const anyArn = trustStatement({ Principal: { AWS: '*' }, Condition: { ArnLike: { 'aws:PrincipalArn': '*' } } });
    expect(findingsOf(WildcardPrincipal, { trust: [ifExists, anyArn] })).toHaveLength(2);
  });

  test('stays quiet when an organization condition narrows the caller', () => {
    const statement = trustStatement({ Principal: { AWS: '*' }, Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abcdefghij' } } });
    expect(findingsOf(WildcardPrincipal, { trust: [statement] })).toEqual([]);
  });

  test('stays quiet on a Deny with "*" and on a named account', () => {
    const deny = trustStatement({ Effect: 'Deny', Principal: '*' });
    const account = trustStatement({ Principal: { AWS: 'arn:aws:iam::111122223333:root' } });
    expect(findingsOf(WildcardPrincipal, { trust: [deny, account] })).toEqual([]);
  });
});
