import { InlinePoliciesSize } from '../../../src/checks/rules/inline-policies-size';
import { findingsOf } from '../fixtures';

const buckets = (count: number) => [{ Effect: 'Allow', Action: 's3:GetObject', Resource: Array.from({ length: count }, (_, i) => `arn:aws:s3:::bucket-number-${i}/*`) }];

describe('InlinePoliciesSize', () => {
  test('fires when the role\'s inline policies and attached AWS::IAM::Policy add up past 10,240', () => {
    const resources = { Extra: { Type: 'AWS::IAM::Policy', Properties: { PolicyName: 'x', Roles: [{ Ref: 'Role' }], PolicyDocument: { Statement: buckets(200) } } } };
    const findings = findingsOf(InlinePoliciesSize, { permissions: buckets(200), resources });
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toMatch(/inline policies add up to \d+ characters.*over IAM's 10240-character limit/);
  });

  test('stays quiet under the limit', () => {
    expect(findingsOf(InlinePoliciesSize, { permissions: buckets(100) })).toEqual([]);
  });
});
