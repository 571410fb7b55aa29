import { append, CfnObject, isIntrinsic, isObject, NONE, renderString } from './cfn-value';
import { propertiesOf, resourcesOf, CfnTemplate, typeOf } from './template';

/**
 * The roles that the AWS SAM transform (`Transform: AWS::Serverless-2016-10-31`) will create, written as the
 * `AWS::IAM::Role` resources it makes, so every rule reads them as it reads any role. A serverless function
 * or state machine without a `Role` of its own gets a role named `<LogicalId>Role` that trusts the service,
 * with SAM's managed policies and the resource's `Policies`: AWS managed policy names or ARNs, inline policy
 * documents, and SAM policy templates (the ones below; see SAM's policy template list in
 * aws/serverless-application-model, samtranslator/policy_templates_data, read 2026-11-30).
 */

/** The transform that makes SAM's serverless resources. */
export const SAM_TRANSFORM = 'AWS::Serverless-2016-10-31';

/** What the SAM transform adds to a template, and what it could not model. */
export interface SamExpansion {
  /** The roles the transform will create, by logical id. */
  readonly roles: CfnObject;
  /** Parts the model cannot read, in words: unknown policy templates, resources whose roles are not modeled. */
  readonly notes: readonly SamNote[];
}

/** A part of a serverless resource the model cannot read: the resource's logical id, and what was not checked. */
export interface SamNote {
  readonly resource: string;
  readonly message: string;
}

const NOTHING: SamExpansion = { roles: {}, notes: NONE };

/** The serverless resources that make a role, and the service that role trusts. */
const ROLE_MAKERS: ReadonlyMap<string, string> = new Map([
  ['AWS::Serverless::Function', 'lambda.amazonaws.com'],
  ['AWS::Serverless::StateMachine', 'states.amazonaws.com'],
]);

/** The key of the `Globals` section that holds each role maker's shared properties. */
const GLOBALS_KEYS: ReadonlyMap<string, string> = new Map([
  ['AWS::Serverless::Function', 'Function'],
  ['AWS::Serverless::StateMachine', 'StateMachine'],
]);

/** Serverless resources that make roles or policies which the model does not write out, and what goes unchecked. */
const UNMODELED: ReadonlyMap<string, string> = new Map([
  ['AWS::Serverless::GraphQLApi', 'the roles SAM makes for it were not checked'],
  ['AWS::Serverless::Connector', 'the policies SAM attaches for it were not checked'],
]);

/** Whether a template asks for the SAM transform. */
export function usesSam(template: CfnTemplate): boolean {
  return transformsOf(template).includes(SAM_TRANSFORM);
}

/** The macros a template's `Transform` names. */
export function transformsOf(template: CfnTemplate): string[] {
  const raw = isObject(template) ? template.Transform : undefined;
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return list.map((item) => (typeof item === 'string' ? item : isObject(item) && typeof item.Name === 'string' ? item.Name : '(a macro)'));
}

/** The roles SAM will create for a template's serverless resources. */
export function samRoles(template: CfnTemplate): SamExpansion {
  if (!usesSam(template)) return NOTHING;
  const resources = resourcesOf(template);
  const globals = isObject(template) && isObject(template.Globals) ? template.Globals : {};
  const roles: Record<string, unknown> = {};
  let notes: SamNote[] | undefined;
  for (const logicalId in resources) {
    const type = typeOf(resources[logicalId]) ?? '';
    const service = ROLE_MAKERS.get(type);
    const unmodeled = UNMODELED.get(type);
    if (unmodeled !== undefined) notes = append(notes, { resource: logicalId, message: `${logicalId} (${type}): ${unmodeled}` });
    if (service === undefined) continue;
    const shared = globals[GLOBALS_KEYS.get(type)!];
    const properties = isObject(shared) ? withGlobals(shared, propertiesOf(resources[logicalId])) as CfnObject : propertiesOf(resources[logicalId]);
    if (properties.Connectors !== undefined) {
      notes = append(notes, { resource: logicalId, message: `${logicalId} (${type}): the policies SAM attaches for its Connectors were not checked` });
    }
    if (properties.Role !== undefined) continue; // it brings its own role: that role is checked where it is defined
    const role = samRole(logicalId, type, service, properties);
    roles[`${logicalId}Role`] = { Type: 'AWS::IAM::Role', Properties: role.properties, Metadata: { SamResource: logicalId } };
    for (const message of role.notes) notes = append(notes, { resource: logicalId, message });
  }
  return { roles, notes: notes ?? NONE };
}

