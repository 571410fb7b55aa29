import { WebIdentitySubject } from '../../../src/checks/rules/web-identity-subject';
import { findingsOf, GITHUB_PROVIDER, trustStatement } from '../fixtures';

const AUD = 'token.actions.githubusercontent.com:aud';
const SUB = 'token.actions.githubusercontent.com:sub';
const github = (condition: Record<string, unknown>) => trustStatement({
  Principal: { Federated: GITHUB_PROVIDER },
  Action: 'sts:AssumeRoleWithWebIdentity',
  Condition: { StringEquals: { [AUD]: 'sts.amazonaws.com' }, ...condition },
});

describe('WebIdentitySubject', () => {
  test('fires on GitHub Actions with no subject condition (any repository on GitHub)', () => {
    const findings = findingsOf(WebIdentitySubject, { trust: [github({})] });
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toMatch(/has no condition on token.actions.githubusercontent.com:sub.*anyone else's repository.*repo:OWNER\/REPO/);
  });

  test.each(['*', 'repo:*', 'repo:*/infra:*', 'repo:my-org*'])('fires on a subject that matches any owner: %s', (subject) => {
    const findings = findingsOf(WebIdentitySubject, { trust: [github({ StringLike: { [SUB]: subject } })] });
    expect(findings).toHaveLength(1);
  });

  test('fires when one of several subject values matches any owner', () => {
    const findings = findingsOf(WebIdentitySubject, { trust: [github({ StringLike: { [SUB]: ['repo:o/r:ref:refs/heads/main', 'repo:*'] } })] });
    expect(findings).toHaveLength(1);
  });

  test('fires on EKS and GitLab subjects that match any namespace or group', () => {
    const eks = trustStatement({
      Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC' },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringLike: { 'oidc.eks.eu-west-1.amazonaws.com/id/ABC:sub': 'system:serviceaccount:*' } },
    });
    const gitlab = trustStatement({
      Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/gitlab.com' },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringLike: { 'gitlab.com:sub': 'project_path:*' } },
    });
    const findings = findingsOf(WebIdentitySubject, { trust: [eks, gitlab] });
    expect(findings.map((finding) => finding.message)).toEqual([
      expect.stringMatching(/any Kubernetes namespace.*system:serviceaccount:NAMESPACE:SERVICE_ACCOUNT/),
      expect.stringMatching(/any GitLab group.*project_path:GROUP\/PROJECT/),
    ]);
  });

  test.each([
    ['an exact branch', { StringEquals: { [SUB]: 'repo:octo-org/octo-repo:ref:refs/heads/main' } }],
    ['the immutable subject form', { StringEquals: { [SUB]: 'repo:octo-org@1234/octo-repo@5678:environment:prod' } }],
    ['a wildcard after the repository', { StringLike: { [SUB]: 'repo:octo-org/octo-repo:*' } }],
    ['every repository of one owner (the warning rule covers it)', { StringLike: { [SUB]: 'repo:octo-org/*' } }],
    ['a literal star under StringEquals (another rule warns)', { StringEquals: { [SUB]: 'repo:*' } }],
  ])('stays quiet on %s', (_name, condition) => {
    expect(findingsOf(WebIdentitySubject, { trust: [github(condition)] })).toEqual([]);
  });

  test('stays quiet on app-user providers, which need no subject', () => {
    const google = trustStatement({
      Principal: { Federated: 'accounts.google.com' },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { 'accounts.google.com:aud': 'client.apps.googleusercontent.com' } },
    });
    expect(findingsOf(WebIdentitySubject, { trust: [google] })).toEqual([]);
  });
});
