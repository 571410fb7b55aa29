import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, CfnParameter, Stack, Validations, aws_iam as iam } from 'aws-cdk-lib';
import { BreakGlassRole, CrossAccountRole, LambdaExecutionRole, RoleChecks, WebIdentityProvider, WebIdentityRole } from '../../src';
import { main } from '../../src/cli/main';

/**
 * One verdict per role, whatever the door: the same app through the patterns' own checks, RoleChecks, and the
 * CLI on its cloud assembly. Each pattern records in its resource's Metadata what it relaxed and what was
 * acknowledged, so RoleChecks and the CLI do not fail an administrator break-glass role acknowledged in the app,
 * nor report the EKS token-issuer role's acknowledged warning; and RoleChecks does not repeat what a pattern's
 * own check reported.
 */
function build(app: App, extraStatement?: iam.PolicyStatement): void {
  const stack = new Stack(app, 'Roles', { env: { account: '111122223333', region: 'eu-west-1' } });
  const fn = new LambdaExecutionRole(stack, 'Fn', { functionName: 'orders' });
  if (extraStatement) fn.addToPolicy(extraStatement);
  new CrossAccountRole(stack, 'Vendor', { trustedAccounts: ['444455556666'], thirdParty: true, externalId: '8f14e45f-ceea-467f-a0e6-e1d2c3b4a596' });
  new WebIdentityRole(stack, 'Deploy', { provider: WebIdentityProvider.githubActions({ owner: 'ride-co', repository: 'api', branches: ['main'] }) });
  const admin = new BreakGlassRole(stack, 'Admin', {
    trustedPrincipalArns: ['arn:aws:iam::111122223333:user/servicedesk/*'],
    managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')],
    alertEmails: ['oncall@example.com'],
  });
  Validations.of(admin).acknowledge({ id: 'cdk-iam-role-patterns:FullAdministratorAccess', reason: 'the break-glass role of the platform team' });
  const issuer = new CfnParameter(stack, 'Issuer').valueAsString;
  new WebIdentityRole(stack, 'Ledger', { provider: WebIdentityProvider.eksServiceAccount({ oidcIssuer: issuer, namespace: 'payments', serviceAccount: 'ledger' }) });
}

interface Doors {
  readonly selfCheckWarnings: string[];
  readonly roleChecks: string[];
  readonly cli: { warnings: number; errors: number; acknowledged: number; rules: string[] };
}

function throughEveryDoor(extraStatement?: iam.PolicyStatement): Doors {
  const outdir = mkdtempSync(join(tmpdir(), 'verdict-'));
  const app = new App({ outdir, context: { '@aws-cdk/core:failSynthOnValidationErrors': false } });
  build(app, extraStatement);
  Validations.of(app).addPlugins(new RoleChecks());
  const { log, error } = console;
  console.log = console.error = () => undefined;
  const exitCode = process.exitCode;
  let assembly;
  try {
    assembly = app.synth();
  } finally {
    console.log = log;
    console.error = error;
    process.exitCode = exitCode;
  }
  const selfCheckWarnings = assembly.stacks.flatMap((stack) => stack.messages).filter((message) => message.level === 'warning').map((message) => String(message.entry.data));
  const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8'));
  const ours = report.pluginReports.find((plugin: any) => plugin.pluginName === 'cdk-iam-role-patterns');
  const roleChecks = (ours?.violations ?? []).map((violation: any) => violation.ruleName);
  let stdout = '';
  main(['check', outdir, '--format', 'json'], { stdout: (text) => { stdout += text; }, stderr: () => undefined });
  const cliReport = JSON.parse(stdout);
  return {
    selfCheckWarnings,
    roleChecks,
    cli: { ...cliReport.summary, rules: cliReport.findings.map((finding: any) => finding.ruleId) },
  };
}

describe('one verdict per role, whatever the door', () => {
  test('the defaults, an acknowledged administrator break-glass role, and the EKS token-issuer role: nothing to report anywhere', () => {
    const doors = throughEveryDoor();
    expect(doors.selfCheckWarnings).toEqual([]);
    expect(doors.roleChecks).toEqual([]);
    expect(doors.cli).toMatchObject({ errors: 0, warnings: 0, rules: [] });
    expect(doors.cli.acknowledged).toBeGreaterThanOrEqual(2); // the break-glass admin and the EKS role's deploy-time condition
  });

  test('a warning found by a pattern\'s own check is reported once: by the pattern, not again by RoleChecks; the CLI reports it too', () => {
    const doors = throughEveryDoor(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: ['*'] }));
    expect(doors.selfCheckWarnings).toEqual([expect.stringContaining('cdk-iam-role-patterns:WildcardResource')]);
    expect(doors.roleChecks).toEqual([]);
    expect(doors.cli).toMatchObject({ errors: 0, warnings: 1, rules: ['cdk-iam-role-patterns:WildcardResource'] });
  });
});
