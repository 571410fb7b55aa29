import { Token, aws_eks as eks, aws_iam as iam } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { bindCircleCi, bindTerraform } from './ci-providers';
import { bindGitHubActions } from './github-actions';
import {
  checkFilterValues, checkNonEmpty, deployTimeReason, HOST, ISSUER_URL, issuerOf, OIDC_PROVIDER_SHAPES, oidcPrincipal, oidcProviderArn, STS_AUDIENCE,
  WEB_IDENTITY_ACTION,
} from './oidc-trust';
import { PropErrors } from './prop-errors';
import { PropShapes, required, shapedProps, Shapes } from './prop-shapes';
import { isUnresolved, refuseListTokenElements } from './unresolved';
import { BoundWebIdentityProvider } from './web-identity-binding';

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
   * The EKS cluster; its OIDC provider and issuer are used.
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
  /** The identity pool id, such as `eu-west-1:11111111-2222-3333-4444-555555555555`; a token is fine. */
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

const GITLAB_PROJECT = /^[\w.-]+(\/[\w.-]+)+$/;
const KUBERNETES_NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
const IDENTITY_POOL = /^[a-z]{2}(-[a-z]+)+-\d:[0-9a-f-]{36}$/;

const GITHUB_SHAPES: PropShapes = {
  ...OIDC_PROVIDER_SHAPES,
  owner: required(Shapes.string),
  repository: required(Shapes.string),
  branches: Shapes.stringList,
  environments: Shapes.stringList,
  tags: Shapes.stringList,
  pullRequests: Shapes.boolean,
  allowAllRepositories: Shapes.boolean,
  repositoryId: Shapes.string,
  ownerId: Shapes.string,
  jobWorkflowRefs: Shapes.stringList,
  actors: Shapes.stringList,
  actorIds: Shapes.stringList,
  enterpriseId: Shapes.string,
  enterpriseSlug: Shapes.string,
  host: Shapes.string,
  subjectClaimKeys: Shapes.stringList,
};
const GITLAB_SHAPES: PropShapes = {
  ...OIDC_PROVIDER_SHAPES, host: Shapes.string, projectPath: required(Shapes.string), refs: Shapes.stringList, refTypes: Shapes.stringList,
};
const EKS_SHAPES: PropShapes = {
  cluster: Shapes.cluster,
  oidcIssuer: Shapes.string,
  oidcProvider: Shapes.oidcProvider,
  namespace: required(Shapes.string),
  serviceAccount: required(Shapes.string),
};
const OIDC_SHAPES: PropShapes = {
  ...OIDC_PROVIDER_SHAPES, issuerUrl: Shapes.string, audiences: required(Shapes.stringList), subjects: required(Shapes.stringList),
};
const CIRCLECI_SHAPES: PropShapes = { ...OIDC_PROVIDER_SHAPES, organizationId: required(Shapes.string), projectIds: required(Shapes.stringList) };
const TERRAFORM_SHAPES: PropShapes = {
  ...OIDC_PROVIDER_SHAPES,
  organization: required(Shapes.string),
  projects: Shapes.stringList,
  workspaces: Shapes.stringList,
  runPhases: Shapes.stringList,
  host: Shapes.string,
  audience: Shapes.string,
};
const COGNITO_SHAPES: PropShapes = { identityPoolId: required(Shapes.string), unauthenticated: Shapes.boolean };

/** A provider known to STS by name, whose audience key holds your app's ids. */
interface AppAudience {
  readonly name: string;
  readonly federated: string;
  readonly key: string;
  /** The prop that holds the ids. */
  readonly prop: string;
  /** The props the ids are read from when the provider is bound (checked then, like every provider's). */
  readonly props: unknown;
  readonly identityVariable: string;
}

type Binder = (scope: Construct, id: string, errors: PropErrors) => BoundWebIdentityProvider;
/** Binds a provider's props, once they are checked for kind. */
type PropsBinder<P> = (props: P, scope: Construct, id: string, errors: PropErrors) => BoundWebIdentityProvider;

/**
 * An identity provider whose tokens a `WebIdentityRole` accepts, with the audience and subject conditions
 * that keep everyone else's tokens out. Choose one with a static method.
 */
