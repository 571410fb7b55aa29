import { App, Stack, aws_iam as iam } from 'aws-cdk-lib';
import {
  BreakGlassRole, CrossAccountRole, EksPodIdentityRole, LambdaExecutionRole, RoleAssertions, SamlFederationRole, WebIdentityProvider, WebIdentityRole,
} from '../src';
import { podIdentityRequest } from './support/iam-simulator';

/** RoleAssertions on each pattern: the intended caller gets in, each near miss stays out, with the reason. */
const ACCOUNT = '111122223333';
const stack = () => new Stack(new App(), 'Stack', { env: { account: ACCOUNT, region: 'eu-west-1' } });

describe('RoleAssertions on each pattern', () => {
  test('CrossAccountRole for a vendor: the vendor with its ExternalId gets in; without it, or another account, does not', () => {
    const scope = stack();
    new CrossAccountRole(scope, 'Vendor', { trustedAccounts: ['777788889999'], thirdParty: true, externalId: '3f2b8c1e-6a47-4d2e-9b1c-0e5f7a9d2c41', outputs: false });
    const roles = RoleAssertions.fromStack(scope);
    const vendor = { principal: 'arn:aws:iam::777788889999:role/Auditor', context: { 'sts:ExternalId': '3f2b8c1e-6a47-4d2e-9b1c-0e5f7a9d2c41' } };
    roles.assertAllowed('Vendor', vendor);
    expect(roles.evaluate('Vendor', vendor)).toEqual({ allowed: true, reason: 'statement 1 allows it' });
    roles.assertDenied('Vendor', { principal: 'arn:aws:iam::777788889999:role/Auditor' });
    roles.assertDenied('Vendor', { ...vendor, context: { 'sts:ExternalId': 'guessed' } });
    roles.assertDenied('Vendor', { ...vendor, principal: 'arn:aws:iam::444455556666:role/Auditor' });
    expect(() => roles.assertAllowed('Vendor', { principal: '777788889999' })).toThrow(/expected 777788889999 to be allowed sts:AssumeRole on Vendor, but it is denied: no statement allows it/);
  });

  test('CrossAccountRole for one role of a partner: that role, not another of the same account', () => {
    const scope = stack();
    new CrossAccountRole(scope, 'Partner', { trustedPrincipalArns: ['arn:aws:iam::444455556666:role/Uploader'], outputs: false });
    const roles = RoleAssertions.fromStack(scope);
    roles.assertAllowed('Partner', { principal: 'arn:aws:sts::444455556666:assumed-role/Uploader/nightly' });
    roles.assertDenied('Partner', { principal: 'arn:aws:iam::444455556666:role/Other' });
  });

  test('BreakGlassRole: a service-desk user with fresh MFA naming themselves; no MFA, old MFA, another user, another source identity stay out', () => {
    const scope = stack();
    new BreakGlassRole(scope, 'Glass', {
      trustedPrincipalArns: [`arn:aws:iam::${ACCOUNT}:user/servicedesk/*`],
      alerting: false,
      alertingDisabledReason: 'alerted centrally',
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess')],
    });
    const roles = RoleAssertions.fromStack(scope);
    const alice = `arn:aws:iam::${ACCOUNT}:user/servicedesk/alice`;
    const fresh = { 'aws:MultiFactorAuthPresent': 'true', 'aws:MultiFactorAuthAge': '300', 'sts:SourceIdentity': 'alice' };
    roles.assertAllowed('Glass', { principal: alice, context: fresh });
    roles.assertDenied('Glass', { principal: alice, context: { ...fresh, 'aws:MultiFactorAuthPresent': 'false' } });
    roles.assertDenied('Glass', { principal: alice, context: { ...fresh, 'aws:MultiFactorAuthAge': '7200' } });
    roles.assertDenied('Glass', { principal: alice, context: { ...fresh, 'sts:SourceIdentity': 'bob' } });
    roles.assertDenied('Glass', { principal: `arn:aws:iam::${ACCOUNT}:user/developers/mallory`, context: { ...fresh, 'sts:SourceIdentity': 'mallory' } });
  });

  test('LambdaExecutionRole: Lambda only', () => {
    const scope = stack();
    new LambdaExecutionRole(scope, 'Fn', { functionName: 'orders' });
    const roles = RoleAssertions.fromStack(scope);
    roles.assertAllowed('Fn', { principal: 'lambda.amazonaws.com' });
    roles.assertDenied('Fn', { principal: 'ec2.amazonaws.com' });
    roles.assertDenied('Fn', { principal: ACCOUNT });
  });

  test('WebIdentityRole for GitHub Actions: the repository\'s main branch with the STS audience; another branch, repository or audience stays out', () => {
    const scope = stack();
    new WebIdentityRole(scope, 'Deploy', { provider: WebIdentityProvider.githubActions({ owner: 'ride-co', repository: 'api', branches: ['main'] }) });
    const roles = RoleAssertions.fromStack(scope);
    const provider = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;
    const token = (sub: string, aud = 'sts.amazonaws.com') => ({
      action: 'sts:AssumeRoleWithWebIdentity',
      principal: provider,
      context: { 'token.actions.githubusercontent.com:sub': sub, 'token.actions.githubusercontent.com:aud': aud },
    });
    roles.assertAllowed('Deploy', token('repo:ride-co/api:ref:refs/heads/main'));
    roles.assertDenied('Deploy', token('repo:ride-co/api:ref:refs/heads/feature'));
    roles.assertDenied('Deploy', token('repo:someone-else/api:ref:refs/heads/main'));
    roles.assertDenied('Deploy', token('repo:ride-co/api:ref:refs/heads/main', 'https://example.com'));
  });

  test('SamlFederationRole: the IdP\'s sign-in audience only', () => {
    const scope = stack();
    new SamlFederationRole(scope, 'Corp', { samlProvider: iam.SamlProvider.fromSamlProviderArn(scope, 'Idp', `arn:aws:iam::${ACCOUNT}:saml-provider/Corp`) });
    const roles = RoleAssertions.fromStack(scope);
    const saml = (aud: string) => ({ action: 'sts:AssumeRoleWithSAML', principal: `arn:aws:iam::${ACCOUNT}:saml-provider/Corp`, context: { 'SAML:aud': aud } });
    roles.assertAllowed('Corp', saml('https://signin.aws.amazon.com/saml'));
    roles.assertDenied('Corp', saml('https://example.com/saml'));
  });

  test('EksPodIdentityRole: the pods of one service account of one cluster', () => {
    const scope = stack();
    new EksPodIdentityRole(scope, 'Ledger', { clusterName: 'prod', namespace: 'payments', serviceAccount: 'ledger', createAssociation: false });
    const roles = RoleAssertions.fromStack(scope);
    const pod = (namespace: string) => {
      const { principal, context } = podIdentityRequest(namespace);
      return { principal, context: Object.fromEntries(Object.entries(context!).map(([key, value]) => [key, String(value)])) };
    };
    roles.assertAllowed('Ledger', pod('payments'));
    roles.assertDenied('Ledger', pod('default'));
  });

  test('an unknown role or principal is refused with the accepted forms', () => {
    const scope = stack();
    new LambdaExecutionRole(scope, 'Fn', { functionName: 'orders' });
    const roles = RoleAssertions.fromStack(scope);
    expect(() => roles.evaluate('Nope', { principal: 'lambda.amazonaws.com' })).toThrow(/no role "Nope" in the stack; name a role by its construct path or logical id: Fn, Fn\/Resource, Fn\w+/);
    expect(() => roles.evaluate('Fn', { principal: 'someone' })).toThrow(/principal "someone" is not one STS knows/);
  });
});
