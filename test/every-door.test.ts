import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, Duration, Stack, Validations, aws_iam as iam, aws_logs as logs } from 'aws-cdk-lib';
import { CrossAccountRole, LambdaExecutionRole, RoleChecks, RoleChecksProps } from '../src';
import { main } from '../src/cli/main';

/**
 * One app through every door: a pattern's own check, RoleChecks, and the CLI on the app's cloud assembly give
 * the same findings (rule, severity, role, subject), the patterns' own warnings included, under every option.
 */
function app(outdir: string): App {
  const scope = new App({ outdir, context: { '@aws-cdk/core:failSynthOnValidationErrors': false } });
  const stack = new Stack(scope, 'Roles', { env: { account: '111122223333', region: 'eu-west-1' } });
  new LambdaExecutionRole(stack, 'Unnamed').addToPolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: ['*'] }));
  new CrossAccountRole(stack, 'Vendor', {
    trustedAccounts: ['444455556666'], thirdParty: true, externalId: '8f14e45f-ceea-467f-a0e6-e1d2c3b4a596', maxSessionDuration: Duration.hours(2),
  });
  new iam.Role(stack, 'Open', { assumedBy: new iam.AnyPrincipal() });
  new iam.Role(stack, 'Passer', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') })
    .addToPolicy(new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: ['*'] }));
  const acknowledged = new iam.Role(stack, 'Queues', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  acknowledged.addToPolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: ['*'] }));
  Validations.of(acknowledged).acknowledge({ id: 'cdk-iam-role-patterns:WildcardResource', reason: 'queues are made at run time' });
  return scope;
}

interface Row { readonly rule: string; readonly severity: string; readonly role: string; readonly location: string }
const key = (row: Row) => `${row.rule} ${row.severity} ${row.role} ${row.location}`;

function synthesize(options: RoleChecksProps | false): { outdir: string; roleChecks: Row[]; selfCheck: string[] } {
  const outdir = mkdtempSync(join(tmpdir(), 'doors-'));
  const scope = app(outdir);
  if (options !== false) Validations.of(scope).addPlugins(new RoleChecks(options));
  const { error, log } = console;
  const exitCode = process.exitCode;
  console.error = console.log = () => undefined;
  let assembly;
  try {
    assembly = scope.synth();
  } finally {
    console.error = error;
    console.log = log;
    process.exitCode = exitCode;
  }
  const selfCheck = assembly.stacks.flatMap((stack) => stack.messages).filter((message) => message.level === 'warning')
    .map((message) => /\[ack: annotation::cdk-iam-role-patterns:(\w+)\]/.exec(String(message.entry.data))?.[1] ?? String(message.entry.data));
  if (options === false) return { outdir, roleChecks: [], selfCheck };
  const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8'));
  const ours = report.pluginReports.find((plugin: any) => plugin.pluginName === 'cdk-iam-role-patterns');
  const roleChecks = (ours?.violations ?? []).map((violation: any) => ({
    rule: violation.ruleName,
    severity: violation.severity === 'fatal' ? 'error' : 'warning',
    role: violation.violatingConstructs[0].cloudFormationResource.logicalId,
    location: violation.violatingConstructs[0].cloudFormationResource.propertyPaths[0],
  }));
  return { outdir, roleChecks, selfCheck };
}

function cli(outdir: string, ...flags: string[]): { status: number; rows: Row[] } {
  let stdout = '';
  const status = main(['check', outdir, '--format', 'json', ...flags], { stdout: (text) => { stdout += text; }, stderr: () => undefined });
  const rows = JSON.parse(stdout).findings.map((finding: any) => {
    const path: Array<string | number> | undefined = finding.subject?.path;
    const inRole = path && path[1] === finding.resource && path.length > 2;
    return { rule: finding.ruleId.replace(/^cdk-iam-role-patterns:/, ''), severity: finding.severity, role: finding.resource, location: inRole ? path.slice(2).join('.') : 'Properties' };
  });
  return { status, rows };
}

describe('one app, every door, the same findings', () => {
  test('RoleChecks and the CLI list the same rule, severity, role and subject; the patterns\' own warnings reach both', () => {
    const { outdir, roleChecks } = synthesize({});
    const { status, rows } = cli(outdir);
    expect(rows.map(key).sort()).toEqual(roleChecks.map(key).sort());
    expect(status).toBe(1);
    const rules = rows.map((row) => row.rule);
    expect(rules).toEqual(expect.arrayContaining(['LambdaLogGroupScope', 'CrossAccountSessionOverOneHour', 'WildcardResource', 'WildcardPrincipal', 'PassRoleOnEveryResource']));
    expect(rows.find((row) => row.rule === 'WildcardPrincipal')?.location).toBe('Properties.AssumeRolePolicyDocument.Statement.0');
    // the acknowledged warning is in neither list: RoleChecks reads it from the construct, the CLI from the assembly's metadata
    expect(rows.some((row) => row.role.startsWith('Queues'))).toBe(false);
    expect(roleChecks.some((row) => row.role.startsWith('Queues'))).toBe(false);
  });

  test('without RoleChecks, the patterns print the warnings the CLI lists for their roles', () => {
    const { outdir, selfCheck } = synthesize(false);
    const patternRoles = cli(outdir).rows.filter((row) => /^(Unnamed|Vendor)/.test(row.role) && row.severity === 'warning').map((row) => row.rule);
    expect(selfCheck.sort()).toEqual(patternRoles.sort());
  });

  test('disabledRules and warningsAsErrors: the same in RoleChecks and the CLI', () => {
    const options = { disabledRules: ['WildcardResource', 'LambdaLogGroupScope'], warningsAsErrors: true };
    const { outdir, roleChecks } = synthesize(options);
    const { status, rows } = cli(outdir, '--disable-rule', 'WildcardResource', '--disable-rule', 'cdk-iam-role-patterns:LambdaLogGroupScope', '--warnings-as-errors');
    expect(rows.map(key).sort()).toEqual(roleChecks.map(key).sort());
    expect(rows.map((row) => row.rule)).not.toContain('WildcardResource');
    expect(rows.map((row) => row.rule)).toContain('CrossAccountSessionOverOneHour');
    expect(status).toBe(1);
  });

  test('aws-cdk-lib\'s helper roles in cdk.out: the CLI knows them by the assembly\'s construct paths and by value, as RoleChecks does', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'helpers-'));
    const scope = new App({ outdir });
    const stack = new Stack(scope, 'Logs', { env: { account: '111122223333', region: 'eu-west-1' } });
    new logs.LogRetention(stack, 'Retention', { logGroupName: '/app/orders', retention: logs.RetentionDays.ONE_WEEK });
    scope.synth();
    let stdout = '';
    expect(main(['check', outdir, '--format', 'json'], { stdout: (text) => { stdout += text; }, stderr: () => undefined })).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.findings).toEqual([]);
    expect(report.summary.summarized).toBe(1); // LogRetention's retention policies on every log group: CDK's, not the app's
  });

  test('the CLI refuses a rule name it does not know, instead of disabling nothing', () => {
    let stderr = '';
    const status = main(['check', 'x.json', '--disable-rule', 'WildcardResources'], { stdout: () => undefined, stderr: (text) => { stderr += text; } });
    expect(status).toBe(2);
    expect(stderr).toMatch(/--disable-rule takes a rule's name, such as WildcardResource, not "WildcardResources"/);
  });
});
