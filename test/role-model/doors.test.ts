import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, CfnCondition, CfnJson, CfnParameter, CfnResource, Fn, NestedStack, Stack, Validations, aws_iam as iam } from 'aws-cdk-lib';
import { LambdaExecutionRole, RoleChecks } from '../../src';
import { main } from '../../src/cli/main';

/**
 * Apps that are insecure only through a route the role model follows, checked through the three doors: the
 * pattern's self-check (synth throws), RoleChecks (CDK's validation report) and the CLI on the cloud assembly.
 */

const PASS_ROLE_EVERYWHERE = new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: ['*'] });
const PASS_ONE_ROLE = new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: ['arn:aws:iam::111122223333:role/app-worker'] });
const PASS_ROLE_FINDING = 'cdk-iam-role-patterns:PassRoleOnEveryResource';

interface Verdicts {
  /** The RoleChecks violations: rule and construct path. */
  readonly roleChecks: string[];
  /** The CLI's findings on the cloud assembly: rule and resource. */
  readonly cli: string[];
  /** The messages of the CLI's error findings. */
  readonly messages?: string[];
}

/** Synthesizes with RoleChecks (CDK's self-checks skipped where a test wants only the other doors) and runs the CLI. */
function verdicts(build: (app: App) => void): Verdicts {
  const outdir = mkdtempSync(join(tmpdir(), 'doors-'));
  const app = new App({ outdir, context: { '@aws-cdk/core:failSynthOnValidationErrors': false } });
  build(app);
  Validations.of(app).addPlugins(new RoleChecks());
  const { log, error } = console;
  const exitCode = process.exitCode;
  console.log = console.error = () => undefined;
  let report: any;
  try {
    app.synth();
    report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8'));
  } catch {
    report = { pluginReports: [] };
  } finally {
    console.log = log;
    console.error = error;
    process.exitCode = exitCode;
  }
  const ours = report.pluginReports.find((plugin: any) => plugin.pluginName === 'cdk-iam-role-patterns');
  // RoleChecks reports errors as fatal (never acknowledgeable) and names rules without the prefix its source gives
  const roleChecks = (ours?.violations ?? []).filter((violation: any) => violation.severity === 'fatal')
    .flatMap((violation: any) => violation.violatingConstructs.map((construct: any) =>
      `cdk-iam-role-patterns:${violation.ruleName} ${construct.constructPath ?? construct.resourceLogicalId}`));
  let stdout = '';
  main(['check', outdir, '--format', 'json'], { stdout: (text) => { stdout += text; }, stderr: () => undefined });
  const cli = JSON.parse(stdout).findings.filter((finding: any) => finding.severity === 'error').map((finding: any) => `${finding.ruleId} ${finding.resource}`);
  const messages = JSON.parse(stdout).findings.filter((finding: any) => finding.severity === 'error').map((finding: any) => finding.message);
  return { roleChecks: roleChecks.sort(), cli: cli.sort(), ...(messages.length > 0 ? { messages } : {}) };
}

/** Whether the pattern's own self-check fails the synth with the rule. */
function selfCheckFails(build: (app: App) => void, rule: string): boolean {
  const app = new App();
  build(app);
  try {
    app.synth();
    return false;
  } catch (error) {
    return (error as Error).message.includes(rule);
  }
}

type Attach = (stack: Stack, role: iam.Role, statement: iam.PolicyStatement) => void;

/** The routes by which a policy in the role's own stack reaches it without `role.addToPolicy`. */
const SAME_STACK_ROUTES: Record<string, Attach> = {
  'iam.CfnRolePolicy': (stack, role, statement) => {
    new iam.CfnRolePolicy(stack, 'Extra', { roleName: role.roleName, policyName: 'extra', policyDocument: new iam.PolicyDocument({ statements: [statement] }) });
  },
  'iam.CfnPolicy with roles: [role.roleName]': (stack, role, statement) => {
    new iam.CfnPolicy(stack, 'Extra', { roles: [role.roleName], policyName: 'extra', policyDocument: new iam.PolicyDocument({ statements: [statement] }) });
  },
  'iam.ManagedPolicy with roles: [role]': (stack, role, statement) => {
    new iam.ManagedPolicy(stack, 'Extra', { roles: [role], statements: [statement] });
  },
  'Role.fromRoleArn(role.roleArn).addToPrincipalPolicy': (stack, role, statement) => {
    iam.Role.fromRoleArn(stack, 'Imported', role.roleArn).addToPrincipalPolicy(statement);
  },
  'Role.fromRoleName(literal name).addToPrincipalPolicy': (stack, _role, statement) => {
    iam.Role.fromRoleName(stack, 'Imported', 'orders-fn').addToPrincipalPolicy(statement);
  },
};

/**
 * The role is a pattern for the self-check's door; a plain role of the same name and path for the other two
 * (a pattern's failing self-check stops the synth before RoleChecks runs and the assembly is written).
 */
