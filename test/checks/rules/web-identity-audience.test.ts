import { WebIdentityAudience } from '../../../src/checks/rules/web-identity-audience';
import { findingsOf, GITHUB_PROVIDER, trustStatement } from '../fixtures';

const webIdentity = (Federated: unknown, Condition?: unknown) =>
  trustStatement({ Principal: { Federated }, Action: 'sts:AssumeRoleWithWebIdentity', ...(Condition ? { Condition } : {}) });

describe('WebIdentityAudience', () => {
  test('fires on GitHub Actions with a subject but no audience', () => {
    const findings = findingsOf(WebIdentityAudience, {
      trust: [webIdentity(GITHUB_PROVIDER, { StringEquals: { 'token.actions.githubusercontent.com:sub': 'repo:o/r:ref:refs/heads/main' } })],
    });
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toMatch(/no StringEquals condition on token.actions.githubusercontent.com:aud.*sts.amazonaws.com for GitHub Actions/);
  });

  test.each([
    ['Cognito', 'cognito-identity.amazonaws.com', /cognito-identity.amazonaws.com:aud/],
    ['Google', 'accounts.google.com', /accounts.google.com:aud or accounts.google.com:oaud/],
    ['Facebook', 'graph.facebook.com', /graph.facebook.com:app_id/],
    ['Amazon', 'www.amazon.com', /www.amazon.com:app_id/],
  ])('fires on %s with no audience condition', (_name, provider, key) => {
    const findings = findingsOf(WebIdentityAudience, { trust: [webIdentity(provider)] });
    expect(findings[0].message).toMatch(key);
  });

  test('fires when the audience is only a wildcard', () => {
    const findings = findingsOf(WebIdentityAudience, { trust: [webIdentity('accounts.google.com', { StringLike: { 'accounts.google.com:aud': '*' } })] });
    expect(findings).toHaveLength(1);
  });

  test('stays quiet with the audience pinned, for known and template-defined providers', () => {
    const trust = [
      webIdentity('cognito-identity.amazonaws.com', { StringEquals: { 'cognito-identity.amazonaws.com:aud': 'us-east-1:1234' } }),
      webIdentity('graph.facebook.com', { StringEquals: { 'graph.facebook.com:app_id': '1234' } }),
      webIdentity({ Ref: 'GitLab' }, { StringEquals: { 'gitlab.example.com:aud': 'https://gitlab.example.com' } }),
    ];
    const resources = { GitLab: { Type: 'AWS::IAM::OIDCProvider', Properties: { Url: 'https://gitlab.example.com' } } };
    expect(findingsOf(WebIdentityAudience, { trust, resources })).toEqual([]);
  });

  test('skips a statement whose Condition is computed at deployment (a token issuer)', () => {
    const trust = [webIdentity({ Ref: 'Provider' }, { 'Fn::GetAtt': ['ConditionJson', 'Value'] })];
    expect(findingsOf(WebIdentityAudience, { trust })).toEqual([]);
  });
});
