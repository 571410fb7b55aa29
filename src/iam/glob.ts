/** IAM's wildcard matching of action names: `*` any run of characters, `?` one character, case-insensitive. */

const globCache = new Map<string, RegExp>();
const SPECIAL = /[.+^${}()|[\]\\]/g;

/** A pattern as a regular expression. Cached and bounded: rules match the same few patterns again and again. */
export function globToRegExp(pattern: string): RegExp {
  let regexp = globCache.get(pattern);
  if (!regexp) {
    let body = '';
    for (const c of pattern) body += c === '*' ? '.*' : c === '?' ? '.' : c.replace(SPECIAL, '\\$&');
    regexp = new RegExp(`^${body}$`, 'i');
    if (globCache.size < 10000) globCache.set(pattern, regexp);
  }
  return regexp;
}

/** Whether an action pattern from a policy (`iam:Put*`, `*`) matches an action name, as IAM matches them. */
export function actionMatches(pattern: string, action: string): boolean {
  return globToRegExp(pattern).test(action);
}

/** Whether a pattern holds a wildcard. */
export function hasWildcard(pattern: string): boolean {
  return pattern.includes('*') || pattern.includes('?');
}
