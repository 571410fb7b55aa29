/**
 * The example app: a ride-sharing company's backend, built with cdk-iam-role-patterns the way a user would.
 * Later issues add the break-glass, SAML, web identity and partner roles.
 */
import { App, RemovalPolicy, Stack, StackProps, Validations, aws_dynamodb as dynamodb, aws_lambda as lambda, aws_logs as logs } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { LambdaExecutionRole, RoleChecks } from '../src';

/** The ride-request API: a Lambda function that writes ride requests to DynamoDB. */
export class RideRequestsStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    const rides = new dynamodb.Table(this, 'Rides', {
      partitionKey: { name: 'riderId', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'requestedAt', type: dynamodb.AttributeType.STRING },
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const logGroup = new logs.LogGroup(this, 'RideRequestsLogs', { retention: logs.RetentionDays.ONE_MONTH });

    // The function's role may write its own log group and nothing else until it is granted more.
    const role = new LambdaExecutionRole(this, 'RideRequestsRole', { logGroup });
    rides.grantWriteData(role);

    new lambda.Function(this, 'RideRequests', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async (event) => ({ statusCode: 202 });'),
      role,
      logGroup,
      environment: { TABLE_NAME: rides.tableName },
    });
  }
}

/** Builds the whole example app into `outdir`. */
export function buildApp(outdir: string): App {
  const app = new App({ outdir });
  // Every role of the app, not only the library's, is checked on the synthesized templates.
  Validations.of(app).addPlugins(new RoleChecks());
  new RideRequestsStack(app, 'RideRequests');
  return app;
}
