import { WildcardPrincipal } from '../../../src/checks/rules/wildcard-principal';
import { coreEngineDecision } from '../../support/iam-simulator';
import { findingsOf, trustStatement } from '../fixtures';

describe('WildcardPrincipal', () => {
  test.each([
    ['Principal "*"', '*'],
    ['{ AWS: "*" }', { AWS: '*' }],
  ])('fires on %s with no narrowing condition', (_name, principal) => {
    const findings = findingsOf(WildcardPrincipal, { trust: [trustStatement({ Principal: principal })] });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'cdk-iam-role-patterns:WildcardPrincipal', severity: 'error', resource: 'Role' });
    expect(findings[0].message).toMatch(/statement 1 trusts Principal "\*".*any AWS principal in any account.*aws:PrincipalOrgID/);
  });

  test('fires when the only condition cannot narrow (IfExists, or a value that is only a wildcard)', () => {
    const ifExists = trustStatement({ Principal: { AWS: '*' }, Condition: { StringEqualsIfExists: { 'aws:PrincipalOrgID': 'o-abcdefghij' } } });
    const anyArn = trustStatement({ Principal: { AWS: '*' }, Condition: { ArnLike: { 'aws:PrincipalArn': '*' } } });
    expect(findingsOf(WildcardPrincipal, { trust: [ifExists, anyArn] })).toHaveLength(2);
  });

  test.each([
    ['an organization id pattern', { StringLike: { 'aws:PrincipalOrgID': 'o-*' } }],
    ['a principal ARN in any account', { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:*' } }],
    ['an account pattern', { StringLike: { 'aws:PrincipalAccount': '*1' } }],
    ['aws:userid "AROA*" (every role of every account)', { StringLike: { 'aws:userid': 'AROA*' } }],
    ['aws:userid "*:*" (every role session)', { StringLike: { 'aws:userid': '*:*' } }],
    ['aws:userid "A*"', { StringLike: { 'aws:userid': 'A*' } }],
    ['aws:userid with a wildcard inside the unique id', { StringLike: { 'aws:userid': 'AROAEXAMPLE*:ci' } }],
  ])('fires when the condition is %s, which matches anyone of that kind', (_name, condition) => {
    expect(findingsOf(WildcardPrincipal, { trust: [trustStatement({ Principal: '*', Condition: condition })] })).toHaveLength(1);
  });

  const guardrail = (condition: unknown) => trustStatement({ Effect: 'Deny', Principal: { AWS: '*' }, Action: 'sts:*', Condition: condition });

  test('stays quiet when a Deny statement excludes everyone outside the organization (a guardrail)', () => {
    const allow = trustStatement({ Principal: '*' });
    expect(findingsOf(WildcardPrincipal, { trust: [allow, guardrail({ StringNotEquals: { 'aws:PrincipalOrgID': 'o-abcdefghij' } })] })).toEqual([]);
    expect(findingsOf(WildcardPrincipal, { trust: [allow, guardrail({ ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/ci-*' } })] })).toEqual([]);
  });

  test('fires when the Deny does not exclude outsiders: a pattern of any organization, a positive operator, or another action', () => {
    const allow = trustStatement({ Principal: '*' });
    expect(findingsOf(WildcardPrincipal, { trust: [allow, guardrail({ StringNotLike: { 'aws:PrincipalOrgID': 'o-*' } })] })).toHaveLength(1);
    expect(findingsOf(WildcardPrincipal, { trust: [allow, guardrail({ StringEquals: { 'aws:PrincipalOrgID': 'o-abcdefghij' } })] })).toHaveLength(1);
    const otherAction = trustStatement({ Effect: 'Deny', Principal: '*', Action: 'sts:TagSession', Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-abcdefghij' } } });
    expect(findingsOf(WildcardPrincipal, { trust: [allow, otherAction] })).toHaveLength(1);
  });

  test.each([
    ['one role\'s unique id, any session', 'AROAEXAMPLEEXAMPLE1234:*'],
    ['one user\'s unique id', 'AIDAEXAMPLEEXAMPLE1234'],
    ['an account\'s root user', '444455556666'],
  ])('stays quiet when aws:userid names %s', (_name, userid) => {
    const statement = trustStatement({ Principal: { AWS: '*' }, Condition: { StringLike: { 'aws:userid': userid } } });
    expect(findingsOf(WildcardPrincipal, { trust: [statement] })).toEqual([]);
  });

  test('stays quiet when an organization condition narrows the caller', () => {
    const statement = trustStatement({ Principal: { AWS: '*' }, Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abcdefghij' } } });
    expect(findingsOf(WildcardPrincipal, { trust: [statement] })).toEqual([]);
  });

  test('stays quiet on a Deny with "*" and on a named account', () => {
    const deny = trustStatement({ Effect: 'Deny', Principal: '*' });
    const account = trustStatement({ Principal: { AWS: 'arn:aws:iam::111122223333:root' } });
    expect(findingsOf(WildcardPrincipal, { trust: [deny, account] })).toEqual([]);
  });
});

describe('WildcardPrincipal on aws:userid, as an independent policy simulator evaluates it', () => {
  const trust = (userid: string) => ({ Version: '2012-10-17', Statement: [trustStatement({ Principal: { AWS: '*' }, Condition: { StringLike: { 'aws:userid': userid } } })] });
  const otherAccountsRole = {
    principal: 'arn:aws:sts::999988887777:assumed-role/Anyone/session',
    context: { 'aws:userid': 'AROAOTHERACCOUNTROLE99:session' },
  };

  test('"AROA*" lets a role of any account in (the rule fires)', () => {
    expect(coreEngineDecision(trust('AROA*'), otherAccountsRole, true)).toBe('Allowed');
    expect(findingsOf(WildcardPrincipal, { trust: trust('AROA*').Statement })).toHaveLength(1);
  });

  test('one role\'s unique id lets that role in and no other (the rule stays quiet)', () => {
    const pinned = trust('AROAEXAMPLEEXAMPLE1234:*');
    expect(coreEngineDecision(pinned, otherAccountsRole, true)).not.toBe('Allowed');
    expect(coreEngineDecision(pinned, { ...otherAccountsRole, context: { 'aws:userid': 'AROAEXAMPLEEXAMPLE1234:ci' } }, true)).toBe('Allowed');
    expect(findingsOf(WildcardPrincipal, { trust: pinned.Statement })).toEqual([]);
  });
});
