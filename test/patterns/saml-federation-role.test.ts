import { readFileSync } from 'fs';
import { join } from 'path';
import { App, Duration, Stack, aws_iam as iam } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { SamlFederationRole, SamlFederationRoleProps, SamlSubjectType } from '../../src';
import { certificate, idpMetadata } from '../support/saml-metadata';

const METADATA = readFileSync(join(__dirname, '..', 'fixtures', 'idp-metadata.xml'), 'utf8');
const metadataDocument = (xml = METADATA) => iam.SamlMetadataDocument.fromXml(xml);
const readOnly = () => [iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess')];
const DAY = 24 * 3600 * 1000;

function build(props: Partial<SamlFederationRoleProps> = {}, stackProps = {}): Stack {
  const stack = new Stack(new App(), 'Stack', stackProps);
  new SamlFederationRole(stack, 'Analysts', { metadataDocument: metadataDocument(), managedPolicies: readOnly(), ...props });
  return stack;
}

function trustOf(stack: Stack): any {
  return Object.values(Template.fromStack(stack).findResources('AWS::IAM::Role'))[0].Properties.AssumeRolePolicyDocument.Statement[0];
}

describe('SamlFederationRole', () => {
  test('with a created provider, matches the snapshot', () => {
    expect(Template.fromStack(build()).toJSON()).toMatchSnapshot();
  });

  test('with an imported provider, matches the snapshot', () => {
    const stack = new Stack(new App(), 'Stack');
    const samlProvider = iam.SamlProvider.fromSamlProviderArn(stack, 'Idp', 'arn:aws:iam::111122223333:saml-provider/Corp');
    new SamlFederationRole(stack, 'Analysts', { samlProvider, managedPolicies: readOnly() });
    expect(Template.fromStack(stack).toJSON()).toMatchSnapshot();
    expect(trustOf(stack).Principal).toEqual({ Federated: 'arn:aws:iam::111122223333:saml-provider/Corp' });
  });

  test('trusts the provider with sts:AssumeRoleWithSAML for the console audience of the stack\'s partition', () => {
    const stack = build();
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::SAMLProvider', { SamlMetadataDocument: METADATA });
    expect(trustOf(stack)).toEqual({
      Effect: 'Allow',
      Action: 'sts:AssumeRoleWithSAML',
      Principal: { Federated: { Ref: expect.stringMatching(/^AnalystsProvider/) } },
      Condition: { StringEquals: { 'SAML:aud': [{ 'Fn::FindInMap': ['CdkIamRolePatternsSamlSignIn', { Ref: 'AWS::Partition' }, 'audience'] }] } },
    });
    expect(Template.fromStack(stack).toJSON().Mappings.CdkIamRolePatternsSamlSignIn).toEqual({
      'aws': { audience: 'https://signin.aws.amazon.com/saml' },
      'aws-cn': { audience: 'https://signin.amazonaws.cn/saml' },
      'aws-us-gov': { audience: 'https://signin.amazonaws-us-gov.com/saml' },
    });
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });

  test('writes the partition\'s audience directly when the region is known, plus regional endpoints', () => {
    const gov = build({ signInRegions: ['us-gov-west-1'] }, { env: { region: 'us-gov-west-1' } });
    expect(trustOf(gov).Condition.StringEquals['SAML:aud']).toEqual(['https://signin.amazonaws-us-gov.com/saml', 'https://us-gov-west-1.signin.amazonaws-us-gov.com/saml']);
    const commercial = build({ signInRegions: ['eu-west-1'] }, { env: { region: 'eu-west-1' } });
    expect(trustOf(commercial).Condition.StringEquals['SAML:aud']).toEqual(['https://signin.aws.amazon.com/saml', 'https://eu-west-1.signin.aws.amazon.com/saml']);
  });

  test('session tags, source identity, subjects and subject type', () => {
    const statement = trustOf(build({ sessionTags: true, sourceIdentity: true, allowedSubjects: ['alice@ride-co.example'], subjectType: SamlSubjectType.PERSISTENT }));
    expect(statement.Action).toEqual(['sts:AssumeRoleWithSAML', 'sts:TagSession', 'sts:SetSourceIdentity']);
    expect(statement.Condition.StringEquals).toMatchObject({ 'SAML:sub': ['alice@ride-co.example'], 'SAML:sub_type': 'persistent' });
  });

  test('gives the Role attribute value for the IdP, and exports it when asked', () => {
    const stack = new Stack(new App(), 'Stack');
    const role = new SamlFederationRole(stack, 'Analysts', { metadataDocument: metadataDocument(), managedPolicies: readOnly(), exportRoleAttribute: true });
    const expected = { 'Fn::Join': ['', [{ 'Fn::GetAtt': [expect.stringMatching(/^Analysts/), 'Arn'] }, ',', { Ref: expect.stringMatching(/^AnalystsProvider/) }]] };
    expect(stack.resolve(role.roleAttributeValue)).toEqual(expected);
    expect(Object.values<any>(Template.fromStack(stack).toJSON().Outputs).map((output) => output.Value)).toEqual([expected]);
  });

  test('maxSessionDuration defaults to one hour and accepts up to twelve', () => {
    expect(Object.values(Template.fromStack(build()).findResources('AWS::IAM::Role'))[0].Properties.MaxSessionDuration).toBe(3600);
    expect(Object.values(Template.fromStack(build({ maxSessionDuration: Duration.hours(12) })).findResources('AWS::IAM::Role'))[0].Properties.MaxSessionDuration).toBe(43200);
  });

  test('forGroups: one provider, one role per group, named <prefix>-<group>', () => {
    const stack = new Stack(new App(), 'Stack');
    const roles = SamlFederationRole.forGroups(stack, 'Corp', {
      metadataDocument: metadataDocument(),
      rolePrefix: 'RideCo',
      groups: [
        { name: 'Analysts', managedPolicies: readOnly() },
        { name: 'Operators', managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('job-function/ViewOnlyAccess')], maxSessionDuration: Duration.hours(4) },
      ],
    });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::IAM::SAMLProvider', 1);
    expect(Object.values(template.findResources('AWS::IAM::Role')).map((role: any) => role.Properties.RoleName)).toEqual(['RideCo-Analysts', 'RideCo-Operators']);
    expect(roles[0].samlProvider).toBe(roles[1].samlProvider);
  });
});

