/** The constructs and, for each, the plain CDK it replaces: an iam.Role (or a CfnPermissionSet) with equivalent trust and policies. */
import { Aws, Stack, Validations, aws_iam as iam, aws_sso as sso } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import {
  BreakGlassRole, CrossAccountRole, IdentityCenterPermissionSet, LambdaExecutionRole, RolesAnywhereRole, RolesAnywhereTrustAnchor, SamlFederationRole,
  WebIdentityProvider, WebIdentityRole,
} from '../src';

export interface BenchCase {
  readonly name: string;
  /** Adds role number `i` made with the construct. */
  ours(stack: Stack, i: number): void;
  /** Adds role number `i` as a plain iam.Role with the same trust and policies. */
  plain(stack: Stack, i: number): void;
}

const SAML_PROVIDER = 'arn:aws:iam::111122223333:saml-provider/Corp';
/** One imported SAML provider per stack, shared by every role, as an app would. Both variants use it. */
const samlProvider = (stack: Stack) => (stack.node.tryFindChild('Corp') as iam.ISamlProvider | undefined)
  ?? iam.SamlProvider.fromSamlProviderArn(stack, 'Corp', SAML_PROVIDER);
/** The GitHub provider as WebIdentityRole names it by default: this account's, with the partition and account as pseudo parameters. */
const GITHUB = `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:oidc-provider/token.actions.githubusercontent.com`;
const TRUST_ANCHOR = 'arn:aws:rolesanywhere:eu-west-1:111122223333:trust-anchor/0a1b2c3d-4e5f-6789-abcd-ef0123456789';
const SSO_INSTANCE = 'arn:aws:sso:::instance/ssoins-1234567890abcdef';
const readOnly = () => [iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess')];
const logsPolicy = (stack: Stack, i: number) => new iam.PolicyDocument({
  statements: [new iam.PolicyStatement({
    actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
    resources: [stack.formatArn({ service: 'logs', resource: 'log-group', resourceName: `/aws/lambda/fn${i}:*`, arnFormat: 'arn:aws:service:region:account:resource:resourceName' as never })],
  })],
});
/**
 * Alerting off, and the principals' account that an env-agnostic stack cannot compare with its own, are acknowledged
 * once for the stack, which covers every role in it, as an app with many such roles would (acknowledging on each
 * role costs CDK about 35 µs per call, and each unacknowledged warning about as much, for the stack trace it records).
 */
const acknowledgeAlertingOff = (stack: Stack) => {
  if (stack.node.metadata.some((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)) return;
  Validations.of(stack).acknowledge({ id: 'cdk-iam-role-patterns:BreakGlassAlertingOff', reason: 'benchmark' },
    { id: 'cdk-iam-role-patterns:BreakGlassWithoutAlert', reason: 'benchmark' },
    { id: 'cdk-iam-role-patterns:BreakGlassAccountNotChecked', reason: 'benchmark' });
};
const ec2Policy = () => new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['ec2:StopInstances'], resources: ['arn:aws:ec2:*:111122223333:instance/*'] })] });

