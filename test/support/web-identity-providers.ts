import { WebIdentityProvider } from '../../src';

/** A Cognito identity pool id for tests. */
export const POOL = 'eu-west-1:11111111-2222-3333-4444-555555555555';

/** One default provider of each kind, by name. */
export const PROVIDERS: [string, () => WebIdentityProvider][] = [
  ['Cognito identity pool', () => WebIdentityProvider.cognitoIdentityPool({ identityPoolId: POOL })],
  ['Google', () => WebIdentityProvider.google({ clientIds: ['1234-abc.apps.googleusercontent.com'] })],
  ['Facebook', () => WebIdentityProvider.facebook({ appIds: ['123456789012345'] })],
  ['Login with Amazon', () => WebIdentityProvider.amazon({ appIds: ['amzn1.application.abc'] })],
  ['GitHub Actions', () => WebIdentityProvider.githubActions({ owner: 'ride-co', repository: 'api', branches: ['main'] })],
  ['GitLab', () => WebIdentityProvider.gitlab({ projectPath: 'ride-co/platform/api', refs: ['main'], refTypes: ['branch'] })],
  ['EKS service account', () => WebIdentityProvider.eksServiceAccount({ oidcIssuer: 'https://oidc.eks.eu-west-1.amazonaws.com/id/5C0FFEE', namespace: 'payments', serviceAccount: 'ledger' })],
  ['any OIDC issuer', () => WebIdentityProvider.oidc({ issuerUrl: 'https://auth.example.com', audiences: ['rides-api'], subjects: ['service:billing'] })],
];
