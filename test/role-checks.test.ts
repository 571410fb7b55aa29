import { readFileSync } from 'fs';
import { join } from 'path';
import { App, Aspects, RemovalPolicy, Stack, Stage, Validations, aws_iam as iam, aws_lambda as lambda, aws_logs as logs, aws_s3 as s3 } from 'aws-cdk-lib';
import { LambdaExecutionRole, RoleChecks, RoleChecksProps } from '../src';

interface Report {
  readonly success: boolean;
  readonly violations: { ruleName: string; severity: string; description: string; fix?: string; paths: string[] }[];
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
        ruleName: violation.ruleName,
        severity: violation.severity,
        description: violation.description,
        fix: violation.suggestedFix,
        paths: paths(violation),
      })),
      metadata: ours.metadata ?? {},
    };
  } finally {
    console.log = log;
    console.error = error;
    process.exitCode = exitCode;
  }
}

/** What the synth of an app with RoleChecks prints on standard error (CDK prints no report when nothing is found). */
function printedBySynth(build: (stack: Stack) => void): string[] {
  const lines: string[] = [];
  const { error } = console;
  console.error = (line: unknown) => { lines.push(String(line)); };
  try {
    const app = new App();
    build(new Stack(app, 'Stack'));
    Validations.of(app).addPlugins(new RoleChecks());
    app.synth();
  } finally {
    console.error = error;
  }
  return lines;
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
      ['PassRoleOnEveryResource', 'fatal', ['Stack/Plain/Resource']],
      ['WebIdentityAudience', 'fatal', ['Stack/Raw']],
      ['WildcardPrincipal', 'fatal', ['Stack/Opened/Resource']],
    ].sort()); // PassRole on "*" is one problem: the error says it, no WildcardResource warning repeats it

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
      'summary': 'cdk-iam-role-patterns RoleChecks: 5 role(s) checked, 3 error(s), 0 warning(s), 1 warning(s) acknowledged',
    });
  });

  test('warnings alone do not fail the validation, unless warningsAsErrors', () => {
    const lenient = synthReport(warningOnly, asPlugin());
    expect(lenient.success).toBe(true);
    expect(lenient.violations.map((violation) => [violation.ruleName, violation.severity])).toEqual([['WildcardResource', 'warning']]);
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
    expect(synthReport(manyPolicies, asPlugin()).violations.map((violation) => violation.ruleName)).toEqual(['ManagedPoliciesPerRole']);
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
      ['WildcardPrincipal', ['Prod/Api/Open/Resource']],
    ]);
  });

  test('an error is fatal: no acknowledgement in any form, on the role or anywhere else, silences it', () => {
    const acknowledgedEverywhere = (app: App, stack: Stack) => {
      const open = new iam.Role(stack, 'Open', { assumedBy: new iam.AnyPrincipal() });
      const other = new Stack(app, 'Other');
      for (const id of ['cdk-iam-role-patterns:WildcardPrincipal', 'cdk-iam-role-patterns::WildcardPrincipal']) {
        Validations.of(open).acknowledge({ id, reason: 'trying' });
        Validations.of(other).acknowledge({ id, reason: 'trying' });
      }
    };
    const report = synthReport(acknowledgedEverywhere, asPlugin());
    expect(report.success).toBe(false);
    expect(report.violations.map((violation) => [violation.ruleName, violation.severity])).toEqual([['WildcardPrincipal', 'fatal']]);
    expect(report.violations[0].fix).toBeUndefined(); // no acknowledgement hint on an error
  });

  test('a warning\'s fix is the README\'s acknowledgement on the role; CDK\'s app-wide plugin form is called out as app-wide', () => {
    expect(synthReport(warningOnly, asPlugin()).violations[0].fix)
      .toBe('Change the role, or acknowledge the warning on the role with the reason: '
        + 'Validations.of(role).acknowledge({ id: \'cdk-iam-role-patterns:WildcardResource\', reason: \'...\' })');
    const appWide = synthReport((app, stack) => {
      warningOnly(app, stack);
      new iam.Role(stack, 'Open', { assumedBy: new iam.AnyPrincipal() });
      Validations.of(new Stack(app, 'Other')).acknowledge({ id: 'cdk-iam-role-patterns::WildcardResource', reason: 'everywhere' });
    }, asPlugin());
    expect(appWide.violations.map((violation) => violation.ruleName)).toEqual(['WildcardPrincipal']); // CDK silenced the warning app-wide
    expect(appWide.metadata['app-wide acknowledgement cdk-iam-role-patterns::WildcardResource at Other'])
      .toMatch(/^CDK applies this form to every role of the app: it silences that warning everywhere \(never an error\)\. To acknowledge one role, use /);
  });

  test('a clean run says in one line that it ran: roles checked, warnings acknowledged', () => {
    const lines = printedBySynth((stack) => {
      new LambdaExecutionRole(stack, 'Fn', { functionName: 'orders' });
      const listed = new iam.Role(stack, 'Lister', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      listed.addToPolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: ['*'] }));
      Validations.of(listed).acknowledge({ id: 'cdk-iam-role-patterns:WildcardResource', reason: 'tenants create their queues at run time' });
    });
    expect(lines).toContain('cdk-iam-role-patterns RoleChecks: 2 role(s) checked, 0 error(s), 0 warning(s), 1 warning(s) acknowledged');
  });

  test('a library role with no findings draws none', () => {
    const report = synthReport((_app, stack) => new LambdaExecutionRole(stack, 'Fn', { functionName: 'orders' }), asPlugin());
    expect(report).toMatchObject({ success: true, violations: [] });
  });
});

