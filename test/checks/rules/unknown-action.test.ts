import { UnknownAction } from '../../../src/checks/rules/unknown-action';
import { CATALOGUE_DATE } from '../../../src/iam/catalogue';
import { findingsOf } from '../fixtures';

describe('UnknownAction', () => {
  test.each([
    ['s3:GetObjects', /names s3:GetObjects, which is not an action of s3 .*grants nothing; did you mean s3:GetObject\?/],
    ['dynamodb:GetItems', /did you mean dynamodb:GetItem\?/],
    ['s3x:GetObject', /"s3x" is no service prefix of IAM .*did you mean "s3"\?/],
    ['s3:GetObjekt*', /names s3:GetObjekt\*, which matches no action of s3/],
  ])('fires on %s, with the closest real name and the catalogue date', (action, message) => {
    const findings = findingsOf(UnknownAction, { permissions: [{ Effect: 'Allow', Action: action, Resource: 'arn:aws:s3:::bucket/*' }] });
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toMatch(message);
    expect(findings[0].message).toContain(CATALOGUE_DATE);
  });

  test('several in one statement are one finding that names each', () => {
    const findings = findingsOf(UnknownAction, { permissions: [{ Effect: 'Deny', Action: ['s3:GetObjects', 's3x:GetObject', 's3:GetObjekt*', 's3:GetObject'], Resource: '*' }] });
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toMatch(new RegExp('names 3 actions IAM does not have \\(catalogue of .*\\), so they deny nothing: '
      + 's3:GetObjects \\(not an action of s3; did you mean s3:GetObject\\?\\), s3x:GetObject \\("s3x" is no service prefix; did you mean "s3"\\?\\), '
      + 's3:GetObjekt\\* \\(matches no action of s3\\)\\.'));
  });

  test('fires on a typo in a Deny too: it denies nothing', () => {
    const findings = findingsOf(UnknownAction, { permissions: [{ Effect: 'Deny', Action: 'iam:DeleteRoles', Resource: '*' }] });
    expect(findings[0].message).toMatch(/so it denies nothing; did you mean iam:DeleteRole\?/);
  });

  test('stays quiet on real actions in any case, patterns that match, *, placeholders, and AWS managed policies', () => {
    const permissions = [{ Effect: 'Allow', Action: ['dynamodb:getitem', 'S3:GETOBJECT', 's3:Get*', '*', 'iam:*', '{{cfn:Ref:Action}}', 's3*:Get*'], Resource: '*' }];
    expect(findingsOf(UnknownAction, { permissions, properties: { ManagedPolicyArns: ['arn:aws:iam::aws:policy/PowerUserAccess'] } })).toEqual([]);
  });
});
