import * as fc from 'fast-check';
import { policySize } from '../../src/checks/policy-size';

describe('policySize', () => {
  test('counts the JSON without any white space, as IAM does', () => {
    const document = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::my bucket/*' }] };
    const compact = JSON.stringify(document).replace(/\s/g, '');
    expect(policySize(document)).toBe(compact.length);
  });

  test('counts pseudo parameters by their typical deployed length', () => {
    const joined = { Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':root']] } };
    expect(policySize(joined)).toBe(JSON.stringify({ Resource: 'arn:aws:iam::123456789012:root' }).length);
  });

  test('counts an undefined document as nothing', () => {
    expect(policySize(undefined)).toBe(0);
  });
});

describe('policySize on any JSON', () => {
  test('equals the length of the JSON text without white space', () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
      expect(policySize(value)).toBe(JSON.stringify(value).replace(/\s/g, '').length);
    }), { numRuns: 500 });
  });
});
