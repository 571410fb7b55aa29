import { NotPrincipalWithAllow } from '../../../src/checks/rules/not-principal-with-allow';
import { findingsOf, trustStatement } from '../fixtures';

describe('NotPrincipalWithAllow', () => {
  test('fires on Allow with NotPrincipal', () => {
    const statement = { Effect: 'Allow', Action: 'sts:AssumeRole', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' } };
    const findings = findingsOf(NotPrincipalWithAllow, { trust: [statement] });
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toMatch(/NotPrincipal with "Effect": "Allow".*every principal that is not listed/);
  });

  test('stays quiet on Principal, and on Deny with NotPrincipal', () => {
    const deny = { Effect: 'Deny', Action: 'sts:AssumeRole', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' } };
    expect(findingsOf(NotPrincipalWithAllow, { trust: [trustStatement({ Principal: { Service: 'lambda.amazonaws.com' } }), deny] })).toEqual([]);
  });
});
