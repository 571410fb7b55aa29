import { ArnFormat, Stack, aws_iam as iam, aws_logs as logs } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { cdkNagWildcardResourceId } from './cdk-nag-ids';
import { PrincipalSet, TrustConditions } from './principal-set';
import { PropErrors } from './prop-errors';
import { Shapes, shapesOf } from './prop-shapes';
import { RolePattern } from './role-pattern';
import { RolePatternProps } from './role-pattern-props';
import { checkPatternProps, ROLE_PATTERN_SHAPES, rolePropsFrom } from './role-pattern-validation';
import { WebIdentityTokenProps, WebIdentityTokens } from './web-identity-tokens';
import { onlyPrincipals } from '../checks/trust-invariants';

/** Properties of a LambdaExecutionRole. */
export interface LambdaExecutionRoleProps extends RolePatternProps {
  /**
   * The name of the function that will use the role. The role may then write logs only to that function's
   * default log group, `/aws/lambda/<functionName>`. Give either this or `logGroup`.
   * @default - no function name; see `logGroup`
   */
  readonly functionName?: string;

  /**
   * The log group the function writes to (the `logGroup` of `lambda.Function`). The role may write logs
   * only to this group. Give either this or `functionName`.
   * @default - no log group; with neither this nor `functionName` the role may write to every
   * `/aws/lambda/*` group of the stack's account and region, and synth warns
   */
  readonly logGroup?: logs.ILogGroup;

  /**
   * Whether the function runs at the edge (Lambda@Edge): trusts `edgelambda.amazonaws.com` too, and scopes
   * logs to the `/aws/lambda/us-east-1.<functionName>` groups Lambda@Edge writes in every region.
   * @default false
   */
  readonly edge?: boolean;

  /**
   * Whether the function runs in a VPC: allows the network-interface actions Lambda needs, on `*`
   * (they do not support narrower resources).
   * @default false
   */
  readonly vpcAccess?: boolean;

  /**
   * Whether the function sends traces to AWS X-Ray: allows `xray:PutTraceSegments` and
   * `xray:PutTelemetryRecords`, on `*` (they do not support narrower resources).
   * @default false
   */
  readonly tracing?: boolean;

  /**
   * Whether the trust policy also requires `aws:SourceAccount` to be the stack's account. Off by default:
   * whether Lambda sends this key when it assumes an execution role is not documented.
   * @default false
   */
  readonly requireSourceAccount?: boolean;
}

/** The actions Lambda needs to manage a function's network interfaces in a VPC (all need `*`). */
const VPC_ACTIONS = [
  'ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets', 'ec2:DeleteNetworkInterface',
  'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses',
];
const TRACING_ACTIONS = ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'];
const LOG_ACTIONS = ['logs:CreateLogStream', 'logs:PutLogEvents'];
/** Lambda function names: 1 to 64 letters, digits, hyphens and underscores. */
const FUNCTION_NAME = /^[a-zA-Z0-9_-]{1,64}$/;
const LAMBDA_SHAPES = shapesOf<LambdaExecutionRoleProps>({
  ...ROLE_PATTERN_SHAPES,
  functionName: Shapes.string,
  logGroup: Shapes.logGroup,
  edge: Shapes.boolean,
  vpcAccess: Shapes.boolean,
  tracing: Shapes.boolean,
  requireSourceAccount: Shapes.boolean,
});

/** The name of the inline policy the role gets its Lambda permissions from. */
const LAMBDA_EXECUTION_POLICY_NAME = 'LambdaExecution';

/**
 * An execution role for a Lambda function: trusted by `lambda.amazonaws.com` only, allowed to write its
 * own function's logs and nothing else until you grant more. No AWSLambdaBasicExecutionRole, no `*` for logs.
 *
 * @example
 * declare const code: lambda.Code;
 * const role = new LambdaExecutionRole(this, 'HandlerRole', { functionName: 'orders-handler' });
 * new lambda.Function(this, 'Handler', {
 *   functionName: 'orders-handler',
 *   runtime: lambda.Runtime.NODEJS_22_X,
 *   handler: 'index.handler',
 *   code,
 *   role,
 * });
 */
export class LambdaExecutionRole extends RolePattern {
  /** The log group ARN (with `:*`) the role may write to. */
  public readonly logGroupArn: string;

