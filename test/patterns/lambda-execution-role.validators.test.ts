import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { aws_iam as iam } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { LambdaExecutionRole } from '../../src';
import { synthWithValidators } from '../support/validators';

const nag = (app: any) => [new AwsSolutionsChecks(app)];
const guard = () => [new CfnGuardValidator()];

describe('LambdaExecutionRole under cdk-nag (AwsSolutions) and cfn-guard (Control Tower rules)', () => {
  test.each([
    ['the default role', {}],
    ['a role for a named function', { functionName: 'orders' }],
    ['a VPC function with tracing', { functionName: 'orders', vpcAccess: true, tracing: true }],
    ['a Lambda@Edge function', { functionName: 'viewer', edge: true }],
  ])('cdk-nag reports nothing unacknowledged on %s', (_name, props) => {
    expect(synthWithValidators((stack) => new LambdaExecutionRole(stack, 'Role', props), nag)).toEqual([]);
  });

  test('cfn-guard reports nothing on the default role', () => {
    expect(synthWithValidators((stack) => new LambdaExecutionRole(stack, 'Role', { functionName: 'orders', vpcAccess: true }), guard)).toEqual([]);
  });

  test('cfn-guard runs: it reports an inline policy with * on * on a plain role', () => {
    const violations = synthWithValidators((stack) => {
      new iam.Role(stack, 'Plain', {
        assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
        inlinePolicies: { Admin: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['*'], resources: ['*'] })] }) },
      });
    }, guard);
    expect(violations.length).toBeGreaterThan(0);
  });

  test('the acknowledgement is exactly cdk-nag\'s finding: a plain role with the same log statement is reported', () => {
    const violations = synthWithValidators((stack) => {
      const plain = new iam.Role(stack, 'Plain', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      const logGroupArn = stack.formatArn({ service: 'logs', resource: 'log-group', resourceName: '/aws/lambda/orders:*', arnFormat: 'arn:aws:service:region:account:resource:resourceName' as any });
      plain.addToPolicy(new iam.PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logGroupArn] }));
    }, nag);
    expect(violations.map((violation) => violation.ruleName)).toContain(
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:/aws/lambda/orders:*]',
    );
  });

  test('a grant added later that cdk-nag flags is still reported', () => {
    const violations = synthWithValidators((stack) => {
      const role = new LambdaExecutionRole(stack, 'Role', { functionName: 'orders' });
      role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:Get*'], resources: ['arn:aws:s3:::bucket/*'] }));
    }, nag);
    expect(violations.map((violation) => violation.ruleName)).toEqual(expect.arrayContaining(['AwsSolutions-IAM5[Action::s3:Get*]']));
  });
});
