import { ManagedPoliciesPerRole } from '../../../src/checks/rules/managed-policies-per-role';
import { findingsOf } from '../fixtures';

const arns = (count: number) => Array.from({ length: count }, (_, i) => `arn:aws:iam::aws:policy/Policy${i}`);

describe('ManagedPoliciesPerRole', () => {
  test('fires on 11 managed policies, counting one attached through its Roles', () => {
    const resources = { Mine: { Type: 'AWS::IAM::ManagedPolicy', Properties: { Roles: [{ Ref: 'Role' }], PolicyDocument: { Statement: [] } } } };
    const findings = findingsOf(ManagedPoliciesPerRole, { properties: { ManagedPolicyArns: arns(10) }, resources });
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toMatch(/11 managed policies attached, over the quota of 10/);
  });

  test('stays quiet on 10, and on 20 with a raised quota', () => {
    expect(findingsOf(ManagedPoliciesPerRole, { properties: { ManagedPolicyArns: arns(10) } })).toEqual([]);
    const raised = { limits: { managedPoliciesPerRole: 20 } };
    expect(findingsOf(ManagedPoliciesPerRole, { properties: { ManagedPolicyArns: arns(20) } }, raised)).toEqual([]);
  });
});