describe('SamlFederationRole metadata checks', () => {
  test.each<[string, () => string, RegExp]>([
    ['a byte-order mark', () => `\ufeff${METADATA}`, /metadataDocument: .* it starts with a byte-order mark \(BOM\)/],
    ['malformed XML', () => METADATA.replace('</IDPSSODescriptor>', ''), /metadataDocument: .* it is not well-formed XML/],
    ['no EntityDescriptor', () => '<Foo/>', /its root is not a SAML EntityDescriptor/],
    ['no IDPSSODescriptor', () => METADATA.replace(/IDPSSODescriptor/g, 'SPSSODescriptor'), /it has no IDPSSODescriptor/],
    ['no signing certificate', () => idpMetadata([]), /its IDPSSODescriptor has no signing certificate/],
    ['a key shorter than 1024 bits', () => idpMetadata([certificate(new Date(Date.now() + 365 * DAY), 512)]), /signing certificate 1 has a 512-bit key; IAM needs at least 1024 bits/],
    ['an expired certificate', () => idpMetadata([certificate(new Date(Date.now() - 2 * DAY), 1024)]), /signing certificate 1 expired on \d{4}-\d{2}-\d{2} \(today is \d{4}-\d{2}-\d{2}\)/],
  ])('refuses %s', (_name, xml, message) => {
    expect(() => build({ metadataDocument: metadataDocument(xml()) })).toThrow(message);
  });

  test('warns, with the date, when the signing certificate expires within 30 days', () => {
    const soon = new Date(Date.now() + 10 * DAY);
    const stack = build({ metadataDocument: metadataDocument(idpMetadata([certificate(soon, 1024)])) });
    Annotations.fromStack(stack).hasWarning('/Stack/Analysts', Match.stringLikeRegexp(`signing certificate 1 expires on ${soon.toISOString().slice(0, 10)}, within 30 days.*SamlCertificateExpiresSoon`));
  });
});

describe('SamlFederationRole errors', () => {
  test.each<[string, Partial<SamlFederationRoleProps>, RegExp]>([
    ['no provider', { metadataDocument: undefined }, /samlProvider, metadataDocument: give exactly one/],
    ['both providers', { samlProvider: iam.SamlProvider.fromSamlProviderArn(new Stack(), 'P', 'arn:aws:iam::111122223333:saml-provider/Corp') },
      /samlProvider, metadataDocument: give exactly one/],
    ['a malformed region', { signInRegions: ['Ireland'] }, /signInRegions: "Ireland" is not valid; a region name, such as "eu-west-1"/],
    ['a session over 12 hours', { maxSessionDuration: Duration.hours(13) }, /maxSessionDuration: "13 hours" is not valid/],
    ['an empty subject', { allowedSubjects: [''] }, /allowedSubjects: "" is not valid/],
  ])('rejects %s, naming the prop and the accepted form', (_name, props, message) => {
    expect(() => build(props)).toThrow(message);
  });
});
