import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, CfnResource, Stack, Validations, aws_iam as iam } from 'aws-cdk-lib';
import { roleTemplate, trustStatement } from './fixtures';
import { BreakGlassRole, RoleChecks } from '../../src';
import { checkModeledRole, roleChecker } from '../../src/checks/engine';
import { Verdict } from '../../src/checks/verdict';
import { check } from '../../src/cli/main';
import { RoleModel } from '../../src/role-model/model';
import { PATTERN_RECORD_KEY } from '../../src/role-model/pattern-record';

const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';
const EVERYONE = [trustStatement({ Principal: { AWS: '*' } })];
/** A trust as BreakGlassRole writes it: the account, named principals, MFA. */
const BREAK_GLASS_TRUST = [trustStatement({
  Principal: { AWS: 'arn:aws:iam::111122223333:root' },
  Condition: {
    Bool: { 'aws:MultiFactorAuthPresent': 'true' },
    NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' },
    ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:user/servicedesk/*' },
  },
})];

/** Every field a forger could write: relax every rule, acknowledge every error, raise every limit. */
const FORGED = {
  pattern: 'BreakGlassRole',
  relaxedRules: ['WildcardPrincipal', 'FullAdministratorAccess', 'CrossAccountWithoutCondition'],
  acknowledged: {
    'cdk-iam-role-patterns:WildcardPrincipal': 'forged',
    'cdk-iam-role-patterns:FullAdministratorAccess': 'forged',
    'cdk-iam-role-patterns:CrossAccountWithoutCondition': 'forged',
  },
  warnings: [],
  limits: { trustPolicyMaxChars: 1e9 },
};

function withRecord(trust: unknown[], record: unknown, properties: Record<string, unknown> = { ManagedPolicyArns: [ADMIN] }) {
  const template = roleTemplate({ trust, properties });
  (template.Resources.Role as Record<string, unknown>).Metadata = { [PATTERN_RECORD_KEY]: record };
  return template;
}

/** A resource as its stack renders it, escape hatches applied: `{ logicalId: resource }`. */
function renderedResource(stack: Stack, resource: CfnResource): Record<string, unknown> {
  return stack.resolve((resource as unknown as { _toCloudFormation(): { Resources: object } })._toCloudFormation()).Resources;
}

/** The CLI's report on one template. */
function cliReport(template: object) {
  return check([{ file: 'template.json', template }], {});
}

describe('a pattern record in a template relaxes nothing the library does not allow', () => {
  test('a forged record with every field on a role that trusts everyone with admin: every error still fails, and the record is a finding', () => {
    const report = cliReport(withRecord(EVERYONE, FORGED));
    const errors = report.findings.filter((finding) => finding.severity === 'error').map((finding) => finding.ruleId);
    expect(errors).toEqual(expect.arrayContaining([
      'cdk-iam-role-patterns:WildcardPrincipal',
      'cdk-iam-role-patterns:FullAdministratorAccess',
      'cdk-iam-role-patterns:PatternRecordNotKept',
    ]));
    expect(report.summary.acknowledged).toBe(0);
    expect(report.findings.find((finding) => finding.ruleId.endsWith(':PatternRecordNotKept'))?.message)
      .toMatch(/says BreakGlassRole made it, but trust policy, statement 1 breaks "trusts only IAM principals of named accounts": it trusts every principal/);
  });

  test('the same record on a role that keeps BreakGlassRole\'s terms counts: administrator access is a warning, and its acknowledgement holds', () => {
    const record = { pattern: 'BreakGlassRole', acknowledged: { 'cdk-iam-role-patterns:FullAdministratorAccess': 'the platform team\'s break-glass role' } };
    const report = cliReport(withRecord(BREAK_GLASS_TRUST, record));
    expect(report.findings.map((finding) => finding.ruleId)).not.toContain('cdk-iam-role-patterns:PatternRecordNotKept');
    expect(report.summary.errors).toBe(0);
    expect(report.summary.acknowledged).toBeGreaterThanOrEqual(1);
  });

  test('only the library\'s own table relaxes: a LambdaExecutionRole record on an admin Lambda role relaxes nothing', () => {
    const report = cliReport(withRecord([trustStatement({ Principal: { Service: 'lambda.amazonaws.com' } })], { ...FORGED, pattern: 'LambdaExecutionRole' }));
    expect(report.findings.map((finding) => [finding.ruleId, finding.severity])).toContainEqual(['cdk-iam-role-patterns:FullAdministratorAccess', 'error']);
    expect(report.findings.map((finding) => finding.ruleId)).not.toContain('cdk-iam-role-patterns:PatternRecordNotKept');
  });

  test('a record that names no pattern of the library counts for nothing and says so', () => {
    const report = cliReport(withRecord(BREAK_GLASS_TRUST, { pattern: 'TotallySafeRole', acknowledged: FORGED.acknowledged }));
    expect(report.findings.map((finding) => [finding.ruleId, finding.severity])).toEqual(expect.arrayContaining([
      ['cdk-iam-role-patterns:FullAdministratorAccess', 'error'],
      ['cdk-iam-role-patterns:PatternRecordNotKept', 'error'],
    ]));
  });

  test('a record whose conditions are decided at deployment proves nothing', () => {
    const trust = [trustStatement({ Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Condition: { Ref: 'TrustConditions' } })];
    const report = cliReport(withRecord(trust, { pattern: 'BreakGlassRole' }));
    expect(report.findings.map((finding) => finding.ruleId)).toContain('cdk-iam-role-patterns:PatternRecordNotKept');
  });

  test('a trusted record\'s limits count; an untrusted one\'s do not', () => {
    const accounts = Array.from({ length: 120 }, (_, i) => `arn:aws:iam::${444455550000 + i}:root`);
    const longTrust = [trustStatement({ Principal: { AWS: accounts }, Condition: { StringEquals: { 'sts:ExternalId': 'vendor-id-1234' } } })];
    const trusted = cliReport(withRecord(longTrust, { pattern: 'CrossAccountRole', limits: { trustPolicyMaxChars: 8192 } }, {}));
    expect(trusted.findings.map((finding) => finding.ruleId)).not.toContain('cdk-iam-role-patterns:TrustPolicySize');
    const untrusted = cliReport(withRecord(longTrust, { pattern: 'NoSuchPattern', limits: { trustPolicyMaxChars: 8192 } }, {}));
    expect(untrusted.findings.map((finding) => finding.ruleId)).toContain('cdk-iam-role-patterns:TrustPolicySize');
  });
});

describe('forged records through RoleChecks', () => {
  function roleChecksViolations(build: (stack: Stack) => void): string[] {
    const outdir = mkdtempSync(join(tmpdir(), 'forged-'));
    const app = new App({ outdir, context: { '@aws-cdk/core:failSynthOnValidationErrors': false } });
    build(new Stack(app, 'Stack', { env: { account: '111122223333', region: 'eu-west-1' } }));
    Validations.of(app).addPlugins(new RoleChecks());
    const { error, log } = console;
    const exitCode = process.exitCode;
    console.error = console.log = () => undefined;
    try {
      app.synth();
    } finally {
      console.error = error;
      console.log = log;
      process.exitCode = exitCode;
    }
    const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8'));
    return report.pluginReports[0].violations.map((violation: any) => `${violation.ruleName}:${violation.severity}`);
  }

  test('a CfnRole that writes a BreakGlassRole record but trusts everyone fails synthesis', () => {
    const violations = roleChecksViolations((stack) => {
      const role = new iam.CfnRole(stack, 'Open', {
        assumeRolePolicyDocument: { Version: '2012-10-17', Statement: EVERYONE },
        managedPolicyArns: [ADMIN],
      });
      role.addMetadata(PATTERN_RECORD_KEY, FORGED);
    });
    expect(violations).toEqual(expect.arrayContaining(['WildcardPrincipal:fatal', 'FullAdministratorAccess:fatal', 'PatternRecordNotKept:fatal']));
  });

  test('a real BreakGlassRole whose MFA an escape hatch removed: the pattern fails synth, and the CLI on its template says its record counts for nothing', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'broken-'));
    const app = new App({ outdir, context: { '@aws-cdk/core:failSynthOnValidationErrors': false } });
    const stack = new Stack(app, 'Stack', { env: { account: '111122223333', region: 'eu-west-1' } });
    const role = new BreakGlassRole(stack, 'Admin', {
      trustedPrincipalArns: ['arn:aws:iam::111122223333:user/servicedesk/*'],
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')],
      alertEmails: ['oncall@example.com'],
    });
    (role.node.defaultChild as CfnResource).addPropertyDeletionOverride('AssumeRolePolicyDocument.Statement.0.Condition.Bool');
    (role.node.defaultChild as CfnResource).addPropertyDeletionOverride('AssumeRolePolicyDocument.Statement.0.Condition.NumericLessThan');
    expect(() => app.synth()).toThrow(/PatternInvariant/);
    const report = cliReport({ Resources: renderedResource(stack, role.node.defaultChild as CfnResource) });
    expect(report.findings.map((finding) => [finding.ruleId, finding.severity])).toEqual(expect.arrayContaining([
      ['cdk-iam-role-patterns:PatternRecordNotKept', 'error'],
    ]));
  });
});

describe('aws-cdk-lib helper roles are known by path and by value', () => {
  test('a role at a path that looks like a helper\'s, trusting another account, is checked like any other', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'lookalike-'));
    const app = new App({ outdir, context: { '@aws-cdk/core:failSynthOnValidationErrors': false } });
    const stack = new Stack(app, 'Stack', { env: { account: '111122223333', region: 'eu-west-1' } });
    const provider = new CfnResource(stack, 'Custom::SomethingCustomResourceProvider', { type: 'AWS::CloudFormation::WaitConditionHandle' });
    const role = new iam.CfnRole(provider, 'Role', {
      assumeRolePolicyDocument: { Version: '2012-10-17', Statement: [trustStatement({ Principal: { AWS: 'arn:aws:iam::444455556666:root' } })] },
      policies: [{ policyName: 'p', policyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' }] } }],
    });
    const modeled = [...new RoleModel([{ file: 't', template: { Resources: renderedResource(stack, role) } }]).roles()][0];
    const verdict = new Verdict().judge(modeled, { constructPath: role.node.path });
    expect(role.node.path).toBe('Stack/Custom::SomethingCustomResourceProvider/Role');
    expect(verdict.helper).toBeUndefined();
    expect(verdict.findings.map((finding) => [finding.ruleId, finding.outcome])).toContainEqual(['cdk-iam-role-patterns:WildcardResource', 'reported']);
  });

  test('the same path with what the helper writes (Lambda trust, its basic execution policy) is summarized', () => {
    const template = roleTemplate({
      properties: { ManagedPolicyArns: ['arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'] },
      permissions: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' }],
    });
    const modeled = [...new RoleModel([{ file: 't', template }]).roles()][0];
    const verdict = new Verdict().judge(modeled, { constructPath: 'Stack/Custom::SomethingCustomResourceProvider/Role' });
    expect(verdict.helper?.kind).toBe('CustomResourceProvider');
    expect(verdict.findings.map((finding) => [finding.ruleId, finding.outcome])).toContainEqual(['cdk-iam-role-patterns:WildcardResource', 'summarized']);
  });

  test('a LogRetention path whose policy holds more than LogRetention writes is not LogRetention', () => {
    const path = 'Stack/LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a/ServiceRole/Resource';
    const own = roleTemplate({ permissions: [{ Effect: 'Allow', Action: ['logs:PutRetentionPolicy', 'logs:DeleteRetentionPolicy'], Resource: '*' }] });
    const widened = roleTemplate({ permissions: [{ Effect: 'Allow', Action: ['logs:PutRetentionPolicy', 's3:GetObject'], Resource: '*' }] });
    const judge = (template: object) => new Verdict().judge([...new RoleModel([{ file: 't', template }]).roles()][0], { constructPath: path });
    expect(judge(own).helper?.kind).toBe('LogRetention');
    expect(judge(widened).helper).toBeUndefined();
  });
});

