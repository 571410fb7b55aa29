import { Summary } from './summary';
import { ModeledRole } from '../role-model/model';
import { PolicyStatement } from '../role-model/policy-document';

/**
 * Statements aws-cdk-lib writes into the roles its own constructs create, where the names the app could give
 * do not exist when the role is made (a cluster the custom resource has yet to create, the task definitions a
 * deployment registers). A warning on such a statement is summarized once per construct kind with the reason;
 * a statement the app added to the same role (a `grant*`, `addToPolicy`) is judged like any other, and so is any
 * error. A statement counts as aws-cdk-lib's only when the role's construct path is the construct's and every
 * action of the statement is one that construct writes.
 */
interface CdkConstructRole {
  /** The construct, in the words of aws-cdk-lib's API. */
  readonly kind: string;
  /** The end of the role's construct path. */
  readonly path: RegExp;
  /** The actions the construct writes on `*` (as it spells them). */
  readonly actions: readonly string[];
  /** Why the construct cannot name the resources. */
  readonly why: string;
}

const CDK_CONSTRUCT_ROLES: readonly CdkConstructRole[] = [
  {
    kind: 'eks.Cluster (creation role)',
    path: /\/Resource\/CreationRole(\/Resource)?$/,
    actions: ['eks:CreateCluster', 'eks:DescribeCluster', 'eks:DescribeUpdate', 'eks:DeleteCluster', 'eks:UpdateClusterVersion', 'eks:UpdateClusterConfig',
      'eks:CreateFargateProfile', 'eks:TagResource', 'eks:UntagResource', 'eks:DescribeFargateProfile', 'eks:DeleteFargateProfile', 'iam:GetRole', 'iam:listAttachedRolePolicies', 'iam:CreateServiceLinkedRole',
      'ec2:DescribeInstances', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeSecurityGroups', 'ec2:DescribeSubnets', 'ec2:DescribeRouteTables',
      'ec2:DescribeDhcpOptions', 'ec2:DescribeVpcs'],
    why: 'the custom resource that creates the cluster needs them before the cluster and its Fargate profiles exist',
  },
  {
    kind: 'ecs.Cluster capacity (instance role)',
    path: /\/InstanceRole(\/Resource)?$/,
    actions: ['ecs:Poll', 'ecs:StartTelemetrySession', 'ecs:DiscoverPollEndpoint', 'ecr:GetAuthorizationToken', 'logs:CreateLogStream', 'logs:PutLogEvents'],
    why: 'the ECS container agent needs them on every instance, as the AWS managed AmazonEC2ContainerServiceforEC2Role grants them',
  },
  {
    kind: 'pipelines.CodePipeline (self-mutation role)',
    path: /\/UpdatePipeline\/SelfMutation\/Role(\/Resource)?$/,
    actions: ['cloudformation:DescribeStacks', 's3:ListBucket'],
    why: 'the self-mutation step runs `cdk deploy`, which looks up the bootstrap stack and asset buckets of every target',
  },
  {
    kind: 'stepfunctions_tasks.EcsRunTask (state machine role)',
    path: /\/Role(\/Resource)?$/,
    actions: ['ecs:StopTask', 'ecs:DescribeTasks'],
    why: 'the tasks the state machine runs get their ARNs when they start, so the task ARNs cannot be named',
  },
  {
    kind: 'cognito.UserPool (SMS role)',
    path: /\/smsRole(\/Resource)?$/,
    actions: ['sns:Publish'],
    why: 'Cognito sends SMS messages through SNS to phone numbers, which have no ARN (Amazon Cognito Developer Guide, "SMS message settings")',
  },
  {
    kind: 'codepipeline_actions.CodeDeployEcsDeployAction (action role)',
    path: /\/CodePipelineActionRole(\/Resource)?$/,
    actions: ['ecs:RegisterTaskDefinition', 'iam:PassRole'],
    why: 'the deployment registers task definitions whose ARNs do not exist yet, and passes the task roles to ecs-tasks.amazonaws.com only',
  },
];

/**
 * For a role one of aws-cdk-lib's constructs created: the summary of a warning on a statement that construct
 * wrote; undefined for any other role.
 */
export function cdkConstructStatementSummary(
  constructPath: string | undefined, modeled: ModeledRole,
): ((subjectKey: string) => Summary | undefined) | undefined {
  const construct = constructPath === undefined ? undefined : CDK_CONSTRUCT_ROLES.find((candidate) => candidate.path.test(constructPath));
  if (!construct) return undefined;
  const written = new Set(construct.actions.map((action) => action.toLowerCase()));
  const statements = new Map<string, PolicyStatement>();
  for (const variant of modeled.variants) {
    for (const statement of variant.role.permissionAllowStatements) {
      const key = subjectKeyOf(statement.subject?.file, statement.subject?.path);
      if (key !== undefined && !statements.has(key)) statements.set(key, statement);
    }
  }
  return (subjectKey) => {
    const statement = statements.get(subjectKey);
    if (!statement || statement.awsManaged || statement.hasNotAction || statement.actions.length === 0) return undefined;
    if (!statement.actions.every((action) => written.has(action.toLowerCase()))) return undefined;
    return { kind: construct.kind, reason: `written by aws-cdk-lib's ${construct.kind} on "*": ${construct.why}` };
  };
}

/** A statement's place in its templates, as a key. */
export function subjectKeyOf(file: string | undefined, path: readonly (string | number)[] | undefined): string | undefined {
  return path === undefined ? undefined : `${file ?? ''}#${path.join('/')}`;
}
