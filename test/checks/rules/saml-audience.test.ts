import { SamlAudience } from '../../../src/checks/rules/saml-audience';
import { findingsOf, trustStatement } from '../fixtures';

const saml = (Condition?: unknown) => trustStatement({
  Principal: { Federated: 'arn:aws:iam::111122223333:saml-provider/Corp' },
  Action: 'sts:AssumeRoleWithSAML',
  ...(Condition ? { Condition } : {}),
});

describe('SamlAudience', () => {
  test('fires on a SAML trust without SAML:aud', () => {
    const findings = findingsOf(SamlAudience, { trust: [saml()] });
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toMatch(/no StringEquals condition on SAML:aud.*https:\/\/signin.aws.amazon.com\/saml/);
  });

  test('fires on a SAML provider defined in the same template', () => {
    const trust = [trustStatement({ Principal: { Federated: { Ref: 'Idp' } }, Action: 'sts:AssumeRoleWithSAML' })];
    const resources = { Idp: { Type: 'AWS::IAM::SAMLProvider', Properties: { SamlMetadataDocument: '<xml/>' } } };
    expect(findingsOf(SamlAudience, { trust, resources })).toHaveLength(1);
  });

  test('stays quiet with SAML:aud pinned', () => {
    expect(findingsOf(SamlAudience, { trust: [saml({ StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } })] })).toEqual([]);
  });
});
