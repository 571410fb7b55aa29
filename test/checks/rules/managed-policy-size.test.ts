import { ManagedPolicySize } from '../../../src/checks/rules/managed-policy-size';
import { findingsOf } from '../fixtures';

const managedPolicy = (count: number) => ({
  Type: 'AWS::IAM::ManagedPolicy',
  Properties: { PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: Array.from({ length: count }, (_, i) => `arn:aws:s3:::bucket-number-${i}/*`) }] } },
});

describe('ManagedPolicySize', () => {
  test('fires on an attached managed policy over 6,144 characters', () => {
    const findings = findingsOf(ManagedPolicySize, { properties: { ManagedPolicyArns: [{ Ref: 'Big' }] }, resources: { Big: managedPolicy(250) } });
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toMatch(/managed policy Big is \d+ characters.*6144/);
  });

  test('stays quiet on a small policy, and on a large one attached to another role', () => {
    expect(findingsOf(ManagedPolicySize, { properties: { ManagedPolicyArns: [{ Ref: 'Small' }] }, resources: { Small: managedPolicy(20) } })).toEqual([]);
    expect(findingsOf(ManagedPolicySize, { resources: { Big: managedPolicy(250) } })).toEqual([]);
  });
});
