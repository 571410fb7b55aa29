import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { WebIdentityProvider, WebIdentityRole } from '../../src';
import { ACCOUNT, assumeRoleDecision } from '../support/iam-simulator';

const POOL = 'eu-west-1:11111111-2222-3333-4444-555555555555';
const ACTION = 'sts:AssumeRoleWithWebIdentity';

function trustPolicyOf(provider: WebIdentityProvider): unknown {
  const stack = new Stack(new App(), 'Stack', { env: { account: ACCOUNT, region: 'eu-west-1' } });
  new WebIdentityRole(stack, 'Role', { provider });
  const roles = Object.entries(Template.fromStack(stack).findResources('AWS::IAM::Role'));
  return roles.find(([logicalId]) => logicalId.startsWith('Role'))![1].Properties.AssumeRolePolicyDocument;
}

const decide = (trust: unknown, principal: string, context: Record<string, string | string[]>) =>
  assumeRoleDecision(trust, { principal, action: ACTION, context });

describe('WebIdentityRole trust policies, evaluated by the iam-simulate policy simulator', () => {
  describe('GitHub Actions (main branch and the production environment of ride-co/api)', () => {
    const trust = trustPolicyOf(WebIdentityProvider.githubActions({ owner: 'ride-co', repository: 'api', branches: ['main'], environments: ['production'] }));
    const provider = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;
    const token = (sub: string, aud = 'sts.amazonaws.com') => ({ 'token.actions.githubusercontent.com:aud': aud, 'token.actions.githubusercontent.com:sub': sub });

    test.each(['repo:ride-co/api:ref:refs/heads/main', 'repo:ride-co/api:environment:production'])('allows %s', async (sub) => {
      expect(await decide(trust, provider, token(sub))).toBe('Allowed');
    });

    test.each([
      ['another branch', token('repo:ride-co/api:ref:refs/heads/feature')],
      ['another repository of the same owner', token('repo:ride-co/web:ref:refs/heads/main')],
      ['another owner', token('repo:evil-co/api:ref:refs/heads/main')],
      ['a pull request', token('repo:ride-co/api:pull_request')],
      ['the wrong audience', token('repo:ride-co/api:ref:refs/heads/main', 'https://github.com/ride-co')],
    ])('denies %s', async (_name, context) => {
      expect(await decide(trust, provider, context)).toBe('ImplicitlyDenied');
    });

    test('with a wildcard branch, allows release/1.2 and still denies another repository', async () => {
      const wide = trustPolicyOf(WebIdentityProvider.githubActions({ owner: 'ride-co', repository: 'api', branches: ['release/*'] }));
      expect(await decide(wide, provider, token('repo:ride-co/api:ref:refs/heads/release/1.2'))).toBe('Allowed');
      expect(await decide(wide, provider, token('repo:ride-co/api-fork:ref:refs/heads/release/1.2'))).toBe('ImplicitlyDenied');
    });
  });

  describe('GitLab (ride-co/platform/api, branch main)', () => {
    const trust = trustPolicyOf(WebIdentityProvider.gitlab({ projectPath: 'ride-co/platform/api', refs: ['main'], refTypes: ['branch'] }));
    const provider = `arn:aws:iam::${ACCOUNT}:oidc-provider/gitlab.com`;
    const token = (sub: string, aud = 'https://gitlab.com') => ({ 'gitlab.com:aud': aud, 'gitlab.com:sub': sub });
    test('allows the project\'s main branch; denies another project, another ref and a wrong audience', async () => {
      expect(await decide(trust, provider, token('project_path:ride-co/platform/api:ref_type:branch:ref:main'))).toBe('Allowed');
      expect(await decide(trust, provider, token('project_path:ride-co/platform/web:ref_type:branch:ref:main'))).toBe('ImplicitlyDenied');
      expect(await decide(trust, provider, token('project_path:ride-co/platform/api:ref_type:branch:ref:dev'))).toBe('ImplicitlyDenied');
      expect(await decide(trust, provider, token('project_path:ride-co/platform/api:ref_type:branch:ref:main', 'https://gitlab.example.com'))).toBe('ImplicitlyDenied');
    });
  });

  describe('EKS service account payments/ledger', () => {
    const issuer = 'oidc.eks.eu-west-1.amazonaws.com/id/5C0FFEE';
    const trust = trustPolicyOf(WebIdentityProvider.eksServiceAccount({ oidcIssuer: issuer, namespace: 'payments', serviceAccount: 'ledger' }));
    const provider = `arn:aws:iam::${ACCOUNT}:oidc-provider/${issuer}`;
    const token = (sub: string) => ({ [`${issuer}:aud`]: 'sts.amazonaws.com', [`${issuer}:sub`]: sub });
    test('allows the service account; denies another service account and another namespace', async () => {
      expect(await decide(trust, provider, token('system:serviceaccount:payments:ledger'))).toBe('Allowed');
      expect(await decide(trust, provider, token('system:serviceaccount:payments:reports'))).toBe('ImplicitlyDenied');
      expect(await decide(trust, provider, token('system:serviceaccount:default:ledger'))).toBe('ImplicitlyDenied');
    });
  });

  describe('Cognito identity pool', () => {
    const trust = trustPolicyOf(WebIdentityProvider.cognitoIdentityPool({ identityPoolId: POOL }));
    const token = (aud: string, amr: string[]) => ({ 'cognito-identity.amazonaws.com:aud': aud, 'cognito-identity.amazonaws.com:amr': amr });
    test('allows a signed-in identity of the pool; denies a guest and another pool', async () => {
      expect(await decide(trust, 'cognito-identity.amazonaws.com', token(POOL, ['authenticated', 'accounts.google.com']))).toBe('Allowed');
      expect(await decide(trust, 'cognito-identity.amazonaws.com', token(POOL, ['unauthenticated']))).toBe('ImplicitlyDenied');
      expect(await decide(trust, 'cognito-identity.amazonaws.com', token('eu-west-1:99999999-2222-3333-4444-555555555555', ['authenticated']))).toBe('ImplicitlyDenied');
    });
  });

  describe.each<[string, WebIdentityProvider, string, string, string]>([
    ['Google', WebIdentityProvider.google({ clientIds: ['rides.apps.googleusercontent.com'] }), 'accounts.google.com', 'accounts.google.com:aud', 'rides.apps.googleusercontent.com'],
    ['Facebook', WebIdentityProvider.facebook({ appIds: ['1234567'] }), 'graph.facebook.com', 'graph.facebook.com:app_id', '1234567'],
    ['Login with Amazon', WebIdentityProvider.amazon({ appIds: ['amzn1.application.rides'] }), 'www.amazon.com', 'www.amazon.com:app_id', 'amzn1.application.rides'],
    ['any OIDC issuer', WebIdentityProvider.oidc({ issuerUrl: 'https://auth.example.com', audiences: ['rides-api'], subjects: ['service:billing'] }),
      `arn:aws:iam::${ACCOUNT}:oidc-provider/auth.example.com`, 'auth.example.com:aud', 'rides-api'],
  ])('%s', (_name, provider, principal, key, audience) => {
    const trust = trustPolicyOf(provider);
    const extra: Record<string, string> = key.startsWith('auth.example.com') ? { 'auth.example.com:sub': 'service:billing' } : {};
    test('allows your app\'s audience; denies another app\'s', async () => {
      expect(await decide(trust, principal, { [key]: audience, ...extra })).toBe('Allowed');
      expect(await decide(trust, principal, { [key]: 'another-app', ...extra })).toBe('ImplicitlyDenied');
    });
  });
});
