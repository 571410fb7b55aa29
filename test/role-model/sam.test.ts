import { samRoles, transformsOf } from '../../src/role-model/sam';

const SAM = 'AWS::Serverless-2016-10-31';

describe('the roles SAM will create', () => {
  test('a function without a Role gets <Id>Role: the Lambda trust, basic execution, tracing and VPC policies, its Policies', () => {
    const { roles, notes } = samRoles({
      Transform: SAM,
      Resources: {
        Fn: {
          Type: 'AWS::Serverless::Function',
          Properties: {
            Tracing: 'Active',
            VpcConfig: { SubnetIds: [] },
            RolePath: '/app/',
            Policies: ['AmazonS3ReadOnlyAccess', 'arn:aws:iam::111122223333:policy/own', { Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' }] },
              { S3WritePolicy: { BucketName: 'uploads' } }],
          },
        },
      },
    });
    const role = (roles as any).FnRole;
    expect(role.Properties.AssumeRolePolicyDocument.Statement[0].Principal).toEqual({ Service: ['lambda.amazonaws.com'] });
    expect(role.Properties.ManagedPolicyArns).toEqual([
      { 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole' },
      { 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/AWSXrayWriteOnlyAccess' },
      { 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole' },
      { 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/AmazonS3ReadOnlyAccess' },
      'arn:aws:iam::111122223333:policy/own',
    ]);
    expect(role.Properties.Policies.map((policy: any) => policy.PolicyDocument.Statement[0].Action)).toEqual([
      'sqs:SendMessage', ['s3:PutObject', 's3:PutObjectAcl', 's3:PutLifecycleConfiguration'],
    ]);
    expect(role.Properties.Policies[1].PolicyDocument.Statement[0].Resource).toEqual(['arn:{{cfn:AWS::Partition}}:s3:::uploads', 'arn:{{cfn:AWS::Partition}}:s3:::uploads/*']);
    expect(role.Properties.Path).toBe('/app/');
    expect(notes).toEqual([]);
  });

  test('a function or state machine with its own Role makes none; other templates make none', () => {
    const resources = {
      Fn: { Type: 'AWS::Serverless::Function', Properties: { Role: 'arn:aws:iam::111122223333:role/existing' } },
      Flow: { Type: 'AWS::Serverless::StateMachine', Properties: { Role: { 'Fn::GetAtt': ['R', 'Arn'] } } },
    };
    expect(Object.keys(samRoles({ Transform: SAM, Resources: resources }).roles)).toEqual([]);
    expect(Object.keys(samRoles({ Resources: { Fn: { Type: 'AWS::Serverless::Function' } } }).roles)).toEqual([]);
  });

  test('an unknown policy template and an unmodeled role maker are notes, not silence', () => {
    const { roles, notes } = samRoles({
      Transform: SAM,
      Resources: {
        Flow: { Type: 'AWS::Serverless::StateMachine', Properties: { Policies: [{ SomeFuturePolicy: { Name: 'x' } }] } },
        Api: { Type: 'AWS::Serverless::GraphQLApi', Properties: {} },
        Link: { Type: 'AWS::Serverless::Connector', Properties: {} },
        Fn: { Type: 'AWS::Serverless::Function', Properties: { Connectors: { ToTable: {} } } },
      },
    });
    expect((roles as any).FlowRole.Properties.AssumeRolePolicyDocument.Statement[0].Principal).toEqual({ Service: ['states.amazonaws.com'] });
    expect(notes).toEqual([
      'Flow (AWS::Serverless::StateMachine): the SAM policy template SomeFuturePolicy is not one this library knows; its permissions were not checked',
      'Api (AWS::Serverless::GraphQLApi): the roles SAM makes for it were not checked',
      'Link (AWS::Serverless::Connector): the policies SAM attaches for it were not checked',
      'Fn (AWS::Serverless::Function): the policies SAM attaches for its Connectors were not checked',
    ]);
  });

  test('transformsOf reads a name, a list, and a macro with parameters', () => {
    expect(transformsOf({ Transform: [SAM, { Name: 'AWS::Include', Parameters: {} }] })).toEqual([SAM, 'AWS::Include']);
    expect(transformsOf({})).toEqual([]);
  });
});
