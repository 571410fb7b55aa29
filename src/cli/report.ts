import { Finding } from '../checks/engine';

/** A finding with the file it is in. */
export interface FileFinding extends Finding {
  readonly file: string;
}

/** What the CLI found. */
export interface CheckReport {
  readonly findings: FileFinding[];
  readonly summary: { readonly files: number; readonly roles: number; readonly errors: number; readonly warnings: number };
}

/** The report as one JSON object. */
export function formatJson(report: CheckReport): string {
  const findings = report.findings.map(({ ruleId, severity, file, resource, message }) => ({ ruleId, severity, file, resource, message }));
  return JSON.stringify({ findings, summary: report.summary }, undefined, 2);
}

/** The report as text: findings grouped by file and role, one line each, then a summary line. */
export function formatText(report: CheckReport): string {
  const lines: string[] = [];
  let file: string | undefined;
  let role: string | undefined;
  for (const finding of report.findings) {
    if (finding.file !== file) {
      file = finding.file;
      role = undefined;
      lines.push(file);
    }
    if (finding.resource !== role) {
      role = finding.resource;
      lines.push(`  ${role}`);
    }
    lines.push(`    ${finding.severity.padEnd(7)} ${finding.ruleId}  ${finding.message}`);
  }
  const { files, roles, errors, warnings } = report.summary;
  lines.push(`${plural(files, 'file')}, ${plural(roles, 'role')}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`);
  return lines.join('\n');
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