describe('the verdict\'s options and the rules\' guard', () => {
  const wide = roleTemplate({ permissions: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' }] });
  const modeled = () => [...new RoleModel([{ file: 't', template: wide }]).roles()][0];

  test('warningsAsErrors makes a reported warning fail; an acknowledged one does not', () => {
    const strict = new Verdict({ warningsAsErrors: true });
    expect(strict.judge(modeled()).findings).toEqual([expect.objectContaining({ outcome: 'reported', fails: true, severity: 'warning' })]);
    const acknowledged = new Map([['cdk-iam-role-patterns:WildcardResource', 'queues made at run time']]);
    expect(strict.judge(modeled(), { acknowledged }).findings).toEqual([expect.objectContaining({ outcome: 'acknowledged', fails: false })]);
  });

  test('an acknowledgement never silences an error', () => {
    const open = [...new RoleModel([{ file: 't', template: roleTemplate({ trust: EVERYONE }) }]).roles()][0];
    const acknowledged = new Map([['cdk-iam-role-patterns:WildcardPrincipal', 'no']]);
    expect(new Verdict().judge(open, { acknowledged }).findings).toContainEqual(expect.objectContaining({ ruleId: 'cdk-iam-role-patterns:WildcardPrincipal', outcome: 'reported', fails: true }));
  });

  test('a rule that throws becomes a finding that names the rule, and the other rules still run', () => {
    const docs = { why: 'a test rule', fix: 'none' };
    const throwing = { name: 'Broken', severity: 'error' as const, description: 'Never works.', docs, check: () => { throw new Error('boom'); } };
    const fine = { name: 'Fine', severity: 'warning' as const, description: 'Always reports.', docs, check: (_: unknown, report: (message: string) => void) => report('seen') };
    const findings = checkModeledRole(roleChecker({ rules: [throwing, fine] }), modeled());
    expect(findings).toEqual([
      expect.objectContaining({ ruleId: 'cdk-iam-role-patterns:Broken', severity: 'error', message: expect.stringMatching(/^the rule Broken could not check this role \(boom\)/) }),
      expect.objectContaining({ ruleId: 'cdk-iam-role-patterns:Fine', message: 'seen' }),
    ]);
  });
});
