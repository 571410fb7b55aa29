import { RolePathFormat } from '../../../src/checks/rules/role-path-format';
import { findingsOf } from '../fixtures';

describe('RolePathFormat', () => {
  test.each([['service-roles'], ['/no-trailing'], ['/with space/'], ['/' + 'a'.repeat(511) + '/']])('fires on %j', (Path) => {
    const findings = findingsOf(RolePathFormat, { properties: { Path } });
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toMatch(/is not a valid IAM path/);
  });

  test('stays quiet on /, a nested path, and the longest valid path', () => {
    for (const Path of ['/', '/service-roles/ci/', '/' + 'a'.repeat(510) + '/']) {
      expect(findingsOf(RolePathFormat, { properties: { Path } })).toEqual([]);
    }
  });
});
