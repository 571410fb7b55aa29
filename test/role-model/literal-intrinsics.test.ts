import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { check, main } from '../../src/cli/main';
import { LiteralIntrinsics } from '../../src/role-model/literal-intrinsics';
import { roleTemplate, trustStatement } from '../checks/fixtures';

const MAPPINGS = {
  Partners: { Acme: { Account: 'arn:aws:iam::444455556666:root', Actions: ['*'] }, Lab: { Account: '*', Actions: ['s3:GetObject'] } },
};

function rulesOf(template: object): string[] {
  return check([{ file: 'template.json', template }], {}).findings.map((finding) => finding.ruleId.replace(/^cdk-iam-role-patterns:/, ''));
}

describe('intrinsics whose values are literal at synth', () => {
  test('Fn::FindInMap gives the mapping\'s value, a list included; an unknown key or a parameter leaves it as it is', () => {
    const literals = new LiteralIntrinsics({ Mappings: MAPPINGS });
    expect(literals.resolve({ 'Fn::FindInMap': ['Partners', 'Acme', 'Account'] })).toBe('arn:aws:iam::444455556666:root');
    expect(literals.resolve({ 'Fn::FindInMap': ['Partners', 'Acme', 'Actions'] })).toEqual(['*']);
    expect(literals.resolve({ 'Fn::FindInMap': ['Partners', 'Nobody', 'Account', { DefaultValue: 'x' }] })).toBe('x');
    const byParameter = { 'Fn::FindInMap': ['Partners', { Ref: 'Partner' }, 'Account'] };
    expect(literals.resolve(byParameter)).toBe(byParameter);
    const plain = { a: [1, { b: 'c' }] };
    expect(literals.resolve(plain)).toBe(plain);
  });

  test('Fn::Select of a literal list or of a literal Fn::Split', () => {
    const literals = new LiteralIntrinsics({});
    expect(literals.resolve({ 'Fn::Select': [1, { 'Fn::Split': [',', 'a,b,c'] }] })).toBe('b');
    expect(literals.resolve({ 'Fn::Select': ['0', ['x', 'y']] })).toBe('x');
    const outOfRange = { 'Fn::Select': [5, ['x']] };
    expect(literals.resolve(outOfRange)).toBe(outOfRange);
  });

  test('a principal through a mapping is checked: "*" fires WildcardPrincipal, a named account draws only the cross-account warning', () => {
    const trust = (partner: string) => [trustStatement({ Principal: { AWS: { 'Fn::FindInMap': ['Partners', partner, 'Account'] } } })];
    expect(rulesOf({ Mappings: MAPPINGS, ...roleTemplate({ trust: trust('Lab') }) })).toContain('WildcardPrincipal');
    const acme = rulesOf({ Mappings: MAPPINGS, ...roleTemplate({ trust: trust('Acme') }) });
    expect(acme).not.toContain('WildcardPrincipal');
    expect(acme).toContain('CrossAccountWithoutCondition');
  });

  test('actions through a mapping are checked: ["*"] on "*" is FullAdministratorAccess; s3:GetObject on a bucket is clean', () => {
    const permissions = (partner: string, resource: string) => [{ Effect: 'Allow', Action: { 'Fn::FindInMap': ['Partners', partner, 'Actions'] }, Resource: resource }];
    expect(rulesOf({ Mappings: MAPPINGS, ...roleTemplate({ permissions: permissions('Acme', '*') }) })).toContain('FullAdministratorAccess');
    expect(rulesOf({ Mappings: MAPPINGS, ...roleTemplate({ permissions: permissions('Lab', 'arn:aws:s3:::reports/*') }) })).toEqual([]);
  });

  test('a principal chosen with Fn::Select from a literal Fn::Split is checked', () => {
    const trust = [trustStatement({ Principal: { AWS: { 'Fn::Select': [0, { 'Fn::Split': [',', '*,arn:aws:iam::444455556666:root'] }] } } })];
    expect(rulesOf(roleTemplate({ trust }))).toContain('WildcardPrincipal');
  });

  test('--baseline sees a partner moved by editing only the mapping', () => {
    const work = mkdtempSync(join(tmpdir(), 'mapping-'));
    const template = (account: string) => JSON.stringify({
      Mappings: { Partners: { Acme: { Account: `arn:aws:iam::${account}:root` } } },
      ...roleTemplate({ trust: [trustStatement({ Principal: { AWS: { 'Fn::FindInMap': ['Partners', 'Acme', 'Account'] } }, Condition: { StringEquals: { 'sts:ExternalId': 'vendor-id-12345' } } })] }),
    });
    const base = join(work, 'base.json');
    const head = join(work, 'head.json');
    writeFileSync(base, template('444455556666'));
    writeFileSync(head, template('777788889999'));
    let stdout = '';
    const status = main(['check', head, '--baseline', base, '--format', 'json'], { stdout: (text) => { stdout += text; }, stderr: () => undefined });
    expect(status).toBe(1);
    expect(JSON.parse(stdout).findings.map((finding: any) => finding.ruleId)).toContain('cdk-iam-role-patterns:TrustWidened');
  });
});

describe('CDK\'s CfnJson: its Value attribute is its Value property parsed', () => {
  const irsaTemplate = (subject: string, operator = 'StringEquals') => ({
    Parameters: { Issuer: { Type: 'String' } },
    Resources: {
      Keys: {
        Type: 'Custom::AWSCDKCfnJson',
        Properties: { Value: { 'Fn::Join': ['', ['{"', { Ref: 'Issuer' }, ':aud":"sts.amazonaws.com","', { Ref: 'Issuer' }, `:sub":"${subject}"}`]] } },
      },
      Role: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: {
            Version: '2012-10-17',
            Statement: [{
              Effect: 'Allow',
              Action: 'sts:AssumeRoleWithWebIdentity',
              Principal: { Federated: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:oidc-provider/${Issuer}' } },
              Condition: { [operator]: { 'Fn::GetAtt': ['Keys', 'Value'] } },
            }],
          },
        },
      },
    },
  });

  test('a pinned service account is read and clean; every service account (StringLike) is an error; no UnreadableTrustCondition either way', () => {
    expect(rulesOf(irsaTemplate('system:serviceaccount:payments:ledger'))).toEqual([]);
    const open = rulesOf(irsaTemplate('system:serviceaccount:*', 'StringLike'));
    expect(open).toContain('WebIdentitySubject');
    expect(open).not.toContain('UnreadableTrustCondition');
  });

  test('a Value that is not JSON once rendered stays unreadable, and says so', () => {
    const template = irsaTemplate('x');
    (template.Resources.Keys.Properties as any).Value = { 'Fn::GetAtt': ['Other', 'Json'] };
    expect(rulesOf(template)).toContain('UnreadableTrustCondition');
  });
});
