import { ServiceWideWildcardAction } from '../../../src/checks/rules/service-wide-wildcard-action';
import { findingsOf } from '../fixtures';

describe('ServiceWideWildcardAction', () => {
  test('warns on s3:* and on * for one resource', () => {
    const findings = findingsOf(ServiceWideWildcardAction, {
      permissions: [
        { Effect: 'Allow', Action: ['s3:*', 'dynamodb:GetItem'], Resource: 'arn:aws:s3:::bucket/*' },
        { Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::bucket' },
      ],
    });
    expect(findings.map((finding) => finding.message)).toEqual([
      expect.stringMatching(/allows s3:\*, every action of that service/),
      expect.stringMatching(/allows \*, every action/),
    ]);
  });

  test('says what the service\'s actions include, from the catalogue: deletes, permission changes, or neither', () => {
    const message = (action: string) => findingsOf(ServiceWideWildcardAction, { permissions: [{ Effect: 'Allow', Action: action, Resource: 'arn:aws:s3:::bucket/*' }] })[0].message;
    expect(message('s3:*')).toMatch(/every action of that service, including deletes and permission changes\./);
    expect(message('ssmmessages:*')).toMatch(/allows ssmmessages:\*, every action of that service\. List the actions/);
    expect(message('*')).toMatch(/including deletes and permission changes\./);
  });

  test('stays quiet on listed actions, on prefix wildcards from grants, and on * on * (an error elsewhere)', () => {
    const permissions = [
      { Effect: 'Allow', Action: ['s3:GetObject*', 's3:List*'], Resource: 'arn:aws:s3:::bucket/*' },
      { Effect: 'Allow', Action: '*', Resource: '*' },
    ];
    expect(findingsOf(ServiceWideWildcardAction, { permissions })).toEqual([]);
  });

  test('reads AWS managed policies: AmazonS3FullAccess grants s3:*, and the finding names the policy', () => {
    const findings = findingsOf(ServiceWideWildcardAction, { properties: { ManagedPolicyArns: ['arn:aws:iam::aws:policy/AmazonS3FullAccess'] } });
    expect(findings.map((finding) => finding.message)).toEqual([expect.stringMatching(/^AWS managed policy AmazonS3FullAccess, statement \d+ allows s3:\*/)]);
    expect(findingsOf(ServiceWideWildcardAction, { properties: { ManagedPolicyArns: ['arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'] } })).toEqual([]);
  });
});
