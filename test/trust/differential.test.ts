import * as fc from 'fast-check';
import { evaluateTrust } from '../../src/trust/evaluate';
import { Caller } from '../../src/trust/request';
import { assumeRoleDecision } from '../support/iam-simulator';

/**
 * The project's trust evaluator against the policy simulator the tests already use (iam-simulate, a test-only
 * oracle): fast-check makes trust policies and requests from the forms trust policies take, and both must decide
 * the same. A difference where the simulator is wrong is a named exception below, with the AWS documentation
 * that decides it.
 */

const PRINCIPALS: unknown[] = [
  '*', { AWS: '*' }, { AWS: '444455556666' }, { AWS: 'arn:aws:iam::444455556666:root' }, { AWS: 'arn:aws:iam::444455556666:role/Uploader' },
  { AWS: 'arn:aws:iam::111122223333:user/alice' }, { AWS: ['arn:aws:iam::444455556666:role/Uploader', '111122223333'] },
  { Service: 'lambda.amazonaws.com' }, { Federated: 'cognito-identity.amazonaws.com' },
  { Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com' },
];

const CALLERS: Array<[string, Caller]> = [
  ['arn:aws:iam::444455556666:role/Uploader', { kind: 'aws', arn: 'arn:aws:iam::444455556666:role/Uploader' }],
  ['arn:aws:iam::444455556666:role/Other', { kind: 'aws', arn: 'arn:aws:iam::444455556666:role/Other' }],
  ['arn:aws:iam::111122223333:user/alice', { kind: 'aws', arn: 'arn:aws:iam::111122223333:user/alice' }],
  ['arn:aws:iam::777788889999:user/mallory', { kind: 'aws', arn: 'arn:aws:iam::777788889999:user/mallory' }],
  ['lambda.amazonaws.com', { kind: 'service', service: 'lambda.amazonaws.com' }],
  ['ec2.amazonaws.com', { kind: 'service', service: 'ec2.amazonaws.com' }],
  ['cognito-identity.amazonaws.com', { kind: 'federated', provider: 'cognito-identity.amazonaws.com' }],
  ['arn:aws:sts::444455556666:assumed-role/Uploader/s1', { kind: 'aws', arn: 'arn:aws:sts::444455556666:assumed-role/Uploader/s1' }],
];

const ACTIONS = ['sts:AssumeRole', 'sts:AssumeRoleWithWebIdentity', 'sts:TagSession', 'sts:SetSourceIdentity'];
const ACTION_PATTERNS: unknown[] = ['sts:AssumeRole', 'sts:*', '*', 'sts:Assume*', ['sts:AssumeRole', 'sts:TagSession'], 'sts:assumerole', 'sts:AssumeRole?ith*'];

/** Condition tests, each with request values that meet it and that do not. */
const TESTS: Array<{ operator: string; key: string; values: unknown }> = [
  { operator: 'StringEquals', key: 'sts:ExternalId', values: '8f14e45f-ceea' },
  { operator: 'StringNotEquals', key: 'sts:ExternalId', values: ['8f14e45f-ceea', 'x'] },
  { operator: 'StringLike', key: 'aws:PrincipalOrgID', values: 'o-abc*' },
  { operator: 'StringNotLike', key: 'aws:PrincipalTag/team', values: 'pay*' },
  { operator: 'StringEqualsIgnoreCase', key: 'aws:PrincipalTag/team', values: 'PAYMENTS' },
  { operator: 'StringEqualsIfExists', key: 'sts:ExternalId', values: '8f14e45f-ceea' },
  { operator: 'Bool', key: 'aws:MultiFactorAuthPresent', values: 'true' },
  { operator: 'BoolIfExists', key: 'aws:MultiFactorAuthPresent', values: 'false' },
  { operator: 'NumericLessThan', key: 'aws:MultiFactorAuthAge', values: '3600' },
  { operator: 'NumericGreaterThanEquals', key: 'aws:MultiFactorAuthAge', values: 600 },
  { operator: 'Null', key: 'sts:ExternalId', values: 'false' },
  { operator: 'Null', key: 'aws:PrincipalOrgID', values: 'true' },
  { operator: 'ArnLike', key: 'aws:PrincipalArn', values: 'arn:aws:iam::444455556666:role/Up*' },
  { operator: 'ArnNotEquals', key: 'aws:PrincipalArn', values: 'arn:aws:iam::444455556666:role/Uploader' },
  { operator: 'ForAnyValue:StringEquals', key: 'aws:TagKeys', values: ['project', 'team'] },
  { operator: 'ForAllValues:StringEquals', key: 'aws:TagKeys', values: ['project', 'team'] },
  { operator: 'ForAllValues:StringLike', key: 'aws:TagKeys', values: 'p*' },
  { operator: 'DateLessThan', key: 'aws:CurrentTime', values: '2027-01-01T00:00:00Z' },
  { operator: 'StringEquals', key: 'aws:PrincipalAccount', values: '444455556666' },
  { operator: 'StringLike', key: 'aws:userid', values: 'AROA*' },
];

const CONTEXT_VALUES: Record<string, string[][]> = {
  'sts:ExternalId': [['8f14e45f-ceea'], ['other']],
  'aws:PrincipalOrgID': [['o-abc123'], ['o-zzz']],
  'aws:PrincipalTag/team': [['payments'], ['PAYMENTS'], ['ops']],
  'aws:MultiFactorAuthPresent': [['true'], ['false']],
  'aws:MultiFactorAuthAge': [['300'], ['7200'], ['600']],
  'aws:TagKeys': [['project'], ['project', 'team'], ['project', 'cost']],
  'aws:CurrentTime': [['2026-12-24T03:00:00Z'], ['2027-06-01T00:00:00Z']],
  'aws:userid': [['AROAEXAMPLEID:session'], ['AIDAEXAMPLE']],
};

const statement = fc.record({
  Effect: fc.constantFrom('Allow', 'Allow', 'Deny'),
  principal: fc.constantFrom(...PRINCIPALS),
  notPrincipal: fc.boolean(),
  action: fc.constantFrom(...ACTION_PATTERNS),
  notAction: fc.boolean(),
  tests: fc.subarray(TESTS, { maxLength: 2 }),
});

const context = fc.record(Object.fromEntries(Object.entries(CONTEXT_VALUES)
  .map(([key, options]) => [key, fc.option(fc.constantFrom(...options), { nil: undefined })])));

function policyOf(statements: Array<Record<string, any>>): unknown {
  return {
    Version: '2012-10-17',
    Statement: statements.map((s) => {
      const conditions: Record<string, Record<string, unknown>> = {};
      for (const test of s.tests as typeof TESTS) conditions[test.operator] = { ...conditions[test.operator], [test.key]: test.values };
      return {
        Effect: s.Effect,
        // NotPrincipal is written only with Deny (IAM refuses it with Allow in a trust policy)
        ...(s.notPrincipal && s.Effect === 'Deny' && s.principal !== '*' ? { NotPrincipal: s.principal } : { Principal: s.principal }),
        ...(s.notAction ? { NotAction: s.action } : { Action: s.action }),
        ...(Object.keys(conditions).length > 0 ? { Condition: conditions } : {}),
      };
    }),
  };
}

describe('the trust evaluator agrees with the policy simulator', () => {
  test('on generated trust policies and requests', async () => {
    const statements3 = fc.array(statement, { minLength: 1, maxLength: 3 });
    await fc.assert(fc.asyncProperty(statements3, fc.constantFrom(...CALLERS), fc.constantFrom(...ACTIONS), context,
      async (statements, [principal, caller], action, values) => {
        const policy = policyOf(statements);
        const requestContext: Record<string, string[]> = {};
        for (const [key, value] of Object.entries(values)) if (value !== undefined) requestContext[key] = value as string[];
        if (caller.kind === 'aws') {
          requestContext['aws:PrincipalArn'] = [caller.arn.replace(/^arn:aws:sts::(\d+):assumed-role\/([^/]+)\/.*$/, 'arn:aws:iam::$1:role/$2')];
          requestContext['aws:PrincipalAccount'] = [caller.arn.split(':')[4]];
        }
        const ours = evaluateTrust(policy, { action, caller, context: requestContext });
        const simulated = await assumeRoleDecision(policy, {
          principal,
          action,
          context: Object.fromEntries(Object.entries(requestContext).map(([key, list]) => [key, list.length === 1 && key !== 'aws:TagKeys' ? list[0] : list])),
        });
        if (ours.outcome !== simulated) {
          throw new Error(`evaluator ${ours.outcome} (${ours.reason}), simulator ${simulated}: ${JSON.stringify({ policy, principal, action, requestContext })}`);
        }
      }), { numRuns: 2000 });
  });
});
