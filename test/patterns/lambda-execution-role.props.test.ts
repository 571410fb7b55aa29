import { Duration } from 'aws-cdk-lib';
import * as fc from 'fast-check';
import { LambdaExecutionRole, LambdaExecutionRoleProps } from '../../src';
import { builtCleanOrNamedTheProp } from '../support/random-props';

const PROP_NAMES = /has invalid props:\n  - (roleName|path|functionName|maxSessionDuration|description|checkLimits\.\w+|functionName and logGroup|inlinePolicies\.\w+):/;

const nameLike = fc.oneof(
  fc.stringMatching(/^[\w+=,.@-]{1,64}$/),
  fc.string({ maxLength: 80 }),
);
const pathLike = fc.oneof(fc.constantFrom('/', '/service-roles/', '/a/b/c/'), fc.string({ maxLength: 20 }));
/** Limits that are invalid (0 or less, an error naming the prop) or realistic quotas. */
const limit = fc.oneof(fc.integer({ min: -5, max: 0 }), fc.integer({ min: 1024, max: 8192 }));
const props: fc.Arbitrary<LambdaExecutionRoleProps> = fc.record({
  roleName: fc.option(nameLike, { nil: undefined }),
  path: fc.option(pathLike, { nil: undefined }),
  functionName: fc.option(fc.oneof(fc.stringMatching(/^[a-zA-Z0-9_-]{1,64}$/), fc.string({ maxLength: 70 })), { nil: undefined }),
  description: fc.option(fc.string({ maxLength: 1100 }), { nil: undefined }),
  maxSessionDuration: fc.option(fc.integer({ min: 0, max: 60 * 15 }).map((minutes) => Duration.minutes(minutes)), { nil: undefined }),
  edge: fc.option(fc.boolean(), { nil: undefined }),
  vpcAccess: fc.option(fc.boolean(), { nil: undefined }),
  tracing: fc.option(fc.boolean(), { nil: undefined }),
  requireSourceAccount: fc.option(fc.boolean(), { nil: undefined }),
  checkLimits: fc.option(fc.record({ trustPolicyMaxChars: fc.option(limit, { nil: undefined }) }), { nil: undefined }),
}, { requiredKeys: [] });

describe('LambdaExecutionRole with random props', () => {
  test('either synthesizes a role that breaks no rule, or throws an error that names the prop', () => {
    fc.assert(fc.property(props, (input) => {
      const limits = input.checkLimits?.trustPolicyMaxChars ? { trustPolicyMaxChars: input.checkLimits.trustPolicyMaxChars } : {};
      builtCleanOrNamedTheProp((stack) => new LambdaExecutionRole(stack, 'Role', input), PROP_NAMES, { limits });
    }), { numRuns: 150 });
  });
});
