import { PrivilegeEscalation } from '../../../src/checks/rules/privilege-escalation';
import { findingsOf } from '../fixtures';

describe('PrivilegeEscalation', () => {
  test('fires on iam:PutRolePolicy and lambda:UpdateFunctionCode on *', () => {
    const findings = findingsOf(PrivilegeEscalation, { permissions: [{ Effect: 'Allow', Action: ['iam:PutRolePolicy', 'lambda:UpdateFunctionCode', 's3:GetObject'], Resource: '*' }] });
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toMatch(/allows iam:PutRolePolicy, lambda:UpdateFunctionCode on every resource/);
  });

  test('fires on a wildcard that covers an escalation action', () => {
    expect(findingsOf(PrivilegeEscalation, { permissions: [{ Effect: 'Allow', Action: 'iam:Create*', Resource: '*' }] })[0].message)
      .toMatch(/iam:CreatePolicyVersion, iam:CreateAccessKey, iam:CreateLoginProfile/);
  });

  test('stays quiet on escalation actions scoped to a resource, and on harmless actions on *', () => {
    const permissions = [
      { Effect: 'Allow', Action: 'iam:PutRolePolicy', Resource: 'arn:aws:iam::111122223333:role/app/*' },
      { Effect: 'Allow', Action: 'iam:GetRole', Resource: '*' },
    ];
    expect(findingsOf(PrivilegeEscalation, { permissions })).toEqual([]);
  });
});
