import { generatedRequests } from '../../src/trust/callers';
import { evaluateTrust } from '../../src/trust/evaluate';
import { trustDocument } from '../../src/trust/statements';

/** The callers a trust is about: the intended one gets in, its near misses do not. */
describe('generatedRequests', () => {
  const vendor = {
    Statement: [{
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::444455556666:root' },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'sts:ExternalId': 'a1b2c3d4e5f6' }, ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::444455556666:role/Up*' } },
    }],
  };

  test('the principal pinned by aws:PrincipalArn with the ExternalId gets in; another account, another role, no or another ExternalId do not', () => {
    const decisions = generatedRequests(trustDocument(vendor))
      .map(({ request, description }) => [description, evaluateTrust(vendor, request).allowed]);
    expect(decisions).toEqual(expect.arrayContaining([
      ['arn:aws:iam::444455556666:role/Upx sts:AssumeRole with sts:ExternalId = a1b2c3d4e5f6', true],
      ['arn:aws:iam::999988887777:role/Upx sts:AssumeRole with sts:ExternalId = a1b2c3d4e5f6', false],
      ['arn:aws:iam::444455556666:role/NearMiss sts:AssumeRole with sts:ExternalId = a1b2c3d4e5f6', false],
      ['arn:aws:iam::444455556666:role/Upx sts:AssumeRole', false],
      ['arn:aws:iam::444455556666:role/Upx sts:AssumeRole with sts:ExternalId = near-miss', false],
      ['arn:aws:iam::444455556666:role/Upx sts:TagSession with sts:ExternalId = a1b2c3d4e5f6', false],
    ]));
  });

  test('federated principals get the federated actions; a service its name; a Deny and a NotPrincipal name no caller', () => {
    const document = {
      Statement: [
        { Effect: 'Allow', Principal: { Federated: 'cognito-identity.amazonaws.com' }, Action: 'sts:AssumeRoleWithWebIdentity' },
        { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
        { Effect: 'Deny', Principal: { AWS: '777788889999' }, Action: 'sts:AssumeRole' },
      ],
    };
    expect(generatedRequests(trustDocument(document)).map((entry) => entry.description)).toEqual([
      'cognito-identity.amazonaws.com sts:AssumeRoleWithWebIdentity', 'cognito-identity.amazonaws.com sts:TagSession',
      'lambda.amazonaws.com sts:AssumeRole', 'lambda.amazonaws.com sts:TagSession', 'lambda.amazonaws.com sts:SetSourceIdentity', 'lambda.amazonaws.com sts:SetContext',
    ]);
  });
});
