import { App, Duration, Stack, aws_iam as iam } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as fc from 'fast-check';
import { BreakGlassRole, CrossAccountRole, EksPodIdentityRole, LambdaExecutionRole, SamlFederationRole, WebIdentityProvider, WebIdentityRole } from '../../src';
import { certificate, idpMetadata } from '../support/saml-metadata';

const IDP_METADATA = idpMetadata([certificate(new Date(Date.now() + 365 * 24 * 3600 * 1000))]);

/**
 * Callers from plain JavaScript (and jsii languages that pass what they are given) have no compiler: any prop
 * may be missing or of any kind. Building must then either work or throw the library's own error naming the
 * prop, never a TypeError from inside the library or CDK.
 */

const readOnly = () => [iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess')];
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(undefined, null, 0, 1.5, -1, '', 'x', true, false, [], ['x'], [1], [null], {}, { a: 1 }, new Date(Number.NaN)),
  fc.constant(0).map(() => Duration.hours(1)),
  fc.constant(0).map(() => () => 1),
  fc.anything({ maxDepth: 1 }),
);

type Build = (scope: Construct, props: Record<string, unknown>) => unknown;

interface Case {
  readonly construct: string;
  readonly valid: () => Record<string, unknown>;
  readonly build: Build;
}

const CASES: Case[] = [
  {
    construct: 'LambdaExecutionRole',
    valid: () => ({ functionName: 'handler', vpcAccess: true, tracing: false, maxSessionDuration: Duration.hours(1) }),
    build: (scope, props) => new LambdaExecutionRole(scope, 'Role', props as any),
  },
  {
    construct: 'BreakGlassRole',
    valid: () => ({
      trustedPrincipalArns: ['arn:aws:iam::111122223333:user/alice'],
      managedPolicies: readOnly(),
      mfaMaxAge: Duration.minutes(15),
      expiresAt: new Date('2099-01-31T00:00:00Z'),
      alertEmails: ['oncall@example.com'],
      tagKey: 'break-glass',
      requireSourceIdentity: true,
    }),
    build: (scope, props) => new BreakGlassRole(scope, 'Role', props as any),
  },
  {
    construct: 'CrossAccountRole',
    valid: () => ({
      trustedAccounts: ['444455556666'],
      thirdParty: true,
      externalId: 'a1b2c3d4e5',
      managedPolicies: readOnly(),
      requireMfa: false,
      organizationId: 'o-a1b2c3d4e5',
      organizationPaths: ['o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*'],
    }),
    build: (scope, props) => new CrossAccountRole(scope, 'Role', props as any),
  },
  {
    construct: 'SamlFederationRole',
    valid: () => ({ metadataDocument: iam.SamlMetadataDocument.fromXml(IDP_METADATA), managedPolicies: readOnly(), signInRegions: ['eu-west-1'], allowedSubjects: ['a'] }),
    build: (scope, props) => new SamlFederationRole(scope, 'Role', props as any),
  },
  {
    construct: 'SamlFederationRole.forGroups',
    valid: () => ({ metadataDocument: iam.SamlMetadataDocument.fromXml(IDP_METADATA), groups: [{ name: 'Analysts', managedPolicies: readOnly() }] }),
    build: (scope, props) => SamlFederationRole.forGroups(scope, 'Groups', props as any),
  },
  {
    construct: 'EksPodIdentityRole',
    valid: () => ({ clusterName: 'rides-prod', namespace: 'payments', serviceAccount: 'ledger', createAssociation: true }),
    build: (scope, props) => new EksPodIdentityRole(scope, 'Role', props as any),
  },
  {
    construct: 'WebIdentityRole',
    valid: () => ({ provider: WebIdentityProvider.google({ clientIds: ['1234-abc.apps.googleusercontent.com'] }), managedPolicies: readOnly() }),
    build: (scope, props) => new WebIdentityRole(scope, 'Role', props as any),
  },
];

interface ProviderCase {
  readonly name: string;
  readonly valid: () => Record<string, unknown>;
  readonly make: (props: any) => WebIdentityProvider;
}