/**
 * A resource's properties with the `Globals` section's merged in, as the SAM transform merges them ("Globals
 * section of the AWS SAM template"): maps are merged key by key, lists are the global entries followed by the
 * resource's, and any other value (a string, a number, an intrinsic function) is the resource's when it has one.
 * So `Globals.Function.AssumeRolePolicyDocument` is the trust of every function's role that does not write its own.
 */
export function withGlobals(global: unknown, local: unknown): unknown {
  if (local === undefined) return global;
  if (Array.isArray(global) && Array.isArray(local)) return [...global, ...local];
  if (isObject(global) && isObject(local) && !isIntrinsic(global) && !isIntrinsic(local)) {
    const merged: Record<string, unknown> = { ...global };
    for (const key in local) merged[key] = withGlobals(global[key], local[key]);
    return merged;
  }
  return local;
}

function samRole(logicalId: string, type: string, service: string, properties: CfnObject): { properties: CfnObject; notes: string[] } {
  const managed: unknown[] = type === 'AWS::Serverless::Function' ? functionManagedPolicies(properties) : [];
  const inline: unknown[] = [];
  const notes: string[] = [];
  const policies = properties.Policies === undefined ? [] : Array.isArray(properties.Policies) ? properties.Policies : [properties.Policies];
  for (const policy of policies) {
    const read = readSamPolicy(policy, `${logicalId}RolePolicy${inline.length}`);
    if (read.managedPolicyArn !== undefined) managed.push(read.managedPolicyArn);
    if (read.inline !== undefined) inline.push(read.inline);
    if (read.note !== undefined) notes.push(`${logicalId} (${type}): ${read.note}`);
  }
  const role: Record<string, unknown> = {
    AssumeRolePolicyDocument: properties.AssumeRolePolicyDocument ?? {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: [service] }, Action: ['sts:AssumeRole'] }],
    },
    ManagedPolicyArns: managed,
  };
  if (inline.length > 0) role.Policies = inline;
  if (properties.PermissionsBoundary !== undefined) role.PermissionsBoundary = properties.PermissionsBoundary;
  if (properties.RolePath !== undefined) role.Path = properties.RolePath;
  return { properties: role, notes };
}

/** The AWS managed policies SAM attaches to every function's role, and to those with tracing or a VPC. */
function functionManagedPolicies(properties: CfnObject): unknown[] {
  const managed: unknown[] = [awsManagedPolicy('service-role/AWSLambdaBasicExecutionRole')];
  if (properties.Tracing === 'Active') managed.push(awsManagedPolicy('AWSXrayWriteOnlyAccess'));
  if (properties.VpcConfig !== undefined) managed.push(awsManagedPolicy('service-role/AWSLambdaVPCAccessExecutionRole'));
  return managed;
}

function awsManagedPolicy(name: string): unknown {
  return { 'Fn::Sub': `arn:\${AWS::Partition}:iam::aws:policy/${name}` };
}

interface SamPolicyReading {
  readonly managedPolicyArn?: unknown;
  readonly inline?: unknown;
  readonly note?: string;
}

const POLICY_ARN = /^arn:/;

