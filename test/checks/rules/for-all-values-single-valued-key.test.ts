import { ForAllValuesSingleValuedKey } from '../../../src/checks/rules/for-all-values-single-valued-key';
import { findingsOf, trustStatement } from '../fixtures';

describe('ForAllValuesSingleValuedKey', () => {
  test('fires on ForAllValues with aws:PrincipalOrgID in an Allow', () => {
    const trust = [trustStatement({ Principal: { AWS: '*' }, Condition: { 'ForAllValues:StringEquals': { 'aws:PrincipalOrgID': 'o-abcdefghij' } } })];
    const findings = findingsOf(ForAllValuesSingleValuedKey, { trust });
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toMatch(/ForAllValues:StringEquals on aws:PrincipalOrgID.*missing.*Use StringEquals without ForAllValues/);
  });

  test('fires on an OIDC subject and a tag key', () => {
    const trust = [trustStatement({
      Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com' },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { 'ForAllValues:StringLike': { 'token.actions.githubusercontent.com:sub': 'repo:o/r:*', 'aws:PrincipalTag/team': 'ops' } },
    })];
    expect(findingsOf(ForAllValuesSingleValuedKey, { trust })).toHaveLength(2);
  });

  test('stays quiet on multi-valued keys and on Deny', () => {
    const permissions = [
      { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team'] } } },
      { Effect: 'Deny', Action: '*', Resource: '*', Condition: { 'ForAllValues:StringNotEquals': { 'aws:PrincipalArn': 'x' } } },
    ];
    const trust = [trustStatement({ Principal: { AWS: '*' }, Condition: { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o-a/r-b/*' } } })];
    expect(findingsOf(ForAllValuesSingleValuedKey, { trust, permissions })).toEqual([]);
  });
});
