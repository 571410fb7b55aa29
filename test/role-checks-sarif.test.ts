import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, relative } from 'path';
import { App, Stack, Validations, aws_iam as iam } from 'aws-cdk-lib';
import * as ts from 'typescript';
import { LambdaExecutionRole, RoleChecks, RoleChecksProps } from '../src';
import { framePosition, SourceMaps } from '../src/source-positions';

/** The repository's root, which SARIF paths are relative to (the tests run in it). */
const ROOT = join(__dirname, '..');
const THIS_FILE = relative(ROOT, __filename).split('\\').join('/');

/** The 1-based line of this file that carries a marker comment. */
function lineOf(marker: string): number {
  const lines = readFileSync(__filename, 'utf8').split('\n');
  const found = lines.findIndex((line) => line.includes(`// at: ${marker}`) && !line.includes('lineOf('));
  if (found < 0) throw new Error(`no line marked ${marker}`);
  return found + 1;
}

interface SarifResult {
  readonly ruleId: string;
  readonly level: string;
  readonly message: { readonly text: string };
  readonly locations: {
    physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } };
    logicalLocations: { name: string }[];
  }[];
  readonly relatedLocations?: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
  readonly partialFingerprints: Record<string, string>;
}

interface Synthesized {
  readonly results: SarifResult[];
  readonly log: any;
  /** What CDK printed (its validation report). */
  readonly printed: string;
  /** The exit code CDK set: 1 when a validation plugin failed. */
  readonly exitCode: number | string | undefined;
}

/** Synthesizes an app with RoleChecks writing SARIF, and returns the log's results and what CDK printed. */
function synthWithSarif(build: (stack: Stack) => void, props: RoleChecksProps = {}, context: Record<string, unknown> = {}): Synthesized {
  const sarif = join(mkdtempSync(join(tmpdir(), 'role-checks-sarif-')), 'out', 'roles.sarif');
  const app = new App({ context });
  Validations.of(app).addPlugins(new RoleChecks({ ...props, sarif }));
  build(new Stack(app, 'Stack'));
  const printed: string[] = [];
  const { log, error } = console;
  const exitCode = process.exitCode;
  console.log = console.error = (line: unknown) => { printed.push(String(line)); };
  let synthExitCode: number | string | undefined;
  try {
    app.synth();
    synthExitCode = process.exitCode;
  } finally {
    console.log = log;
    console.error = error;
    process.exitCode = exitCode;
  }
  const written = JSON.parse(readFileSync(sarif, 'utf8'));
  return { results: written.runs[0].results, log: written, printed: printed.join('\n'), exitCode: synthExitCode };
}

