import { WildcardResource } from '../../../src/checks/rules/wildcard-resource';
import { findingsOf } from '../fixtures';

describe('WildcardResource', () => {
  test('warns on an action that accepts resources granted on *', () => {
    const findings = findingsOf(WildcardResource, { permissions: [{ Effect: 'Allow', Action: ['s3:GetObject', 'xray:PutTraceSegments'], Resource: '*' }] });
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toMatch(/allows s3:GetObject on every resource/);
    expect(findings[0].message).not.toMatch(/xray/);
  });

  test('stays quiet on the documented actions that need *, and on named resources', () => {
    const permissions = [
      { Effect: 'Allow', Action: ['ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DeleteNetworkInterface'], Resource: '*' },
      { Effect: 'Allow', Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], Resource: '*' },
      { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*' },
    ];
    expect(findingsOf(WildcardResource, { permissions })).toEqual([]);
  });

  test('decides from the IAM catalogue: actions without a resource type need "*", a pattern warns when its actions have one', () => {
    const quiet = [{ Effect: 'Allow', Action: ['ec2:DescribeInstances', 's3:ListAllMyBuckets', 'sts:GetCallerIdentity'], Resource: '*' }];
    expect(findingsOf(WildcardResource, { permissions: quiet })).toEqual([]);
    const pattern = findingsOf(WildcardResource, { permissions: [{ Effect: 'Allow', Action: ['s3:Get*', 'ec2:DescribeInstances'], Resource: '*' }] });
    expect(pattern.map((finding) => finding.message)).toEqual([expect.stringMatching(/allows s3:Get\* on every resource/)]);
  });

  test('leaves AWS managed policies alone (ReadOnlyAccess is AWS\'s to write)', () => {
    expect(findingsOf(WildcardResource, { properties: { ManagedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] } })).toEqual([]);
  });
});
