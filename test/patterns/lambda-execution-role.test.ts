import { App, CfnParameter, Duration, Stack, Validations, aws_iam as iam, aws_lambda as lambda, aws_logs as logs } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { LambdaExecutionRole, LambdaExecutionRoleProps } from '../../src';

function stackWith(props?: LambdaExecutionRoleProps): { stack: Stack; role: LambdaExecutionRole } {
  const stack = new Stack(new App(), 'Stack');
  const role = new LambdaExecutionRole(stack, 'Role', props);
  return { stack, role };
}

function roleProperties(stack: Stack): Record<string, any> {
  const roles = Template.fromStack(stack).findResources('AWS::IAM::Role');
  return Object.values(roles)[0].Properties;
}

const logArn = (groupArnTail: string) => ({
  'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, `:log-group:${groupArnTail}`]],
});

describe('LambdaExecutionRole defaults', () => {
  test('matches the snapshot', () => {
    const { stack } = stackWith();
    expect(Template.fromStack(stack).toJSON()).toMatchSnapshot();
  });

  test('trusts lambda.amazonaws.com only, in one statement, for one hour', () => {
    const { stack } = stackWith();
    const properties = roleProperties(stack);
    expect(properties.AssumeRolePolicyDocument.Statement).toEqual([
      { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } },
    ]);
    expect(properties.MaxSessionDuration).toBe(3600);
    expect(properties.ManagedPolicyArns).toBeUndefined();
    expect(properties.Description).toMatch(/LambdaExecutionRole.*lambda.amazonaws.com only/);
  });

  test('writes logs to /aws/lambda/* of its own account and region only, and warns that a function name is better', () => {
    const { stack } = stackWith();
    expect(roleProperties(stack).Policies).toEqual([{
      PolicyName: 'LambdaExecution',
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [{ Sid: 'WriteOwnLogs', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: logArn('/aws/lambda/*:*') }],
      },
    }]);
    Annotations.fromStack(stack).hasWarning('/Stack/Role', Match.stringLikeRegexp('every /aws/lambda/\\* log group.*Pass logGroup.*or functionName'));
  });

  test('can be the role of a lambda.Function', () => {
    const { stack, role } = stackWith({ functionName: 'orders' });
    new lambda.Function(stack, 'Fn', { functionName: 'orders', runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => {}'), role });
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', { Role: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Role'), 'Arn'] } });
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
    Annotations.fromStack(stack).hasNoError('*', Match.anyValue());
  });
});