describe('RoleChecks({ sarif })', () => {
  test('each result is at the line of the app that created the role, or that added the statement, with the template as a related location', () => {
    const { results, log } = synthWithSarif((stack) => {
      new iam.Role(stack, 'Open', { assumedBy: new iam.AnyPrincipal() }); // at: open role
      const deployer = new iam.Role(stack, 'Deployer', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      deployer.addToPolicy(new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: ['*'] })); // at: pass role
    });
    expect(log.version).toBe('2.1.0');
    const open = results.find((result) => result.ruleId.endsWith(':WildcardPrincipal'))!;
    const passRole = results.find((result) => result.ruleId.endsWith(':PassRoleOnEveryResource'))!;
    expect(open.locations[0].physicalLocation.artifactLocation.uri).toBe(THIS_FILE);
    expect(open.locations[0].physicalLocation.region.startLine).toBe(lineOf('open role'));
    expect(open.locations[0].logicalLocations[0].name).toBe('Stack/Open/Resource');
    expect(passRole.locations[0].physicalLocation.artifactLocation.uri).toBe(THIS_FILE);
    expect(passRole.locations[0].physicalLocation.region.startLine).toBe(lineOf('pass role'));
    for (const result of [open, passRole]) {
      expect(result.level).toBe('error');
      const template = result.relatedLocations![0].physicalLocation;
      expect(template.artifactLocation.uri).toMatch(/Stack\.template\.json$/);
      expect(template.region.startLine).toBeGreaterThan(1);
    }
  });

  test('a statement added by a second addToPolicy is located at the policy, which the first call made', () => {
    const { results } = synthWithSarif((stack) => {
      const role = new iam.Role(stack, 'Worker', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      role.addToPolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: ['arn:aws:sqs:eu-west-1:111122223333:jobs'] })); // at: first statement
      role.addToPolicy(new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: ['*'] }));
    });
    const passRole = results.find((result) => result.ruleId.endsWith(':PassRoleOnEveryResource'))!;
    expect(passRole.locations[0].physicalLocation.region.startLine).toBe(lineOf('first statement'));
  });

  test('a pattern role\'s error, found by its own check, is in the same log at the line of its `new`', () => {
    const { results } = synthWithSarif((stack) => {
      const role = new LambdaExecutionRole(stack, 'Fn', { functionName: 'orders' }); // at: pattern role
      (role.node.defaultChild as iam.CfnRole).addPropertyOverride('AssumeRolePolicyDocument.Statement.0.Principal', { AWS: '*' });
    });
    const errors = results.filter((result) => result.level === 'error');
    expect(errors.length).toBeGreaterThan(0);
    for (const error of errors) {
      expect(error.locations[0].physicalLocation.artifactLocation.uri).toBe(THIS_FILE);
      expect(error.locations[0].physicalLocation.region.startLine).toBe(lineOf('pattern role'));
    }
  });

  test('a clean app writes a log with no results, so fixed alerts close', () => {
    const { results, log } = synthWithSarif((stack) => {
      new LambdaExecutionRole(stack, 'Fn', { functionName: 'orders' });
    });
    expect(results).toEqual([]);
    expect(log.runs[0].tool.driver.rules.length).toBeGreaterThan(10);
  });

  test('without a recorded creation stack, the result is at the template', () => {
    const { results } = synthWithSarif((stack) => {
      new iam.Role(stack, 'Open', { assumedBy: new iam.AnyPrincipal() });
    }, {}, { 'aws:cdk:disable-creation-stack-traces': true });
    const open = results.find((result) => result.ruleId.endsWith(':WildcardPrincipal'))!;
    expect(open.locations[0].physicalLocation.artifactLocation.uri).toMatch(/Stack\.template\.json$/);
    expect(open.relatedLocations).toBeUndefined();
  });

  test('fingerprints name the finding, not the line: the same finding one line lower keeps its fingerprint', () => {
    const first = synthWithSarif((stack) => {
      new iam.Role(stack, 'Open', { assumedBy: new iam.AnyPrincipal() });
    }).results[0];
    const moved = synthWithSarif((stack) => {
      stack.node.addMetadata('unrelated', 'a line above');
      new iam.Role(stack, 'Open', { assumedBy: new iam.AnyPrincipal() });
    }).results[0];
    expect(moved.locations[0].physicalLocation.region.startLine).not.toBe(first.locations[0].physicalLocation.region.startLine);
    expect(moved.partialFingerprints).toEqual(first.partialFingerprints);
  });
});

describe('one report per synth', () => {
  /** An app whose pattern role an escape hatch opened, and a plain role open to everyone. */
  function twoOpenRoles(stack: Stack): void {
    const role = new LambdaExecutionRole(stack, 'Fn', { functionName: 'orders' });
    (role.node.defaultChild as iam.CfnRole).addPropertyOverride('AssumeRolePolicyDocument.Statement.0.Principal', { AWS: '*' });
    new iam.Role(stack, 'Open', { assumedBy: new iam.AnyPrincipal() });
  }

  test('with RoleChecks on the app, a pattern\'s own error is in RoleChecks\' report with the other roles\' findings, and synth fails once', () => {
    const { printed, exitCode } = synthWithSarif(twoOpenRoles);
    expect(printed.match(/Source: cdk-iam-role-patterns/g)).toHaveLength(1);
    expect(printed).toMatch(/Stack\/Fn\/Resource/);
    expect(printed).toMatch(/Stack\/Open\/Resource/);
    expect(printed).toMatch(/LambdaExecutionRole promises that its trust/);
    expect(exitCode).toBe(1);
  });

  test('an app that sets failSynthOnValidationErrors to false, which only writes the report, still fails on a pattern\'s own error', () => {
    expect(() => synthWithSarif(twoOpenRoles, {}, { '@aws-cdk/core:failSynthOnValidationErrors': false })).toThrow(/Stack\/Fn/);
  });

  test('an option of RoleChecks never silences a pattern\'s own error: with its rules disabled, the pattern still reports it', () => {
    const { results } = synthWithSarif(twoOpenRoles, { disabledRules: ['WildcardPrincipal', 'PatternInvariant', 'CrossAccountWithoutCondition'] });
    const onPattern = results.filter((result) => result.locations[0].logicalLocations[0].name === 'Stack/Fn/Resource');
    expect(onPattern.map((result) => result.level)).toContain('error');
    expect(results.some((result) => result.locations[0].logicalLocations[0].name === 'Stack/Open/Resource')).toBe(false);
  });

  test('without RoleChecks, the pattern\'s own check fails synth as before', () => {
    const app = new App();
    twoOpenRoles(new Stack(app, 'Stack'));
    expect(() => app.synth()).toThrow(/Stack\/Fn/);
  });
});

