import { TrustChange } from './trust-diff';
import { Finding } from '../checks/engine';
import { UnresolvedAttachment } from '../role-model/model';

/** A finding with the file it is in. */
export interface FileFinding extends Finding {
  readonly file: string;
  /** The role's logical id in its file (the resource may be a nested stack's path). */
  readonly logicalId?: string;
  /** The role's construct path, when the template's metadata or the cloud assembly says it (`Api/Open/Resource`). */
  readonly constructPath?: string;
  /** The conditions under which the finding holds, when not under all. */
  readonly when?: string;
}

/** A change of a role's trust since the baseline, with where the role is (widened ones are findings too). */
export interface ReportedTrustChange extends TrustChange {
  readonly file: string;
  readonly resource: string;
}

/** Something a template holds that was not checked, in words. */
export interface ReportNote {
  readonly file: string;
  /** The resource it is in (its path behind nested stacks), when it is in one. */
  readonly resource?: string;
  readonly message: string;
}

/** What the CLI found. */
export interface CheckReport {
  readonly findings: FileFinding[];
  /** Parts of the templates that were not checked: other transforms, unknown tags, nested templates not found. */
  readonly notes: readonly ReportNote[];
  /** Policies that name a role that is in none of the templates read. */
  readonly unresolvedAttachments: readonly UnresolvedAttachment[];
  /** With a baseline: every way a role's trust changed (the widened ones are findings too). */
  readonly trustChanges?: readonly ReportedTrustChange[];
  readonly summary: {
    readonly files: number;
    readonly roles: number;
    readonly errors: number;
    readonly warnings: number;
    /** Warnings acknowledged in the app (recorded by the role patterns with their reasons), not listed. */
    readonly acknowledged: number;
    /**
     * Findings summarized, not listed: warnings on roles aws-cdk-lib writes for its own helpers (by construct path and by
     * value), and findings on AWS managed service-role policies of roles only an AWS service can assume.
     */
    readonly summarized: number;
    readonly unresolvedAttachments: number;
    /** Parts of the templates not checked: the notes and the unresolved attachments (each an error with --strict). */
    readonly notChecked: number;
  };
}

/** The report as one JSON object. */
export function formatJson(report: CheckReport): string {
  const findings = report.findings.map(({ ruleId, severity, file, resource, constructPath, message, subject, when }) => ({
    ruleId,
    severity,
    file,
    resource,
    ...(constructPath ? { constructPath } : {}),
    message,
    ...(subject ? { subject: { file: subject.file ?? file, path: subject.path } } : {}),
    ...(when ? { when } : {}),
  }));
  const { notes, unresolvedAttachments, summary, trustChanges } = report;
  return JSON.stringify({ findings, notes, unresolvedAttachments, ...(trustChanges ? { trustChanges } : {}), summary }, undefined, 2);
}

/** The report as text: findings grouped by file and role, one line each, then unresolved attachments and a summary line. */
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
      lines.push(`  ${role}${finding.constructPath ? ` (${finding.constructPath.replace(/\/Resource$/, '')})` : ''}`);
    }
    lines.push(`    ${finding.severity.padEnd(7)} ${finding.ruleId}  ${finding.message}`);
  }
  for (const change of (report.trustChanges ?? []).filter((found) => found.direction === 'narrowed')) {
    lines.push(`${change.file}: ${change.resource}: trust narrowed since the baseline: ${change.what} (before: ${change.before}; after: ${change.after})`);
  }
  for (const unresolved of report.unresolvedAttachments) {
    lines.push(`${unresolved.file}: ${unresolved.resource} ${unresolved.property} names the role ${unresolved.reference}, `
      + 'which is in none of the templates checked: its permissions were not checked on any role');
  }
  const { files, roles, errors, warnings, acknowledged, summarized, unresolvedAttachments, notChecked } = report.summary;
  const notes = notChecked - unresolvedAttachments;
  const unresolved = [
    unresolvedAttachments > 0 ? `, ${plural(unresolvedAttachments, 'unresolved attachment')}` : '',
    notes > 0 ? `, ${plural(notes, 'part')} not checked (see the notes)` : '',
  ].join('');
  const notListed = [acknowledged > 0 && `${acknowledged} acknowledged`, summarized > 0 && `${summarized} summarized: what aws-cdk-lib or AWS wrote`];
  const acknowledgedText = notListed.some(Boolean) ? ` (${notListed.filter(Boolean).join(', ')})` : '';
  lines.push(`${plural(files, 'file')}, ${plural(roles, 'role')}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}${acknowledgedText}${unresolved}`);
  return lines.join('\n');
}

/** The notes, one line each, for standard error. */
export function formatNotes(notes: readonly ReportNote[]): string {
  return notes.map((note) => `note: ${note.file}: ${note.message}`).join('\n');
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
