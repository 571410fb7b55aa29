import { App, Stack, aws_s3 as s3 } from 'aws-cdk-lib';
import { BreakGlassRole, WebIdentityProvider, WebIdentityRole } from '../src';

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
});
