import { TrustAllowsEveryStsAction } from '../../../src/checks/rules/trust-allows-every-sts-action';
import { findingsOf, trustStatement } from '../fixtures';

describe('TrustAllowsEveryStsAction', () => {
  test.each([['*'], ['sts:*']])('fires on a trust statement that allows %s', (action) => {
    const findings = findingsOf(TrustAllowsEveryStsAction, { trust: [trustStatement({ Principal: { Service: 'lambda.amazonaws.com' }, Action: action })] });
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toMatch(/sts:TagSession.*sts:SetSourceIdentity/);
  });

  test('stays quiet on listed actions, and on a Deny of sts:*', () => {
    const trust = [
      trustStatement({ Principal: { Service: 'lambda.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'] }),
      trustStatement({ Effect: 'Deny', Principal: '*', Action: 'sts:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    ];
    expect(findingsOf(TrustAllowsEveryStsAction, { trust })).toEqual([]);
  });
});