export class WebIdentityProvider {
  /**
   * Identities of an Amazon Cognito identity pool: `aud` is the pool, `amr` is `authenticated` (or
   * `unauthenticated` for guests).
   * @param props the identity pool
   */
  public static cognitoIdentityPool(props: CognitoIdentityPoolProviderProps): WebIdentityProvider {
    return WebIdentityProvider.checked('Amazon Cognito identity pool', props, COGNITO_SHAPES, bindCognito);
  }

  /**
   * Users signed in with Google to your app (its OAuth client ids in `accounts.google.com:aud`).
   * @param props the client ids
   */
  public static google(props: GoogleProviderProps): WebIdentityProvider {
    return WebIdentityProvider.appAudience({
      name: 'Google',
      federated: 'accounts.google.com',
      key: 'accounts.google.com:aud',
      prop: 'clientIds',
      props,
      identityVariable: '${accounts.google.com:sub}',
    });
  }

  /**
   * Users signed in with Facebook to your app (its app ids in `graph.facebook.com:app_id`).
   * @param props the app ids
   */
  public static facebook(props: AppIdProviderProps): WebIdentityProvider {
    return WebIdentityProvider.appAudience({
      name: 'Facebook',
      federated: 'graph.facebook.com',
      key: 'graph.facebook.com:app_id',
      prop: 'appIds',
      props,
      identityVariable: '${graph.facebook.com:id}',
    });
  }

  /**
   * Users signed in with Login with Amazon to your app (its app ids in `www.amazon.com:app_id`).
   * @param props the app ids
   */
  public static amazon(props: AppIdProviderProps): WebIdentityProvider {
    return WebIdentityProvider.appAudience({
      name: 'Login with Amazon',
      federated: 'www.amazon.com',
      key: 'www.amazon.com:app_id',
      prop: 'appIds',
      props,
      identityVariable: '${www.amazon.com:user_id}',
    });
  }

  /**
   * GitHub Actions workflows of one repository: `aud` is `sts.amazonaws.com`, `sub` is built from the
   * branch, environment, tag and pull-request filters (at least one).
   * @param props the repository and its filters
   */
  public static githubActions(props: GitHubActionsProviderProps): WebIdentityProvider {
    return WebIdentityProvider.checked('GitHub Actions', props, GITHUB_SHAPES, bindGitHubActions);
  }

  /**
   * CircleCI jobs of some projects of one organization: the issuer is `oidc.circleci.com/org/<organization id>`,
   * `aud` is the organization id, `sub` is `org/<organization>/project/<project>/user/<user>` (any user; the V2
   * token's longer subject is matched too).
   * @param props the organization and its projects
   */
  public static circleci(props: CircleCiProviderProps): WebIdentityProvider {
    return WebIdentityProvider.checked('CircleCI', props, CIRCLECI_SHAPES, bindCircleCi);
  }

  /**
   * HCP Terraform or Terraform Enterprise runs: the issuer is the host (`app.terraform.io`), `aud` is
   * `aws.workload.identity`, `sub` is `organization:<org>:project:<project>:workspace:<workspace>:run_phase:<phase>`.
   * @param props the organization, and the projects, workspaces and run phases
   */
  public static terraformCloud(props: TerraformCloudProviderProps): WebIdentityProvider {
    return WebIdentityProvider.checked('HCP Terraform', props, TERRAFORM_SHAPES, bindTerraform);
  }

  /**
   * GitLab CI jobs of one project: `aud` is `https://<host>`, `sub` is
   * `project_path:<path>:ref_type:<type>:ref:<ref>`.
   * @param props the project and its refs
   */
  public static gitlab(props: GitLabProviderProps): WebIdentityProvider {
    return WebIdentityProvider.checked('GitLab CI', props, GITLAB_SHAPES, bindGitLab);
  }

  /**
   * A Kubernetes service account of an EKS cluster (IAM roles for service accounts): `aud` is
   * `sts.amazonaws.com`, `sub` is `system:serviceaccount:<namespace>:<service account>`. The issuer may be a token.
   * @param props the cluster or issuer, and the service account
   */
  public static eksServiceAccount(props: EksServiceAccountProviderProps): WebIdentityProvider {
    return WebIdentityProvider.checked('EKS service account', props, EKS_SHAPES, bindEksServiceAccount);
  }

