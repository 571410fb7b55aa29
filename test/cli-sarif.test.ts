import '@microsoft/jest-sarif';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, relative } from 'path';
import { App, Stack, aws_iam as iam } from 'aws-cdk-lib';
import { ALL_RULES } from '../src/checks/rules';
import { VERDICT_RULES } from '../src/checks/verdict-rules';
import { loadTemplateFile } from '../src/cli/load-templates';
import { check, main } from '../src/cli/main';
import { formatSarif } from '../src/cli/sarif';

const corpus = join(__dirname, 'corpus');
const work = mkdtempSync(join(tmpdir(), 'sarif-'));

/** The CLI's SARIF log for some paths, read from the working directory `cwd`. */
function sarif(...paths: string[]): { status: number; log: any } {
  let stdout = '';
  const status = main(['check', ...paths, '--format', 'sarif'], { stdout: (text) => { stdout += text; }, stderr: () => undefined });
  return { status, log: JSON.parse(stdout) };
}

/** The 1-based line of a resource's key in a template file, found by its text. */
function lineOf(file: string, logicalId: string): number {
  const lines = readFileSync(file, 'utf8').split('\n');
  return lines.findIndex((line) => new RegExp(`^\\s*"?${logicalId}"?\\s*:`).test(line)) + 1;
}

/** The 1-based line of the first line holding a text, at or after a line. */
function lineWith(file: string, text: string, fromLine = 1): number {
  const lines = readFileSync(file, 'utf8').split('\n');
  return lines.findIndex((line, i) => i + 1 >= fromLine && line.includes(text)) + 1;
}

const located = (result: any) => ({
  ruleId: result.ruleId,
  uri: result.locations[0].physicalLocation.artifactLocation.uri,
  line: result.locations[0].physicalLocation.region.startLine,
});

