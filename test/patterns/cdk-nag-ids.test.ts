import { App, ArnFormat, Aws, Fn, Stack, aws_logs as logs } from 'aws-cdk-lib';
import { cdkNagWildcardResourceId, flattenReference } from '../../src/patterns/cdk-nag-ids';

/** What the id is by definition: the resolved resource, flattened the way cdk-nag flattens it. */
const byResolving = (stack: Stack, resource: string) => `AwsSolutions-IAM5[Resource::${flattenReference(stack.resolve(resource))}]`;

describe('cdkNagWildcardResourceId', () => {
  const app = new App();
  const agnostic = new Stack(app, 'Agnostic');
  const pinned = new Stack(app, 'Pinned', { env: { account: '111122223333', region: 'eu-west-1' } });
  const logGroupArn = (stack: Stack) => stack.formatArn({ service: 'logs', resource: 'log-group', resourceName: '/aws/lambda/orders:*', arnFormat: ArnFormat.COLON_RESOURCE_NAME });

  test('names pseudo parameters as cdk-nag does, without resolving; other tokens are resolved by the stack', () => {
    const resolve = jest.spyOn(agnostic, 'resolve');
    expect(cdkNagWildcardResourceId(agnostic, logGroupArn(agnostic)))
      .toBe('AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:/aws/lambda/orders:*]');
    expect(resolve).not.toHaveBeenCalled();
    expect(cdkNagWildcardResourceId(agnostic, `${Fn.importValue('Shared')}:*`)).toBe('AwsSolutions-IAM5[Resource::Shared:*]');
    expect(resolve).toHaveBeenCalledTimes(1);
    resolve.mockRestore();
  });

  test.each([
    ['an ARN of an environment-agnostic stack', (stack: Stack) => logGroupArn(stack), agnostic],
    ['an ARN of a stack with an account and region', (stack: Stack) => logGroupArn(stack), pinned],
    ['a literal', () => '*', agnostic],
    ['a literal with a policy variable', () => 'arn:aws:s3:::bucket/${aws:username}/*', agnostic],
    ['a URL suffix', () => `https://s3.${Aws.URL_SUFFIX}/x/*`, agnostic],
    ['a log group\'s ARN (a reference, resolved by the stack)', (stack: Stack) => new logs.LogGroup(stack, `Group${stack.node.children.length}`).logGroupArn, agnostic],
    ['an imported value (resolved by the stack)', () => `${Fn.importValue('Shared')}:*`, agnostic],
  ])('gives the id of the resolved resource for %s', (_name, resource, stack) => {
    const value = resource(stack);
    expect(cdkNagWildcardResourceId(stack, value)).toBe(byResolving(stack, value));
  });
});
