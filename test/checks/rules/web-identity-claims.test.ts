import { WebIdentitySubject } from '../../../src/checks/rules/web-identity-subject';
import { WebIdentitySubjectWholeOwner } from '../../../src/checks/rules/web-identity-subject-whole-owner';
import { WebIdentitySubjectWorkflowOnly } from '../../../src/checks/rules/web-identity-subject-workflow-only';
import { findingsOf, GITHUB_PROVIDER, trustStatement } from '../fixtures';

/**
 * GitHub's provider-specific claims (STS tests them in trust policies since 2026-01) and customized subjects:
 * what each pins, as WebIdentitySubject, WebIdentitySubjectWholeOwner and WebIdentitySubjectWorkflowOnly read it.
 */
const ISSUER = 'token.actions.githubusercontent.com';
const github = (condition: Record<string, Record<string, unknown>>, provider: unknown = GITHUB_PROVIDER, issuer = ISSUER) => trustStatement({
  Principal: { Federated: provider },
  Action: 'sts:AssumeRoleWithWebIdentity',
  Condition: { ...condition, StringEquals: { [`${issuer}:aud`]: 'sts.amazonaws.com', ...condition.StringEquals } },
});
const rules = [WebIdentitySubject, WebIdentitySubjectWholeOwner, WebIdentitySubjectWorkflowOnly];
const verdict = (statement: Record<string, unknown>) => rules.flatMap((rule) => findingsOf(rule, { trust: [statement] }).map((finding) => `${rule.name} ${finding.severity}`));

describe('GitHub claim pins and customized subjects', () => {
  test.each<[string, Record<string, Record<string, unknown>>, string[]]>([
    ['the repository id alone pins one repository', { StringEquals: { [`${ISSUER}:repository_id`]: '892418301' } }, []],
    ['the repository by name pins one repository', { StringEquals: { [`${ISSUER}:repository`]: 'octo-org/octo-repo' } }, []],
    ['a repository id and a reusable workflow: the recommended setup',
      { StringEquals: { [`${ISSUER}:repository_id`]: '892418301', [`${ISSUER}:job_workflow_ref`]: 'octo-org/deploy/.github/workflows/deploy.yml@refs/heads/main' } }, []],
    ['any subject narrowed by the repository id', { StringEquals: { [`${ISSUER}:repository_id`]: '1' }, StringLike: { [`${ISSUER}:sub`]: 'repo:*' } }, []],
    ['a reusable workflow alone: every repository that may call it',
      { StringEquals: { [`${ISSUER}:job_workflow_ref`]: 'octo-org/deploy/.github/workflows/deploy.yml@refs/heads/main' } }, ['WebIdentitySubjectWorkflowOnly warning']],
    ['an enterprise alone: every repository of the enterprise', { StringEquals: { [`${ISSUER}:enterprise_id`]: '1234' } }, ['WebIdentitySubjectWholeOwner warning']],
    ['a repository id pattern pins nothing', { StringLike: { [`${ISSUER}:repository_id`]: '*' } }, ['WebIdentitySubject error']],
    ['an actor alone pins no repository', { StringEquals: { [`${ISSUER}:actor`]: 'octocat' } }, ['WebIdentitySubject error']],
    ['a customized subject with owner and repository ids', { StringLike: { [`${ISSUER}:sub`]: 'repository_owner_id:72338:repository_id:4321:*' } }, []],
    ['a customized subject with the owner id only', { StringLike: { [`${ISSUER}:sub`]: 'repository_owner_id:72338:*' } }, ['WebIdentitySubjectWholeOwner warning']],
    ['a customized subject that pins nothing', { StringLike: { [`${ISSUER}:sub`]: 'environment:prod:*' } }, ['WebIdentitySubject error']],
  ])('%s', (_name, condition, expected) => {
    expect(verdict(github(condition))).toEqual(expected);
  });

  test('claim keys of another issuer pin nothing on a GitHub trust', () => {
    expect(verdict(github({ StringEquals: { 'gitlab.com:repository_id': '1' } }))).toEqual(['WebIdentitySubject error']);
  });

  test('a GitHub Enterprise Server issuer is read as GitHub', () => {
    const provider = 'arn:aws:iam::111122223333:oidc-provider/github.example.com/_services/token';
    const issuer = 'github.example.com/_services/token';
    expect(verdict(github({ StringLike: { [`${issuer}:sub`]: 'repo:octo-org/*' } }, provider, issuer))).toEqual(['WebIdentitySubjectWholeOwner warning']);
    expect(verdict(github({ StringLike: { [`${issuer}:sub`]: 'repo:octo-org/octo-repo:*' } }, provider, issuer))).toEqual([]);
  });
});
