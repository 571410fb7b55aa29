/**
 * Runs the CLI's checks over the real-world fixture set (roles nobody here wrote) and prints errors and warnings
 * by rule and by construct kind, every error with whether the committed table (real-world/errors.md) says why it
 * is right, and the warnings per role. Exit 1 when an error is not in the table or a row of the table no longer
 * fires. `npx projen real-world` runs it; test/real-world.test.ts runs the same report.
 *
 * The set: (1) the constructs of aws-cdk-lib that create roles (real-world/constructs.ts, synthesized with the
 * installed aws-cdk-lib), (2) templates under real-world/templates/ (trimmed copies of the CDK team's integration
 * test snapshots and of public apps, each folder saying where it comes from).
 */
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { basename, join, relative } from 'path';
import { synthesizeConstructs } from './constructs';
import { loadTemplates } from '../src/cli/load-templates';
import { check } from '../src/cli/main';
import { FileFinding } from '../src/cli/report';

const HERE = __dirname;

/** An error the table explains: where it is and why it is right. */
export interface ExplainedError {
  readonly where: string;
  readonly rule: string;
  readonly why: string;
}

export interface RealWorldReport {
  readonly roles: number;
  readonly errors: readonly FileFinding[];
  readonly warnings: readonly FileFinding[];
  readonly summarized: number;
  /** Each error as `<kind>/<resource> <Rule>`, the key of the table. */
  readonly errorKeys: readonly string[];
  readonly unexplained: readonly string[];
  readonly stale: readonly string[];
  readonly text: string;
}

/** Where a finding is, as the table names it: the construct kind (stack or template folder), the resource, the rule. */
export function errorKey(finding: FileFinding): string {
  return `${kindOf(finding)}/${finding.resource} ${finding.ruleId.split(':')[1]}`;
}

/** The construct kind a finding is in: the synthesized stack's name, or the template's folder and file. */
function kindOf(finding: FileFinding): string {
  const file = relative(HERE, finding.file);
  if (file.startsWith('templates')) return file.split('/').slice(1).join('/').replace(/\.template\.json$|\.json$|\.ya?ml$/, '');
  return basename(finding.file).replace(/\.template\.json$/, '');
}

/** The rows of real-world/errors.md: `| where | rule | why it is right |`. */
export function explainedErrors(): ExplainedError[] {
  const text = readFileSync(join(HERE, 'errors.md'), 'utf8');
  return text.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| where') && !line.startsWith('|---'))
    .map((line) => line.split('|').slice(1, -1).map((cell) => cell.trim().replace(/^`|`$/g, '')))
    .map(([where, rule, why]) => ({ where, rule, why }));
}

function templateFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    return statSync(path).isDirectory() ? templateFiles(path) : /\.(json|ya?ml)$/.test(name) ? [path] : [];
  });
}

/** Synthesizes the constructs, checks the whole set, and compares its errors with the table. */
export function realWorldReport(): RealWorldReport {
  const assembly = mkdtempSync(join(tmpdir(), 'real-world-'));
  synthesizeConstructs(assembly);
  const report = check(loadTemplates([assembly, ...templateFiles(join(HERE, 'templates'))]), {});
  const errors = report.findings.filter((finding) => finding.severity === 'error');
  const warnings = report.findings.filter((finding) => finding.severity === 'warning');
  const errorKeys = errors.map(errorKey);
  const table = explainedErrors();
  const explained = new Set(table.map((row) => `${row.where} ${row.rule}`));
  const unexplained = errorKeys.filter((key) => !explained.has(key));
  const stale = [...explained].filter((key) => !errorKeys.includes(key));
  const lines: string[] = [];
  const count = (findings: readonly FileFinding[], by: (finding: FileFinding) => string) => {
    const counts = new Map<string, number>();
    for (const finding of findings) counts.set(by(finding), (counts.get(by(finding)) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([key, n]) => `  ${String(n).padStart(4)}  ${key}`);
  };
  const rule = (finding: FileFinding) => finding.ruleId.split(':')[1];
  lines.push(`${report.summary.roles} roles in ${report.summary.files} templates: ${errors.length} errors, ${warnings.length} warnings `
    + `(${(warnings.length / Math.max(1, report.summary.roles)).toFixed(2)} per role), ${report.summary.summarized} summarized`);
  lines.push('errors by rule:', ...count(errors, rule), 'warnings by rule:', ...count(warnings, rule));
  lines.push('errors by construct kind:', ...count(errors, kindOf), 'warnings by construct kind:', ...count(warnings, kindOf));
  lines.push('every error:', ...errors.map((finding) => `  ${explained.has(errorKey(finding)) ? 'explained  ' : 'UNEXPLAINED'} ${errorKey(finding)}: ${finding.message}`));
  if (stale.length > 0) lines.push('rows of errors.md that no longer fire:', ...stale.map((key) => `  ${key}`));
  return { roles: report.summary.roles, errors, warnings, summarized: report.summary.summarized, errorKeys, unexplained, stale, text: lines.join('\n') };
}

if (require.main === module) {
  const result = realWorldReport();
  console.log(result.text);
  process.exitCode = result.unexplained.length > 0 || result.stale.length > 0 ? 1 : 0;
}
