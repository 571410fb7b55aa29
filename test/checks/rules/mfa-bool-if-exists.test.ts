import { MfaBoolIfExists } from '../../../src/checks/rules/mfa-bool-if-exists';
import { findingsOf, trustStatement } from '../fixtures';

const human = (Condition: unknown) => trustStatement({ Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Condition });

describe('MfaBoolIfExists', () => {
  test('fires on BoolIfExists aws:MultiFactorAuthPresent true in an Allow', () => {
    const findings = findingsOf(MfaBoolIfExists, { trust: [human({ BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' } })] });
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toMatch(/long-term access keys.*Use Bool aws:MultiFactorAuthPresent "true"/);
  });

  test('fires in a permission policy too, with the key in another case', () => {
    const permissions = [{ Effect: 'Allow', Action: 'ec2:StopInstances', Resource: '*', Condition: { BoolIfExists: { 'aws:multifactorauthpresent': true } } }];
    expect(findingsOf(MfaBoolIfExists, { permissions })).toHaveLength(1);
  });

  test('stays quiet on Bool in an Allow, and on the Deny-if-no-MFA pattern', () => {
    const deny = { Effect: 'Deny', NotAction: 'iam:ChangePassword', Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } };
    expect(findingsOf(MfaBoolIfExists, { trust: [human({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } })], permissions: [deny] })).toEqual([]);
  });
});
