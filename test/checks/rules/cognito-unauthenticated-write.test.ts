import { CognitoUnauthenticatedWrite } from '../../../src/checks/rules/cognito-unauthenticated-write';
import { findingsOf, trustStatement } from '../fixtures';

const cognito = (amr?: string) => trustStatement({
  Principal: { Federated: 'cognito-identity.amazonaws.com' },
  Action: 'sts:AssumeRoleWithWebIdentity',
  Condition: {
    StringEquals: { 'cognito-identity.amazonaws.com:aud': 'us-east-1:11111111-2222-3333-4444-555555555555' },
    ...(amr ? { 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': amr } } : {}),
  },
});
const write = [{ Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:PutItem'], Resource: 'arn:aws:dynamodb:us-east-1:111122223333:table/Rides' }];
const read = [{ Effect: 'Allow', Action: ['dynamodb:GetItem', 's3:List*'], Resource: 'arn:aws:dynamodb:us-east-1:111122223333:table/Rides' }];

describe('CognitoUnauthenticatedWrite', () => {
  test('warns when guests may write', () => {
    const findings = findingsOf(CognitoUnauthenticatedWrite, { trust: [cognito('unauthenticated')], permissions: write });
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toMatch(/unauthenticated Cognito identities.*dynamodb:PutItem.*read-only role/);
  });

  test('warns when no amr condition keeps guests out', () => {
    expect(findingsOf(CognitoUnauthenticatedWrite, { trust: [cognito()], permissions: write })).toHaveLength(1);
  });

  test('stays quiet for authenticated identities, and for guests who only read', () => {
    expect(findingsOf(CognitoUnauthenticatedWrite, { trust: [cognito('authenticated')], permissions: write })).toEqual([]);
    expect(findingsOf(CognitoUnauthenticatedWrite, { trust: [cognito('unauthenticated')], permissions: read })).toEqual([]);
  });

  test('reads the access level from the catalogue, not the verb: PartiQLSelect reads, ConfirmSubscription writes', () => {
    const statements = (action: string) => [{ Effect: 'Allow', Action: action, Resource: '*' }];
    expect(findingsOf(CognitoUnauthenticatedWrite, { trust: [cognito('unauthenticated')], permissions: statements('dynamodb:PartiQLSelect') })).toEqual([]);
    expect(findingsOf(CognitoUnauthenticatedWrite, { trust: [cognito('unauthenticated')], permissions: statements('sns:ConfirmSubscription') })).toHaveLength(1);
  });
});
