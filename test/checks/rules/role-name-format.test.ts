import { RoleNameFormat } from '../../../src/checks/rules/role-name-format';
import { findingsOf } from '../fixtures';

describe('RoleNameFormat', () => {
  test.each([['has space'], ['x'.repeat(65)], ['name/with/slash'], ['']])('fires on %j', (RoleName) => {
    const findings = findingsOf(RoleNameFormat, { properties: { RoleName } });
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toMatch(/is not a valid IAM role name: it must be 1 to 64 characters/);
  });

  test('stays quiet on a valid name, a token, and no name', () => {
    expect(findingsOf(RoleNameFormat, { properties: { RoleName: 'deploy+ci=1,a.b@c_d-e' } })).toEqual([]);
    expect(findingsOf(RoleNameFormat, { properties: { RoleName: { 'Fn::Sub': '${AWS::StackName}-role' } } })).toEqual([]);
    expect(findingsOf(RoleNameFormat, {})).toEqual([]);
  });
});