describe('source positions', () => {
  test.each([
    ['new Foo (/app/lib/stack.js:12:7)', { file: '/app/lib/stack.js', line: 12, column: 7 }],
    ['at /app/bin/app.js:3:1', { file: '/app/bin/app.js', line: 3, column: 1 }],
    ['Object.<anonymous> (file:///app/bin/app.mjs:4:2)', { file: '/app/bin/app.mjs', line: 4, column: 2 }],
    ['...node internals...', undefined],
    ['new Role2 (native)', undefined],
    ['eval (eval at run (node:vm:1:1), <anonymous>:1:1)', undefined],
    ['/app/test/app.test.ts:54 (:)', { file: '/app/test/app.test.ts', line: 54, column: 1 }],
    ['/app/test/app.test.ts:56: (/app/test/app.test.ts:56:3)', { file: '/app/test/app.test.ts', line: 56, column: 3 }],
  ])('a creation stack frame %s', (frame, position) => {
    expect(framePosition(frame)).toEqual(position);
  });

  /** A TypeScript file compiled with its source map beside it or inline, as `tsc` writes them. */
  function compiled(inlineSourceMap: boolean): { js: string; ts: string } {
    const folder = mkdtempSync(join(tmpdir(), 'source-map-'));
    const source = ['interface Props { readonly name: string }', '', 'export function make(props: Props) {', '  return new Error(props.name);', '}', ''].join('\n');
    const output = ts.transpileModule(source, {
      fileName: 'app.ts',
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, sourceMap: !inlineSourceMap, inlineSourceMap },
    });
    writeFileSync(join(folder, 'app.ts'), source);
    writeFileSync(join(folder, 'app.js'), inlineSourceMap ? output.outputText : `${output.outputText.replace(/\/\/# sourceMappingURL=.*$/m, '')}//# sourceMappingURL=app.js.map\n`);
    if (output.sourceMapText) writeFileSync(join(folder, 'app.js.map'), output.sourceMapText);
    return { js: join(folder, 'app.js'), ts: join(folder, 'app.ts') };
  }

  test.each([['a .map file beside it', false], ['an inline data URL', true]])('a position in compiled JavaScript maps back to the TypeScript line, through %s', (_how, inline) => {
    const { js, ts: source } = compiled(inline);
    const jsLine = readFileSync(js, 'utf8').split('\n').findIndex((line) => line.includes('new Error')) + 1;
    const column = readFileSync(js, 'utf8').split('\n')[jsLine - 1].indexOf('new Error') + 1;
    expect(new SourceMaps().original({ file: js, line: jsLine, column })).toEqual({ file: source, line: 4, column: expect.any(Number) });
  });

  test('a file with no map, a missing file and a hostile mapping keep the position they had', () => {
    const folder = mkdtempSync(join(tmpdir(), 'source-map-'));
    writeFileSync(join(folder, 'plain.js'), 'module.exports = 1;\n');
    writeFileSync(join(folder, 'hostile.js'), 'x();\n//# sourceMappingURL=hostile.js.map\n');
    writeFileSync(join(folder, 'hostile.js.map'), JSON.stringify({ version: 3, sources: ['a.ts'], mappings: `${'z'.repeat(10_000)}A` }));
    const maps = new SourceMaps();
    for (const file of ['plain.js', 'missing.js', 'hostile.js']) {
      const position = { file: join(folder, file), line: 1, column: 1 };
      expect(maps.original(position)).toEqual(position);
    }
  });
});