/** Each provider factory, as the provider prop of a WebIdentityRole. */
const PROVIDERS: ProviderCase[] = [
  {
    name: 'githubActions',
    valid: () => ({ owner: 'octo-org', repository: 'octo-repo', branches: ['main'], repositoryId: '1', jobWorkflowRefs: ['o/r/.github/workflows/d.yml@refs/heads/main'] }),
    make: WebIdentityProvider.githubActions,
  },
  { name: 'circleci', valid: () => ({ organizationId: 'c1a7f2e4-3b5d-4e6f-8a9b-0c1d2e3f4a5b', projectIds: ['0e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b'] }), make: WebIdentityProvider.circleci },
  { name: 'terraformCloud', valid: () => ({ organization: 'ride-co', workspaces: ['networking-prod'], runPhases: ['apply'] }), make: WebIdentityProvider.terraformCloud },
  { name: 'gitlab', valid: () => ({ projectPath: 'ride-co/api', refs: ['main'], refTypes: ['branch'] }), make: WebIdentityProvider.gitlab },
  {
    name: 'eksServiceAccount',
    valid: () => ({ oidcIssuer: 'oidc.eks.eu-west-1.amazonaws.com/id/5C0FFEE', namespace: 'a', serviceAccount: 'b' }),
    make: WebIdentityProvider.eksServiceAccount,
  },
  { name: 'oidc', valid: () => ({ issuerUrl: 'https://auth.example.com', audiences: ['app'], subjects: ['user-1'] }), make: WebIdentityProvider.oidc },
  { name: 'cognitoIdentityPool', valid: () => ({ identityPoolId: 'eu-west-1:11111111-2222-3333-4444-555555555555' }), make: WebIdentityProvider.cognitoIdentityPool },
  { name: 'google', valid: () => ({ clientIds: ['1234-abc.apps.googleusercontent.com'] }), make: WebIdentityProvider.google },
  { name: 'facebook', valid: () => ({ appIds: ['1234'] }), make: WebIdentityProvider.facebook },
  { name: 'amazon', valid: () => ({ appIds: ['amzn1.application.1234'] }), make: WebIdentityProvider.amazon },
];

/** Valid props with some props removed or replaced by a value of any kind (plus a prop no interface has). */
function mangled(valid: Record<string, unknown>, extraKeys: string[]): fc.Arbitrary<Record<string, unknown> | undefined> {
  const keys = [...new Set([...Object.keys(valid), ...extraKeys])];
  const changes = fc.dictionary(fc.constantFrom(...keys), anyValue, { maxKeys: 3 });
  return fc.oneof(
    { weight: 9, arbitrary: changes.map((changed) => ({ ...valid, ...changed })) },
    { weight: 1, arbitrary: fc.constantFrom(undefined, null, 'props', [] as unknown) as fc.Arbitrary<any> },
  );
}

/** Builds and synthesizes; a failure must be an Error of the library's own (or a synth validation), never a TypeError. */
function buildsOrNamesTheProp(construct: string, build: (scope: Construct) => unknown): void {
  const app = new App();
  const stack = new Stack(app, 'Stack', { env: { account: '111122223333', region: 'eu-west-1' } });
  try {
    build(stack);
  } catch (error) {
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(TypeError);
    // forGroups passes its props on to each role, which names itself
    expect((error as Error).message).toMatch(new RegExp(`^${construct.split('.')[0]}(\\.forGroups)? at Stack/\\w+ has invalid props:\\n {2}- `));
    return;
  }
  try {
    app.synth();
  } catch (error) {
    expect(error).not.toBeInstanceOf(TypeError);
    expect((error as Error).message).toMatch(/Validation failed/);
  }
}

