/**
 * IAM's wildcard matching (`*` any run of characters, `?` one character), case-insensitive as IAM matches
 * action names, without backtracking.
 *
 * A pattern is split at its `*`s into segments. The first segment must match at the start of the name, the
 * last at its end, and each segment in between at its leftmost place after the one before: taking the
 * leftmost place never loses a match, because what follows a segment may start anywhere after it. Each
 * segment is looked for once, so matching takes at most (length of the name) x (characters of the pattern
 * that are not `*`) steps, and a pattern with more such characters than the name has is refused before any
 * search. A pattern written by an attacker (`ec2:*?*?*?...Z`) costs what any other pattern of its length
 * costs, never the exponential time a backtracking regular expression takes on it.
 */

/** A pattern read once: its segments between `*`s, in lower case. */
export interface Glob {
  /** The segments; one segment means the pattern has no `*`. */
  readonly segments: readonly string[];
  /** Characters the name must have at least: the segments' lengths added up. */
  readonly minLength: number;
}

const globCache = new Map<string, Glob>();
const caseSensitiveCache = new Map<string, Glob>();
const MAX_CACHED = 10000;

/** A pattern read into segments (in lower case unless `caseSensitive`). Cached and bounded: rules match the same few patterns again and again. */
export function compileGlob(pattern: string, caseSensitive = false): Glob {
  const cache = caseSensitive ? caseSensitiveCache : globCache;
  let glob = cache.get(pattern);
  if (!glob) {
    const segments = (caseSensitive ? pattern : pattern.toLowerCase()).split('*');
    let minLength = 0;
    for (const segment of segments) minLength += segment.length;
    glob = { segments, minLength };
    if (cache.size < MAX_CACHED) cache.set(pattern, glob);
  }
  return glob;
}

/** Whether a pattern (`iam:Put*`, `arn:aws:s3:::*`, `*`) matches a name, as IAM matches them, case-insensitively. */
export function globMatches(pattern: string, name: string): boolean {
  return matches(compileGlob(pattern), name.toLowerCase());
}

/** Whether a pattern matches a value with case, as `StringLike` compares a condition's values. */
export function globMatchesWithCase(pattern: string, value: string): boolean {
  return matches(compileGlob(pattern, true), value);
}

function matches({ segments, minLength }: Glob, text: string): boolean {
  if (segments.length === 1) return text.length === minLength && segmentAt(segments[0], text, 0);
  if (text.length < minLength) return false;
  const first = segments[0];
  const last = segments[segments.length - 1];
  if (!segmentAt(first, text, 0) || !segmentAt(last, text, text.length - last.length)) return false;
  let from = first.length;
  const end = text.length - last.length; // the middle segments must fit before the last one
  for (let i = 1; i < segments.length - 1; i++) {
    const segment = segments[i];
    if (segment.length === 0) continue; // `**`
    const at = leftmostAt(segment, text, from, end);
    if (at < 0) return false;
    from = at + segment.length;
  }
  return true;
}

/** Whether an action pattern from a policy (`iam:Put*`, `*`) matches an action name, as IAM matches them. */
export function actionMatches(pattern: string, action: string): boolean {
  return globMatches(pattern, action);
}

/** Whether a pattern holds a wildcard. */
export function hasWildcard(pattern: string): boolean {
  return pattern.includes('*') || pattern.includes('?');
}

/** Whether a segment (`?` any one character) matches the text at a position. */
function segmentAt(segment: string, text: string, at: number): boolean {
  if (at < 0 || at + segment.length > text.length) return false;
  for (let i = 0; i < segment.length; i++) {
    const c = segment.charCodeAt(i);
    if (c !== QUESTION && c !== text.charCodeAt(at + i)) return false;
  }
  return true;
}

/** The leftmost position at or after `from` where the segment matches and ends by `end`; -1 when none. */
function leftmostAt(segment: string, text: string, from: number, end: number): number {
  for (let at = from; at + segment.length <= end; at++) if (segmentAt(segment, text, at)) return at;
  return -1;
}

const QUESTION = '?'.charCodeAt(0);
