import { readFileSync } from 'fs';
import { join } from 'path';
import { App, Stack, aws_iam as iam } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { SamlFederationRole, SamlFederationRoleProps, SamlSubjectType } from '../../src';
import { checkSamlMetadata } from '../../src/patterns/saml-metadata';
import { ACCOUNT, assumeRoleDecision } from '../support/iam-simulator';

const PROVIDER = `arn:aws:iam::${ACCOUNT}:saml-provider/Corp`;

function trustPolicyOf(props: Partial<SamlFederationRoleProps> = {}): unknown {
  const stack = new Stack(new App(), 'Stack', { env: { account: ACCOUNT, region: 'eu-west-1' } });
  const samlProvider = iam.SamlProvider.fromSamlProviderArn(stack, 'Idp', PROVIDER);
  new SamlFederationRole(stack, 'Role', { samlProvider, managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess')], ...props });
  return Object.values(Template.fromStack(stack).findResources('AWS::IAM::Role'))[0].Properties.AssumeRolePolicyDocument;
}

const signIn = (context: Record<string, string>) => ({ principal: PROVIDER, action: 'sts:AssumeRoleWithSAML', context });

describe('SamlFederationRole trust policy, evaluated by the iam-simulate policy simulator', () => {
  test('an assertion for the console sign-in endpoint is allowed; one for another audience is not', async () => {
    const trust = trustPolicyOf({ signInRegions: ['eu-west-1'] });
    expect(await assumeRoleDecision(trust, signIn({ 'SAML:aud': 'https://signin.aws.amazon.com/saml' }))).toBe('Allowed');
    expect(await assumeRoleDecision(trust, signIn({ 'SAML:aud': 'https://eu-west-1.signin.aws.amazon.com/saml' }))).toBe('Allowed');
    expect(await assumeRoleDecision(trust, signIn({ 'SAML:aud': 'https://wiki.ride-co.example/saml/acs' }))).toBe('ImplicitlyDenied');
    expect(await assumeRoleDecision(trust, signIn({}))).toBe('ImplicitlyDenied');
  });

  test('with allowed subjects and a subject type, only those subjects of that type', async () => {
    const trust = trustPolicyOf({ allowedSubjects: ['alice'], subjectType: SamlSubjectType.PERSISTENT });
    const aud = 'https://signin.aws.amazon.com/saml';
    expect(await assumeRoleDecision(trust, signIn({ 'SAML:aud': aud, 'SAML:sub': 'alice', 'SAML:sub_type': 'persistent' }))).toBe('Allowed');
    expect(await assumeRoleDecision(trust, signIn({ 'SAML:aud': aud, 'SAML:sub': 'mallory', 'SAML:sub_type': 'persistent' }))).toBe('ImplicitlyDenied');
    expect(await assumeRoleDecision(trust, signIn({ 'SAML:aud': aud, 'SAML:sub': 'alice', 'SAML:sub_type': 'transient' }))).toBe('ImplicitlyDenied');
  });

  test('another SAML provider is denied, even with the right audience', async () => {
    const other = { principal: `arn:aws:iam::${ACCOUNT}:saml-provider/Contractors`, action: 'sts:AssumeRoleWithSAML', context: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } };
    expect(await assumeRoleDecision(trustPolicyOf(), other)).toBe('ImplicitlyDenied');
  });

  test('sts:TagSession is allowed only with sessionTags', async () => {
    const tagSession = { principal: PROVIDER, action: 'sts:TagSession', context: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } };
    expect(await assumeRoleDecision(trustPolicyOf({ sessionTags: true }), tagSession)).toBe('Allowed');
    expect(await assumeRoleDecision(trustPolicyOf(), tagSession)).toBe('ImplicitlyDenied');
  });

  test('an IAM principal cannot use the SAML role with sts:AssumeRole', async () => {
    expect(await assumeRoleDecision(trustPolicyOf(), { principal: `arn:aws:iam::${ACCOUNT}:user/alice` })).toBe('ImplicitlyDenied');
  });
});

describe('the committed IdP metadata fixture', () => {
  test('passes every metadata check (its certificate is valid until 2126)', () => {
    expect(checkSamlMetadata(readFileSync(join(__dirname, '..', 'fixtures', 'idp-metadata.xml'), 'utf8'))).toEqual([]);
  });
});
