import { WildcardWithoutLikeOperator } from '../../../src/checks/rules/wildcard-without-like-operator';
import { findingsOf, GITHUB_PROVIDER, trustStatement } from '../fixtures';

describe('WildcardWithoutLikeOperator', () => {
  test('warns on a * inside StringEquals', () => {
    const trust = [trustStatement({
      Principal: { Federated: GITHUB_PROVIDER },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { 'token.actions.githubusercontent.com:sub': 'repo:octo-org/octo-repo:*' } },
    })];
    const findings = findingsOf(WildcardWithoutLikeOperator, { trust });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'warning' });
    expect(findings[0].message).toMatch(/"repo:octo-org\/octo-repo:\*" in StringEquals.*Use StringLike/);
  });

  test('stays quiet on a value known only at deployment (a mapping, a parameter)', () => {
    const trust = [trustStatement({
      Principal: { Federated: 'arn:aws:iam::111122223333:saml-provider/Corp' },
      Action: 'sts:AssumeRoleWithSAML',
      Condition: { StringEquals: { 'SAML:aud': [{ 'Fn::FindInMap': ['SignIn', { Ref: 'AWS::Partition' }, 'audience'] }] } },
    })];
    expect(findingsOf(WildcardWithoutLikeOperator, { trust })).toEqual([]);
  });

  test('stays quiet on StringLike with a wildcard and StringEquals without one', () => {
    const permissions = [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', Condition: { StringLike: { 's3:prefix': 'home/*' }, StringEquals: { 'aws:PrincipalTag/team': 'ops' } } }];
    expect(findingsOf(WildcardWithoutLikeOperator, { permissions })).toEqual([]);
  });
});
