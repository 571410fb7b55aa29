import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { App, Duration, Stack, aws_iam as iam } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { RolesAnywhereRole, RolesAnywhereRoleProps, RolesAnywhereTrustAnchor } from '../../src';
import { checkTemplate } from '../../src/checks/engine';
import { ACCOUNT, assumeRoleDecision } from '../support/iam-simulator';
import { synthWithValidators } from '../support/validators';

const CA_ARN = `arn:aws:acm-pca:eu-west-1:${ACCOUNT}:certificate-authority/0a1b2c3d-4e5f-6789-abcd-ef0123456789`;
const ANCHOR_ARN = `arn:aws:rolesanywhere:eu-west-1:${ACCOUNT}:trust-anchor/9f8e7d6c-5b4a-3210-fedc-ba9876543210`;
const PEM = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUExampleOnlyNotARealCertificate0wCgYIKoZIzj0EAwIw\n-----END CERTIFICATE-----\n';
const backups = () => ({
  Backups: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: ['arn:aws:s3:::ride-co-backups/onprem/*'] })] }),
});
const base = (): RolesAnywhereRoleProps => ({
  trustAnchor: RolesAnywhereTrustAnchor.fromAcmPrivateCa(CA_ARN),
  subject: { commonName: 'backup-agent.onprem.example' },
  inlinePolicies: backups(),
});

function build(props: Partial<RolesAnywhereRoleProps> = {}): { stack: Stack; role: RolesAnywhereRole } {
  const stack = new Stack(new App(), 'OnPrem', { env: { account: ACCOUNT, region: 'eu-west-1' } });
  const role = new RolesAnywhereRole(stack, 'BackupAgent', { ...base(), ...props });
  return { stack, role };
}
const roleOf = (stack: Stack) => Object.values(Template.fromStack(stack).findResources('AWS::IAM::Role'))[0].Properties;

