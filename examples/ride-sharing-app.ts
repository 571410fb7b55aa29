/**
 * The example app: a ride-sharing company's backend, built with cdk-iam-role-patterns the way a user would,
 * with each of the role patterns.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import {
  App, Duration, NestedStack, RemovalPolicy, Stack, StackProps, Validations, aws_cloudtrail as cloudtrail, aws_cognito as cognito,
  aws_dynamodb as dynamodb,
  aws_iam as iam, aws_lambda as lambda,
  aws_logs as logs, aws_s3 as s3,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import {
  AlertTrail, BreakGlassRole, CrossAccountRole, EksPodIdentityRole, IdentityCenterPermissionSet, LambdaExecutionRole, RoleChecks, RolesAnywhereRole,
  RolesAnywhereTrustAnchor,
  SamlFederationRole, WebIdentityProvider, WebIdentityRole,
} from '../src';

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

    new ReceiptsStack(this, 'Receipts');
  }
}

/**
 * Receipts are rendered by a function of their own, in a nested stack (the checks read every role of every
 * nested template, as they read the stack's own).
 */
export class ReceiptsStack extends NestedStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);

    const receipts = new s3.Bucket(this, 'ReceiptsBucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const role = new LambdaExecutionRole(this, 'ReceiptsRole', { functionName: 'ride-receipts' });
    receipts.grantPut(role);
  }
}

/** The partner's research lab uploads trip data; a compliance vendor audits the account. */
export class PartnersStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    // The bucket owns every object, whoever uploads it (no ACLs), and refuses plain HTTP.
    const uploads = new s3.Bucket(this, 'PartnerUploads', {
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // Only the lab's uploader role (not every principal of the lab's account) may assume this role.
    const partnerUpload = new CrossAccountRole(this, 'PartnerUploadRole', {
      trustedPrincipalArns: ['arn:aws:iam::444455556666:role/LabUploader'],
    });
    partnerUpload.addToPolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [uploads.arnForObjects('trips/*')] }));

    // The vendor acts for many customers, so it must present the ExternalId it generated for this one.
    new CrossAccountRole(this, 'ComplianceVendorRole', {
      trustedAccounts: ['777788889999'],
      thirdParty: true,
      externalId: '3f2b8c1e-6a47-4d2e-9b1c-0e5f7a9d2c41',
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('SecurityAudit')],
    });
  }
}

/** Riders sign in to the mobile app (Google via a Cognito identity pool) and keep their own saved places. */
export class RiderAppStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    const places = new dynamodb.Table(this, 'SavedPlaces', {
      partitionKey: { name: 'identityId', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'placeId', type: dynamodb.AttributeType.STRING },
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const riders = new cognito.CfnIdentityPool(this, 'Riders', {
      allowUnauthenticatedIdentities: false,
      supportedLoginProviders: { 'accounts.google.com': 'ride-co-app.apps.googleusercontent.com' },
    });

    // Each signed-in rider reads and writes only the items under their own identity id.
    const riderRole = new WebIdentityRole(this, 'RiderRole', {
      provider: WebIdentityProvider.cognitoIdentityPool({ identityPoolId: riders.ref }),
    });
    riderRole.grantPerIdentityDynamoDbAccess(places);
    new cognito.CfnIdentityPoolRoleAttachment(this, 'RiderRoles', { identityPoolId: riders.ref, roles: { authenticated: riderRole.roleArn } });
  }
}

/** GitHub Actions deploys the app from the main branch and the production environment, with no stored keys. */
export class DeliveryStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    const deploy = new WebIdentityRole(this, 'GitHubDeployRole', {
      provider: WebIdentityProvider.githubActions({
        owner: 'ride-co',
        repository: 'ride-platform',
        branches: ['main'],
        environments: ['production'],
        createOidcProvider: true,
      }),
    });
    // The CDK CLI deploys by assuming the bootstrap roles.
    deploy.addToPolicy(new iam.PolicyStatement({
      actions: ['sts:AssumeRole'],
      resources: [this.formatArn({ service: 'iam', region: '', resource: 'role', resourceName: 'cdk-hnb659fds-*' })],
    }));

    // The recommended setup: the repository by its immutable id, and only the reviewed reusable release workflow,
    // so a renamed or recreated repository, or any other workflow of it, cannot take over the role.
    const release = new WebIdentityRole(this, 'GitHubReleaseRole', {
      provider: WebIdentityProvider.githubActions({
        owner: 'ride-co',
        repository: 'ride-platform',
        repositoryId: '892418301',
        jobWorkflowRefs: ['ride-co/release-workflows/.github/workflows/release.yml@refs/heads/main'],
      }),
    });
    release.addToPolicy(new iam.PolicyStatement({
      actions: ['s3:PutObject'],
      resources: [this.formatArn({ service: 's3', region: '', account: '', resource: 'ride-co-releases', resourceName: '*' })],
    }));
  }
}

