import { Token, aws_iam as iam } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { BoundWebIdentityProvider } from './binding';
import { bindCircleCi } from './circleci';
import { bindCognito } from './cognito';
import { bindEksServiceAccount } from './eks-service-account';
import { bindGitHubActions } from './github-actions';
import { bindGitLab } from './gitlab';
import { bindOidc } from './oidc';
import { checkNonEmpty, OIDC_PROVIDER_SHAPES, WEB_IDENTITY_ACTION } from './oidc-trust';
import {
  AppIdProviderProps, CircleCiProviderProps, CognitoIdentityPoolProviderProps, EksServiceAccountProviderProps, GenericOidcProviderProps,
  GitHubActionsProviderProps, GitLabProviderProps, GoogleProviderProps, TerraformCloudProviderProps,
} from './provider-props';
import { bindTerraform } from './terraform-cloud';
import { PropErrors } from '../prop-errors';
import { PropShapes, required, shapedProps, Shapes, shapesOf } from '../prop-shapes';


const GITHUB_SHAPES = shapesOf<GitHubActionsProviderProps>({
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
});
const GITLAB_SHAPES = shapesOf<GitLabProviderProps>({
  ...OIDC_PROVIDER_SHAPES, host: Shapes.string, projectPath: required(Shapes.string), refs: Shapes.stringList, refTypes: Shapes.stringList,
});
const EKS_SHAPES = shapesOf<EksServiceAccountProviderProps>({
  cluster: Shapes.cluster,
  oidcIssuer: Shapes.string,
  oidcProvider: Shapes.oidcProvider,
  namespace: required(Shapes.string),
  serviceAccount: required(Shapes.string),
});
const OIDC_SHAPES = shapesOf<GenericOidcProviderProps>({
  ...OIDC_PROVIDER_SHAPES, issuerUrl: Shapes.string, audiences: required(Shapes.stringList), subjects: required(Shapes.stringList),
});
const CIRCLECI_SHAPES = shapesOf<CircleCiProviderProps>({
  ...OIDC_PROVIDER_SHAPES, organizationId: required(Shapes.string), projectIds: required(Shapes.stringList),
});
const TERRAFORM_SHAPES = shapesOf<TerraformCloudProviderProps>({
  ...OIDC_PROVIDER_SHAPES,
  organization: required(Shapes.string),
  projects: Shapes.stringList,
  workspaces: Shapes.stringList,
  runPhases: Shapes.stringList,
  host: Shapes.string,
  audience: Shapes.string,
});
const COGNITO_SHAPES = shapesOf<CognitoIdentityPoolProviderProps>({ identityPoolId: required(Shapes.string), unauthenticated: Shapes.boolean });

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
