import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { GitHubActionsProviderProps, WebIdentityProvider, WebIdentityRole } from '../../src';
import { ACCOUNT, assumeRoleDecision } from '../support/iam-simulator';

const ISSUER = 'token.actions.githubusercontent.com';
const PROVIDER = `arn:aws:iam::${ACCOUNT}:oidc-provider/${ISSUER}`;
const DEPLOY_WORKFLOW = 'ride-co/deploy/.github/workflows/deploy.yml@refs/heads/main';

function trustOf(props: GitHubActionsProviderProps): any {
  const stack = new Stack(new App(), 'Stack', { env: { account: ACCOUNT, region: 'eu-west-1' } });
  new WebIdentityRole(stack, 'Role', { provider: WebIdentityProvider.githubActions(props) });
  return Object.values(Template.fromStack(stack).findResources('AWS::IAM::Role'))[0].Properties.AssumeRolePolicyDocument;
}

/** The claims of a GitHub Actions token for ride-co/api, run by the deploy workflow on main; `changes` replace some. */
function token(changes: Record<string, string> = {}): Record<string, string> {
  const claims: Record<string, string> = {
    aud: 'sts.amazonaws.com',
    sub: 'repo:ride-co/api:ref:refs/heads/main',
    repository: 'ride-co/api',
    repository_id: '892418301',
    job_workflow_ref: DEPLOY_WORKFLOW,
    actor: 'octocat',
    actor_id: '583231',
    enterprise_id: '1234',
    ...changes,
  };
  return Object.fromEntries(Object.entries(claims).map(([claim, value]) => [`${ISSUER}:${claim}`, value]));
}

const decide = (trust: unknown, context: Record<string, string>, provider = PROVIDER) =>
  assumeRoleDecision(trust, { principal: provider, action: 'sts:AssumeRoleWithWebIdentity', context });

describe('GitHub Actions claim pins, evaluated by the iam-simulate policy simulator', () => {
  describe('the recommended setup: the repository\'s immutable id and one reusable deployment workflow', () => {
    const trust = trustOf({ owner: 'ride-co', repository: 'api', repositoryId: '892418301', jobWorkflowRefs: [DEPLOY_WORKFLOW] });

    test('writes one statement: aud, the repository by name in sub, and the id and workflow claims', () => {
      expect(trust.Statement).toEqual([{
        Effect: 'Allow',
        Action: 'sts:AssumeRoleWithWebIdentity',
        Principal: { Federated: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, `:oidc-provider/${ISSUER}`]] } },
        Condition: {
          StringEquals: { [`${ISSUER}:aud`]: ['sts.amazonaws.com'], [`${ISSUER}:repository_id`]: ['892418301'], [`${ISSUER}:job_workflow_ref`]: [DEPLOY_WORKFLOW] },
          StringLike: { [`${ISSUER}:sub`]: ['repo:ride-co/api:*'] },
        },
      }]);
    });

    test('allows the deploy workflow of the repository', async () => {
      expect(await decide(trust, token())).toBe('Allowed');
    });

    test.each([
      ['another repository id (the name reused by a new repository)', token({ repository_id: '999999999' })],
      ['another workflow of the repository', token({ job_workflow_ref: 'ride-co/api/.github/workflows/ci.yml@refs/heads/main' })],
      ['the workflow at another ref', token({ job_workflow_ref: 'ride-co/deploy/.github/workflows/deploy.yml@refs/heads/feature' })],
      ['another repository calling the public workflow', token({ sub: 'repo:evil-co/api:ref:refs/heads/main', repository_id: '1' })],
    ])('denies %s', async (_name, context) => {
      expect(await decide(trust, context)).toBe('ImplicitlyDenied');
    });
  });

  test('actors, actor ids and the enterprise narrow the trust: another of each is denied', async () => {
    const trust = trustOf({ owner: 'ride-co', repository: 'api', branches: ['main'], actors: ['octocat'], actorIds: ['583231'], enterpriseId: '1234' });
    expect(await decide(trust, token())).toBe('Allowed');
    expect(await decide(trust, token({ actor: 'mallory' }))).toBe('ImplicitlyDenied');
    expect(await decide(trust, token({ actor_id: '666' }))).toBe('ImplicitlyDenied');
    expect(await decide(trust, token({ enterprise_id: '9999' }))).toBe('ImplicitlyDenied');
  });

  test('a customized subject template: the subject is built from the ids, and another repository id is denied', async () => {
    const trust = trustOf({
      owner: 'ride-co',
      repository: 'api',
      ownerId: '72338',
      repositoryId: '892418301',
      environments: ['production'],
      subjectClaimKeys: ['repository_owner_id', 'repository_id', 'context'],
    });
    expect(trust.Statement[0].Condition.StringEquals[`${ISSUER}:sub`]).toEqual(['repository_owner_id:72338:repository_id:892418301:environment:production']);
    const sub = 'repository_owner_id:72338:repository_id:892418301:environment:production';
    expect(await decide(trust, token({ sub }))).toBe('Allowed');
    expect(await decide(trust, token({ sub: 'repository_owner_id:72338:repository_id:1:environment:production', repository_id: '1' }))).toBe('ImplicitlyDenied');
    expect(await decide(trust, token({ sub: 'repository_owner_id:72338:repository_id:892418301:environment:staging' }))).toBe('ImplicitlyDenied');
  });

  test('an enterprise\'s unique issuer and a GitHub Enterprise Server are their own providers and condition keys', () => {
    // (the simulator knows no condition keys of these issuers, so their trust is compared as written)
    const slug = trustOf({ owner: 'ride-co', repository: 'api', branches: ['main'], enterpriseSlug: 'ride-co-enterprise' });
    expect(JSON.stringify(slug.Statement[0].Principal)).toContain(`:oidc-provider/${ISSUER}/ride-co-enterprise`);
    expect(slug.Statement[0].Condition).toEqual({
      StringEquals: {
        [`${ISSUER}/ride-co-enterprise:aud`]: ['sts.amazonaws.com'], [`${ISSUER}/ride-co-enterprise:sub`]: ['repo:ride-co/api:ref:refs/heads/main'],
      },
    });
    const server = trustOf({ owner: 'ride-co', repository: 'api', branches: ['main'], host: 'github.ride-co.example' });
    expect(JSON.stringify(server.Statement[0].Principal)).toContain(':oidc-provider/github.ride-co.example/_services/token');
    expect(server.Statement[0].Condition.StringEquals).toHaveProperty(['github.ride-co.example/_services/token:sub'], ['repo:ride-co/api:ref:refs/heads/main']);
  });
});

