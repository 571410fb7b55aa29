import { aws_eks as eks, aws_iam as iam } from 'aws-cdk-lib';

/** How to find the IAM OIDC provider of an issuer. */
export interface OidcProviderOptions {
  /**
   * The IAM OIDC provider of the issuer, when you manage it elsewhere.
   * @default - the provider is imported by its well-known ARN, `arn:<partition>:iam::<account>:oidc-provider/<issuer>`
   * (an account has one provider per issuer), unless `createOidcProvider` is true
   */
  readonly oidcProvider?: iam.IOidcProvider;

  /**
   * Whether to create the IAM OIDC provider for the issuer in this stack, with `iam.OidcProviderNative`
   * (no Lambda custom resource, no thumbprints needed). Roles of the same stack share it; an account can
   * hold only one provider per issuer, so create it in one stack.
   * @default false
   */
  readonly createOidcProvider?: boolean;
}

/** Which GitHub Actions workflows may assume the role. */
export interface GitHubActionsProviderProps extends OidcProviderOptions {
  /** The GitHub user or organization, such as `octo-org` (or the immutable form `octo-org@1234`). */
  readonly owner: string;

  /**
   * The repository, such as `octo-repo` (or `octo-repo@5678`). `*` (every repository of the owner) only
   * with `allowAllRepositories`.
   */
  readonly repository: string;

  /**
   * Branches whose workflows may assume the role, such as `main` or `release/*`.
   * @default - no branch filter
   */
  readonly branches?: string[];

  /**
   * Deployment environments whose jobs may assume the role, such as `production`.
   * @default - no environment filter
   */
  readonly environments?: string[];

  /**
   * Tags whose workflows may assume the role, such as `v*`.
   * @default - no tag filter
   */
  readonly tags?: string[];

  /**
   * Whether pull-request workflows may assume the role.
   * @default false
   */
  readonly pullRequests?: boolean;

  /**
   * Whether `repository: '*'` (every repository of the owner, including ones created later) is intended. It
   * still warns.
   * @default false
   */
  readonly allowAllRepositories?: boolean;

  /**
   * The repository's immutable id (the number GitHub gives it, such as `892418301`), pinned with the
   * `token.actions.githubusercontent.com:repository_id` claim: a repository renamed, or deleted and created again
   * under the same name, cannot assume the role. The recommended pin, with `jobWorkflowRefs`.
   * @default - the repository is pinned by name only (in `sub`)
   */
  readonly repositoryId?: string;

  /**
   * The owner's immutable id (the number GitHub gives the user or organization), for a customized subject
   * template with the `repository_owner_id` key.
   * @default - none
   */
  readonly ownerId?: string;

  /**
   * The reusable workflows whose jobs may assume the role, such as
   * `octo-org/deploy/.github/workflows/deploy.yml@refs/heads/main`, pinned with the `job_workflow_ref` claim. It
   * narrows the owner and repository pin, never replaces it: any repository may call a public reusable workflow.
   * Counts as a filter (no branch, environment or tag filter is then needed).
   * @default - any workflow of the repository
   */
  readonly jobWorkflowRefs?: string[];

  /**
   * The GitHub logins whose runs may assume the role (`actor` claim), such as `octocat` or `dependabot[bot]`.
   * @default - any actor
   */
  readonly actors?: string[];

  /**
   * The GitHub user ids whose runs may assume the role (`actor_id` claim), which survive a renamed account.
   * @default - any actor
   */
  readonly actorIds?: string[];

  /**
   * The enterprise id the repository must belong to (`enterprise_id` claim).
   * @default - no enterprise condition
   */
  readonly enterpriseId?: string;

  /**
   * The enterprise slug of a GitHub Enterprise Cloud enterprise with a unique issuer URL: the issuer is then
   * `token.actions.githubusercontent.com/<slug>`. The claim pins (`repositoryId`, `jobWorkflowRefs`, `actors`,
   * `actorIds`, `enterpriseId`) are documented by AWS for the public issuer only and cannot be combined with it.
   * @default - the public issuer, token.actions.githubusercontent.com
   */
  readonly enterpriseSlug?: string;

  /**
   * The host of a GitHub Enterprise Server, such as `github.example.com`: the issuer is then
   * `<host>/_services/token`. Not with `enterpriseSlug` or the claim pins.
   * @default - GitHub.com
   */
  readonly host?: string;

  /**
   * The claim keys of a customized OIDC subject template (GitHub's `include_claim_keys` for the repository or
   * organization), in order, such as `['repository_owner_id', 'repository_id', 'context']`. The subjects are
   * built from the other props (`ownerId`, `repositoryId`, `branches`, `environments`, ...); the keys the props
   * fill in are `repo`, `repository`, `repository_owner`, `repository_owner_id`, `repository_id`, `context`,
   * `environment`, `ref` and `job_workflow_ref`.
   * @default - GitHub's default subject, repo:OWNER/REPO:<context>
   */
  readonly subjectClaimKeys?: string[];
}

