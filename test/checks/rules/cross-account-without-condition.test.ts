import { CrossAccountWithoutCondition } from '../../../src/checks/rules/cross-account-without-condition';
import { findingsOf, trustStatement } from '../fixtures';

const thisAccountRoot = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':root']] };

describe('CrossAccountWithoutCondition', () => {
  test.each([
    ['an account root ARN', 'arn:aws:iam::444455556666:root'],
    ['a bare account id', '444455556666'],
  ])('warns on %s with no condition', (_name, principal) => {
    const findings = findingsOf(CrossAccountWithoutCondition, { trust: [trustStatement({ Principal: { AWS: principal } })] });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'warning' });
    expect(findings[0].message).toMatch(/trusts all of account 444455556666 with no condition.*sts:ExternalId/);
  });

  test.each([
    ['ExternalId', { StringEquals: { 'sts:ExternalId': 'vendor-id-1234' } }],
    ['PrincipalArn', { ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::444455556666:role/Deployer' } }],
    ['PrincipalOrgID', { StringEquals: { 'aws:PrincipalOrgID': 'o-abcdefghij' } }],
    ['MFA', { Bool: { 'aws:MultiFactorAuthPresent': 'true' } }],
  ])('stays quiet when %s narrows the account', (_name, Condition) => {
    const statement = trustStatement({ Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Condition });
    expect(findingsOf(CrossAccountWithoutCondition, { trust: [statement] })).toEqual([]);
  });

  test('stays quiet on this account, on the known deploying account, and on a specific role', () => {
    const trust = [
      trustStatement({ Principal: { AWS: thisAccountRoot } }),
      trustStatement({ Principal: { AWS: 'arn:aws:iam::111122223333:root' } }),
      trustStatement({ Principal: { AWS: 'arn:aws:iam::444455556666:role/Deployer' } }),
    ];
    expect(findingsOf(CrossAccountWithoutCondition, { trust }, { deployingAccount: '111122223333' })).toEqual([]);
  });

  test('warns when the ExternalId is a pattern: the caller chooses what it sends', () => {
    const statement = trustStatement({ Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Condition: { StringLike: { 'sts:ExternalId': '*-*' } } });
    expect(findingsOf(CrossAccountWithoutCondition, { trust: [statement] })).toHaveLength(1);
  });
});
