import '@microsoft/jest-sarif';
import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parse } from 'yaml';
import { buildApp } from '../examples/ride-sharing-app';

/**
 * The CI step teams copy (action.yml): its metadata is what GitHub reads, and its check step, run here as the
 * runner would run it, checks the example's cloud assembly into a valid SARIF log, and fails the gate on a widened copy.
 */
const root = join(__dirname, '..');
const cli = `${join(root, 'node_modules', '.bin', 'tsx')} ${join(root, 'src', 'cli', 'index.ts')}`;
const action = parse(readFileSync(join(root, 'action.yml'), 'utf8'));

function checkStep(env: Record<string, string>): { status: number | null; outputs: string; stderr: string } {
  const work = mkdtempSync(join(tmpdir(), 'action-'));
  const outputs = join(work, 'outputs');
  writeFileSync(outputs, '');
  const result = spawnSync('bash', [join(root, 'action', 'check.sh')], {
    cwd: work, encoding: 'utf8', env: { ...process.env, CDK_IAM_ROLE_PATTERNS_CLI: cli, GITHUB_OUTPUT: outputs, ...env },
  });
  return { status: result.status, outputs: readFileSync(outputs, 'utf8'), stderr: result.stderr };
}

describe('action.yml', () => {
  test('is a composite action whose every input is described, and whose check step runs action/check.sh', () => {
    expect(action).toMatchObject({ name: expect.any(String), description: expect.any(String), runs: { using: 'composite' } });
    for (const [name, input] of Object.entries<any>(action.inputs)) {
      expect({ name, described: typeof input.description === 'string' && input.description.length > 10 }).toEqual({ name, described: true });
      expect(input.default).toBeDefined();
    }
    const [check, upload] = action.runs.steps;
    expect(check).toMatchObject({ id: 'check', shell: 'bash', run: 'bash "${{ github.action_path }}/action/check.sh"' });
    expect(Object.keys(check.env).sort()).toEqual(['CHECK_BASELINE', 'CHECK_PATH', 'CHECK_SARIF_FILE', 'CHECK_STRICT', 'CHECK_VERSION', 'CHECK_WARNINGS_AS_ERRORS']);
    expect(upload.uses).toMatch(/^github\/codeql-action\/upload-sarif@v\d+$/);
    expect(upload.if).toMatch(/always\(\)/);
  });

  const assembly = mkdtempSync(join(tmpdir(), 'action-app-'));
  buildApp(assembly).synth();

  test('the check step writes a valid SARIF log of the example\'s assembly, names it in the outputs, and passes', () => {
    const sarif = join(mkdtempSync(join(tmpdir(), 'sarif-')), 'out.sarif');
    const { status, outputs } = checkStep({ CHECK_PATH: assembly, CHECK_SARIF_FILE: sarif });
    expect(status).toBe(0);
    expect(outputs).toBe(`sarif-file=${sarif}\n`);
    expect(JSON.parse(readFileSync(sarif, 'utf8'))).toBeValidSarifLog();
  });

  test('the gate step fails on a widened copy of one of the templates, and still writes its SARIF log', () => {
    const widened = mkdtempSync(join(tmpdir(), 'widened-'));
    const partners = JSON.parse(readFileSync(join(assembly, 'Partners.template.json'), 'utf8'));
    const role = Object.values<any>(partners.Resources).find((resource) => resource.Type === 'AWS::IAM::Role');
    role.Properties.AssumeRolePolicyDocument.Statement[0].Principal = { AWS: 'arn:aws:iam::777788889999:root' };
    writeFileSync(join(widened, 'Partners.template.json'), JSON.stringify(partners));
    const sarif = join(widened, 'gate.sarif');
    const { status } = checkStep({ CHECK_PATH: join(widened, 'Partners.template.json'), CHECK_BASELINE: join(assembly, 'Partners.template.json'), CHECK_SARIF_FILE: sarif });
    expect(status).toBe(1);
    const log = JSON.parse(readFileSync(sarif, 'utf8'));
    expect(log).toBeValidSarifLog();
    expect(log.runs[0].results.map((result: any) => result.ruleId)).toContain('cdk-iam-role-patterns:TrustWidened');
  });
});
