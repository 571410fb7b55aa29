import { WebIdentityTokenAudience } from '../../../src/checks/rules/web-identity-token-audience';
import { findingsOf } from '../fixtures';

const grant = (extra: Record<string, unknown> = {}) => ({ permissions: [{ Effect: 'Allow', Action: 'sts:GetWebIdentityToken', Resource: '*', ...extra }] });

describe('WebIdentityTokenAudience', () => {
  test('warns on sts:GetWebIdentityToken with no audience condition, by name or by a wildcard of STS', () => {
    expect(findingsOf(WebIdentityTokenAudience, grant())[0].message).toMatch(/sts:GetWebIdentityToken with no condition on sts:IdentityTokenAudience/);
    expect(findingsOf(WebIdentityTokenAudience, grant({ Action: 'sts:Get*' }))).toHaveLength(1);
    expect(findingsOf(WebIdentityTokenAudience, grant({ Condition: { NumericLessThanEquals: { 'sts:DurationSeconds': '300' } } }))).toHaveLength(1);
    expect(findingsOf(WebIdentityTokenAudience, grant({ Condition: { 'ForAllValues:StringLike': { 'sts:IdentityTokenAudience': '*' } } }))).toHaveLength(1);
  });

  test('stays quiet with an audience condition, on other STS actions, and on every action (FullAdministratorAccess reports that)', () => {
    expect(findingsOf(WebIdentityTokenAudience, grant({ Condition: { 'ForAllValues:StringEquals': { 'sts:IdentityTokenAudience': ['https://api.example.com'] } } }))).toEqual([]);
    expect(findingsOf(WebIdentityTokenAudience, grant({ Action: 'sts:GetCallerIdentity' }))).toEqual([]);
    expect(findingsOf(WebIdentityTokenAudience, grant({ Action: '*' }))).toEqual([]);
  });
});