/** Which CircleCI projects' jobs may assume the role. */
export interface CircleCiProviderProps extends OidcProviderOptions {
  /**
   * The organization id (a UUID, under Organization Settings > Overview). The issuer is
   * `oidc.circleci.com/org/<organization id>`, and the tokens' audience is this id.
   */
  readonly organizationId: string;

  /** The project ids (UUIDs, under Project Settings > Overview) whose jobs may assume the role. */
  readonly projectIds: string[];
}

/** Which HCP Terraform (or Terraform Enterprise) runs may assume the role. */
export interface TerraformCloudProviderProps extends OidcProviderOptions {
  /** The organization, such as `ride-co`. */
  readonly organization: string;

  /**
   * The projects whose workspaces may assume the role, such as `Default Project` (give `projects` or `workspaces`, or both).
   * @default - any project of the organization (then `workspaces` is required)
   */
  readonly projects?: string[];

  /**
   * The workspaces whose runs may assume the role, such as `networking-prod`.
   * @default - any workspace of the projects (then `projects` is required)
   */
  readonly workspaces?: string[];

  /**
   * The run phases that may assume the role: `plan`, `apply`, or both. Give `apply` alone to a role that
   * changes infrastructure, and a read-only role to `plan`.
   * @default - both
   */
  readonly runPhases?: string[];

  /**
   * The host of a Terraform Enterprise installation, such as `tfe.example.com`.
   * @default 'app.terraform.io'
   */
  readonly host?: string;

  /**
   * The audience the workspace sends (`TFC_AWS_WORKLOAD_IDENTITY_AUDIENCE`).
   * @default 'aws.workload.identity'
   */
  readonly audience?: string;
}

/** Which GitLab CI jobs may assume the role. */
export interface GitLabProviderProps extends OidcProviderOptions {
  /**
   * The GitLab host.
   * @default 'gitlab.com'
   */
  readonly host?: string;

  /** The project path, such as `ride-co/platform/api`. */
  readonly projectPath: string;

  /**
   * The branch or tag names whose jobs may assume the role, such as `main` (wildcards allowed).
   * @default - any ref of the project
   */
  readonly refs?: string[];

  /**
   * The ref types, `branch` or `tag`.
   * @default - both
   */
  readonly refTypes?: string[];
}

/** Which Kubernetes service account (EKS IAM roles for service accounts) may assume the role. */
export interface EksServiceAccountProviderProps {
  /**
   * The EKS cluster, whose OIDC provider and issuer are used.
   * @default - give `oidcIssuer` (and optionally `oidcProvider`)
   */
  readonly cluster?: eks.ICluster;

  /**
   * The cluster's OIDC issuer, such as `oidc.eks.eu-west-1.amazonaws.com/id/5C0FFEE` (with or without `https://`);
   * a token is fine.
   * @default - the cluster's issuer
   */
  readonly oidcIssuer?: string;

  /**
   * The IAM OIDC provider of the issuer.
   * @default - the cluster's provider, or the provider imported by its well-known ARN
   */
  readonly oidcProvider?: iam.IOidcProvider;

  /** The Kubernetes namespace, such as `payments`. */
  readonly namespace: string;

  /** The service account, such as `ledger`. */
  readonly serviceAccount: string;
}

/** Any other OIDC issuer. */
export interface GenericOidcProviderProps extends OidcProviderOptions {
  /**
   * The issuer URL, such as `https://auth.example.com`.
   * @default - the issuer of `oidcProvider`
   */
  readonly issuerUrl?: string;

  /** The audiences (`aud`) your tokens carry. */
  readonly audiences: string[];

  /** The subjects (`sub`) that may assume the role (wildcards allowed after a fixed prefix). */
  readonly subjects: string[];
}

/** Which Amazon Cognito identity pool's identities may assume the role. */
export interface CognitoIdentityPoolProviderProps {
  /** The identity pool id, such as `eu-west-1:11111111-2222-3333-4444-555555555555` (a token is fine). */
  readonly identityPoolId: string;

  /**
   * Whether the role is for unauthenticated (guest) identities instead of signed-in ones. Such a role
   * should only read; any write warns.
   * @default false
   */
  readonly unauthenticated?: boolean;
}

/** The Google OAuth client ids of your app. */
export interface GoogleProviderProps {
  /** The client ids (`aud`), such as `1234-abc.apps.googleusercontent.com`. */
  readonly clientIds: string[];
}

/** The app ids of your app with Facebook or Login with Amazon. */
export interface AppIdProviderProps {
  /** The app ids (`app_id`). */
  readonly appIds: string[];
}