/** One entry of `Policies`: a managed policy name or ARN, a policy document, or a policy template. */
function readSamPolicy(policy: unknown, name: string): SamPolicyReading {
  if (typeof policy === 'string') return { managedPolicyArn: POLICY_ARN.test(policy) ? policy : awsManagedPolicy(policy) };
  if (!isObject(policy)) return { note: 'a Policies entry that is neither a name, an ARN, a document nor a policy template was not checked' };
  if ('Statement' in policy) return { inline: { PolicyName: name, PolicyDocument: policy } };
  const keys = Object.keys(policy);
  if (keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'))) return { managedPolicyArn: policy };
  if (keys.length !== 1) return { note: 'a Policies entry with several keys was not checked' };
  const template = POLICY_TEMPLATES.get(keys[0]);
  if (template === undefined) return { note: `the SAM policy template ${keys[0]} is not one this library knows; its permissions were not checked` };
  const parameters = isObject(policy[keys[0]]) ? policy[keys[0]] as CfnObject : {};
  return { inline: { PolicyName: name, PolicyDocument: { Version: '2012-10-17', Statement: template(parameters) } } };
}

type PolicyTemplate = (parameters: CfnObject) => unknown[];

/** A statement allowing `actions` on ARNs made from a parameter, as SAM's `Fn::Sub` does. */
function on(actions: string[], ...arns: string[]): (parameters: CfnObject) => unknown {
  return (parameters) => ({
    Effect: 'Allow',
    Action: actions,
    Resource: arns.map((arn) => (arn === '*' ? '*' : arn.replace(/<(\w+)>/g, (_m, parameter: string) => renderString(parameters[parameter]) ?? `{{cfn:Ref:${parameter}}}`))),
  });
}

function statements(...parts: Array<(parameters: CfnObject) => unknown>): PolicyTemplate {
  return (parameters) => parts.map((part) => part(parameters));
}

const P = 'arn:{{cfn:AWS::Partition}}';
const REGIONAL = (service: string) => `${P}:${service}:{{cfn:AWS::Region}}:{{cfn:AWS::AccountId}}`;
const S3_READ = ['s3:GetObject', 's3:ListBucket', 's3:GetBucketLocation', 's3:GetObjectVersion', 's3:GetLifecycleConfiguration'];
const S3_WRITE = ['s3:PutObject', 's3:PutObjectAcl', 's3:PutLifecycleConfiguration'];
const DYNAMODB_READ = ['dynamodb:GetItem', 'dynamodb:Scan', 'dynamodb:Query', 'dynamodb:BatchGetItem', 'dynamodb:DescribeTable'];
const DYNAMODB_WRITE = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem'];
const TABLE = [`${REGIONAL('dynamodb')}:table/<TableName>`, `${REGIONAL('dynamodb')}:table/<TableName>/index/*`];
const BUCKET = [`${P}:s3:::<BucketName>`, `${P}:s3:::<BucketName>/*`];

/** The SAM policy templates this library knows: those that grant write access, and common read ones. */
const POLICY_TEMPLATES: ReadonlyMap<string, PolicyTemplate> = new Map<string, PolicyTemplate>([
  ['S3ReadPolicy', statements(on(S3_READ, ...BUCKET))],
  ['S3WritePolicy', statements(on(S3_WRITE, ...BUCKET))],
  ['S3CrudPolicy', statements(on([...S3_READ, 's3:PutObject', 's3:PutObjectAcl', 's3:PutLifecycleConfiguration', 's3:DeleteObject'], ...BUCKET))],
  ['S3FullAccessPolicy', statements(
    on(['s3:GetObject', 's3:GetObjectAcl', 's3:GetObjectVersion', 's3:PutObject', 's3:PutObjectAcl', 's3:DeleteObject', 's3:DeleteObjectTagging',
      's3:DeleteObjectVersionTagging', 's3:GetObjectTagging', 's3:GetObjectVersionTagging', 's3:PutObjectTagging', 's3:PutObjectVersionTagging'], BUCKET[1]),
    on(['s3:ListBucket', 's3:GetBucketLocation', 's3:GetLifecycleConfiguration', 's3:PutLifecycleConfiguration'], BUCKET[0]))],
  ['DynamoDBReadPolicy', statements(on(DYNAMODB_READ, ...TABLE))],
  ['DynamoDBWritePolicy', statements(on(DYNAMODB_WRITE, ...TABLE))],
  ['DynamoDBCrudPolicy', statements(on([...DYNAMODB_READ, 'dynamodb:DeleteItem', ...DYNAMODB_WRITE, 'dynamodb:ConditionCheckItem'], ...TABLE))],
  ['SQSSendMessagePolicy', statements(on(['sqs:SendMessage*'], `${REGIONAL('sqs')}:<QueueName>`))],
  ['SQSPollerPolicy', statements(on(['sqs:ChangeMessageVisibility', 'sqs:ChangeMessageVisibilityBatch', 'sqs:DeleteMessage', 'sqs:DeleteMessageBatch',
    'sqs:GetQueueAttributes', 'sqs:ReceiveMessage'], `${REGIONAL('sqs')}:<QueueName>`))],
  ['SNSPublishMessagePolicy', statements(on(['sns:Publish'], `${REGIONAL('sns')}:<TopicName>`))],
  ['SNSCrudPolicy', statements(on(['sns:ListSubscriptionsByTopic', 'sns:CreateTopic', 'sns:SetTopicAttributes', 'sns:Subscribe', 'sns:Publish'],
    `${REGIONAL('sns')}:<TopicName>*`))],
  ['LambdaInvokePolicy', statements(on(['lambda:InvokeFunction'], `${REGIONAL('lambda')}:function:<FunctionName>*`))],
  ['StepFunctionsExecutionPolicy', statements(on(['states:StartExecution'], `${REGIONAL('states')}:stateMachine:<StateMachineName>`))],
  ['KMSDecryptPolicy', statements(on(['kms:Decrypt'], `${REGIONAL('kms')}:key/<KeyId>`))],
  ['KMSEncryptPolicy', statements(on(['kms:Encrypt'], `${REGIONAL('kms')}:key/<KeyId>`))],
  ['AWSSecretsManagerGetSecretValuePolicy', statements(on(['secretsmanager:GetSecretValue'], '<SecretArn>'))],
  ['SSMParameterReadPolicy', statements(on(['ssm:DescribeParameters'], '*'),
    on(['ssm:GetParameters', 'ssm:GetParameter', 'ssm:GetParametersByPath'], `${REGIONAL('ssm')}:parameter/<ParameterName>`))],
  ['EventBridgePutEventsPolicy', statements(on(['events:PutEvents'], `${REGIONAL('events')}:event-bus/<EventBusName>`))],
  ['EcsRunTaskPolicy', statements(on(['ecs:RunTask'], `${REGIONAL('ecs')}:task-definition/<TaskDefinition>`))],
  ['KinesisCrudPolicy', statements(on(['kinesis:AddTagsToStream', 'kinesis:CreateStream', 'kinesis:DecreaseStreamRetentionPeriod', 'kinesis:DeleteStream',
    'kinesis:DescribeStream', 'kinesis:DescribeStreamSummary', 'kinesis:GetShardIterator', 'kinesis:IncreaseStreamRetentionPeriod',
    'kinesis:ListTagsForStream', 'kinesis:MergeShards', 'kinesis:PutRecord', 'kinesis:PutRecords', 'kinesis:SplitShard', 'kinesis:RemoveTagsFromStream'],
  `${REGIONAL('kinesis')}:stream/<StreamName>`))],
  ['VPCAccessPolicy', statements(on(['ec2:CreateNetworkInterface', 'ec2:DeleteNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DetachNetworkInterface'], '*'))],
  ['CloudWatchPutMetricPolicy', statements(on(['cloudwatch:PutMetricData'], '*'))],
  ['EC2DescribePolicy', statements(on(['ec2:DescribeRegions', 'ec2:DescribeInstances'], '*'))],
  ['AMIDescribePolicy', statements(on(['ec2:DescribeImages'], '*'))],
  ['TextractPolicy', statements(on(['textract:*'], '*'))],
]);