describe('check --format sarif', () => {
  test('writes a schema-valid SARIF 2.1.0 log with every rule, its help link and default level; exit 1 on an error', () => {
    const { status, log } = sarif(join(corpus, 'insecure', 'wildcard-principal.json'));
    expect(status).toBe(1);
    expect(log).toBeValidSarifLog();
    const { driver } = log.runs[0].tool;
    expect(driver.name).toBe('cdk-iam-role-patterns');
    expect(driver.rules.map((rule: any) => rule.id)).toEqual([...ALL_RULES, ...VERDICT_RULES].map((rule) => `cdk-iam-role-patterns:${rule.name}`));
    expect(driver.rules.find((rule: any) => rule.name === 'WildcardPrincipal')).toMatchObject({
      shortDescription: { text: expect.stringContaining('') }, helpUri: expect.stringMatching(/docs\/rules\.md#wildcardprincipal$/), defaultConfiguration: { level: 'error' },
    });
  });

  test('JSON and YAML templates: each result at the line of the statement it is about, relative to the working directory', () => {
    const json = join(corpus, 'insecure', 'wildcard-principal.json');
    const yaml = join(corpus, 'insecure', 'pass-role-and-escalation.yaml');
    const { log } = sarif(json, yaml);
    expect(log).toBeValidSarifLog();
    const results = log.runs[0].results.map(located);
    const uri = (file: string) => relative(process.cwd(), file).split('\\').join('/');
    expect(results).toEqual(expect.arrayContaining([
      { ruleId: 'cdk-iam-role-patterns:WildcardPrincipal', uri: uri(json), line: lineWith(json, '"Principal": { "AWS": "*" }') },
      { ruleId: 'cdk-iam-role-patterns:PassRoleOnEveryResource', uri: uri(yaml), line: lineWith(yaml, 'iam:PassRole, lambda:CreateFunction') },
      { ruleId: 'cdk-iam-role-patterns:PrivilegeEscalation', uri: uri(yaml), line: lineWith(yaml, 'Action: iam:PutRolePolicy') },
    ]));
    // each statement's line, not its resource's
    expect(lineWith(json, '"Principal": { "AWS": "*" }')).toBeGreaterThan(lineOf(json, 'SharedRole'));
    expect(lineWith(yaml, 'iam:PassRole, lambda:CreateFunction')).toBeGreaterThan(lineOf(yaml, 'CiPolicy'));
    for (const result of log.runs[0].results) expect(result.partialFingerprints['cdkIamRolePatterns/v1']).toMatch(/^[0-9a-f]{32}$/);
  });

  test('a cloud assembly: the location is the template file in cdk.out, at the statement\'s line', () => {
    const outdir = join(work, 'cdk.out');
    const app = new App({ outdir });
    const stack = new Stack(app, 'Api');
    new iam.Role(stack, 'Open', { assumedBy: new iam.AnyPrincipal() });
    app.synth();
    const { log } = sarif(outdir);
    expect(log).toBeValidSarifLog();
    const template = join(outdir, 'Api.template.json');
    const logicalId = Object.keys(JSON.parse(readFileSync(template, 'utf8')).Resources).find((id) => id.startsWith('Open'))!;
    expect(log.runs[0].results.map(located)).toEqual([
      {
        ruleId: 'cdk-iam-role-patterns:WildcardPrincipal',
        uri: relative(process.cwd(), template).split('\\').join('/'),
        line: lineWith(template, '"Statement": [', lineOf(template, logicalId)) + 1, // CDK writes the statement's { on the next line
      },
    ]);
  });

  test('a SAM function\'s role is reported at the function, not at line 1', () => {
    const file = join(work, 'sam.yaml');
    writeFileSync(file, [
      'Transform: AWS::Serverless-2016-10-31',
      'Resources:',
      '  Worker:',
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      '      Runtime: nodejs22.x',
      '      Handler: index.handler',
      '      InlineCode: x',
      '      Policies:',
      '        - Statement:',
      '            - Effect: Allow',
      '              Action: iam:PassRole',
      '              Resource: "*"',
    ].join('\n'));
    const { log } = sarif(file);
    const lines = log.runs[0].results.map(located).map((result: any) => result.line);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toBeGreaterThanOrEqual(lineOf(file, 'Worker'));
  });

  test('fingerprints come from the record: a reworded message or a statement moved to another line keeps them', () => {
    const text = readFileSync(join(corpus, 'insecure', 'pass-role-and-escalation.yaml'), 'utf8');
    const logOf = (directory: string, body: string, reword = false) => {
      mkdirSync(directory, { recursive: true });
      const file = join(directory, 'ci.yaml');
      writeFileSync(file, body);
      const report = check([{ file, template: loadTemplateFile(file).template }], {});
      const findings = reword ? report.findings.map((finding) => ({ ...finding, message: `Reworded: ${finding.message}` })) : report.findings;
      return JSON.parse(formatSarif({ ...report, findings }, ALL_RULES, '0.0.0', directory));
    };
    const fingerprints = (log: any) => log.runs[0].results.map((result: any) => [result.ruleId, result.partialFingerprints['cdkIamRolePatterns/v1']]);
    const lines = (log: any) => log.runs[0].results.map((result: any) => located(result).line);
    const before = logOf(join(work, 'before'), text);
    const reworded = logOf(join(work, 'reworded'), text, true);
    const moved = logOf(join(work, 'moved'), text.replace('Resources:', '# two lines more\n\nResources:'));
    expect(fingerprints(reworded)).toEqual(fingerprints(before));
    expect(fingerprints(moved)).toEqual(fingerprints(before));
    expect(lines(moved)).toEqual(lines(before).map((line: number) => line + 2));
    expect(new Set(fingerprints(before).map(([, print]: string[]) => print)).size).toBe(before.runs[0].results.length);
  });

  test('the schema check can fail: a log without runs, or with a result level SARIF does not know, is refused', () => {
    expect({ version: '2.1.0' }).not.toBeValidSarifLog();
    const { log } = sarif(join(corpus, 'insecure', 'wildcard-principal.json'));
    log.runs[0].results[0].level = 'fatal';
    expect(log).not.toBeValidSarifLog();
  });

  test('a clean template gives a valid log with no results; exit 0', () => {
    const { status, log } = sarif(join(corpus, 'secure', 'lambda-scoped-logs.json'));
    expect(status).toBe(0);
    expect(log).toBeValidSarifLog();
    expect(log.runs[0].results).toEqual([]);
  });

  test('a file the positions cannot be read from still gets a valid location (its first line)', () => {
    const file = join(work, 'flow.yaml');
    writeFileSync(file, '{Resources: {Open: {Type: "AWS::IAM::Role", Properties: {AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: "*", Action: "sts:AssumeRole"}]}}}}}');
    const { log } = sarif(file);
    expect(log).toBeValidSarifLog();
    expect(log.runs[0].results.map(located)[0].line).toBe(1);
  });
});
