import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, Stack, Validations, aws_sso as sso } from 'aws-cdk-lib';
import { RoleChecks } from '../src';
import { loadTemplateFile } from '../src/cli/load-templates';
import { check } from '../src/cli/main';
import { permissionSetAssignments } from '../src/role-model/permission-sets';

const INSTANCE = 'arn:aws:sso:::instance/ssoins-1111111111111111';
const work = mkdtempSync(join(tmpdir(), 'permission-sets-'));

/** The CLI's verdict on a template of permission sets. */
function checked(resources: Record<string, unknown>) {
  const file = join(work, `${Object.keys(resources).join('-')}.json`);
  writeFileSync(file, JSON.stringify({ Resources: resources }));
  return check([loadTemplateFile(file)], {});
}
const permissionSet = (properties: Record<string, unknown>) => ({ Type: 'AWS::SSO::PermissionSet', Properties: { InstanceArn: INSTANCE, Name: 'Set', ...properties } });

describe('IAM Identity Center permission sets, read as the roles Identity Center makes of them', () => {
  test('AdministratorAccess is an error, as on any role', () => {
    const report = checked({ Admins: permissionSet({ ManagedPolicies: ['arn:aws:iam::aws:policy/AdministratorAccess'] }) });
    expect(report.findings.map((finding) => [finding.ruleId, finding.severity, finding.resource])).toEqual([
      ['cdk-iam-role-patterns:FullAdministratorAccess', 'error', 'Admins'],
    ]);
  });

  test('a read-only permission set of four hours is clean', () => {
    const report = checked({ Analysts: permissionSet({ ManagedPolicies: ['arn:aws:iam::aws:policy/ReadOnlyAccess'], SessionDuration: 'PT4H' }) });
    expect(report.findings).toEqual([]);
    expect(report.summary.roles).toBe(1);
  });

  test('an inline policy written as a JSON string is read: iam:PassRole on every role is an error, at the permission set', () => {
    const inline = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }] });
    const report = checked({ Deployers: permissionSet({ InlinePolicy: inline }) });
    expect(report.findings.map((finding) => [finding.ruleId, finding.resource])).toEqual([['cdk-iam-role-patterns:PassRoleOnEveryResource', 'Deployers']]);
    expect(report.findings[0].message).toMatch(/inline policy "InlinePolicy", statement 1/);
    const asObject = checked({ DeployersObject: permissionSet({ InlinePolicy: JSON.parse(inline) }) });
    expect(asObject.findings.map((finding) => finding.ruleId)).toEqual(['cdk-iam-role-patterns:PassRoleOnEveryResource']);
  });

  test('a session over 12 hours is out of range; customer managed policies, referenced by name, are a note', () => {
    const long = checked({ Long: permissionSet({ ManagedPolicies: ['arn:aws:iam::aws:policy/ReadOnlyAccess'], SessionDuration: 'PT13H' }) });
    expect(long.findings.map((finding) => finding.ruleId)).toEqual(['cdk-iam-role-patterns:MaxSessionDurationRange']);
    const customer = checked({ Custom: permissionSet({ CustomerManagedPolicyReferences: [{ Name: 'deploy-extra' }] }) });
    expect(customer.notes.map((note) => note.message)).toEqual([expect.stringMatching(/Custom refers to 1 customer managed policy by name.*not checked/)]);
  });

  test('a permission set whose type is spelt with an escaped character is still read (the text hint gives way to a walk)', () => {
    const file = join(work, 'escaped.json');
    const text = JSON.stringify({ Resources: { Admins: permissionSet({ ManagedPolicies: ['arn:aws:iam::aws:policy/AdministratorAccess'] }) } })
      .replace('AWS::SSO::PermissionSet', 'AWS::SSO::Permission\\u0053et');
    writeFileSync(file, text);
    expect(text).not.toContain('AWS::SSO::PermissionSet');
    const report = check([loadTemplateFile(file)], {});
    expect(report.findings.map((finding) => finding.ruleId)).toEqual(['cdk-iam-role-patterns:FullAdministratorAccess']);
  });

  test('a forged record: on a permission set whose description states no reason, or on a role, it counts for nothing', () => {
    const record = { 'cdk-iam-role-patterns': { pattern: 'IdentityCenterPermissionSet' } };
    const forged = checked({ Forged: { ...permissionSet({ ManagedPolicies: ['arn:aws:iam::aws:policy/AdministratorAccess'] }), Metadata: record } });
    expect(forged.findings.map((finding) => [finding.ruleId.split(':')[1], finding.severity])).toEqual(expect.arrayContaining([
      ['FullAdministratorAccess', 'error'], ['PatternRecordNotKept', 'error'],
    ]));
    const stated = checked({ Stated: { ...permissionSet({ ManagedPolicies: ['arn:aws:iam::aws:policy/AdministratorAccess'], Description: 'Administrator access: incidents' }), Metadata: record } });
    expect(stated.findings.map((finding) => [finding.ruleId.split(':')[1], finding.severity])).toEqual([['FullAdministratorAccess', 'warning']]);
    const onRole = checked({
      Role: {
        Type: 'AWS::IAM::Role',
        Metadata: record,
        Properties: {
          Description: 'Administrator access: incidents',
          AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:AssumeRole' }] },
          ManagedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'],
        },
      },
    });
    expect(onRole.findings.map((finding) => [finding.ruleId.split(':')[1], finding.severity])).toEqual(expect.arrayContaining([
      ['FullAdministratorAccess', 'error'], ['PatternRecordNotKept', 'error'],
    ]));
  });

  test('RoleChecks reports a permission set of the app at its construct path', () => {
    const app = new App({ context: { '@aws-cdk/core:failSynthOnValidationErrors': false } });
    const stack = new Stack(app, 'Workforce');
    new sso.CfnPermissionSet(stack, 'Admins', { instanceArn: INSTANCE, name: 'Admins', managedPolicies: ['arn:aws:iam::aws:policy/AdministratorAccess'] });
    const sarif = join(work, 'app.sarif');
    Validations.of(app).addPlugins(new RoleChecks({ sarif }));
    const { log, error } = console;
    const exitCode = process.exitCode;
    console.log = console.error = () => undefined;
    try {
      app.synth();
    } finally {
      console.log = log;
      console.error = error;
      process.exitCode = exitCode;
    }
    const results = JSON.parse(readFileSync(sarif, 'utf8')).runs[0].results;
    expect(results.map((result: any) => [result.ruleId, result.locations[0].logicalLocations[0].name])).toEqual([
      ['cdk-iam-role-patterns:FullAdministratorAccess', 'Workforce/Admins'],
    ]);
  });
});

