import { check } from '../../src/cli/main';
import { samRoles, transformsOf, withGlobals } from '../../src/role-model/sam';

function rulesOf(template: object): string[] {
  return check([{ file: 'template.json', template }], {}).findings.map((finding) => finding.ruleId.replace(/^cdk-iam-role-patterns:/, ''));
}

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
    expect(notes.map((note) => note.message)).toEqual([
      'Flow (AWS::Serverless::StateMachine): the SAM policy template SomeFuturePolicy is not one this library knows; its permissions were not checked',
      'Api (AWS::Serverless::GraphQLApi): the roles SAM makes for it were not checked',
      'Link (AWS::Serverless::Connector): the policies SAM attaches for it were not checked',
      'Fn (AWS::Serverless::Function): the policies SAM attaches for its Connectors were not checked',
    ]);
    expect(notes.map((note) => note.resource)).toEqual(['Flow', 'Api', 'Link', 'Fn']);
  });

  test('transformsOf reads a name, a list, and a macro with parameters', () => {
    expect(transformsOf({ Transform: [SAM, { Name: 'AWS::Include', Parameters: {} }] })).toEqual([SAM, 'AWS::Include']);
    expect(transformsOf({})).toEqual([]);
  });
});

describe('SAM Globals', () => {
  const template = (principal: unknown, local: object = {}) => ({
    Transform: SAM,
    Globals: {
      Function: {
        Runtime: 'nodejs22.x',
        AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' }] },
        PermissionsBoundary: 'arn:aws:iam::111122223333:policy/boundary',
      },
    },
    Resources: { Fn: { Type: 'AWS::Serverless::Function', Properties: { Handler: 'index.handler', ...local } } },
  });

  test('Globals.Function.AssumeRolePolicyDocument is the trust of every function role that writes none: "AWS": "*" fires in the CLI', () => {
    expect(rulesOf(template({ AWS: '*' }))).toContain('WildcardPrincipal');
    expect(rulesOf(template({ Service: 'lambda.amazonaws.com' }))).toEqual([]);
  });

  test('a function\'s own trust adds to the global statements (SAM merges maps and joins lists); its boundary replaces the global one', () => {
    const own = { AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] } };
    expect(rulesOf(template({ AWS: '*' }, own))).toContain('WildcardPrincipal');
    expect(rulesOf(template({ Service: 'lambda.amazonaws.com' }, own))).toEqual([]);
    const role = (samRoles(template({ AWS: '*' }, { PermissionsBoundary: 'arn:aws:iam::111122223333:policy/own' })).roles as any).FnRole;
    expect(role.Properties.PermissionsBoundary).toBe('arn:aws:iam::111122223333:policy/own');
  });

  test('SAM\'s merge: maps key by key, lists global entries first, other values the resource\'s', () => {
    expect(withGlobals({ a: 1, m: { x: 1, y: [1] } }, { a: 2, m: { y: [2], z: 3 } })).toEqual({ a: 2, m: { x: 1, y: [1, 2], z: 3 } });
    expect(withGlobals({ Ref: 'A' }, { b: 1 })).toEqual({ b: 1 });
    expect(withGlobals(['g'], undefined)).toEqual(['g']);
  });

  test('Globals.StateMachine reaches state machine roles', () => {
    const { roles } = samRoles({
      Transform: SAM,
      Globals: { StateMachine: { PermissionsBoundary: 'arn:aws:iam::111122223333:policy/boundary' } },
      Resources: { Flow: { Type: 'AWS::Serverless::StateMachine', Properties: {} } },
    });
    expect((roles as any).FlowRole.Properties.PermissionsBoundary).toBe('arn:aws:iam::111122223333:policy/boundary');
  });
});