describe('props from plain JavaScript', () => {
  test.each(CASES)('$construct: missing or mistyped props give the library\'s error, never a TypeError', ({ construct, valid, build }) => {
    const extra = ['roleName', 'description', 'path', 'permissionsBoundary', 'maxSessionDuration', 'managedPolicies', 'inlinePolicies', 'checkLimits'];
    fc.assert(fc.property(mangled(valid(), extra), (props) => {
      buildsOrNamesTheProp(construct, (scope) => build(scope, props as Record<string, unknown>));
    }), { numRuns: 40 });
  });

  test.each(PROVIDERS)('WebIdentityProvider.$name: missing or mistyped props give the role\'s error, never a TypeError', ({ valid, make }) => {
    fc.assert(fc.property(mangled(valid(), ['oidcProvider', 'createOidcProvider', 'cluster']), (props) => {
      let provider: WebIdentityProvider;
      try {
        provider = make(props);
      } catch (error) {
        throw new Error(`the factory itself threw, before any role: ${error}`);
      }
      buildsOrNamesTheProp('WebIdentityRole', (scope) => new WebIdentityRole(scope, 'Role', { provider }));
    }), { numRuns: 30 });
  });

  test('the error names the prop, the value and the accepted kind', () => {
    const stack = new Stack(new App(), 'Stack');
    expect(() => new BreakGlassRole(stack, 'Role', { trustedPrincipalArns: 'arn:aws:iam::111122223333:user/alice', managedPolicies: readOnly() } as any))
      .toThrow('trustedPrincipalArns: "arn:aws:iam::111122223333:user/alice" is not valid; a list of strings is required');
    expect(() => new (BreakGlassRole as any)(stack, 'NoProps')).toThrow('trustedPrincipalArns: undefined is not valid; a list of strings is required');
    expect(() => new BreakGlassRole(stack, 'Str', { trustedPrincipalArns: [], managedPolicies: readOnly(), expiresAt: '2099-01-01' } as any))
      .toThrow('expiresAt: "2099-01-01" is not valid; a Date, such as new Date(\'2030-01-31T00:00:00Z\') is expected');
    expect(() => new (WebIdentityRole as any)(stack, 'NoProvider', {})).toThrow('provider: undefined is not valid; a WebIdentityProvider');
    expect(() => new WebIdentityRole(stack, 'Google', { provider: WebIdentityProvider.google({} as any) }))
      .toThrow('provider.clientIds: undefined is not valid; a list of strings is required');
    expect(() => new WebIdentityRole(stack, 'Oidc', { provider: WebIdentityProvider.oidc({ issuerUrl: 'https://a.example.com' } as any) }))
      .toThrow(/provider\.audiences: undefined is not valid[^\n]*\n {2}- provider\.subjects: undefined is not valid/);
    expect(() => SamlFederationRole.forGroups(stack, 'Groups', { metadataDocument: iam.SamlMetadataDocument.fromXml(IDP_METADATA) } as any))
      .toThrow('groups: undefined is not valid; a list of objects is required');
    expect(() => SamlFederationRole.forGroups(stack, 'Groups2', { metadataDocument: iam.SamlMetadataDocument.fromXml(IDP_METADATA), groups: [{}] } as any))
      .toThrow('groups[0].name: undefined is not valid; a string is required');
    expect(() => new LambdaExecutionRole(stack, 'Lambda', { maxSessionDuration: 3600 } as any))
      .toThrow('maxSessionDuration: 3600 is not valid; a Duration, such as Duration.hours(1) is expected');
  });
});

describe('a misspelt prop from plain JavaScript is named, with the closest known prop', () => {
  test('trustedAcounts on CrossAccountRole: did you mean trustedAccounts', () => {
    const stack = new Stack(new App(), 'Stack');
    expect(() => new CrossAccountRole(stack, 'Vendor', { trustedAcounts: ['444455556666'], trustedAccounts: ['444455556666'] } as any))
      .toThrow(/`trustedAcounts` is not a prop of CrossAccountRole; did you mean `trustedAccounts`\?/);
  });

  test('a provider\'s props too, and a name close to none is named without a guess', () => {
    const stack = new Stack(new App(), 'Stack');
    const provider = WebIdentityProvider.githubActions({ owner: 'ride-co', repository: 'api', branchs: ['main'], flavour: 'x' } as any);
    expect(() => new WebIdentityRole(stack, 'Deploy', { provider }))
      .toThrow(/`provider\.branchs` is not a prop of WebIdentityRole; did you mean `provider\.branches`\?\n\s+- `provider\.flavour` is not a prop of WebIdentityRole\n/);
  });

  test('a prop set to undefined, as JavaScript spreads leave them, is no error', () => {
    const stack = new Stack(new App(), 'Stack');
    expect(() => new LambdaExecutionRole(stack, 'Fn', { functionName: 'orders', unused: undefined } as any)).not.toThrow();
  });
});
