import { existsSync, mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, CfnParameter, Stack, Validations, aws_cloudtrail as cloudtrail, aws_iam as iam } from 'aws-cdk-lib';
import { AlertTrail, BreakGlassRole, CrossAccountRole, LambdaExecutionRole, RoleChecks, RoleChecksProps, WebIdentityProvider, WebIdentityRole } from '../../src';
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
    trail: AlertTrail.fromTrailRef(cloudtrail.CfnTrail.fromTrailArn(stack, 'OrgTrail', 'arn:aws:cloudtrail:us-east-1:111122223333:trail/organization-trail')),
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

interface DoorOptions {
  /** The app; the default builds one role of each pattern. */
  readonly build?: (app: App) => void;
  /** RoleChecks' options, or false for no RoleChecks. */
  readonly roleChecks?: RoleChecksProps | false;
}

function throughEveryDoor(extraStatement?: iam.PolicyStatement, options: DoorOptions = {}): Doors & { readonly failed: boolean } {
  const outdir = mkdtempSync(join(tmpdir(), 'verdict-'));
  const app = new App({ outdir, context: { '@aws-cdk/core:failSynthOnValidationErrors': false } });
  (options.build ?? ((scope: App) => build(scope, extraStatement)))(app);
  if (options.roleChecks !== false) Validations.of(app).addPlugins(new RoleChecks(options.roleChecks));
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
  const reportFile = join(outdir, 'validation-report.json');
  const report = existsSync(reportFile) ? JSON.parse(readFileSync(reportFile, 'utf8')) : { pluginReports: [] };
  const ours = report.pluginReports.find((plugin: any) => plugin.pluginName === 'cdk-iam-role-patterns');
  const roleChecks = (ours?.violations ?? []).map((violation: any) => `${violation.ruleName}:${violation.severity}`);
  let stdout = '';
  main(['check', outdir, '--format', 'json'], { stdout: (text) => { stdout += text; }, stderr: () => undefined });
  const cliReport = JSON.parse(stdout);
  return {
    failed: ours?.conclusion === 'failure',
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
    expect(doors.cli.acknowledged).toBe(1); // the break-glass admin (the EKS role's conditions are read from its CfnJson)
  });

  test('a warning found by a pattern\'s own check is reported once: by RoleChecks when it runs, with its options; the CLI reports it too', () => {
    const doors = throughEveryDoor(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: ['*'] }));
    expect(doors.selfCheckWarnings).toEqual([]);
    expect(doors.roleChecks).toEqual(['WildcardResource:warning']);
    expect(doors.failed).toBe(false);
    expect(doors.cli).toMatchObject({ errors: 0, warnings: 1, rules: ['cdk-iam-role-patterns:WildcardResource'] });
  });

  test('without RoleChecks, the pattern reports the warning itself', () => {
    const doors = throughEveryDoor(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: ['*'] }), { roleChecks: false });
    expect(doors.selfCheckWarnings).toEqual([expect.stringContaining('cdk-iam-role-patterns:WildcardResource')]);
    expect(doors.roleChecks).toEqual([]);
  });

  test('warningsAsErrors fails synthesis on a pattern role\'s warning; disabledRules silences it', () => {
    const wide = new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: ['*'] });
    const strict = throughEveryDoor(wide, { roleChecks: { warningsAsErrors: true } });
    expect(strict).toMatchObject({ failed: true, selfCheckWarnings: [], roleChecks: ['WildcardResource:error'] });
    const disabled = throughEveryDoor(wide, { roleChecks: { disabledRules: ['WildcardResource'], warningsAsErrors: true } });
    expect(disabled).toMatchObject({ failed: false, selfCheckWarnings: [], roleChecks: [] });
  });

  test('a warning only the construct raises (from its props) reaches RoleChecks, its options and the CLI', () => {
    const lambdaWithoutName = (app: App) => new LambdaExecutionRole(new Stack(app, 'Roles', { env: { account: '111122223333', region: 'eu-west-1' } }), 'Fn');
    const doors = throughEveryDoor(undefined, { build: lambdaWithoutName, roleChecks: { warningsAsErrors: true } });
    expect(doors).toMatchObject({ failed: true, roleChecks: ['LambdaLogGroupScope:error'] });
    expect(doors.cli).toMatchObject({ errors: 0, warnings: 1, rules: ['cdk-iam-role-patterns:LambdaLogGroupScope'] });
    const quiet = throughEveryDoor(undefined, { build: lambdaWithoutName, roleChecks: { disabledRules: ['LambdaLogGroupScope'] } });
    expect(quiet.roleChecks).toEqual([]);
  });

  test('a pattern\'s checkLimits are the limits of every door', () => {
    const longTrust = (app: App) => new CrossAccountRole(new Stack(app, 'Roles', { env: { account: '111122223333', region: 'eu-west-1' } }), 'Partners', {
      trustedAccounts: Array.from({ length: 120 }, (_, i) => String(444455550000 + i)),
      thirdParty: true,
      externalId: '8f14e45f-ceea-467f-a0e6-e1d2c3b4a596',
      checkLimits: { trustPolicyMaxChars: 8192 },
    });
    const doors = throughEveryDoor(undefined, { build: longTrust });
    expect(doors).toMatchObject({ failed: false, roleChecks: [] });
    expect(doors.cli).toMatchObject({ errors: 0, rules: [] });
  });
});
