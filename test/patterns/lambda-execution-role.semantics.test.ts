import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { LambdaExecutionRole } from '../../src';
import { ACCOUNT, assumeRoleDecision } from '../support/iam-simulator';

function trustPolicyOf(props: ConstructorParameters<typeof LambdaExecutionRole>[2] = {}): unknown {
  const stack = new Stack(new App(), 'Stack', { env: { account: ACCOUNT, region: 'us-east-1' } });
  new LambdaExecutionRole(stack, 'Role', { functionName: 'orders', ...props });
  const roles = Template.fromStack(stack).findResources('AWS::IAM::Role');
  return Object.values(roles)[0].Properties.AssumeRolePolicyDocument;
}

describe('LambdaExecutionRole trust policy, evaluated by the iam-simulate policy simulator', () => {
  const trust = trustPolicyOf();

  test('Lambda may assume the role', async () => {
    expect(await assumeRoleDecision(trust, { principal: 'lambda.amazonaws.com' })).toBe('Allowed');
  });

  test.each([
    ['another service', 'ec2.amazonaws.com'],
    ['Lambda@Edge, when edge is off', 'edgelambda.amazonaws.com'],
    ['a role in the same account', `arn:aws:iam::${ACCOUNT}:role/Developer`],
    ['a role in another account', 'arn:aws:iam::444455556666:role/Attacker'],
    ['anyone (*)', 'anonymous'],
  ])('%s may not', async (_name, principal) => {
    expect(await assumeRoleDecision(trust, { principal })).toBe('ImplicitlyDenied');
  });

  test('the simulator is not vacuous: a trust in "*" lets another account in', async () => {
    const open = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }] };
    expect(await assumeRoleDecision(open, { principal: 'arn:aws:iam::444455556666:role/Attacker' })).toBe('Allowed');
  });

  test('Lambda may not use the role through web identity or SAML', async () => {
    expect(await assumeRoleDecision(trust, { principal: 'lambda.amazonaws.com', action: 'sts:AssumeRoleWithWebIdentity' })).toBe('ImplicitlyDenied');
  });

  test('with edge, Lambda@Edge may assume it too', async () => {
    expect(await assumeRoleDecision(trustPolicyOf({ edge: true }), { principal: 'edgelambda.amazonaws.com' })).toBe('Allowed');
  });

  test('with requireSourceAccount, only a request from this account is allowed', async () => {
    const narrowed = trustPolicyOf({ requireSourceAccount: true });
    expect(await assumeRoleDecision(narrowed, { principal: 'lambda.amazonaws.com', context: { 'aws:SourceAccount': ACCOUNT } })).toBe('Allowed');
    expect(await assumeRoleDecision(narrowed, { principal: 'lambda.amazonaws.com', context: { 'aws:SourceAccount': '444455556666' } })).toBe('ImplicitlyDenied');
  });
});
