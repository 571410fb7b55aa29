import { readFileSync } from 'fs';
import { join } from 'path';
import { App, Aspects, Stack, Stage, Validations, aws_iam as iam } from 'aws-cdk-lib';
import { LambdaExecutionRole, RoleChecks, RoleChecksProps } from '../src';

interface Report {
  readonly success: boolean;
  readonly violations: { ruleName: string; severity: string; description: string; paths: string[] }[];
  readonly metadata: Record<string, string>;
}

/** Synthesizes an app built by `build` and returns the RoleChecks part of CDK's validation report. */
function synthReport(build: (app: App, stack: Stack) => void, register: (app: App) => void): Report {
  const app = new App({ context: { '@aws-cdk/core:failSynthOnValidationErrors': false } });
  const stack = new Stack(app, 'Stack');
  build(app, stack);
  register(app);
  const { log, error } = console;
  const exitCode = process.exitCode;
  console.log = console.error = () => undefined;
  try {
    const directory = app.synth().directory;
    const report = JSON.parse(readFileSync(join(directory, 'validation-report.json'), 'utf8'));
    const ours = report.pluginReports.find((plugin: any) => plugin.pluginName === 'cdk-iam-role-patterns');
    if (!ours) return { success: true, violations: [], metadata: {} }; // CDK leaves out a plugin that reported nothing
    const paths = (violation: any) => violation.violatingConstructs.map((construct: any) => construct.constructPath);
    return {
      success: ours.conclusion === 'success',
      violations: ours.violations.map((violation: any) => ({
        ruleName: violation.ruleName, severity: violation.severity, description: violation.description, paths: paths(violation),
      })),
      metadata: ours.metadata ?? {},
    };
  } finally {
    console.log = log;
    console.error = error;
    process.exitCode = exitCode;
  }
}

const asPlugin = (props?: RoleChecksProps) => (app: App) => Validations.of(app).addPlugins(new RoleChecks(props));
const asAspect = (props?: RoleChecksProps) => (app: App) => Aspects.of(app).add(new RoleChecks(props));

/** An app with our construct, a plain role, a CfnRole, a role opened by an escape hatch, and an acknowledged warning. */
function mixedApp(_app: App, stack: Stack): void {
  new LambdaExecutionRole(stack, 'Fn', { functionName: 'orders' });
  const plain = new iam.Role(stack, 'Plain', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  plain.addToPolicy(new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: ['*'] }));
  new iam.CfnRole(stack, 'Raw', {
    assumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Federated: 'cognito-identity.amazonaws.com' }, Action: 'sts:AssumeRoleWithWebIdentity' }] },
  });
  const opened = new iam.Role(stack, 'Opened', { assumedBy: new iam.AccountPrincipal('444455556666') });
  (opened.node.defaultChild as iam.CfnRole).addPropertyOverride('AssumeRolePolicyDocument.Statement.0.Principal.AWS', '*');
  const listed = new iam.Role(stack, 'Lister', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  listed.addToPolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: ['*'] }));
  Validations.of(listed).acknowledge({ id: 'cdk-iam-role-patterns:WildcardResource', reason: 'tenants create their queues at run time' });
}

describe('RoleChecks', () => {
  test.each([['a validation plugin', asPlugin()], ['an aspect', asAspect()]])('as %s, checks every role of the app at its construct path', (_name, register) => {
    const report = synthReport(mixedApp, register);
    expect(report.success).toBe(false);
    expect(report.violations.map((violation) => [violation.ruleName, violation.severity, violation.paths]).sort()).toEqual([
      ['cdk-iam-role-patterns:PassRoleOnEveryResource', 'error', ['Stack/Plain/Resource']],
      ['cdk-iam-role-patterns:WebIdentityAudience', 'error', ['Stack/Raw']],
      ['cdk-iam-role-patterns:WildcardPrincipal', 'error', ['Stack/Opened/Resource']],
      ['cdk-iam-role-patterns:WildcardResource', 'warning', ['Stack/Plain/Resource']],
    ].sort());
  });
});

describe('RoleChecks options and reporting', () => {
  const warningOnly = (_app: App, stack: Stack) => {
    const role = new iam.Role(stack, 'Lister', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    role.addToPolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: ['*'] }));
  };

  test('an acknowledged warning is left out of the violations and listed with its reason', () => {
    const report = synthReport(mixedApp, asPlugin());
    expect(report.violations.map((violation) => violation.paths[0])).not.toContain('Stack/Lister/Resource');
    expect(report.metadata).toEqual({
      'acknowledged Stack/Lister/Resource cdk-iam-role-patterns:WildcardResource': 'tenants create their queues at run time',
    });
  });

  test('warnings alone do not fail the validation, unless warningsAsErrors', () => {
    const lenient = synthReport(warningOnly, asPlugin());
    expect(lenient.success).toBe(true);
    expect(lenient.violations.map((violation) => [violation.ruleName, violation.severity])).toEqual([['cdk-iam-role-patterns:WildcardResource', 'warning']]);
    const strict = synthReport(warningOnly, asPlugin({ warningsAsErrors: true }));
    expect(strict.success).toBe(false);
    expect(strict.violations.map((violation) => violation.severity)).toEqual(['error']);
  });

  test('disabled rules are not run and not listed', () => {
    const plugin = new RoleChecks({ disabledRules: ['WildcardResource'] });
    expect(plugin.ruleIds ?? []).not.toContain('cdk-iam-role-patterns:WildcardResource');
    expect(plugin.ruleIds ?? []).toContain('cdk-iam-role-patterns:WildcardPrincipal');
    expect(synthReport(warningOnly, (app) => Validations.of(app).addPlugins(plugin)).violations).toEqual([]);
  });

  test('limits follow raised quotas', () => {
    const manyPolicies = (_app: App, stack: Stack) => {
      const role = new iam.Role(stack, 'Many', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      for (let i = 0; i < 12; i++) role.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName(`Policy${i}`));
    };
    expect(synthReport(manyPolicies, asPlugin()).violations.map((violation) => violation.ruleName)).toEqual(['cdk-iam-role-patterns:ManagedPoliciesPerRole']);
    expect(synthReport(manyPolicies, asPlugin({ limits: { managedPoliciesPerRole: 20 } })).violations).toEqual([]);
  });

  test('the aspect checks the roles of nested stages once', () => {
    const nested = (app: App) => {
      const stage = new Stage(app, 'Prod');
      const stack = new Stack(stage, 'Api');
      new iam.Role(stack, 'Open', { assumedBy: new iam.AnyPrincipal() });
    };
    const report = synthReport(nested, asAspect());
    expect(report.violations.map((violation) => [violation.ruleName, violation.paths])).toEqual([
      ['cdk-iam-role-patterns:WildcardPrincipal', ['Prod/Api/Open/Resource']],
    ]);
  });

  test('a library role with no findings draws none', () => {
    const report = synthReport((_app, stack) => new LambdaExecutionRole(stack, 'Fn', { functionName: 'orders' }), asPlugin());
    expect(report).toMatchObject({ success: true, violations: [] });
  });
});
