import { ElevatedRoleWithoutMfa } from '../../../src/checks/rules/elevated-role-without-mfa';
import { findingsOf, trustStatement } from '../fixtures';

const breakGlass = { Tags: [{ Key: 'break-glass', Value: 'true' }] };
const servicedesk = (Condition?: unknown) => trustStatement({
  Principal: { AWS: 'arn:aws:iam::111122223333:root' },
  Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:user/servicedesk/*' }, ...(Condition as object) },
});

describe('ElevatedRoleWithoutMfa', () => {
  test.each([
    ['no MFA condition', undefined],
    ['BoolIfExists', { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' } }],
  ])('fires on a break-glass role with %s', (_name, condition) => {
    const findings = findingsOf(ElevatedRoleWithoutMfa, { trust: [servicedesk(condition)], properties: breakGlass });
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toMatch(/assume a break-glass role without MFA.*Bool aws:MultiFactorAuthPresent "true"/);
  });

  test('reads other tag keys that end in break-glass', () => {
    expect(findingsOf(ElevatedRoleWithoutMfa, { trust: [servicedesk()], properties: { Tags: [{ Key: 'ops:BreakGlass', Value: 'True' }] } })).toHaveLength(1);
  });

  test('stays quiet with Bool MFA, and on untagged roles (pipelines cannot use MFA)', () => {
    expect(findingsOf(ElevatedRoleWithoutMfa, { trust: [servicedesk({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } })], properties: breakGlass })).toEqual([]);
    expect(findingsOf(ElevatedRoleWithoutMfa, { trust: [servicedesk()], properties: { ManagedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'] } })).toEqual([]);
  });
});