export const CASES: BenchCase[] = [
  {
    name: 'LambdaExecutionRole',
    ours: (stack, i) => new LambdaExecutionRole(stack, `R${i}`, { functionName: `fn${i}` }),
    plain: (stack, i) => new iam.Role(stack, `R${i}`, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'), inlinePolicies: { LambdaExecution: logsPolicy(stack, i) } }),
  },
  {
    name: 'BreakGlassRole',
    ours: (stack, i) => {
      new BreakGlassRole(stack, `R${i}`, {
        trustedPrincipalArns: ['arn:aws:iam::111122223333:user/servicedesk/*'],
        inlinePolicies: { Ec2: ec2Policy() },
        alerting: false,
        alertingDisabledReason: 'benchmark',
      });
      acknowledgeAlertingOff(stack);
    },
    plain: (stack, i) => {
      const role = new iam.Role(stack, `R${i}`, {
        assumedBy: new iam.AccountPrincipal('111122223333').withConditions({
          ArnLike: { 'aws:PrincipalArn': ['arn:aws:iam::111122223333:user/servicedesk/*'] },
          Bool: { 'aws:MultiFactorAuthPresent': 'true' },
          NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' },
          StringEquals: { 'sts:SourceIdentity': '${aws:username}' },
        }),
        inlinePolicies: { Ec2: ec2Policy() },
      });
      role.assumeRolePolicy?.addStatements(new iam.PolicyStatement({ actions: ['sts:SetSourceIdentity'], principals: [new iam.AccountPrincipal('111122223333')] }));
    },
  },
  {
    name: 'SamlFederationRole',
    ours: (stack, i) => new SamlFederationRole(stack, `R${i}`, { samlProvider: samlProvider(stack), managedPolicies: readOnly() }),
    plain: (stack, i) => new iam.Role(stack, `R${i}`, {
      assumedBy: new iam.FederatedPrincipal(samlProvider(stack).samlProviderArn, { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } }, 'sts:AssumeRoleWithSAML'),
      managedPolicies: readOnly(),
    }),
  },
  {
    name: 'WebIdentityRole',
    ours: (stack, i) => new WebIdentityRole(stack, `R${i}`, { provider: WebIdentityProvider.githubActions({ owner: 'ride-co', repository: `repo${i}`, branches: ['main'] }) }),
    plain: (stack, i) => new iam.Role(stack, `R${i}`, {
      assumedBy: new iam.WebIdentityPrincipal(GITHUB, {
        StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:sub': `repo:ride-co/repo${i}:ref:refs/heads/main` },
      }),
    }),
  },
  {
    name: 'CrossAccountRole',
    ours: (stack, i) => new CrossAccountRole(stack, `R${i}`, { trustedAccounts: ['444455556666'], externalId: `8f14e45f-ceea-467f-a0e6-${String(i).padStart(12, '0')}`, outputs: false }),
    plain: (stack, i) => new iam.Role(stack, `R${i}`, { assumedBy: new iam.AccountPrincipal('444455556666'), externalIds: [`8f14e45f-ceea-467f-a0e6-${String(i).padStart(12, '0')}`] }),
  },
  {
    name: 'RolesAnywhereRole',
    ours: (stack, i) => new RolesAnywhereRole(stack, `R${i}`, {
      trustAnchor: RolesAnywhereTrustAnchor.fromTrustAnchorArn(TRUST_ANCHOR),
      subject: { commonName: `agent${i}.dc1.example` },
      managedPolicies: readOnly(),
      createProfile: false,
    }),
    plain: (stack, i) => new iam.Role(stack, `R${i}`, {
      assumedBy: new iam.ServicePrincipal('rolesanywhere.amazonaws.com', {
        conditions: { ArnEquals: { 'aws:SourceArn': TRUST_ANCHOR }, StringEquals: { 'aws:PrincipalTag/x509Subject/CN': `agent${i}.dc1.example` } },
      }).withSessionTags(),
      managedPolicies: readOnly(),
    }).assumeRolePolicy?.addStatements(new iam.PolicyStatement({ actions: ['sts:SetSourceIdentity'], principals: [new iam.ServicePrincipal('rolesanywhere.amazonaws.com')] })),
  },
  {
    name: 'IdentityCenterPermissionSet',
    ours: (stack, i) => new IdentityCenterPermissionSet(stack, `R${i}`, { instanceArn: SSO_INSTANCE, name: `Set${i}`, managedPolicies: readOnly() }),
    // The L1 in a construct of its own, as an L2 holds its resource (iam.Role is `Role/Resource`): the same construct
    // tree and logical ids as the pattern's. A bare L1 at the stack's top level has one node less and a logical id
    // without a hash, which alone is about a fifth of its synth (docs/performance.md reports that ratio as well).
    plain: (stack, i) => new sso.CfnPermissionSet(new Construct(stack, `R${i}`), 'Resource', {
      instanceArn: SSO_INSTANCE, name: `Set${i}`, sessionDuration: 'PT1H', managedPolicies: readOnly().map((policy) => policy.managedPolicyArn),
    }),
  },
];