  /**
   * Any other OIDC issuer: the audiences and subjects your tokens carry (subjects are required).
   * @param props the issuer, audiences and subjects
   */
  public static oidc(props: GenericOidcProviderProps): WebIdentityProvider {
    return WebIdentityProvider.checked('OIDC', props, OIDC_SHAPES, bindOidc);
  }

  private static appAudience(app: AppAudience): WebIdentityProvider {
    const shapes = { [app.prop]: required(Shapes.stringList) };
    return WebIdentityProvider.checked(app.name, app.props as Record<string, string[]>, shapes, (props, _scope, _id, errors) => {
      const ids = props[app.prop];
      checkNonEmpty(`provider.${app.prop}`, ids, errors);
      return {
        principal: new iam.FederatedPrincipal(app.federated, { StringEquals: { [app.key]: ids } }, WEB_IDENTITY_ACTION),
        identityVariable: app.identityVariable,
        description: `${app.name} users of app ${ids.filter((value) => !Token.isUnresolved(value)).join(', ')}`.trim(),
      };
    });
  }

  /**
   * A provider whose props are checked for kind when it is bound (every other check reads them), then bound by `bind`.
   */
  private static checked<P>(name: string, props: P, shapes: PropShapes, bind: PropsBinder<P>): WebIdentityProvider {
    return new WebIdentityProvider(name, (scope, id, errors) => bind(shapedProps(errors, props, shapes, 'provider.'), scope, id, errors));
  }

  private constructor(
    /** The provider's kind, such as `GitHub Actions`. */
    public readonly name: string,
    private readonly binder: Binder,
  ) {}

  /**
   * Checks the provider's props and builds its principal; helper resources are created in `scope` with ids
   * that start with `id`.
   * @internal
   */
  public _bind(scope: Construct, id: string, errors: PropErrors): BoundWebIdentityProvider {
    return this.binder(scope, id, errors);
  }
}

/** The trust of a Cognito identity pool's identities. */
function bindCognito(props: CognitoIdentityPoolProviderProps, _scope: Construct, _id: string, errors: PropErrors): BoundWebIdentityProvider {
  errors.checkPattern('provider.identityPoolId', props.identityPoolId, IDENTITY_POOL,
    'an identity pool id is the region, a colon and a UUID, such as "eu-west-1:11111111-2222-3333-4444-555555555555"');
  const amr = props.unauthenticated ? 'unauthenticated' : 'authenticated';
  return {
    principal: new iam.FederatedPrincipal('cognito-identity.amazonaws.com', {
      'StringEquals': { 'cognito-identity.amazonaws.com:aud': props.identityPoolId },
      'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': amr },
    }, WEB_IDENTITY_ACTION),
    identityVariable: '${cognito-identity.amazonaws.com:sub}',
    sessionTagsSupported: true, // principal tags mapped from the identity provider's claims (Cognito attributes for access control)
    description: `${amr} identities of Cognito identity pool ${Token.isUnresolved(props.identityPoolId) ? '' : props.identityPoolId}`.trim(),
  };
}

/** The trust of a GitLab project's CI jobs. */
function bindGitLab(props: GitLabProviderProps, scope: Construct, id: string, errors: PropErrors): BoundWebIdentityProvider {
  const host = props.host ?? 'gitlab.com';
  errors.checkPattern('provider.host', host, HOST, 'a host name, such as "gitlab.com" or "gitlab.example.com", without https://');
  errors.checkPattern('provider.projectPath', props.projectPath, GITLAB_PROJECT,
    'a project path is the group (and subgroups) and the project, without wildcards, such as "ride-co/platform/api"');
  checkFilterValues('provider.refs', props.refs, errors);
  refuseListTokenElements('provider.refTypes', props.refTypes, errors, 'give "branch", "tag" or both');
  for (const type of props.refTypes ?? []) {
    if (type !== 'branch' && type !== 'tag') errors.add('provider.refTypes', type, 'a ref type is "branch" or "tag"');
  }
  const types = props.refTypes?.length ? props.refTypes : ['*'];
  const refs = props.refs?.length ? props.refs : ['*'];
  const subjects = types.flatMap((type) => refs.map((ref) => `project_path:${props.projectPath}:ref_type:${type}:ref:${ref}`));
  const audience = `https://${host}`;
  const provider = oidcProviderArn(scope, host, [audience], props);
  return {
    principal: oidcPrincipal(scope, id, provider, host, [{ claim: 'aud', values: [audience] }, { claim: 'sub', values: subjects }]),
    description: `GitLab CI in ${props.projectPath} on ${host}`,
  };
}

