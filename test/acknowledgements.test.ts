import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Annotations, App, Stack, Validations, aws_iam as iam } from 'aws-cdk-lib';
import { LambdaExecutionRole, RoleChecks } from '../src';
import { main } from '../src/cli/main';

/**
 * Every form CDK offers to acknowledge a warning works the same in every door, and an acknowledged error says
 * that errors cannot be acknowledged.
 */
interface Synth {
  readonly violations: string[];
  readonly summary: string;
  readonly annotationWarnings: string[];
  readonly cli: { warnings: number; acknowledged: number };
  readonly descriptions: string[];
}

function synth(build: (stack: Stack, app: App) => void, withRoleChecks = true): Synth {
  const outdir = mkdtempSync(join(tmpdir(), 'ack-'));
  const app = new App({ outdir, context: { '@aws-cdk/core:failSynthOnValidationErrors': false } });
  build(new Stack(app, 'Stack', { env: { account: '111122223333', region: 'eu-west-1' } }), app);
  if (withRoleChecks) Validations.of(app).addPlugins(new RoleChecks());
  const printed: string[] = [];
  const { error, log } = console;
  const exitCode = process.exitCode;
  console.error = console.log = (line: unknown) => { printed.push(String(line)); };
  let assembly;
  try {
    assembly = app.synth();
  } finally {
    console.error = error;
    console.log = log;
    process.exitCode = exitCode;
  }
  let report: any = { pluginReports: [] };
  try {
    report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8'));
  } catch {
    // CDK writes no report when no plugin reported anything
  }
  const ours = report.pluginReports.find((plugin: any) => plugin.pluginName === 'cdk-iam-role-patterns');
  let stdout = '';
  main(['check', outdir, '--format', 'json'], { stdout: (text) => { stdout += text; }, stderr: () => undefined });
  return {
    violations: (ours?.violations ?? []).map((violation: any) => `${violation.ruleName}:${violation.severity}`),
    descriptions: (ours?.violations ?? []).map((violation: any) => violation.description),
    summary: ours?.metadata?.summary ?? printed.find((line) => line.startsWith('cdk-iam-role-patterns RoleChecks')) ?? '',
    annotationWarnings: assembly.stacks.flatMap((stack) => stack.messages).filter((message) => message.level === 'warning').map((message) => String(message.entry.data)),
    cli: JSON.parse(stdout).summary,
  };
}

const wideQueues = new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: ['*'] });

describe('acknowledging a warning, in every form CDK offers', () => {
  test.each([
    ['the id CDK prints after the warning', 'annotation::cdk-iam-role-patterns:WildcardResource'],
    ['the rule id alone', 'cdk-iam-role-patterns:WildcardResource'],
  ])('Annotations.of(role).acknowledgeWarning with %s: RoleChecks, the pattern\'s own check and the CLI count it acknowledged', (_form, id) => {
    const acknowledged = synth((stack) => {
      const fn = new LambdaExecutionRole(stack, 'Fn', { functionName: 'orders' });
      fn.addToPolicy(wideQueues);
      const plain = new iam.Role(stack, 'Plain', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      plain.addToPolicy(wideQueues);
      Annotations.of(fn).acknowledgeWarning(id);
      Annotations.of(plain).acknowledgeWarning(id);
    });
    expect(acknowledged.violations).toEqual([]);
    expect(acknowledged.summary).toMatch(/2 role\(s\) checked, 0 error\(s\), 0 warning\(s\), 2 warning\(s\) acknowledged/);
    expect(acknowledged.cli).toMatchObject({ warnings: 1, acknowledged: 1 }); // the plain role's acknowledgement is not in its template
    const unacknowledged = synth((stack) => new LambdaExecutionRole(stack, 'Fn', { functionName: 'orders' }).addToPolicy(wideQueues));
    expect(unacknowledged.violations).toEqual(['WildcardResource:warning']);
  });

  test('without RoleChecks, an Annotations acknowledgement keeps the pattern\'s own warning away too', () => {
    const build = (acknowledge: boolean) => (stack: Stack) => {
      const fn = new LambdaExecutionRole(stack, 'Fn', { functionName: 'orders' });
      fn.addToPolicy(wideQueues);
      if (acknowledge) Annotations.of(fn).acknowledgeWarning('annotation::cdk-iam-role-patterns:WildcardResource');
    };
    expect(synth(build(false), false).annotationWarnings).toEqual([expect.stringContaining('cdk-iam-role-patterns:WildcardResource')]);
    expect(synth(build(true), false).annotationWarnings).toEqual([]);
  });

  test('CDK\'s plugin form silences the warning on every role of the app, as CDK applies it, and RoleChecks counts it so', () => {
    const result = synth((stack, app) => {
      const role = new iam.Role(stack, 'Plain', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      role.addToPolicy(wideQueues);
      Validations.of(new Stack(app, 'Elsewhere')).acknowledge({ id: 'cdk-iam-role-patterns::WildcardResource', reason: 'queues are made at run time' });
    });
    expect(result.violations).toEqual([]);
    expect(result.summary).toMatch(/0 warning\(s\), 1 warning\(s\) acknowledged/);
  });

  test('acknowledging an error does not silence it, and the message says errors cannot be acknowledged', () => {
    const result = synth((stack) => {
      const open = new iam.Role(stack, 'Open', { assumedBy: new iam.AnyPrincipal() });
      Validations.of(open).acknowledge({ id: 'cdk-iam-role-patterns:WildcardPrincipal', reason: 'we know' });
    });
    expect(result.violations).toEqual(['WildcardPrincipal:fatal']);
    expect(result.descriptions[0]).toMatch(/This error was acknowledged \("we know"\), but errors cannot be acknowledged/);
    const quiet = synth((stack) => new iam.Role(stack, 'Open', { assumedBy: new iam.AnyPrincipal() }));
    expect(quiet.descriptions[0]).not.toMatch(/cannot be acknowledged/);
  });
});
