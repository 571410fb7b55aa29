import { WebIdentitySubjectWholeOwner } from '../../../src/checks/rules/web-identity-subject-whole-owner';
import { findingsOf, GITHUB_PROVIDER, trustStatement } from '../fixtures';

const SUB = 'token.actions.githubusercontent.com:sub';
const github = (operator: string, subject: string) => trustStatement({
  Principal: { Federated: GITHUB_PROVIDER },
  Action: 'sts:AssumeRoleWithWebIdentity',
  Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' }, [operator]: { [SUB]: subject } },
});

describe('WebIdentitySubjectWholeOwner', () => {
  test('warns on every repository of one owner', () => {
    const findings = findingsOf(WebIdentitySubjectWholeOwner, { trust: [github('StringLike', 'repo:octo-org/*')] });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'warning' });
    expect(findings[0].message).toMatch(/every repository of one GitHub owner/);
  });

  test('warns on every service account of one EKS namespace', () => {
    const eks = trustStatement({
      Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC' },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringLike: { 'oidc.eks.eu-west-1.amazonaws.com/id/ABC:sub': 'system:serviceaccount:payments:*' } },
    });
    expect(findingsOf(WebIdentitySubjectWholeOwner, { trust: [eks] })[0].message).toMatch(/every service account of one Kubernetes namespace/);
  });

  test('stays quiet on one repository, and on any-owner subjects (the error rule covers them)', () => {
    expect(findingsOf(WebIdentitySubjectWholeOwner, {
      trust: [github('StringLike', 'repo:octo-org/octo-repo:*'), github('StringLike', 'repo:*')],
    })).toEqual([]);
  });
});
