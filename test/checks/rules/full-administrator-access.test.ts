import { FullAdministratorAccess } from '../../../src/checks/rules/full-administrator-access';
import { findingsOf } from '../fixtures';

describe('FullAdministratorAccess', () => {
  test('fires on * on *', () => {
    const findings = findingsOf(FullAdministratorAccess, { permissions: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toMatch(/every action on every resource/);
  });

  test('fires on the AWS managed AdministratorAccess policy, with a partition token', () => {
    const arn = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/AdministratorAccess']] };
    const findings = findingsOf(FullAdministratorAccess, { properties: { ManagedPolicyArns: [arn] } });
    expect(findings.map((finding) => finding.message)).toEqual([expect.stringMatching(/^AWS managed policy AdministratorAccess, statement 1 allows every action on every resource/)]);
  });

  test.each([['arn:*'], ['arn:aws:*:*:*:*'], ['arn:*:*:*:*:*']])('fires on * on %s, which is every resource', (resource) => {
    expect(findingsOf(FullAdministratorAccess, { permissions: [{ Effect: 'Allow', Action: '*', Resource: resource }] })).toHaveLength(1);
  });

  test('fires on * on * in an AWS::IAM::Policy attached to the role', () => {
    const resources = { Policy: { Type: 'AWS::IAM::Policy', Properties: { PolicyName: 'p', Roles: [{ Ref: 'Role' }], PolicyDocument: { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } } } };
    expect(findingsOf(FullAdministratorAccess, { resources })[0].message).toMatch(/policy Policy, statement 1/);
  });

  test('stays quiet on ReadOnlyAccess and on * for one service\'s resources', () => {
    const findings = findingsOf(FullAdministratorAccess, {
      permissions: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }, { Effect: 'Deny', Action: '*', Resource: '*' }, { Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::*' }],
      properties: { ManagedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] },
    });
    expect(findings).toEqual([]);
  });
});
