import { withoutPlaceholders } from '../cfn-value';
import { allStatements } from '../role-under-check';
import { Rule } from '../rule';

function hasLiteralWildcard(value: string): boolean {
  return /[*?]/.test(withoutPlaceholders(value));
}

/** In `StringEquals` a `*` is a literal star, so the condition never matches what its author meant. */
export const WildcardWithoutLikeOperator: Rule = {
  name: 'WildcardWithoutLikeOperator',
  severity: 'warning',
  description: 'A `*` or `?` inside StringEquals is a literal character, not a wildcard; use StringLike.',
  check({ role }) {
    return allStatements(role).flatMap((statement) => statement.conditions
      .filter((test) => /^StringN?otEquals$|^StringEquals$|^StringEqualsIgnoreCase$/i.test(test.baseOperator)
        && test.values.some(hasLiteralWildcard))
      .map((test) => ({
        message: `${statement.location} has "${test.values.find(hasLiteralWildcard)}" in ${test.operator} ${test.keyAsWritten}; `
          + `${test.baseOperator} compares a * or ? literally, so this matches only that exact text. Use `
          + `${test.baseOperator.replace(/Equals(IgnoreCase)?$/i, 'Like')} for a pattern, or remove the wildcard.`,
      })));
  },
};
