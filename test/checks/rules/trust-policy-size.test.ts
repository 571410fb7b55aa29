import { TrustPolicySize } from '../../../src/checks/rules/trust-policy-size';
import { findingsOf, trustStatement } from '../fixtures';

const accounts = (count: number) => Array.from({ length: count }, (_, i) => `arn:aws:iam::${String(100000000000 + i)}:root`);

describe('TrustPolicySize', () => {
  test('fires when the trust policy is over the quota', () => {
    const findings = findingsOf(TrustPolicySize, { trust: [trustStatement({ Principal: { AWS: accounts(80) } })] });
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toMatch(/the trust policy is \d+ characters without white space, over the 2048-character quota.*aws:PrincipalOrgID/);
  });

  test('stays quiet under the quota, and when the quota is raised', () => {
    expect(findingsOf(TrustPolicySize, { trust: [trustStatement({ Principal: { AWS: accounts(40) } })] })).toEqual([]);
    const raised = { limits: { trustPolicyMaxChars: 4096 } };
    expect(findingsOf(TrustPolicySize, { trust: [trustStatement({ Principal: { AWS: accounts(80) } })] }, raised)).toEqual([]);
  });
});