describe('RolesAnywhereRole', () => {
  test('matches the snapshot: the role, the trust anchor from the Private CA, and the profile', () => {
    expect(Template.fromStack(build().stack).toJSON()).toMatchSnapshot();
  });

  test('trusts rolesanywhere.amazonaws.com for this trust anchor and this certificate subject only', () => {
    expect(roleOf(build({ subject: { commonName: 'backup-agent.onprem.example', organizationalUnit: 'Backup', organization: 'Ride Co' } }).stack)
      .AssumeRolePolicyDocument.Statement).toEqual([{
      Effect: 'Allow',
      Principal: { Service: 'rolesanywhere.amazonaws.com' },
      Action: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'],
      Condition: {
        ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': ['BackupAgentTrustAnchor', 'TrustAnchorArn'] } },
        StringEquals: {
          'aws:PrincipalTag/x509Subject/CN': 'backup-agent.onprem.example',
          'aws:PrincipalTag/x509Subject/OU': 'Backup',
          'aws:PrincipalTag/x509Subject/O': 'Ride Co',
        },
      },
    }]);
  });

  test('pins the issuing CA by its common name when given (aws:PrincipalTag/x509Issuer/CN), beside the subject', () => {
    const subject = { commonName: 'backup-agent.onprem.example', issuerCommonName: 'Ride Co Issuing CA 2' };
    expect(roleOf(build({ subject }).stack).AssumeRolePolicyDocument.Statement[0].Condition.StringEquals).toEqual({
      'aws:PrincipalTag/x509Subject/CN': 'backup-agent.onprem.example',
      'aws:PrincipalTag/x509Issuer/CN': 'Ride Co Issuing CA 2',
    });
    const { stack, role } = build({ subject });
    (role.node.defaultChild as iam.CfnRole).addPropertyDeletionOverride('AssumeRolePolicyDocument.Statement.0.Condition.StringEquals.aws:PrincipalTag/x509Issuer/CN');
    expect(() => Template.fromStack(stack)).toThrow(/pins the certificate's issuer's CN in every statement/);
  });

  test('makes the trust anchor from a certificate bundle, or names an existing one; the profile holds the session length', () => {
    const fromBundle = Template.fromStack(build({ trustAnchor: RolesAnywhereTrustAnchor.fromCertificateBundle(PEM) }).stack);
    fromBundle.hasResourceProperties('AWS::RolesAnywhere::TrustAnchor', { Enabled: true, Source: { SourceType: 'CERTIFICATE_BUNDLE', SourceData: { X509CertificateData: PEM } } });
    const { stack, role } = build({ trustAnchor: RolesAnywhereTrustAnchor.fromTrustAnchorArn(ANCHOR_ARN), sessionDuration: Duration.hours(2) });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::RolesAnywhere::TrustAnchor', 0);
    expect(role.trustAnchorArn).toBe(ANCHOR_ARN);
    expect(roleOf(stack).AssumeRolePolicyDocument.Statement[0].Condition.ArnEquals).toEqual({ 'aws:SourceArn': ANCHOR_ARN });
    template.hasResourceProperties('AWS::RolesAnywhere::Profile', { DurationSeconds: 7200, Enabled: true, RoleArns: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^BackupAgent'), 'Arn'] }] });
    expect(roleOf(stack).MaxSessionDuration).toBe(7200);
    Template.fromStack(build({ createProfile: false }).stack).resourceCountIs('AWS::RolesAnywhere::Profile', 0);
  });

  test('the checks find nothing on it, and no warning is raised', () => {
    const { stack } = build();
    expect(checkTemplate(Template.fromStack(stack).toJSON(), { deployingAccount: ACCOUNT })).toEqual([]);
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });

  test('a subject pinned by its organization only warns (RolesAnywhereSubjectOrganizationOnly)', () => {
    Annotations.fromStack(build({ subject: { organization: 'Ride Co' } }).stack)
      .hasWarning('/OnPrem/BackupAgent', Match.stringLikeRegexp('pinned by its organization \\(O=Ride Co\\) only.*RolesAnywhereSubjectOrganizationOnly'));
  });

  test.each<[string, Partial<RolesAnywhereRoleProps>, RegExp]>([
    ['no subject field', { subject: {} }, /subject: \{\} is not valid; pin the certificate subject/],
    ['a subject of "*"', { subject: { commonName: '*' } }, /subject.commonName: "\*" is not valid; the exact value of the certificate field/],
    ['an issuer without a subject', { subject: { issuerCommonName: 'Ride Co Issuing CA 2' } }, /subject: .* is not valid; pin the certificate subject.*the issuer alone/],
    ['a wildcard issuer', { subject: { commonName: 'backup-agent.onprem.example', issuerCommonName: 'Ride Co *' } }, /subject.issuerCommonName: "Ride Co \*" is not valid/],
    ['a wildcard organizational unit', { subject: { organizationalUnit: 'Back*' } }, /subject.organizationalUnit: "Back\*" is not valid/],
    ['a subject field that is not a string, from plain JavaScript', { subject: { commonName: 42 as never } }, /subject.commonName: 42 is not valid; a string/],
    ['a certificate bundle that is not PEM', { trustAnchor: RolesAnywhereTrustAnchor.fromCertificateBundle('not a certificate') }, /fromCertificateBundle takes the CA certificate in PEM/],
    ['a Private CA ARN that is not one', { trustAnchor: RolesAnywhereTrustAnchor.fromAcmPrivateCa('arn:aws:acm:eu-west-1:111122223333:certificate/x') }, /fromAcmPrivateCa takes a certificate authority ARN/],
    ['a trust anchor ARN that is not one', { trustAnchor: RolesAnywhereTrustAnchor.fromTrustAnchorArn('trust-anchor/x') }, /fromTrustAnchorArn takes a trust anchor ARN/],
    ['a session over 12 hours', { sessionDuration: Duration.hours(13) }, /sessionDuration: "13 hours" is not valid; whole seconds from Duration.minutes\(15\) to Duration.hours\(12\)/],
    ['a session longer than the role allows', { sessionDuration: Duration.hours(2), maxSessionDuration: Duration.hours(1) }, /the profile's session \(2 hours\) cannot outlast the role's maximum/],
  ])('rejects %s, naming the prop and the accepted form', (_name, props, message) => {
    expect(() => build(props)).toThrow(message);
  });

  test('an escape hatch that drops the trust anchor or the subject pin fails synth', () => {
    const dropped = build();
    (dropped.role.node.defaultChild as iam.CfnRole).addPropertyDeletionOverride('AssumeRolePolicyDocument.Statement.0.Condition.ArnEquals');
    expect(() => Template.fromStack(dropped.stack)).toThrow(/RolesAnywhereRole promises that its trust names the trust anchor \(aws:SourceArn\)/);
    const widened = build();
    (widened.role.node.defaultChild as iam.CfnRole).addPropertyOverride('AssumeRolePolicyDocument.Statement.0.Condition.StringLike',
      { 'aws:PrincipalTag/x509Subject/CN': '*' });
    (widened.role.node.defaultChild as iam.CfnRole).addPropertyDeletionOverride('AssumeRolePolicyDocument.Statement.0.Condition.StringEquals');
    expect(() => Template.fromStack(widened.stack)).toThrow(/pins the certificate's CN in every statement/);
  });

  test('cdk-nag (AwsSolutions) and cfn-guard (Control Tower rules) report nothing', () => {
    const exact = { Backups: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: ['arn:aws:s3:::ride-co-backups/onprem/latest.tar'] })] }) };
    const violations = synthWithValidators((stack) => new RolesAnywhereRole(stack, 'BackupAgent', { ...base(), inlinePolicies: exact }),
      (app) => [new AwsSolutionsChecks(app), new CfnGuardValidator()], { env: { account: ACCOUNT, region: 'eu-west-1' } });
    expect(violations).toEqual([]);
  });
});

