import { ActionResourceMismatch } from '../../../src/checks/rules/action-resource-mismatch';
import { findingsOf } from '../fixtures';

const mismatch = (action: string, resource: unknown) => findingsOf(ActionResourceMismatch, { permissions: [{ Effect: 'Allow', Action: action, Resource: resource }] });

describe('ActionResourceMismatch', () => {
  test('fires on s3:GetObject on a bucket ARN without /*, naming the object ARN form', () => {
    const findings = mismatch('s3:GetObject', 'arn:aws:s3:::orders');
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toMatch(/allows s3:GetObject only on arn:aws:s3:::orders, which s3:GetObject never acts on.*arn:\$\{Partition\}:s3:::\$\{BucketName\}\/\$\{ObjectName\}/);
  });

  test('fires on s3:ListBucket on objects, and on an action without a resource type given an ARN', () => {
    expect(mismatch('s3:ListBucket', 'arn:aws:s3:::orders/*')).toHaveLength(1);
    expect(mismatch('ec2:DescribeInstances', 'arn:aws:ec2:eu-west-1:111122223333:instance/i-0123456789abcdef0')[0].message)
      .toMatch(/ec2:DescribeInstances has no resource type: grant it with Resource "\*"/);
  });

  test('stays quiet on the right forms, on "*", on values the template decides, and on patterns of actions', () => {
    expect(mismatch('s3:GetObject', 'arn:aws:s3:::orders/*')).toEqual([]);
    expect(mismatch('s3:ListBucket', 'arn:aws:s3:::orders')).toEqual([]);
    expect(mismatch('s3:GetObject', ['arn:aws:s3:::orders', 'arn:aws:s3:::orders/*'])).toEqual([]);
    expect(mismatch('ec2:DescribeInstances', '*')).toEqual([]);
    expect(mismatch('s3:GetObject', { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Bucket', 'Arn'] }, '/*']] })).toEqual([]);
    expect(mismatch('s3:GetObject', { 'Fn::GetAtt': ['Bucket', 'Arn'] })).toEqual([]);
    expect(mismatch('dynamodb:GetItem', 'arn:aws:dynamodb:eu-west-1:111122223333:table/orders')).toEqual([]);
    expect(mismatch('s3:Get*', 'arn:aws:s3:::orders')).toEqual([]);
    expect(mismatch('logs:PutLogEvents', 'arn:aws:logs:eu-west-1:111122223333:log-group:/aws/lambda/orders:*')).toEqual([]);
  });
});
