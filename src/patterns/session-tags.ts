import { TrustConditions } from './principal-set';
import { PropErrors } from './prop-errors';
import { Shapes, shapesOf } from './prop-shapes';
import { SessionTagOptions } from './role-pattern-props';
import { literalValues } from './unresolved';

/** The shapes of `SessionTagOptions`. */
export const SESSION_TAG_SHAPES = shapesOf<SessionTagOptions>({
  sessionTags: Shapes.boolean,
  allowedSessionTagKeys: Shapes.stringList,
  transitiveTagKeys: Shapes.stringList,
});

/** An IAM tag key: 1 to 128 letters, digits, white space and `_.:/=+-@`, not starting with `aws:` (reserved). */
export const TAG_KEY = /^(?!aws:)[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/iu;

/** The action a trust statement needs for callers to pass session tags. */
export const TAG_SESSION = 'sts:TagSession';

/**
 * Checks the session-tag props and returns the conditions that enforce the allowed keys (empty when any key may
 * be passed, or when session tags are off). Both ForAllValues tests hold when no tag is passed, as they should.
 */
export function sessionTagConditions(props: SessionTagOptions, errors: PropErrors, prefix = ''): TrustConditions {
  const conditions: Record<string, unknown> = {};
  for (const [prop, key] of [['allowedSessionTagKeys', 'aws:TagKeys'], ['transitiveTagKeys', 'sts:TransitiveTagKeys']] as const) {
    const keys = props[prop];
    if (keys === undefined) continue;
    if (!props.sessionTags) errors.add(`${prefix}${prop}`, keys, 'it narrows session tags; set sessionTags: true too');
    if (keys.length === 0) errors.add(`${prefix}${prop}`, keys, 'give at least one tag key, or leave it out');
    for (const tagKey of literalValues(keys)) {
      errors.checkPattern(`${prefix}${prop}`, tagKey, TAG_KEY,
        'a tag key is 1 to 128 letters, digits, spaces and _.:/=+-@, not starting with "aws:", such as "team"');
    }
    conditions[key] = keys;
  }
  return Object.keys(conditions).length > 0 && props.sessionTags ? { 'ForAllValues:StringEquals': conditions } : {};
}
