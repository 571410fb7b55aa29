/** A trust policy document's statements, as the evaluator and the request generator read them. */
export interface TrustDocument {
  readonly statements: ReadonlyArray<Record<string, unknown>>;
}

/** The most statements read of one policy (a trust policy holds at most a few dozen under IAM's size quota). */
const MAX_STATEMENTS = 1000;

/** The statements of a policy document (one statement, or a list; anything else is none). */
export function trustDocument(document: unknown): TrustDocument {
  const raw = typeof document === 'object' && document !== null ? (document as Record<string, unknown>).Statement : undefined;
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return {
    statements: list.slice(0, MAX_STATEMENTS)
      .filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null && !Array.isArray(item)),
  };
}

/** A policy element that is one string or a list of them (`Action`, a principal's values), as a list of its strings. */
export function listOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
