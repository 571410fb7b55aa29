import * as fc from 'fast-check';
import { CrossAccountRole, CrossAccountRoleProps } from '../../src';
import { builtCleanOrNamedTheProp } from '../support/random-props';

const PROP_NAMES = /has invalid props:\n {2}- (trustedAccounts|trustedPrincipalArns|organizationId|organizationPaths|externalId|trustedAccounts, trustedPrincipalArns, organizationId|roleName|path|maxSessionDuration|description)\b/;

const account = fc.oneof(fc.stringMatching(/^\d{12}$/), fc.constantFrom('*', '1234', 'abcdefghijkl', '111122223333'), fc.string({ maxLength: 14 }));
const externalId = fc.oneof(fc.uuid(), fc.stringMatching(/^[\w+=,.@:/-]{2,40}$/), fc.string({ maxLength: 30 }));
const props: fc.Arbitrary<CrossAccountRoleProps> = fc.record({
  trustedAccounts: fc.option(fc.array(account, { maxLength: 70 }), { nil: undefined }),
  trustedPrincipalArns: fc.option(fc.array(fc.oneof(
    account.map((id) => `arn:aws:iam::${id}:role/Uploader`),
    fc.string({ maxLength: 20 }),
  ), { maxLength: 3 }), { nil: undefined }),
  organizationId: fc.option(fc.oneof(fc.stringMatching(/^o-[a-z0-9]{10,32}$/), fc.string({ maxLength: 12 })), { nil: undefined }),
  externalId: fc.option(externalId, { nil: undefined }),
  thirdParty: fc.option(fc.boolean(), { nil: undefined }),
  requireMfa: fc.option(fc.boolean(), { nil: undefined }),
}, { requiredKeys: [] });

describe('CrossAccountRole with random accounts, ARNs and external ids', () => {
  test('either synthesizes a role that breaks no rule, or throws an error that names the prop', () => {
    fc.assert(fc.property(props, (input) => {
      builtCleanOrNamedTheProp((stack) => new CrossAccountRole(stack, 'Role', input), PROP_NAMES, { stackProps: { env: { account: '111122223333', region: 'eu-west-1' } } });
    }), { numRuns: 200 });
  });
});
