import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { CrossAccountRole, CrossAccountRoleProps } from '../../src';
import { ACCOUNT, assumeRoleDecision } from '../support/iam-simulator';

const PARTNER = '444455556666';
const UUID = '8f14e45f-ceea-467f-a0e6-e1d2c3b4a596';
const uploader = `arn:aws:iam::${PARTNER}:role/LabUploader`;

function trustPolicyOf(props: CrossAccountRoleProps): unknown {
  const stack = new Stack(new App(), 'Stack', { env: { account: ACCOUNT, region: 'eu-west-1' } });
  new CrossAccountRole(stack, 'Role', props);
  return Object.values(Template.fromStack(stack).findResources('AWS::IAM::Role'))[0].Properties.AssumeRolePolicyDocument;
}

describe('CrossAccountRole trust policies, evaluated by the iam-simulate policy simulator', () => {
  test('accounts: a role in a trusted account is allowed; another account is not', async () => {
    const trust = trustPolicyOf({ trustedAccounts: [PARTNER] });
    expect(await assumeRoleDecision(trust, { principal: uploader })).toBe('Allowed');
    expect(await assumeRoleDecision(trust, { principal: 'arn:aws:iam::999988887777:role/LabUploader' })).toBe('ImplicitlyDenied');
  });

  test('vendor: the right ExternalId is allowed; a missing or wrong one is not', async () => {
    const trust = trustPolicyOf({ trustedAccounts: [PARTNER], thirdParty: true, externalId: UUID });
    expect(await assumeRoleDecision(trust, { principal: uploader, context: { 'sts:ExternalId': UUID } })).toBe('Allowed');
    expect(await assumeRoleDecision(trust, { principal: uploader })).toBe('ImplicitlyDenied');
    expect(await assumeRoleDecision(trust, { principal: uploader, context: { 'sts:ExternalId': 'another-customers-id-0000' } })).toBe('ImplicitlyDenied');
  });

  test('principal ARNs: the named role is allowed; another role of the same account is not', async () => {
    const trust = trustPolicyOf({ trustedPrincipalArns: [uploader] });
    expect(await assumeRoleDecision(trust, { principal: uploader, context: { 'aws:PrincipalArn': uploader } })).toBe('Allowed');
    const other = `arn:aws:iam::${PARTNER}:role/Intern`;
    expect(await assumeRoleDecision(trust, { principal: other, context: { 'aws:PrincipalArn': other } })).toBe('ImplicitlyDenied');
  });

  test('organization: a principal of the organization is allowed; one of another organization is not', async () => {
    const trust = trustPolicyOf({ organizationId: 'o-a1b2c3d4e5' });
    expect(await assumeRoleDecision(trust, { principal: uploader, context: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } })).toBe('Allowed');
    expect(await assumeRoleDecision(trust, { principal: uploader, context: { 'aws:PrincipalOrgID': 'o-zzzzzzzzzz' } })).toBe('ImplicitlyDenied');
    expect(await assumeRoleDecision(trust, { principal: uploader })).toBe('ImplicitlyDenied');
  });

  test('MFA: with MFA allowed, without not', async () => {
    const trust = trustPolicyOf({ trustedAccounts: [PARTNER], requireMfa: true });
    expect(await assumeRoleDecision(trust, { principal: uploader, context: { 'aws:MultiFactorAuthPresent': 'true' } })).toBe('Allowed');
    expect(await assumeRoleDecision(trust, { principal: uploader, context: { 'aws:MultiFactorAuthPresent': 'false' } })).toBe('ImplicitlyDenied');
    expect(await assumeRoleDecision(trust, { principal: uploader })).toBe('ImplicitlyDenied');
  });
});
