/**
 * The roles aws-cdk-lib creates for you: one stack per construct kind, with default or typical props, synthesized
 * with the installed aws-cdk-lib. Nobody here wrote these roles; the checks must be right about them.
 */
import {
  App, CustomResource, Duration, RemovalPolicy, Size, Stack, Stage, StageProps,
  aws_apigateway as apigateway, aws_autoscaling as autoscaling, aws_backup as backup, aws_batch as batch,
  aws_cloudtrail as cloudtrail, aws_codebuild as codebuild, aws_codedeploy as codedeploy, aws_codepipeline as codepipeline,
  aws_codepipeline_actions as actions, aws_ec2 as ec2, aws_ecs as ecs, aws_ecs_patterns as ecsPatterns, aws_eks as eks, aws_events as events,
  aws_events_targets as targets, aws_iam as iam, aws_kms as kms, aws_lambda as lambda, aws_logs as logs, aws_rds as rds, aws_s3 as s3,
  aws_s3_deployment as s3deploy, aws_s3_notifications as s3n, aws_sqs as sqs, aws_stepfunctions as sfn, aws_stepfunctions_tasks as tasks,
  aws_cognito as cognito, aws_dynamodb as dynamodb, aws_ecr as ecr, aws_kinesis as kinesis, aws_kinesisfirehose as firehose,
  aws_lambda_event_sources as sources, aws_opensearchservice as opensearch, aws_route53 as route53, aws_scheduler as scheduler,
  aws_scheduler_targets as schedulerTargets, aws_sns as sns, aws_sns_subscriptions as subscriptions, custom_resources as cr, pipelines,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';

const ENV = { account: '111122223333', region: 'eu-west-1' };
const CODE = lambda.Code.fromInline('exports.handler = async () => {};');
const fn = (scope: Construct, id: string, props: Partial<lambda.FunctionProps> = {}) =>
  new lambda.Function(scope, id, { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: CODE, ...props });

/** Each construct kind, built in a stack of its own. */
export const CONSTRUCT_KINDS: Record<string, (stack: Stack) => void> = {
  EksCluster: (stack) => {
    const cluster = new eks.Cluster(stack, 'Cluster', {
      version: eks.KubernetesVersion.V1_31,
      kubectlLayer: lambda.LayerVersion.fromLayerVersionArn(stack, 'Kubectl', 'arn:aws:lambda:eu-west-1:111122223333:layer:kubectl:1'),
      defaultCapacity: 1,
    });
    cluster.addServiceAccount('App', { name: 'app', namespace: 'default' });
  },
  EcsClusterWithEc2Capacity: (stack) => {
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2 });
    const cluster = new ecs.Cluster(stack, 'Cluster', { vpc });
    const group = new autoscaling.AutoScalingGroup(stack, 'Group', {
      vpc, instanceType: new ec2.InstanceType('t3.medium'), machineImage: ecs.EcsOptimizedImage.amazonLinux2023(), minCapacity: 1,
    });
    cluster.addAsgCapacityProvider(new ecs.AsgCapacityProvider(stack, 'Capacity', { autoScalingGroup: group }));
    const task = new ecs.Ec2TaskDefinition(stack, 'Task');
    task.addContainer('App', { image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx'), memoryLimitMiB: 256 });
    new ecs.Ec2Service(stack, 'Service', { cluster, taskDefinition: task });
  },
  FargateService: (stack) => {
    new ecsPatterns.ApplicationLoadBalancedFargateService(stack, 'Web', {
      taskImageOptions: { image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx') },
    });
  },
  CdkPipelines: (stack) => {
    const pipeline = new pipelines.CodePipeline(stack, 'Pipeline', {
      synth: new pipelines.ShellStep('Synth', {
        input: pipelines.CodePipelineSource.connection('ride-co/app', 'main', { connectionArn: 'arn:aws:codeconnections:eu-west-1:111122223333:connection/abc' }),
        commands: ['npm ci', 'npx cdk synth'],
      }),
    });
    const stage = new AppStage(stack, 'Prod', { env: ENV });
    pipeline.addStage(stage, { post: [new pipelines.ShellStep('Smoke', { commands: ['curl -f https://example.com'] })] });
  },
  CodeDeployEcsAction: (stack) => {
    const source = new codepipeline.Artifact();
    const group = codedeploy.EcsDeploymentGroup.fromEcsDeploymentGroupAttributes(stack, 'Group', {
      application: codedeploy.EcsApplication.fromEcsApplicationName(stack, 'App', 'app'), deploymentGroupName: 'prod',
    });
    new codepipeline.Pipeline(stack, 'Pipeline', {
      stages: [
        { stageName: 'Source', actions: [new actions.S3SourceAction({ actionName: 'Source', bucket: new s3.Bucket(stack, 'Sources', { versioned: true }), bucketKey: 'app.zip', output: source })] },
        { stageName: 'Deploy', actions: [new actions.CodeDeployEcsDeployAction({ actionName: 'Deploy', deploymentGroup: group, appSpecTemplateInput: source, taskDefinitionTemplateInput: source })] },
      ],
    });
  },
  CodeBuildProject: (stack) => {
    new codebuild.Project(stack, 'Build', { buildSpec: codebuild.BuildSpec.fromObject({ version: '0.2', phases: { build: { commands: ['make'] } } }) });
  },
  BatchComputeEnvironments: (stack) => {
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2 });
    new batch.ManagedEc2EcsComputeEnvironment(stack, 'Ec2', { vpc });
    new batch.FargateComputeEnvironment(stack, 'Fargate', { vpc });
    new batch.EcsJobDefinition(stack, 'Job', {
      container: new batch.EcsFargateContainerDefinition(stack, 'Container', { image: ecs.ContainerImage.fromRegistry('public.ecr.aws/x/y'), cpu: 1, memory: Size.mebibytes(2048) }),
    });
  },
  BackupPlan: (stack) => {
    const plan = backup.BackupPlan.daily35DayRetention(stack, 'Plan');
    plan.addSelection('Tagged', { resources: [backup.BackupResource.fromTag('backup', 'daily')] });
  },
  StepFunctions: (stack) => {
    const worker = fn(stack, 'Worker');
    new sfn.StateMachine(stack, 'Flow', {
      definitionBody: sfn.DefinitionBody.fromChainable(new tasks.LambdaInvoke(stack, 'Invoke', { lambdaFunction: worker })
        .next(new tasks.SqsSendMessage(stack, 'Send', { queue: new sqs.Queue(stack, 'Done'), messageBody: sfn.TaskInput.fromText('done') }))),
    });
  },
  LogRetention: (stack) => {
    fn(stack, 'Fn', { logRetention: logs.RetentionDays.ONE_WEEK });
  },
  AwsCustomResource: (stack) => {
    new cr.AwsCustomResource(stack, 'Lookup', {
      onUpdate: { service: 'SSM', action: 'getParameter', parameters: { Name: '/app/config' }, physicalResourceId: cr.PhysicalResourceId.of('config') },
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: cr.AwsCustomResourcePolicy.ANY_RESOURCE }),
    });
  },
  ProviderFramework: (stack) => {
    const provider = new cr.Provider(stack, 'Provider', { onEventHandler: fn(stack, 'OnEvent'), isCompleteHandler: fn(stack, 'IsComplete') });
    new CustomResource(stack, 'Resource', { serviceToken: provider.serviceToken });
  },
  BucketDeployment: (stack) => {
    new s3deploy.BucketDeployment(stack, 'Deploy', { sources: [s3deploy.Source.data('index.html', '<h1>hi</h1>')], destinationBucket: new s3.Bucket(stack, 'Site') });
  },
  OpenIdConnectProvider: (stack) => {
    new iam.OpenIdConnectProvider(stack, 'GitHub', { url: 'https://token.actions.githubusercontent.com', clientIds: ['sts.amazonaws.com'] });
  },
  BucketNotifications: (stack) => {
    new s3.Bucket(stack, 'Uploads').addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.SqsDestination(new sqs.Queue(stack, 'Queue')));
  },
  BucketAutoDeleteObjects: (stack) => {
    new s3.Bucket(stack, 'Scratch', { removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjects: true });
  },
  EventsTargets: (stack) => {
    new events.Rule(stack, 'Nightly', { schedule: events.Schedule.rate(Duration.days(1)) })
      .addTarget(new targets.CodeBuildProject(new codebuild.Project(stack, 'Job', { buildSpec: codebuild.BuildSpec.fromObject({ version: '0.2' }) })));
  },
  ApiGatewayRestApi: (stack) => {
    new apigateway.LambdaRestApi(stack, 'Api', { handler: fn(stack, 'Handler'), cloudWatchRole: true });
  },
  RdsClusterMonitoring: (stack) => {
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2 });
    new rds.DatabaseCluster(stack, 'Db', {
      engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_4 }),
      writer: rds.ClusterInstance.serverlessV2('Writer'),
      vpc,
      monitoringInterval: Duration.minutes(1),
    });
  },
  Ec2Instance: (stack) => {
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 1 });
    new ec2.Instance(stack, 'Bastion', { vpc, instanceType: new ec2.InstanceType('t3.micro'), machineImage: ec2.MachineImage.latestAmazonLinux2023(), ssmSessionPermissions: true });
  },
  CloudTrailToLogs: (stack) => {
    new cloudtrail.Trail(stack, 'Trail', { sendToCloudWatchLogs: true });
  },
  VpcFlowLogs: (stack) => {
    new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, flowLogs: { All: { destination: ec2.FlowLogDestination.toCloudWatchLogs() } } });
  },
  StepFunctionsEcsRunTask: (stack) => {
    const cluster = new ecs.Cluster(stack, 'Cluster', { vpc: new ec2.Vpc(stack, 'Vpc', { maxAzs: 1 }) });
    const task = new ecs.FargateTaskDefinition(stack, 'Task');
    task.addContainer('App', { image: ecs.ContainerImage.fromRegistry('public.ecr.aws/x/y') });
    new sfn.StateMachine(stack, 'Flow', {
      definitionBody: sfn.DefinitionBody.fromChainable(new tasks.EcsRunTask(stack, 'Run', {
        cluster, taskDefinition: task, launchTarget: new tasks.EcsFargateLaunchTarget(), integrationPattern: sfn.IntegrationPattern.RUN_JOB,
      })),
    });
  },
  EventsEcsTaskTarget: (stack) => {
    const cluster = new ecs.Cluster(stack, 'Cluster', { vpc: new ec2.Vpc(stack, 'Vpc', { maxAzs: 1 }) });
    const task = new ecs.FargateTaskDefinition(stack, 'Task');
    task.addContainer('App', { image: ecs.ContainerImage.fromRegistry('public.ecr.aws/x/y') });
    new events.Rule(stack, 'Hourly', { schedule: events.Schedule.rate(Duration.hours(1)) }).addTarget(new targets.EcsTask({ cluster, taskDefinition: task }));
  },
  LambdaEventSources: (stack) => {
    const handler = fn(stack, 'Fn');
    handler.addEventSource(new sources.SqsEventSource(new sqs.Queue(stack, 'Jobs')));
    handler.addEventSource(new sources.KinesisEventSource(new kinesis.Stream(stack, 'Clicks'), { startingPosition: lambda.StartingPosition.LATEST }));
    const table = new dynamodb.Table(stack, 'Rides', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING }, stream: dynamodb.StreamViewType.NEW_IMAGE });
    handler.addEventSource(new sources.DynamoEventSource(table, { startingPosition: lambda.StartingPosition.LATEST }));
    new sns.Topic(stack, 'Alerts').addSubscription(new subscriptions.LambdaSubscription(handler));
  },
  CognitoUserPoolSms: (stack) => {
    new cognito.UserPool(stack, 'Users', { mfa: cognito.Mfa.OPTIONAL, mfaSecondFactor: { sms: true, otp: true } });
  },
  Route53CrossAccountDelegation: (stack) => {
    const zone = new route53.PublicHostedZone(stack, 'Zone', { zoneName: 'example.com', crossAccountZoneDelegationPrincipal: new iam.AccountPrincipal('444455556666') });
    new route53.CrossAccountZoneDelegationRecord(stack, 'Delegate', {
      delegatedZone: new route53.PublicHostedZone(stack, 'Sub', { zoneName: 'dev.example.com' }),
      parentHostedZoneId: zone.hostedZoneId,
      delegationRole: zone.crossAccountZoneDelegationRole!,
    });
  },
  EcrAutoDeleteImages: (stack) => {
    new ecr.Repository(stack, 'Images', { removalPolicy: RemovalPolicy.DESTROY, emptyOnDelete: true });
  },
  OpenSearchDomain: (stack) => {
    new opensearch.Domain(stack, 'Search', {
      version: opensearch.EngineVersion.OPENSEARCH_2_13,
      logging: { slowSearchLogEnabled: true, appLogEnabled: true },
      removalPolicy: RemovalPolicy.DESTROY,
    });
  },
  FirehoseToS3: (stack) => {
    new firehose.DeliveryStream(stack, 'Stream', { destination: new firehose.S3Bucket(new s3.Bucket(stack, 'Lake')) });
  },
  SchedulerLambdaTarget: (stack) => {
    new scheduler.Schedule(stack, 'Nightly', { schedule: scheduler.ScheduleExpression.rate(Duration.days(1)), target: new schedulerTargets.LambdaInvoke(fn(stack, 'Fn')) });
  },
  LambdaInVpcWithGrants: (stack) => {
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 1 });
    const handler = fn(stack, 'Fn', { vpc });
    new s3.Bucket(stack, 'Data', { encryptionKey: new kms.Key(stack, 'Key') }).grantReadWrite(handler);
    new sqs.Queue(stack, 'Jobs').grantConsumeMessages(handler);
  },
};

/** The stage CDK Pipelines deploys: a stack with a Lambda asset, so the pipeline makes its asset-publishing roles. */
class AppStage extends Stage {
  constructor(scope: Construct, id: string, props: StageProps) {
    super(scope, id, props);
    fn(new Stack(this, 'Service'), 'Fn');
  }
}

/** Synthesizes every construct kind, one stack each (named by the kind), into `outdir`. */
export function synthesizeConstructs(outdir: string): void {
  // LogRetention is deprecated but still in many apps: its role is part of the set; the notice is not news here
  const deprecated = process.env.JSII_DEPRECATED;
  process.env.JSII_DEPRECATED = 'quiet';
  try {
    const app = new App({ outdir, context: { '@aws-cdk/core:failSynthOnValidationErrors': false, 'aws:cdk:enable-path-metadata': true } });
    for (const [kind, build] of Object.entries(CONSTRUCT_KINDS)) build(new Stack(app, kind, { env: ENV }));
    app.synth();
  } finally {
    if (deprecated === undefined) delete process.env.JSII_DEPRECATED;
    else process.env.JSII_DEPRECATED = deprecated;
  }
}