describe('RoleChecks and the roles aws-cdk-lib makes for its helpers', () => {
  // logRetention is deprecated in favour of logGroup, but apps still use it, and it is what makes CDK's helper role
  const deprecated = process.env.JSII_DEPRECATED;
  beforeAll(() => { process.env.JSII_DEPRECATED = 'quiet'; });
  afterAll(() => {
    if (deprecated === undefined) delete process.env.JSII_DEPRECATED;
    else process.env.JSII_DEPRECATED = deprecated;
  });

  const withHelpers = (_app: App, stack: Stack) => {
    // LogRetention's role may put retention policies on every log group: a WildcardResource warning CDK fixes, not the user
    new lambda.Function(stack, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('x'), logRetention: logs.RetentionDays.ONE_DAY });
    new s3.Bucket(stack, 'Bucket', { autoDeleteObjects: true, removalPolicy: RemovalPolicy.DESTROY });
  };

  test('by default a helper\'s warnings are one line per helper, with the reason, not violations on hashed ids', () => {
    const report = synthReport(withHelpers, asPlugin());
    expect(report.violations).toEqual([]);
    expect(report.success).toBe(true);
  });

  test('the summary names the helper and why (printed when nothing else is reported)', () => {
    const lines = printedBySynth((stack) => withHelpers(stack.node.scope as App, stack));
    expect(lines.join('\n')).toMatch(/aws-cdk-lib helper LogRetention: 1 warning\(s\) on 1 role\(s\) not listed: created by aws-cdk-lib's LogRetention; its policy is fixed by CDK/);
  });

  test('checkCdkHelperRoles: true checks them like any other role', () => {
    const report = synthReport(withHelpers, asPlugin({ checkCdkHelperRoles: true }));
    expect(report.violations.map((violation) => [violation.ruleName, violation.paths[0]])).toEqual([
      ['WildcardResource', expect.stringMatching(/^Stack\/LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a\/ServiceRole\/Resource$/)],
    ]);
  });

  test('a helper role the app added a permission to is checked like any other role: its error, and its warnings too', () => {
    const report = synthReport((_app, stack) => {
      new lambda.Function(stack, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('x'), logRetention: logs.RetentionDays.ONE_DAY });
      const helperRole = stack.node.findChild('LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a').node.findChild('ServiceRole') as iam.Role;
      helperRole.addToPolicy(new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: ['*'] }));
    }, asPlugin());
    expect(report.violations.map((violation) => [violation.ruleName, violation.severity])).toEqual([
      ['PassRoleOnEveryResource', 'fatal'], ['WildcardResource', 'warning'], // the helper's own logs:* on "*"; PassRole is the error's alone
    ]);
  });
});

describe('RoleChecks({ strict: true })', () => {
  const orphanPolicy = (_app: App, stack: Stack) => {
    iam.Role.fromRoleName(stack, 'Elsewhere', 'made-in-another-app').addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] }));
  };
  const plugin = (props: RoleChecksProps) => (app: App) => Validations.of(app).addPlugins(new RoleChecks(props));

  test('a policy on a role in none of the app\'s templates: listed and counted by default, a NotChecked error under strict', () => {
    const lenient = synthReport(orphanPolicy, plugin({}));
    expect(lenient.success).toBe(true);
    const printed = printedBySynth((stack) => orphanPolicy(stack.node.root as App, stack)).join('\n');
    expect(printed).toMatch(/0 error\(s\), 0 warning\(s\), 0 warning\(s\) acknowledged, 1 part\(s\) not checked\n/);
    expect(printed).toMatch(/not checked 1: .*names the role made-in-another-app, which is in none of the templates checked/);
    const strict = synthReport(orphanPolicy, plugin({ strict: true }));
    expect(strict.success).toBe(false);
    expect(strict.violations).toEqual([expect.objectContaining({ ruleName: 'NotChecked', severity: 'error', description: expect.stringMatching(/^not checked \(strict mode\): /) })]);
  });

  test('an app where everything was read passes under strict', () => {
    const report = synthReport((_app, stack) => {
      new iam.Role(stack, 'Fn', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    }, plugin({ strict: true }));
    expect(report.success).toBe(true);
    expect(report.violations).toEqual([]);
  });
});

describe('RoleChecks options from plain JavaScript', () => {
  test('a misspelt option is named with the closest one', () => {
    expect(() => new RoleChecks({ warningsAsError: true } as any)).toThrow(/`warningsAsError` is not an option of RoleChecks; did you mean `warningsAsErrors`\?/);
    expect(() => new RoleChecks({ strict: true, disabledRules: [] })).not.toThrow();
  });
});
