import { Duration, aws_iam as iam } from 'aws-cdk-lib';
import * as fc from 'fast-check';
import { BreakGlassRole, BreakGlassRoleProps } from '../../src';
import { builtCleanOrNamedTheProp } from '../support/random-props';

const PROP_NAMES = /has invalid props:\n {2}- (trustedPrincipalArns|managedPolicies, inlinePolicies|maxSessionDuration|mfaMaxAge|alertEmails|alertingDisabledReason|expiresAt|roleName|path)\b/;
const arn = fc.oneof(
  fc.stringMatching(/^[a-z]{1,8}$/).map((name) => `arn:aws:iam::111122223333:user/${name}`),
  fc.constantFrom('arn:aws:iam::111122223333:user/servicedesk/*', 'arn:aws:iam::111122223333:group/ops', '*', 'arn:aws:iam::444455556666:role/x'),
  fc.string({ maxLength: 12 }),
);
const props: fc.Arbitrary<BreakGlassRoleProps> = fc.record({
  trustedPrincipalArns: fc.array(arn, { maxLength: 3 }),
  maxSessionDuration: fc.option(fc.integer({ min: 60, max: 360 }).map((minutes) => Duration.minutes(minutes)), { nil: undefined }),
  mfaMaxAge: fc.option(fc.integer({ min: 1, max: 900 }).map((minutes) => Duration.minutes(minutes)), { nil: undefined }),
  requireSourceIdentity: fc.option(fc.boolean(), { nil: undefined }),
  alertEmails: fc.option(fc.array(fc.oneof(fc.emailAddress(), fc.string({ maxLength: 8 })), { maxLength: 2 }), { nil: undefined }),
  withPermissions: fc.boolean(),
}).map(({ withPermissions, ...rest }) => ({
  ...rest,
  inlinePolicies: withPermissions
    ? { Ec2: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['ec2:StopInstances'], resources: ['arn:aws:ec2:*:111122223333:instance/*'] })] }) }
    : undefined,
}));

describe('BreakGlassRole with random props', () => {
  test('either synthesizes a role with MFA that breaks no rule, or throws an error that names the prop', () => {
    fc.assert(fc.property(props, (input) => {
      const template = builtCleanOrNamedTheProp((stack) => new BreakGlassRole(stack, 'BreakGlass', input), PROP_NAMES, { stackProps: { env: { account: '111122223333', region: 'eu-west-1' } } });
      if (!template) return;
      const role = Object.values<any>(template.Resources).find((resource) => resource.Type === 'AWS::IAM::Role');
      expect(role.Properties.AssumeRolePolicyDocument.Statement[0].Condition.Bool).toEqual({ 'aws:MultiFactorAuthPresent': 'true' });
    }), { numRuns: 150 });
  });
});
