import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { aws_iam as iam } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { BreakGlassRole } from '../../src';
import { synthWithValidators } from '../support/validators';

describe('BreakGlassRole under cdk-nag (AwsSolutions) and cfn-guard (Control Tower rules)', () => {
  test('nothing reported on the defaults, alert topic and key included', () => {
    const violations = synthWithValidators((stack) => new BreakGlassRole(stack, 'BreakGlass', {
      trustedPrincipalArns: ['arn:aws:iam::111122223333:user/servicedesk/*'],
      inlinePolicies: { Ec2: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['ec2:StopInstances'], resources: ['arn:aws:ec2:eu-west-1:111122223333:instance/i-0123456789abcdef0'] })] }) },
      alertEmails: ['oncall@example.com'],
    }), (app) => [new AwsSolutionsChecks(app), new CfnGuardValidator()]);
    expect(violations).toEqual([]);
  });

  test('nothing reported on a role alerted in three more regions: every forwarding stack, its rules and its role included', () => {
    const violations = synthWithValidators((stack) => new BreakGlassRole(stack, 'BreakGlass', {
      trustedPrincipalArns: ['arn:aws:iam::111122223333:user/servicedesk/*'],
      inlinePolicies: { Ec2: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['ec2:StopInstances'], resources: ['arn:aws:ec2:eu-west-1:111122223333:instance/i-0123456789abcdef0'] })] }) },
      alertEmails: ['oncall@example.com'],
      alertRegions: ['us-east-1', 'eu-central-1', 'ap-southeast-2'],
    }), (app) => [new AwsSolutionsChecks(app), new CfnGuardValidator()], { env: { account: '111122223333', region: 'eu-west-1' } });
    expect(violations).toEqual([]);
  });
});