  /**
   * @param scope the scope of the role
   * @param id the id of the role
   * @param props the role's properties
   */
  constructor(scope: Construct, id: string, props: LambdaExecutionRoleProps = {}) {
    const checked = checkPatternProps('LambdaExecutionRole', scope, id, props, LAMBDA_SHAPES);
    props = checked.props;
    const logGroupArn = lambdaLogGroupArn(scope, props);
    super(scope, id, lambdaRoleProps(scope, props, logGroupArn, checked.errors), props.checkLimits);
    this.logGroupArn = logGroupArn;
    const services = props.edge ? ['lambda.amazonaws.com', 'edgelambda.amazonaws.com'] : ['lambda.amazonaws.com'];
    this._requireOfEveryTrustStatement(onlyPrincipals('Service', (value) => services.includes(value), `trusts only ${services.join(' and ')}`));
    if (!props.logGroup && !props.functionName) {
      this.warnAtSynth('LambdaLogGroupScope');
    }
    this.acknowledgeForValidators(cdkNagWildcardResourceId(this, logGroupArn),
      'Lambda creates a new log stream for each execution environment, so writing logs needs every stream (:*) of the '
      + 'function\'s own log group; the log group itself is named.');
    if (props.vpcAccess || props.tracing) {
      this.acknowledgeForValidators(cdkNagWildcardResourceId(this, '*'),
        'The Lambda VPC network-interface actions and the X-Ray write actions support no resource narrower than "*" '
        + '(cdk-iam-role-patterns:WildcardResource still reports any other action on "*").');
    }
  }

  /**
   * Lets the function mint AWS-signed web identity tokens for the audiences named, to call external services that
   * trust the account's issuer (IAM outbound identity federation). See `WebIdentityTokens.grant`.
   * @param props the audiences and the longest token lifetime
   */
  public grantWebIdentityTokens(props: WebIdentityTokenProps): iam.Grant {
    const grant = WebIdentityTokens.grant(this, props);
    this.acknowledgeForValidators(cdkNagWildcardResourceId(this, '*'),
      'sts:GetWebIdentityToken acts on no resource type, so it is granted on "*", narrowed by its audience and duration conditions.');
    return grant;
  }
}

function lambdaRoleProps(scope: Construct, props: LambdaExecutionRoleProps, logGroupArn: string, errors: PropErrors): iam.RoleProps {
  errors.checkPattern('functionName', props.functionName, FUNCTION_NAME, 'a Lambda function name is 1 to 64 letters, digits, hyphens and underscores');
  if (props.functionName !== undefined && props.logGroup !== undefined) {
    errors.addConflict('functionName and logGroup: give one of them, not both; logGroup when the function has a log group of its own, functionName for the default /aws/lambda/<name> group');
  }
  if (props.inlinePolicies?.[LAMBDA_EXECUTION_POLICY_NAME]) {
    errors.add(`inlinePolicies.${LAMBDA_EXECUTION_POLICY_NAME}`, LAMBDA_EXECUTION_POLICY_NAME, 'that policy name is the role\'s own; name your inline policy differently');
  }
  errors.throwIfAny();

  const services = props.edge ? ['lambda.amazonaws.com', 'edgelambda.amazonaws.com'] : ['lambda.amazonaws.com'];
  const conditions: TrustConditions = props.requireSourceAccount ? { StringEquals: { 'aws:SourceAccount': Stack.of(scope).account } } : {};
  const assumedBy = new PrincipalSet('Service', services, conditions);
  const inlinePolicies = { [LAMBDA_EXECUTION_POLICY_NAME]: executionPolicy(props, logGroupArn), ...props.inlinePolicies };
  return rolePropsFrom({ ...props, inlinePolicies }, assumedBy, `Lambda execution role (cdk-iam-role-patterns LambdaExecutionRole): trusted by ${services.join(' and ')} only.`);
}

function executionPolicy(props: LambdaExecutionRoleProps, logGroupArn: string): iam.PolicyDocument {
  const statements = [new iam.PolicyStatement({ sid: 'WriteOwnLogs', actions: LOG_ACTIONS, resources: [logGroupArn] })];
  if (props.vpcAccess) {
    statements.push(new iam.PolicyStatement({ sid: 'ManageVpcNetworkInterfaces', actions: VPC_ACTIONS, resources: ['*'] }));
  }
  if (props.tracing) {
    statements.push(new iam.PolicyStatement({ sid: 'WriteXRayTraces', actions: TRACING_ACTIONS, resources: ['*'] }));
  }
  return new iam.PolicyDocument({ statements });
}

/** The ARN, ending in `:*`, of the log group (and its streams) the function writes to. */
function lambdaLogGroupArn(scope: Construct, props: LambdaExecutionRoleProps): string {
  if (props.logGroup) return props.logGroup.logGroupArn;
  const stack = Stack.of(scope);
  const name = props.functionName === undefined ? '*' : props.edge ? `us-east-1.${props.functionName}` : props.functionName;
  return stack.formatArn({
    service: 'logs',
    region: props.edge ? '*' : undefined,
    resource: 'log-group',
    resourceName: `/aws/lambda/${name}:*`,
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
}
