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
  ['GitHub Actions, repository id and reusable workflow', () => WebIdentityProvider.githubActions({
    owner: 'ride-co', repository: 'api', repositoryId: '892418301', jobWorkflowRefs: ['ride-co/deploy/.github/workflows/deploy.yml@refs/heads/main'],
  })],
  ['CircleCI', () => WebIdentityProvider.circleci({ organizationId: 'c1a7f2e4-3b5d-4e6f-8a9b-0c1d2e3f4a5b', projectIds: ['0e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b'] })],
  ['HCP Terraform', () => WebIdentityProvider.terraformCloud({ organization: 'ride-co', workspaces: ['networking-prod'], runPhases: ['apply'] })],
];