describe('GitHub Actions props errors', () => {
  const build = (props: Partial<GitHubActionsProviderProps>) => trustOf({ owner: 'ride-co', repository: 'api', branches: ['main'], ...props });
  test.each<[string, Partial<GitHubActionsProviderProps>, RegExp]>([
    ['a repository id that is not a number', { repositoryId: 'api' }, /provider.repositoryId: "api" is not valid; a repository id is the number GitHub gives/],
    ['a malformed job workflow ref', { jobWorkflowRefs: ['deploy.yml'] }, /provider.jobWorkflowRefs: "deploy.yml" is not valid; a job workflow ref is OWNER\/REPO\/.github\/workflows\/FILE.yml@REF/],
    ['an actor that is no GitHub login', { actors: ['octo cat'] }, /provider.actors: "octo cat" is not valid/],
    ['an actor id that is not a number', { actorIds: ['octocat'] }, /provider.actorIds: "octocat" is not valid/],
    ['an enterprise id that is not a number', { enterpriseId: 'acme' }, /provider.enterpriseId: "acme" is not valid/],
    ['host and enterprise slug together', { host: 'github.example.com', enterpriseSlug: 'acme' }, /provider.host, provider.enterpriseSlug: give one/],
    ['claim pins with an enterprise slug', { enterpriseSlug: 'acme', repositoryId: '1' }, /provider.repositoryId: AWS documents the GitHub claim keys for the issuer token.actions.githubusercontent.com only/],
    ['a repository id with every repository', { repository: '*', allowAllRepositories: true, repositoryId: '1' }, /provider.repositoryId: "1" is not valid; a repository id pins one repository/],
    ['a subject key the props cannot fill', { subjectClaimKeys: ['repo', 'workflow_sha'] }, /provider.subjectClaimKeys: "workflow_sha" is not valid; the props fill in these keys only: repo, repository/],
    ['a subject key without its prop', { subjectClaimKeys: ['repository_owner_id', 'repo', 'context'] }, /provider.ownerId: undefined is not valid; the subject template's key repository_owner_id needs it/],
    ['a template that pins no repository', { subjectClaimKeys: ['context'] }, /the template pins no repository \(repo, repository or repository_id\), so give repositoryId/],
    ['a filter the template cannot carry', { subjectClaimKeys: ['repo', 'job_workflow_ref'], jobWorkflowRefs: [DEPLOY_WORKFLOW] }, /provider.branches: \["main"\] is not valid; the subject template has no context or ref key/],
  ])('rejects %s', (_name, props, message) => {
    expect(() => build(props)).toThrow(message);
  });

  test('jobWorkflowRefs counts as the filter', () => {
    expect(() => trustOf({ owner: 'ride-co', repository: 'api', jobWorkflowRefs: [DEPLOY_WORKFLOW] })).not.toThrow();
    expect(() => trustOf({ owner: 'ride-co', repository: 'api', repositoryId: '1' })).toThrow(/give at least one filter/);
  });
});
