import { withoutPlaceholders } from '../cfn-value';
import { allStatements } from '../role-under-check';
import { Rule, Violation } from '../rule';

function hasLiteralWildcard(value: string): boolean {
  return WILDCARD.test(value) && WILDCARD.test(withoutPlaceholders(value)); // the `?` of `{{cfn:?}}` is no wildcard
}

const WILDCARD = /[*?]/;
const EQUALS_OPERATOR = /^StringN?otEquals$|^StringEquals$|^StringEqualsIgnoreCase$/i;

/** In `StringEquals` a `*` is a literal star, so the condition never matches what its author meant. */
export const WildcardWithoutLikeOperator: Rule = {
  name: 'WildcardWithoutLikeOperator',
  severity: 'warning',
  description: 'A `*` or `?` inside StringEquals is a literal character, not a wildcard; use StringLike.',
  check({ role }) {
    const violations: Violation[] = [];
    for (const statement of allStatements(role)) {
      for (const test of statement.conditions) {
        const literal = EQUALS_OPERATOR.test(test.baseOperator) ? test.values.find(hasLiteralWildcard) : undefined;
        if (literal === undefined) continue;
        violations.push({
          message: `${statement.location} has "${literal}" in ${test.operator} ${test.keyAsWritten}; `
            + `${test.baseOperator} compares a * or ? literally, so this matches only that exact text. Use `
            + `${test.baseOperator.replace(/Equals(IgnoreCase)?$/i, 'Like')} for a pattern, or remove the wildcard.`,
        });
      }
    }
    return violations;
  },
};
