import { isObject } from './cfn-value';

/**
 * The record a role pattern leaves in its resource's `Metadata`, so that RoleChecks and the CLI give the
 * verdict the pattern's own check gives: which pattern made the role, which rules it reports as warnings
 * (a break-glass role may hold administrator access), and which of its warnings were acknowledged, with the
 * reasons. Small and stable: only what differs from a plain role is written.
 */
export const PATTERN_RECORD_KEY = 'cdk-iam-role-patterns';

/** What a pattern records of itself. */
export interface PatternRecord {
  /** The construct's class: `BreakGlassRole`. */
  readonly pattern: string;
  /** Rules whose errors the pattern reports as warnings. */
  readonly relaxedRules?: readonly string[];
  /** Acknowledged warnings, rule id to reason. */
  readonly acknowledged?: Readonly<Record<string, string>>;
}

/** The pattern record of a role resource, when a pattern made it. */
export function patternRecordOf(resource: unknown): PatternRecord | undefined {
  const metadata = isObject(resource) ? resource.Metadata : undefined;
  const record = isObject(metadata) ? metadata[PATTERN_RECORD_KEY] : undefined;
  if (!isObject(record) || typeof record.pattern !== 'string') return undefined;
  const relaxedRules = Array.isArray(record.relaxedRules) ? record.relaxedRules.filter((rule): rule is string => typeof rule === 'string') : undefined;
  const acknowledged: Record<string, string> = {};
  if (isObject(record.acknowledged)) {
    for (const id in record.acknowledged) {
      const reason = record.acknowledged[id];
      if (typeof reason === 'string') acknowledged[id] = reason;
    }
  }
  return { pattern: record.pattern, relaxedRules, acknowledged };
}