describe('RolesAnywhereRole trust, evaluated by the iam-simulate policy simulator', () => {
  const trust = roleOf(build({ trustAnchor: RolesAnywhereTrustAnchor.fromTrustAnchorArn(ANCHOR_ARN) }).stack).AssumeRolePolicyDocument;
  const request = (context: Record<string, string> = {}, action = 'sts:AssumeRole') => ({
    principal: 'rolesanywhere.amazonaws.com',
    action,
    context: { 'aws:SourceArn': ANCHOR_ARN, 'aws:SourceAccount': ACCOUNT, 'aws:PrincipalTag/x509Subject/CN': 'backup-agent.onprem.example', ...context },
  });

  test.each(['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'])('the intended certificate, through the trust anchor, is allowed %s', async (action) => {
    expect(await assumeRoleDecision(trust, request({}, action))).toBe('Allowed');
  });

  test.each([
    ['another common name', { 'aws:PrincipalTag/x509Subject/CN': 'laptop-of-mallory.example' }],
    ['another trust anchor', { 'aws:SourceArn': `arn:aws:rolesanywhere:eu-west-1:${ACCOUNT}:trust-anchor/00000000-0000-0000-0000-000000000000` }],
  ])('denies a certificate with %s', async (_name, context) => {
    expect(await assumeRoleDecision(trust, request(context))).toBe('ImplicitlyDenied');
  });

  test('denies a request with no aws:SourceArn', async () => {
    const { 'aws:SourceArn': _dropped, ...rest } = request().context;
    expect(await assumeRoleDecision(trust, { principal: 'rolesanywhere.amazonaws.com', context: rest })).toBe('ImplicitlyDenied');
  });
});

describe('RolesAnywhereRole trust with the issuing CA pinned, evaluated by the iam-simulate policy simulator', () => {
  const trust = roleOf(build({
    trustAnchor: RolesAnywhereTrustAnchor.fromTrustAnchorArn(ANCHOR_ARN),
    subject: { commonName: 'backup-agent.onprem.example', issuerCommonName: 'Ride Co Issuing CA 2' },
  }).stack).AssumeRolePolicyDocument;
  const context = { 'aws:SourceArn': ANCHOR_ARN, 'aws:SourceAccount': ACCOUNT, 'aws:PrincipalTag/x509Subject/CN': 'backup-agent.onprem.example' };

  test('allows the certificate the named CA issued', async () => {
    expect(await assumeRoleDecision(trust, { principal: 'rolesanywhere.amazonaws.com', context: { ...context, 'aws:PrincipalTag/x509Issuer/CN': 'Ride Co Issuing CA 2' } }))
      .toBe('Allowed');
  });

  test('denies the same subject from another CA of the trust anchor', async () => {
    expect(await assumeRoleDecision(trust, { principal: 'rolesanywhere.amazonaws.com', context: { ...context, 'aws:PrincipalTag/x509Issuer/CN': 'Ride Co Lab CA' } }))
      .toBe('ImplicitlyDenied');
  });
});