/** The trust of a Kubernetes service account of an EKS cluster (IRSA). */
function bindEksServiceAccount(props: EksServiceAccountProviderProps, scope: Construct, id: string, errors: PropErrors): BoundWebIdentityProvider {
  if (props.cluster === undefined && props.oidcIssuer === undefined) {
    errors.addConflict('provider.cluster, provider.oidcIssuer: give one, such as oidcIssuer: "oidc.eks.eu-west-1.amazonaws.com/id/5C0FFEE"');
  }
  if (props.oidcIssuer !== undefined && !isUnresolved(props.oidcIssuer) && !ISSUER_URL.test(props.oidcIssuer.replace(/^(?!https:\/\/)/i, 'https://'))) {
    errors.add('provider.oidcIssuer', props.oidcIssuer,
      'an issuer is the cluster\'s OpenID Connect issuer URL, with or without https://, such as "oidc.eks.eu-west-1.amazonaws.com/id/5C0FFEE"');
  }
  errors.checkPattern('provider.namespace', props.namespace, KUBERNETES_NAME, 'a namespace is a Kubernetes name (lowercase letters, digits, "-"), without wildcards');
  errors.checkPattern('provider.serviceAccount', props.serviceAccount, KUBERNETES_NAME,
    'a service account is a Kubernetes name (lowercase letters, digits, "-", "."), without wildcards');
  const clusterProvider = props.cluster?.openIdConnectProvider;
  const issuer = issuerOf(props.oidcIssuer ?? clusterProvider?.openIdConnectProviderIssuer ?? '');
  const provider = props.oidcProvider?.openIdConnectProviderArn ?? clusterProvider?.openIdConnectProviderArn
      ?? oidcProviderArn(scope, issuer, [STS_AUDIENCE], {});
  const subject = `system:serviceaccount:${props.namespace}:${props.serviceAccount}`;
  return {
    principal: oidcPrincipal(scope, id, provider, issuer, [{ claim: 'aud', values: [STS_AUDIENCE] }, { claim: 'sub', values: [subject] }]),
    description: `EKS service account ${props.namespace}/${props.serviceAccount}`,
    deployTimeConditionsReason: deployTimeReason(issuer, [STS_AUDIENCE], [subject]),
  };
}

/** The trust of any other OIDC issuer. */
function bindOidc(props: GenericOidcProviderProps, scope: Construct, id: string, errors: PropErrors): BoundWebIdentityProvider {
  if (props.issuerUrl === undefined && props.oidcProvider === undefined) {
    errors.addConflict('provider.issuerUrl, provider.oidcProvider: give one, such as issuerUrl: "https://auth.example.com"');
  }
  errors.checkPattern('provider.issuerUrl', props.issuerUrl, ISSUER_URL, 'an issuer URL is https:// and a host, with an optional path, such as "https://auth.example.com"');
  checkNonEmpty('provider.audiences', props.audiences, errors);
  checkNonEmpty('provider.subjects', props.subjects, errors);
  for (const subject of props.subjects.filter((value) => !Token.isUnresolved(value) && /^[*?]/.test(value))) {
    errors.add('provider.subjects', subject, 'a subject starts with a fixed value; a leading wildcard matches any subject of the issuer');
  }
  const issuer = issuerOf(props.issuerUrl ?? props.oidcProvider?.openIdConnectProviderIssuer ?? '');
  const provider = oidcProviderArn(scope, issuer, props.audiences, props);
  return {
    principal: oidcPrincipal(scope, id, provider, issuer, [{ claim: 'aud', values: props.audiences }, { claim: 'sub', values: props.subjects }]),
    description: `OIDC issuer ${Token.isUnresolved(issuer) ? '' : issuer}`.trim(),
    sessionTagsSupported: true, // an issuer of your own can put the https://aws.amazon.com/tags claim in its tokens
    deployTimeConditionsReason: deployTimeReason(issuer, props.audiences, props.subjects),
  };
}