describe('LambdaExecutionRole props', () => {
  test('functionName scopes logs to that function\'s group', () => {
    const { stack, role } = stackWith({ functionName: 'orders-handler' });
    expect(roleProperties(stack).Policies[0].PolicyDocument.Statement[0].Resource).toEqual(logArn('/aws/lambda/orders-handler:*'));
    expect(stack.resolve(role.logGroupArn)).toEqual(logArn('/aws/lambda/orders-handler:*'));
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });

  test('logGroup scopes logs to that group', () => {
    const stack = new Stack(new App(), 'Stack');
    const logGroup = new logs.LogGroup(stack, 'Logs', { logGroupName: '/app/orders' });
    new LambdaExecutionRole(stack, 'Role', { logGroup });
    const resource = roleProperties(stack).Policies[0].PolicyDocument.Statement[0].Resource;
    expect(resource).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Logs/), 'Arn'] });
  });

  test('edge trusts edgelambda.amazonaws.com in the same statement and scopes logs to every region\'s us-east-1.<name> group', () => {
    const { stack } = stackWith({ edge: true, functionName: 'viewer' });
    const properties = roleProperties(stack);
    expect(properties.AssumeRolePolicyDocument.Statement).toEqual([
      { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com', 'edgelambda.amazonaws.com'] } },
    ]);
    expect(properties.Policies[0].PolicyDocument.Statement[0].Resource).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:*:', { Ref: 'AWS::AccountId' }, ':log-group:/aws/lambda/us-east-1.viewer:*']],
    });
  });

  test('vpcAccess adds exactly the network-interface actions on *, tracing the X-Ray write actions', () => {
    const { stack } = stackWith({ functionName: 'f', vpcAccess: true, tracing: true });
    expect(roleProperties(stack).Policies[0].PolicyDocument.Statement.slice(1)).toEqual([
      {
        Sid: 'ManageVpcNetworkInterfaces',
        Effect: 'Allow',
        Action: ['ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets', 'ec2:DeleteNetworkInterface',
          'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses'],
        Resource: '*',
      },
      { Sid: 'WriteXRayTraces', Effect: 'Allow', Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], Resource: '*' },
    ]);
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });

  test('requireSourceAccount adds aws:SourceAccount to the trust statement', () => {
    const { stack } = stackWith({ functionName: 'f', requireSourceAccount: true });
    expect(roleProperties(stack).AssumeRolePolicyDocument.Statement[0].Condition).toEqual({ StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } });
  });

  test('passes the common props through', () => {
    const stack = new Stack(new App(), 'Stack');
    const boundary = new iam.ManagedPolicy(stack, 'Boundary', { statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/*'] })] });
    new LambdaExecutionRole(stack, 'Role', {
      functionName: 'f',
      roleName: 'orders-handler-role',
      description: 'Runs the orders handler',
      path: '/service-roles/',
      permissionsBoundary: boundary,
      maxSessionDuration: Duration.hours(2),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AWSXRayDaemonWriteAccess')],
      inlinePolicies: { ReadConfig: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['ssm:GetParameter'], resources: ['arn:aws:ssm:us-east-1:111122223333:parameter/orders/*'] })] }) },
    });
    const properties = roleProperties(stack);
    expect(properties).toMatchObject({
      RoleName: 'orders-handler-role',
      Description: 'Runs the orders handler',
      Path: '/service-roles/',
      PermissionsBoundary: { Ref: expect.stringMatching(/^Boundary/) },
      MaxSessionDuration: 7200,
      ManagedPolicyArns: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/AWSXRayDaemonWriteAccess']] }],
    });
    expect(properties.Policies.map((policy: any) => policy.PolicyName)).toEqual(['LambdaExecution', 'ReadConfig']);
  });

  test('skips prop checks on unresolved tokens', () => {
    const stack = new Stack(new App(), 'Stack');
    const name = new CfnParameter(stack, 'Name').valueAsString;
    expect(() => new LambdaExecutionRole(stack, 'Role', { roleName: name, functionName: name, path: name })).not.toThrow();
  });
});

describe('LambdaExecutionRole prop errors', () => {
  test.each<[string, LambdaExecutionRoleProps, RegExp]>([
    ['functionName', { functionName: 'orders handler' }, /functionName: "orders handler" is not valid; a Lambda function name is 1 to 64 letters, digits, hyphens and underscores/],
    ['roleName', { roleName: 'a/b' }, /roleName: "a\/b" is not valid; a role name is 1 to 64 characters/],
    ['path', { path: 'service-roles' }, /path: "service-roles" is not valid; a path starts and ends with "\/"/],
    ['maxSessionDuration above 12 hours', { maxSessionDuration: Duration.hours(13) }, /maxSessionDuration: "13 hours" is not valid; .*Duration.hours\(1\) to Duration.hours\(12\)/],
    ['maxSessionDuration below 1 hour', { maxSessionDuration: Duration.minutes(30) }, /maxSessionDuration: "30 minutes" is not valid/],
    ['description', { description: 'x'.repeat(1001) }, /description: .* at most 1000 characters \(this one has 1001\)/],
    ['checkLimits', { checkLimits: { trustPolicyMaxChars: 0 } }, /checkLimits.trustPolicyMaxChars: 0 is not valid; a limit is a whole number greater than 0/],
    ['the reserved inline policy name', { inlinePolicies: { LambdaExecution: new iam.PolicyDocument() } }, /inlinePolicies.LambdaExecution: .*that policy name is the role's own/],
  ])('rejects an invalid %s, naming the prop, the value and the accepted form', (_name, props, message) => {
    expect(() => stackWith(props)).toThrow(message);
  });

  test('rejects functionName with logGroup', () => {
    const stack = new Stack(new App(), 'Stack');
    const logGroup = logs.LogGroup.fromLogGroupName(stack, 'Logs', '/app/orders');
    expect(() => new LambdaExecutionRole(stack, 'Role', { functionName: 'f', logGroup })).toThrow(/functionName and logGroup: give one of them, not both/);
  });

  test('reports every invalid prop in one error, with the construct path', () => {
    expect(() => stackWith({ roleName: 'a b', path: 'x', functionName: 'a b' })).toThrow(
      /LambdaExecutionRole at Stack\/Role has invalid props:\n  - roleName: .*\n  - path: .*\n  - functionName: /,
    );
  });
});

describe('LambdaExecutionRole checks itself at synth', () => {
  test('fails synth when a later grant allows iam:PassRole on *', () => {
    const { stack, role } = stackWith({ functionName: 'f' });
    role.addToPolicy(new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: ['*'] }));
    expect(() => Template.fromStack(stack)).toThrow(/\[Stack\/Role\].*iam:PassRole on every resource.*\[cdk-iam-role-patterns:PassRoleOnEveryResource\]/s);
  });

  test('fails synth when an escape hatch opens the trust policy to everyone', () => {
    const { stack, role } = stackWith({ functionName: 'f' });
    (role.node.defaultChild as iam.CfnRole).addPropertyOverride('AssumeRolePolicyDocument.Statement.0.Principal', { AWS: '*' });
    expect(() => Template.fromStack(stack)).toThrow(/trusts Principal "\*".*\[cdk-iam-role-patterns:WildcardPrincipal\]/s);
  });

  test('fails synth for an iam.Policy defined elsewhere and attached to the role', () => {
    const { stack, role } = stackWith({ functionName: 'f' });
    new iam.Policy(stack, 'Admin', { roles: [role], statements: [new iam.PolicyStatement({ actions: ['*'], resources: ['*'] })] });
    expect(() => Template.fromStack(stack)).toThrow(/policy Admin.*every action on every resource.*FullAdministratorAccess/s);
  });

  test('fails synth for a customer managed policy attached with addManagedPolicy', () => {
    const { stack, role } = stackWith({ functionName: 'f' });
    role.addManagedPolicy(new iam.ManagedPolicy(stack, 'Escalate', { statements: [new iam.PolicyStatement({ actions: ['iam:PutRolePolicy'], resources: ['*'] })] }));
    expect(() => Template.fromStack(stack)).toThrow(/managed policy Escalate.*iam:PutRolePolicy \(iam-017\) on every resource/s);
  });

  test('warns on a questionable grant, and the warning can be acknowledged with a reason', () => {
    const { stack, role } = stackWith({ functionName: 'f' });
    role.addToPolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: ['*'] }));
    Annotations.fromStack(stack).hasWarning('/Stack/Role', Match.stringLikeRegexp('sqs:SendMessage on every resource.*cdk-iam-role-patterns:WildcardResource'));

    const acknowledged = stackWith({ functionName: 'f' });
    acknowledged.role.addToPolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: ['*'] }));
    Validations.of(acknowledged.role).acknowledge({ id: 'cdk-iam-role-patterns:WildcardResource', reason: 'tenants create their queues at run time' });
    Annotations.fromStack(acknowledged.stack).hasNoWarning('*', Match.anyValue());
  });

  test('an acknowledgement on the stack covers the roles in it', () => {
    const { stack } = stackWith();
    Validations.of(stack).acknowledge({ id: 'cdk-iam-role-patterns:LambdaLogGroupScope', reason: 'function names are generated' });
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });
});
