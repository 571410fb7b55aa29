import { isOtherAccount, issuerFromUrl, parseAwsPrincipal, parseFederatedPrincipal, sharedIssuerKind } from '../../src/checks/principals';

describe('parseAwsPrincipal', () => {
  test.each([
    ['*', 'any', undefined],
    ['111122223333', 'account', '111122223333'],
    ['arn:aws:iam::111122223333:root', 'account', '111122223333'],
    ['arn:{{cfn:AWS::Partition}}:iam::{{cfn:AWS::AccountId}}:root', 'account', '{{cfn:AWS::AccountId}}'],
    ['arn:aws-us-gov:iam::111122223333:role/path/Deployer', 'role', '111122223333'],
    ['arn:aws:iam::111122223333:user/alice', 'user', '111122223333'],
    ['arn:aws:sts::111122223333:assumed-role/Deployer/session', 'session', '111122223333'],
    ['{{cfn:GetAtt:Other.Arn}}', 'unknown', undefined],
  ])('reads %s', (value, kind, account) => {
    expect(parseAwsPrincipal(value)).toEqual({ kind, account, value });
  });

  test('tells another account from this one', () => {
    expect(isOtherAccount('444455556666')).toBe(true);
    expect(isOtherAccount('444455556666', '444455556666')).toBe(false);
    expect(isOtherAccount('{{cfn:AWS::AccountId}}')).toBe(false);
    expect(isOtherAccount('{{cfn:Ref:Partner}}')).toBe(false);
  });
});

describe('parseFederatedPrincipal', () => {
  test('reads SAML and OIDC provider ARNs and the named web identity providers', () => {
    expect(parseFederatedPrincipal('arn:aws:iam::111122223333:saml-provider/Corp')).toMatchObject({ kind: 'saml' });
    expect(parseFederatedPrincipal('arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC'))
      .toMatchObject({ kind: 'oidc', issuer: 'oidc.eks.us-east-1.amazonaws.com/id/ABC' });
    expect(parseFederatedPrincipal('graph.facebook.com')).toMatchObject({ kind: 'web-identity', issuer: 'graph.facebook.com' });
    expect(parseFederatedPrincipal('{{cfn:Ref:P}}')).toMatchObject({ kind: 'unknown' });
  });

  test('names the shared issuers', () => {
    expect(sharedIssuerKind('token.actions.githubusercontent.com')).toBe('github');
    expect(sharedIssuerKind('gitlab.com')).toBe('gitlab');
    expect(sharedIssuerKind('oidc.eks.eu-west-1.amazonaws.com/id/ABC')).toBe('eks');
    expect(sharedIssuerKind('auth.example.com')).toBe('other');
    expect(issuerFromUrl('https://token.actions.githubusercontent.com/')).toBe('token.actions.githubusercontent.com');
  });
});
