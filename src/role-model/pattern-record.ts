import { isObject } from './cfn-value';

/**
 * The record a role pattern leaves in its resource's `Metadata`, so that RoleChecks and the CLI give the
 * verdict the pattern's own check gives. Small and stable: only what differs from a plain role is written.
 * Anyone can write such a record into a template, so the verdict trusts none of it blindly (`readPatternRecord`).
 */
export const PATTERN_RECORD_KEY = 'cdk-iam-role-patterns';

/** A warning a pattern raises of itself at synth (from its props, not from the template's policies): a message id with its data. */
export interface RecordedWarning {
  /** The rule's name, without the prefix: `LambdaLogGroupScope`; the library's table makes its message. */
  readonly rule: string;
  /** The values the message names (`{ duration: '2 hours' }`); absent when it names none. */
  readonly data?: Readonly<Record<string, string>>;
}

/**
 * What a pattern records of itself. Only what can never relax an error is read from it: which pattern claims
 * the role (the library's own table says what that pattern may relax, and only on a role that keeps the
 * pattern's terms), the warnings it raised and the warnings acknowledged on it, and the account quotas its
 * `checkLimits` named.
 */
export interface PatternRecord {
  /** The construct's class: `BreakGlassRole`. */
  readonly pattern: string;
  /** Acknowledged warnings, rule id to reason (never an error: nothing acknowledges an error). */
  readonly acknowledged?: Readonly<Record<string, string>>;
  /** The pattern's own warnings, so every door reports them, not only the synth that made them. */
  readonly warnings?: readonly RecordedWarning[];
  /** The quotas the pattern's `checkLimits` named, whole numbers by limit name. */
  readonly limits?: Readonly<Record<string, number>>;
}

/** The pattern record of a role resource, when a pattern made it. */
export function patternRecordOf(resource: unknown): PatternRecord | undefined {
  const metadata = isObject(resource) ? resource.Metadata : undefined;
  const record = isObject(metadata) ? metadata[PATTERN_RECORD_KEY] : undefined;
  if (!isObject(record) || typeof record.pattern !== 'string') return undefined;
  return {
    pattern: record.pattern,
    acknowledged: entriesOfType(record.acknowledged, (reason): reason is string => typeof reason === 'string'),
    warnings: Array.isArray(record.warnings) ? record.warnings.filter(isRecordedWarning) : undefined,
    limits: entriesOfType(record.limits, (limit): limit is number => typeof limit === 'number' && Number.isInteger(limit) && limit > 0),
  };
}

function entriesOfType<T>(value: unknown, is: (entry: unknown) => entry is T): Record<string, T> | undefined {
  if (!isObject(value)) return undefined;
  const found: Record<string, T> = {};
  for (const key of Object.keys(value)) {
    const entry = value[key];
    if (is(entry)) found[key] = entry;
  }
  return found;
}

function isRecordedWarning(value: unknown): value is RecordedWarning {
  return isObject(value) && typeof value.rule === 'string' && /^[A-Za-z0-9]+$/.test(value.rule)
    && (value.data === undefined || isObject(value.data) && Object.values(value.data).every((entry) => typeof entry === 'string'));
}
