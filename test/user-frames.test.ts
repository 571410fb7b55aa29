import { App, Stack, aws_iam as iam, aws_s3 as s3 } from 'aws-cdk-lib';
import { BreakGlassRole, LambdaExecutionRole, WebIdentityProvider, WebIdentityRole } from '../src';

const firstFrame = (error: Error) => (error.stack ?? '').split('\n').find((line) => /^\s+at /.test(line)) ?? '';

describe('errors point at the user\'s code', () => {
  test('a construction error starts with the message, and its first frame is the caller\'s line, not the library\'s', () => {
    const stack = new Stack(new App(), 'Stack');
    let thrown: Error | undefined;
    try {
      new BreakGlassRole(stack, 'Role', { trustedPrincipalArns: ['*'] });
    } catch (error) {
      thrown = error as Error;
    }
    expect(thrown?.stack).toMatch(/^Error: BreakGlassRole at Stack\/Role has invalid props:\n/);
    expect(firstFrame(thrown!)).toContain('user-frames.test.ts');
    expect(thrown!.stack).not.toMatch(/src[\\/]patterns[\\/]/);
  });

  test('a method\'s error starts at the caller too', () => {
    const stack = new Stack(new App(), 'Stack');
    const role = new WebIdentityRole(stack, 'Role', { provider: WebIdentityProvider.githubActions({ owner: 'o', repository: 'r', branches: ['main'] }) });
    let thrown: Error | undefined;
    try {
      role.grantPerIdentityS3Prefix(new s3.Bucket(stack, 'Bucket'));
    } catch (error) {
      thrown = error as Error;
    }
    expect(firstFrame(thrown!)).toContain('user-frames.test.ts');
  });

  test('a synth-time finding names the construct path and where the user made the policy or role it is about', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: { account: '111122223333', region: 'eu-west-1' } });
    const role = new LambdaExecutionRole(stack, 'Role', { functionName: 'orders' });
    role.addToPolicy(new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: ['*'] }));
    role.assumeRolePolicy!.addStatements(new iam.PolicyStatement({ actions: ['sts:AssumeRole'], principals: [new iam.AccountRootPrincipal()] }));
    expect(() => app.synth()).toThrow(/\[Stack\/Role\] policy RoleDefaultPolicy\w+, statement 1 allows iam:PassRole .*\[cdk-iam-role-patterns:PassRoleOnEveryResource\] \(policy created at [^)]*user-frames\.test\.ts:\d+:\d+\)/);
    expect(() => app.synth()).toThrow(/\[Stack\/Role\] LambdaExecutionRole promises .*\[cdk-iam-role-patterns:PatternInvariant\] \(role created at [^)]*user-frames\.test\.ts:\d+:\d+\)/);
  });
});
