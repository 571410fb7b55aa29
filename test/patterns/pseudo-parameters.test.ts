import { App, Aws, Fn, Lazy, Stack, Tokenization, aws_logs as logs } from 'aws-cdk-lib';
import * as fc from 'fast-check';
import { CrossAccountRole } from '../../src';
import { policySize } from '../../src/checks/policy-size';
import { hasOnlyPseudoParameterTokens, pseudoParameterName } from '../../src/patterns/pseudo-parameters';

const tokensOf = (text: string) => Tokenization.reverseString(text).tokens;

describe('pseudo parameters read without resolving', () => {
  const stack = new Stack(new App(), 'Stack');

  test('names the pseudo parameter of a token, and nothing for other tokens', () => {
    expect(tokensOf(`arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:root`).map(pseudoParameterName)).toEqual(['AWS::Partition', 'AWS::AccountId']);
    expect(tokensOf(new logs.LogGroup(stack, 'Group').logGroupArn).map(pseudoParameterName)).toEqual([undefined]);
    expect(tokensOf(Fn.importValue('Shared')).map(pseudoParameterName)).toEqual([undefined]);
  });

  test('tells a document whose only tokens are pseudo parameters from one with any other token', () => {
    expect(hasOnlyPseudoParameterTokens({ a: [`arn:${Aws.PARTITION}:s3:::b`, { c: Aws.URL_SUFFIX }], d: 1, e: null })).toBe(true);
    expect(hasOnlyPseudoParameterTokens({ a: [`${Fn.importValue('Shared')}:*`] })).toBe(false);
    expect(hasOnlyPseudoParameterTokens({ a: { b: Lazy.string({ produce: () => 'x' }) } })).toBe(false);
    expect(hasOnlyPseudoParameterTokens({ a: Lazy.any({ produce: () => 'x' }) })).toBe(false);
  });

  test('a trust policy whose only tokens are pseudo parameters is no smaller before resolving than after', () => {
    const accounts = fc.uniqueArray(fc.stringMatching(/^\d{12}$/), { minLength: 1, maxLength: 80 });
    fc.assert(fc.property(accounts, fc.option(fc.uuid(), { nil: undefined }), fc.boolean(), (trustedAccounts, externalId, requireMfa) => {
      const scope = new Stack(new App(), 'Stack');
      const role = new CrossAccountRole(scope, 'Role', { trustedAccounts, externalId, requireMfa, outputs: false, checkLimits: { trustPolicyMaxChars: 100000 } });
      const document = role.assumeRolePolicy!.toJSON();
      expect(hasOnlyPseudoParameterTokens(document)).toBe(true);
      expect(policySize(document)).toBeGreaterThanOrEqual(policySize(scope.resolve(document)));
    }), { numRuns: 50 });
  });
});