function sameStackApp(attach: Attach, statement: iam.PolicyStatement, pattern: boolean): (app: App) => void {
  return (app) => {
    const stack = new Stack(app, 'Orders');
    const role = pattern
      ? new LambdaExecutionRole(stack, 'Fn', { functionName: 'orders', roleName: 'orders-fn' })
      : new iam.Role(stack, 'Fn', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'), roleName: 'orders-fn' });
    attach(stack, role, statement);
  };
}

describe('a policy that reaches a pattern role by another route, in its stack', () => {
  test.each(Object.entries(SAME_STACK_ROUTES))('%s: all three doors refuse iam:PassRole on *', (_name, attach) => {
    expect(selfCheckFails(sameStackApp(attach, PASS_ROLE_EVERYWHERE, true), PASS_ROLE_FINDING)).toBe(true);
    const { roleChecks, cli } = verdicts(sameStackApp(attach, PASS_ROLE_EVERYWHERE, false));
    expect(roleChecks).toEqual([`${PASS_ROLE_FINDING} Orders/Fn/Resource`]);
    expect(cli).toEqual([expect.stringMatching(new RegExp(`^${PASS_ROLE_FINDING} Fn`))]);
  });

  test.each(Object.entries(SAME_STACK_ROUTES))('%s: all three doors accept iam:PassRole on one role', (_name, attach) => {
    expect(selfCheckFails(sameStackApp(attach, PASS_ONE_ROLE, true), 'cdk-iam-role-patterns')).toBe(false);
    expect(verdicts(sameStackApp(attach, PASS_ONE_ROLE, false))).toEqual({ roleChecks: [], cli: [] });
  });
});

describe('forms only RoleChecks and the CLI can see: other stacks and nested stacks', () => {
  const crossStack = (statement: iam.PolicyStatement) => (app: App) => {
    const owner = new Stack(app, 'Owner');
    const role = new iam.Role(owner, 'Worker', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    iam.Role.fromRoleArn(new Stack(app, 'Grants'), 'Imported', role.roleArn).addToPrincipalPolicy(statement);
  };

  test('a policy in another stack reaches the role through an export', () => {
    expect(verdicts(crossStack(PASS_ROLE_EVERYWHERE))).toMatchObject({
      roleChecks: [`${PASS_ROLE_FINDING} Owner/Worker/Resource`],
      cli: [expect.stringMatching(new RegExp(`^${PASS_ROLE_FINDING} Worker`))],
    });
    expect(verdicts(crossStack(PASS_ONE_ROLE))).toEqual({ roleChecks: [], cli: [] });
  });

  const nested = (principal: iam.IPrincipal, statement: iam.PolicyStatement) => (app: App) => {
    const stack = new Stack(app, 'Top');
    const parentRole = new iam.Role(stack, 'Parent', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    const inner = new NestedStack(stack, 'Inner');
    new iam.Role(inner, 'InnerRole', { assumedBy: principal });
    new iam.Policy(inner, 'Grant', { statements: [statement] }).attachToRole(parentRole);
  };

  test('a role in a nested stack, and a nested policy attached to the parent\'s role through a parameter', () => {
    const { roleChecks, cli } = verdicts(nested(new iam.AnyPrincipal(), PASS_ROLE_EVERYWHERE));
    expect(roleChecks).toEqual([
      `${PASS_ROLE_FINDING} Top/Parent/Resource`,
      'cdk-iam-role-patterns:WildcardPrincipal Top/Inner/InnerRole/Resource',
    ]);
    expect(cli).toEqual([
      expect.stringMatching(new RegExp(`^${PASS_ROLE_FINDING} Parent`)),
      expect.stringMatching(/^cdk-iam-role-patterns:WildcardPrincipal InnerNestedStackInnerNestedStackResource\w+\/InnerRole\w+$/),
    ]);
    expect(verdicts(nested(new iam.ServicePrincipal('lambda.amazonaws.com'), PASS_ONE_ROLE))).toEqual({ roleChecks: [], cli: [] });
  });

  const parentPolicy = (statement: iam.PolicyStatement) => (app: App) => {
    const stack = new Stack(app, 'Top');
    const inner = new NestedStack(stack, 'Inner');
    const worker = new iam.Role(inner, 'Worker', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    new iam.Policy(stack, 'Grant', { statements: [statement] }).attachToRole(worker);
  };

  test('a parent\'s iam.Policy attached to a role in a nested stack reaches it through the nested stack\'s output', () => {
    const { roleChecks, cli } = verdicts(parentPolicy(PASS_ROLE_EVERYWHERE));
    expect(roleChecks).toEqual([`${PASS_ROLE_FINDING} Top/Inner/Worker/Resource`]);
    expect(cli).toEqual([expect.stringMatching(new RegExp(`^${PASS_ROLE_FINDING} InnerNestedStackInnerNestedStackResource\\w+/Worker\\w+$`))]);
    expect(verdicts(parentPolicy(PASS_ONE_ROLE))).toEqual({ roleChecks: [], cli: [] });
  });

  test('ArnPrincipal(Fn.conditionIf(...)): the finding says under which condition it holds', () => {
    const build = (open: string) => (app: App) => {
      const stack = new Stack(app, 'Shared');
      const exposure = new CfnParameter(stack, 'Exposure');
      new CfnCondition(stack, 'Open', { expression: Fn.conditionEquals(exposure.valueAsString, 'public') });
      new iam.Role(stack, 'Reader', { assumedBy: new iam.ArnPrincipal(Fn.conditionIf('Open', open, 'arn:aws:iam::111122223333:role/ci').toString()) });
    };
    const open = verdicts(build('*'));
    expect(open.roleChecks).toEqual(['cdk-iam-role-patterns:WildcardPrincipal Shared/Reader/Resource']);
    expect(open.messages).toEqual([expect.stringMatching(/\(when condition Open is true\)$/)]);
    expect(verdicts(build('arn:aws:iam::111122223333:role/ops'))).toEqual({ roleChecks: [], cli: [] });
  });
});

describe('IRSA written by hand: conditions through a CfnJson, as the EKS guides show', () => {
  const irsa = (keys: (issuer: string) => Record<string, string>) => (app: App) => {
    const stack = new Stack(app, 'Pods');
    const issuer = new CfnParameter(stack, 'Issuer').valueAsString;
    const provider = `arn:aws:iam::111122223333:oidc-provider/${issuer}`;
    const conditions = new CfnJson(stack, 'Conditions', { value: keys(issuer) });
    new iam.Role(stack, 'Ledger', { assumedBy: new iam.FederatedPrincipal(provider, { StringLike: conditions }, 'sts:AssumeRoleWithWebIdentity') });
  };

  test('a sub that names any service account is an error in RoleChecks and the CLI; the pinned one is clean', () => {
    const open = verdicts(irsa((issuer) => ({ [`${issuer}:aud`]: 'sts.amazonaws.com', [`${issuer}:sub`]: 'system:serviceaccount:*' })));
    expect(open.roleChecks).toEqual(['cdk-iam-role-patterns:WebIdentitySubject Pods/Ledger/Resource']);
    expect(open.cli).toEqual([expect.stringMatching(/^cdk-iam-role-patterns:WebIdentitySubject Ledger/)]);
    const pinned = verdicts(irsa((issuer) => ({ [`${issuer}:aud`]: 'sts.amazonaws.com', [`${issuer}:sub`]: 'system:serviceaccount:payments:ledger' })));
    expect(pinned).toEqual({ roleChecks: [], cli: [] });
  });
});

describe('escape hatches that write a document as a JSON string', () => {
  const overridden = (principal: unknown, pattern = true) => (app: App) => {
    const stack = new Stack(app, 'Orders');
    const role = pattern
      ? new LambdaExecutionRole(stack, 'Fn', { functionName: 'orders' })
      : new iam.Role(stack, 'Fn', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    (role.node.defaultChild as CfnResource).addPropertyOverride('AssumeRolePolicyDocument', JSON.stringify({
      Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' }],
    }));
  };

  test('addPropertyOverride with JSON.stringify(document) is read as the document by every door', () => {
    expect(selfCheckFails(overridden({ AWS: '*' }), 'cdk-iam-role-patterns:WildcardPrincipal')).toBe(true);
    const { roleChecks, cli } = verdicts(overridden({ AWS: '*' }, false));
    expect(roleChecks).toContain('cdk-iam-role-patterns:WildcardPrincipal Orders/Fn/Resource');
    expect(cli).toEqual(expect.arrayContaining([expect.stringMatching(/^cdk-iam-role-patterns:WildcardPrincipal Fn/)]));
    expect(selfCheckFails(overridden({ Service: 'lambda.amazonaws.com' }), 'cdk-iam-role-patterns')).toBe(false);
  });
});

describe('AWS managed policies are read from their contents by every door', () => {
  const withManaged = (name: string, pattern: boolean) => (app: App) => {
    const stack = new Stack(app, 'Ops');
    const managedPolicies = [iam.ManagedPolicy.fromAwsManagedPolicyName(name)];
    if (pattern) new LambdaExecutionRole(stack, 'Fn', { functionName: 'ops', managedPolicies });
    else new iam.Role(stack, 'Fn', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'), managedPolicies });
  };

  test.each([
    ['AdministratorAccess', 'cdk-iam-role-patterns:FullAdministratorAccess'],
    ['IAMFullAccess', 'cdk-iam-role-patterns:PrivilegeEscalation'],
    ['PowerUserAccess', 'cdk-iam-role-patterns:PrivilegeEscalation'],
  ])('%s is an error (%s)', (name, rule) => {
    expect(selfCheckFails(withManaged(name, true), rule)).toBe(true);
    const { roleChecks, cli } = verdicts(withManaged(name, false));
    expect(roleChecks).toContain(`${rule} Ops/Fn/Resource`);
    expect(cli).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^${rule} Fn`))]));
  });

  test.each([['ReadOnlyAccess'], ['SecurityAudit']])('%s draws no error', (name) => {
    expect(selfCheckFails(withManaged(name, true), 'cdk-iam-role-patterns')).toBe(false);
    expect(verdicts(withManaged(name, false))).toEqual({ roleChecks: [], cli: [] });
  });
});
