import { PassRoleOnEveryResource } from '../../../src/checks/rules/pass-role-on-every-resource';
import { findingsOf } from '../fixtures';

describe('PassRoleOnEveryResource', () => {
  test.each([['iam:PassRole'], ['iam:Pass*'], ['iam:*']])('fires on %s on *', (action) => {
    const findings = findingsOf(PassRoleOnEveryResource, { permissions: [{ Effect: 'Allow', Action: action, Resource: '*' }] });
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toMatch(/iam:PassRole on every resource.*iam:PassedToService/);
  });

  test('stays quiet on a named role, and on * on * (FullAdministratorAccess reports that)', () => {
    const permissions = [
      { Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::111122223333:role/AppRole' },
      { Effect: 'Allow', Action: '*', Resource: '*' },
    ];
    expect(findingsOf(PassRoleOnEveryResource, { permissions })).toEqual([]);
  });
});
