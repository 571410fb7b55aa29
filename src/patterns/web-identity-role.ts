import { aws_dynamodb as dynamodb, aws_iam as iam, aws_s3 as s3 } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { required, shapesOf } from './prop-shapes';
import { RolePattern } from './role-pattern';
import { RolePatternProps, SessionTagOptions } from './role-pattern-props';
import { checkPatternProps, ROLE_PATTERN_SHAPES, rolePropsFrom } from './role-pattern-validation';
import { SESSION_TAG_SHAPES, sessionTagConditions } from './session-tags';
import { WebIdentityProvider } from './web-identity/provider';
import { onlyPrincipals } from '../checks/trust-invariants';
import { errorFromUserCode } from '../user-frames';

/** Properties of a WebIdentityRole. */
export interface WebIdentityRoleProps extends RolePatternProps, SessionTagOptions {
  /** The identity provider and the conditions its tokens must meet, from a `WebIdentityProvider` static method. */
  readonly provider: WebIdentityProvider;
}

const WEB_IDENTITY_SHAPES = shapesOf<WebIdentityRoleProps>({
  ...ROLE_PATTERN_SHAPES,
  ...SESSION_TAG_SHAPES,
  provider: required({ test: (value: unknown) => value instanceof WebIdentityProvider, accepted: 'a WebIdentityProvider, such as WebIdentityProvider.githubActions({ ... })' }),
});

const PER_IDENTITY_DYNAMODB_ACTIONS = [
  'dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem',
];
const PER_IDENTITY_S3_ACTIONS = ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'];

/** The provider's principal with `sts:TagSession` in the same statement, and the conditions on the tag keys. */
function withSessionTags(principal: iam.IPrincipal, tagConditions: Record<string, unknown>): iam.IPrincipal {
  const base = principal as iam.PrincipalBase;
  return (Object.keys(tagConditions).length > 0 ? base.withConditions(tagConditions) : base).withSessionTags();
}

/**
 * A role for app users or CI jobs that hold an external identity (Cognito, Google, Facebook, Amazon, GitHub
 * Actions, GitLab, EKS service accounts, any OIDC issuer), assumed with `sts:AssumeRoleWithWebIdentity`.
 * The provider's audience and subject conditions are always in the trust policy.
 *
 * @example
 * new WebIdentityRole(this, 'DeployRole', {
 *   provider: WebIdentityProvider.githubActions({ owner: 'ride-co', repository: 'api', environments: ['production'] }),
 * });
 */
export class WebIdentityRole extends RolePattern {
  /** The provider this role trusts. */
  public readonly provider: WebIdentityProvider;
  private readonly identityVariable?: string;

  /**
   * @param scope the scope of the role
   * @param id the id of the role
   * @param props the provider and the role's properties
   */
  constructor(scope: Construct, id: string, props: WebIdentityRoleProps) {
    const checked = checkPatternProps('WebIdentityRole', scope, id, props, WEB_IDENTITY_SHAPES);
    props = checked.props;
    const errors = checked.errors;
    const bound = props.provider._bind(scope, id, errors);
    const tagConditions = sessionTagConditions(props, errors);
    if (props.sessionTags && !bound.sessionTagsSupported) {
      errors.add('sessionTags', true, `${props.provider.name} tokens carry no session tags; session tags come from Cognito identity pools `
        + '(principal tags) and from OIDC issuers of your own (the https://aws.amazon.com/tags claim)');
    }
    errors.throwIfAny();
    super(scope, id, rolePropsFrom(props, props.sessionTags ? withSessionTags(bound.principal, tagConditions) : bound.principal, `Web identity role (cdk-iam-role-patterns WebIdentityRole): ${bound.description}.`),
      props.checkLimits);
    this.provider = props.provider;
    this.identityVariable = bound.identityVariable;
    // the provider's audience and subject conditions are the WebIdentityAudience and WebIdentitySubject rules' to check
    this._requireOfEveryTrustStatement(onlyPrincipals('Federated', () => true, 'trusts only the web identity provider'));
  }

  /**
   * Lets each identity read and write only the items whose partition key is its own identity id
   * (`dynamodb:LeadingKeys` = `${cognito-identity.amazonaws.com:sub}` for Cognito): the mobile-app pattern.
   * @param table the table, whose partition key must hold the identity id
   * @param actions the DynamoDB actions
   * @default actions - GetItem, BatchGetItem, Query, PutItem, UpdateItem, DeleteItem, BatchWriteItem
   */
  public grantPerIdentityDynamoDbAccess(table: dynamodb.ITable, actions?: string[]): iam.Grant {
    return iam.Grant.addToPrincipal({
      grantee: this,
      actions: actions ?? PER_IDENTITY_DYNAMODB_ACTIONS,
      resourceArns: [table.tableArn],
      conditions: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [this.requireIdentityVariable('grantPerIdentityDynamoDbAccess')] } },
    });
  }

  /**
   * Lets each identity read and write only the objects under its own prefix (`<identity id>/`) and list
   * only that prefix.
   * @param bucket the bucket
   * @param actions the object actions
   * @default actions - GetObject, PutObject, DeleteObject
   */
  public grantPerIdentityS3Prefix(bucket: s3.IBucket, actions?: string[]): iam.Grant {
    const prefix = `${this.requireIdentityVariable('grantPerIdentityS3Prefix')}/*`;
    iam.Grant.addToPrincipal({
      grantee: this,
      actions: ['s3:ListBucket'],
      resourceArns: [bucket.bucketArn],
      conditions: { StringLike: { 's3:prefix': [prefix] } },
    });
    return iam.Grant.addToPrincipal({ grantee: this, actions: actions ?? PER_IDENTITY_S3_ACTIONS, resourceArns: [bucket.arnForObjects(prefix)] });
  }

  private requireIdentityVariable(method: string): string {
    if (this.identityVariable === undefined) {
      throw errorFromUserCode(`${method} on ${this.node.path}: per-identity access needs an app-user provider (Cognito identity pool, Google, Facebook, `
        + `Amazon), whose tokens carry one identity per user; ${this.provider.name} tokens identify a pipeline or a workload, not a user.`);
    }
    return this.identityVariable;
  }
}