/** The dispatch service runs on EKS; its pods reach the rides table through EKS Pod Identity. */
export class DispatchStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    const dispatcher = new EksPodIdentityRole(this, 'DispatcherRole', {
      clusterName: 'rides-prod',
      namespace: 'dispatch',
      serviceAccount: 'dispatcher',
    });
    dispatcher.addToPolicy(new iam.PolicyStatement({
      actions: ['dynamodb:Query', 'dynamodb:GetItem'],
      resources: [this.formatArn({ service: 'dynamodb', resource: 'table', resourceName: 'rides' })],
    }));
  }
}

/**
 * The service desk is read-only; at 3 am it may break the glass to stop, terminate or relaunch a rider's
 * instance, with MFA, for an hour, and on-call hears about it: whichever region's STS endpoint the elevation
 * goes through (the company runs in Ireland and Frankfurt; us-east-1 is where the CLI's default endpoint and IAM's
 * events are), from the console too, and when anyone changes the role. The organization's trail logs the events.
 */
export class ServiceDeskStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    new BreakGlassRole(this, 'ServiceDeskBreakGlass', {
      trustedPrincipalArns: [this.formatArn({ service: 'iam', region: '', resource: 'user', resourceName: 'servicedesk/*' })],
      inlinePolicies: {
        InstanceRecovery: new iam.PolicyDocument({
          statements: [new iam.PolicyStatement({
            actions: ['ec2:StopInstances', 'ec2:StartInstances', 'ec2:TerminateInstances', 'ec2:RebootInstances'],
            resources: [this.formatArn({ service: 'ec2', resource: 'instance', resourceName: '*' })],
          })],
        }),
      },
      alertEmails: ['oncall@ride-co.example'],
      alertRegions: ['eu-central-1', 'us-east-1'],
      trail: AlertTrail.fromTrailRef(cloudtrail.CfnTrail.fromTrailArn(this, 'OrganizationTrail',
        'arn:aws:cloudtrail:us-east-1:111122223333:trail/ride-co-organization-trail')),
    });
  }
}

/**
 * The backup agent in the company's own data centre writes the nightly backups to S3 without an access key: its
 * certificate, from the company's AWS Private CA, is exchanged for an hour's credentials through IAM Roles Anywhere.
 */
export class OnPremisesStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    new RolesAnywhereRole(this, 'BackupAgentRole', {
      trustAnchor: RolesAnywhereTrustAnchor.fromAcmPrivateCa(
        this.formatArn({ service: 'acm-pca', resource: 'certificate-authority', resourceName: '0a1b2c3d-4e5f-6789-abcd-ef0123456789' })),
      subject: { commonName: 'backup-agent.dc1.ride-co.example', organizationalUnit: 'Backup' },
      inlinePolicies: {
        NightlyBackups: new iam.PolicyDocument({
          statements: [new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: ['arn:aws:s3:::ride-co-backups/dc1/*'] })],
        }),
      },
    });
  }
}

/** Staff sign in with the corporate IdP (ADFS): one role per directory group. */
export class WorkforceStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    SamlFederationRole.forGroups(this, 'Corp', {
      metadataDocument: iam.SamlMetadataDocument.fromXml(readFileSync(join(__dirname, 'idp-metadata.xml'), 'utf8')),
      rolePrefix: 'RideCo',
      sessionTags: true,
      exportRoleAttribute: true,
      groups: [
        { name: 'Analysts', managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess')] },
        { name: 'Support', managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('job-function/ViewOnlyAccess')] },
      ],
    });

    // The analysts who moved to IAM Identity Center: read-only in the production account, for a working day.
    new IdentityCenterPermissionSet(this, 'AnalystsPermissionSet', {
      instanceArn: 'arn:aws:sso:::instance/ssoins-72230b8e5a1c2f0d',
      name: 'RideCoAnalysts',
      description: 'Read-only access for the analytics team',
      sessionDuration: Duration.hours(8),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess')],
      assignments: [{ groupId: '906722f4-b0a1-70c4-4bd0-1f4b8e4c3f21', accountIds: ['111122223333'] }],
    });
  }
}

/** Builds the whole example app into `outdir`. */
export function buildApp(outdir: string): App {
  const app = new App({ outdir });
  // Every role of the app, not only the library's, is checked on the synthesized templates.
  Validations.of(app).addPlugins(new RoleChecks());
  new RideRequestsStack(app, 'RideRequests');
  new PartnersStack(app, 'Partners');
  new RiderAppStack(app, 'RiderApp');
  new DeliveryStack(app, 'Delivery');
  new DispatchStack(app, 'Dispatch');
  new ServiceDeskStack(app, 'ServiceDesk', { env: { account: '111122223333', region: 'eu-west-1' } });
  new WorkforceStack(app, 'Workforce');
  new OnPremisesStack(app, 'OnPremises');
  return app;
}
