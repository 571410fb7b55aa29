import { checkTemplate } from '../../../src/checks/engine';
import { WebIdentityTokenAudience } from '../../../src/checks/rules/web-identity-token-audience';
import { findingsOf, roleTemplate } from '../fixtures';

const grant = (extra: Record<string, unknown> = {}) => ({ permissions: [{ Effect: 'Allow', Action: 'sts:GetWebIdentityToken', Resource: '*', ...extra }] });

describe('WebIdentityTokenAudience', () => {
  test('warns on sts:GetWebIdentityToken with no audience condition, by name or by a wildcard of STS', () => {
    expect(findingsOf(WebIdentityTokenAudience, grant())[0].message).toMatch(/sts:GetWebIdentityToken with no condition on sts:IdentityTokenAudience/);
    expect(findingsOf(WebIdentityTokenAudience, grant({ Action: 'sts:Get*' }))).toHaveLength(1);
    expect(findingsOf(WebIdentityTokenAudience, grant({ Condition: { NumericLessThanEquals: { 'sts:DurationSeconds': '300' } } }))).toHaveLength(1);
    expect(findingsOf(WebIdentityTokenAudience, grant({ Condition: { 'ForAllValues:StringLike': { 'sts:IdentityTokenAudience': '*' } } }))).toHaveLength(1);
  });

  test('stays quiet with an audience condition, on other STS actions, and on grants whose breadth another rule reports', () => {
    expect(findingsOf(WebIdentityTokenAudience, grant({ Condition: { 'ForAllValues:StringEquals': { 'sts:IdentityTokenAudience': ['https://api.example.com'] } } }))).toEqual([]);
    expect(findingsOf(WebIdentityTokenAudience, grant({ Action: 'sts:GetCallerIdentity' }))).toEqual([]);
    expect(findingsOf(WebIdentityTokenAudience, grant({ Action: '*' }))).toEqual([]);
    // their breadth is another rule's finding (AllowWithNotAction, ServiceWideWildcardAction): one finding per problem
    const rulesFiring = (fixture: ReturnType<typeof grant>) => checkTemplate(roleTemplate(fixture)).map((finding) => finding.ruleId.split(':')[1]);
    expect(rulesFiring(grant({ Action: 'sts:*' }))).toEqual(['PrivilegeEscalation']); // every role's AssumeRole among it
    expect(rulesFiring(grant({ Action: 'sts:*', Resource: 'arn:aws:sts::111122223333:self' }))).toEqual(['ServiceWideWildcardAction']);
    // as PowerUserAccess grants
    const powerUser = rulesFiring(grant({ Action: undefined, NotAction: ['iam:*', 'organizations:*', 'account:*'] }));
    expect(powerUser).toContain('AllowWithNotAction');
    expect(powerUser).not.toContain('WebIdentityTokenAudience');
  });
});
