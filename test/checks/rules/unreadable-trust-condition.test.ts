import { UnreadableTrustCondition } from '../../../src/checks/rules/unreadable-trust-condition';
import { findingsOf, trustStatement } from '../fixtures';

describe('UnreadableTrustCondition', () => {
  test('warns when a trust Condition is an intrinsic', () => {
    const trust = [trustStatement({ Principal: { Federated: { Ref: 'Provider' } }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { 'Fn::GetAtt': ['Json', 'Value'] } })];
    const findings = findingsOf(UnreadableTrustCondition, { trust });
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toMatch(/only known at deployment/);
  });

  test('warns when one operator block is an intrinsic', () => {
    const trust = [trustStatement({ Principal: { AWS: '111122223333' }, Condition: { StringEquals: { 'Fn::If': ['C', {}, {}] } } })];
    expect(findingsOf(UnreadableTrustCondition, { trust })).toHaveLength(1);
  });

  test('stays quiet on literal conditions', () => {
    const trust = [trustStatement({ Principal: { AWS: '111122223333' }, Condition: { StringEquals: { 'sts:ExternalId': { Ref: 'ExternalId' } } } })];
    expect(findingsOf(UnreadableTrustCondition, { trust })).toEqual([]);
  });
});