describe('permissionSetAssignments: who gets a permission set where, from the template', () => {
  const assignment = (set: unknown, principalType: string, principalId: unknown, account: unknown) => ({
    Type: 'AWS::SSO::Assignment',
    Properties: { InstanceArn: INSTANCE, PermissionSetArn: set, PrincipalType: principalType, PrincipalId: principalId, TargetType: 'AWS_ACCOUNT', TargetId: account },
  });
  const template = {
    Resources: {
      Analysts: permissionSet({}),
      Others: permissionSet({}),
      ToGroup: assignment({ 'Fn::GetAtt': ['Analysts', 'PermissionSetArn'] }, 'GROUP', 'g-1', '111122223333'),
      ToUser: assignment({ 'Fn::GetAtt': 'Analysts.PermissionSetArn' }, 'USER', 'u-1', { Ref: 'AWS::AccountId' }),
      ToOthers: assignment({ 'Fn::GetAtt': ['Others', 'PermissionSetArn'] }, 'GROUP', 'g-2', '444455556666'),
    },
  };

  test('each assignment that names the permission set, by either form of Fn::GetAtt, with values known at deployment as placeholders', () => {
    expect(permissionSetAssignments(template, 'Analysts')).toEqual(['group g-1 in 111122223333', 'user u-1 in {{cfn:AWS::AccountId}}']);
  });

  test('an assignment of another permission set is not listed; a permission set assigned elsewhere has none', () => {
    expect(permissionSetAssignments(template, 'Others')).toEqual(['group g-2 in 444455556666']);
    expect(permissionSetAssignments({ Resources: { Lonely: permissionSet({}) } }, 'Lonely')).toEqual([]);
  });
});
