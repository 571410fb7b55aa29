import { FederatedActionMismatch } from '../../../src/checks/rules/federated-action-mismatch';
import { findingsOf, GITHUB_PROVIDER, trustStatement } from '../fixtures';

const SAML_PROVIDER = 'arn:aws:iam::111122223333:saml-provider/Corp';
const audience = { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } };

describe('FederatedActionMismatch', () => {
  test('fires on a SAML provider trusted with sts:AssumeRole', () => {
    const trust = [trustStatement({ Principal: { Federated: SAML_PROVIDER }, Condition: audience })];
    const findings = findingsOf(FederatedActionMismatch, { trust });
    expect(findings.map((finding) => finding.message)).toEqual([expect.stringMatching(/trusts a SAML provider but does not allow sts:AssumeRoleWithSAML/)]);
  });

  test('fires on an OIDC provider trusted with sts:AssumeRoleWithSAML', () => {
    const findings = findingsOf(FederatedActionMismatch, {
      trust: [trustStatement({ Principal: { Federated: GITHUB_PROVIDER }, Action: 'sts:AssumeRoleWithSAML' })],
    });
    expect(findings[0].message).toMatch(/web identity provider but does not allow sts:AssumeRoleWithWebIdentity/);
  });

  test('fires on a service principal allowed sts:AssumeRoleWithWebIdentity', () => {
    const findings = findingsOf(FederatedActionMismatch, {
      trust: [trustStatement({ Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRoleWithWebIdentity' })],
    });
    expect(findings[0].message).toMatch(/AWS or service principals, which can only use sts:AssumeRole/);
  });

  test('fires on federated and AWS principals mixed in one statement', () => {
    const findings = findingsOf(FederatedActionMismatch, {
      trust: [trustStatement({ Principal: { Federated: SAML_PROVIDER, AWS: 'arn:aws:iam::111122223333:root' }, Action: ['sts:AssumeRoleWithSAML', 'sts:AssumeRole'] })],
    });
    expect(findings[0].message).toMatch(/mixes federated principals with AWS or service principals/);
  });

  test('stays quiet on each principal with its own action (session tags allowed)', () => {
    const trust = [
      trustStatement({ Principal: { Federated: SAML_PROVIDER }, Action: ['sts:AssumeRoleWithSAML', 'sts:TagSession'], Condition: audience }),
      trustStatement({ Principal: { Federated: 'cognito-identity.amazonaws.com' }, Action: 'sts:AssumeRoleWithWebIdentity' }),
      trustStatement({ Principal: { Service: 'lambda.amazonaws.com' } }),
    ];
    expect(findingsOf(FederatedActionMismatch, { trust })).toEqual([]);
  });
});
