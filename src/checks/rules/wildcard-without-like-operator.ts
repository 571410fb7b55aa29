import { withoutPlaceholders } from '../../role-model/cfn-value';
import { PolicyStatement } from '../../role-model/policy-document';
import { Report, Rule } from '../rule';

function hasLiteralWildcard(value: string): boolean {
  return WILDCARD.test(value) && WILDCARD.test(withoutPlaceholders(value)); // the `?` of `{{cfn:?}}` is no wildcard
}

/** Reports the literal wildcards in the equality conditions of some statements (the rule reads each list in place, with no combined copy). */
function checkStatements(statements: readonly PolicyStatement[], report: Report): void {
  for (const statement of statements) {
    for (const test of statement.conditions) {
      const literal = EQUALS_OPERATOR.test(test.baseOperator) ? test.values.find(hasLiteralWildcard) : undefined;
      if (literal === undefined) continue;
      report(`${statement.location} has "${literal}" in ${test.operator} ${test.keyAsWritten}; `
        + `${test.baseOperator} compares a * or ? literally, so this matches only that exact text. Use `
        + `${test.baseOperator.replace(EQUALS_SUFFIX, 'Like')} for a pattern, or remove the wildcard.`, statement.subject);
    }
  }
}

const WILDCARD = /[*?]/;
const EQUALS_SUFFIX = /Equals(IgnoreCase)?$/i;
const EQUALS_OPERATOR = /^StringN?otEquals$|^StringEquals$|^StringEqualsIgnoreCase$/i;

/** In `StringEquals` a `*` is a literal star, so the condition never matches what its author meant. */
export const WildcardWithoutLikeOperator: Rule = {
  name: 'WildcardWithoutLikeOperator',
  severity: 'warning',
  description: 'A `*` or `?` inside StringEquals is a literal character, not a wildcard; use StringLike.',
  docs: {
    why: '`*` and `?` are literal characters in `StringEquals` and `ArnEquals`, so the condition matches nothing or not what was meant.',
    fix: 'Use `StringLike` or `ArnLike` for patterns, or write the exact value.',
    insecure: {
      trust: [
        {
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::444455556666:root' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:PrincipalArn': 'arn:aws:iam::444455556666:role/ci-*' } },
        },
      ],
    },
    secure: {
      trust: [
        {
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::444455556666:root' },
          Action: 'sts:AssumeRole',
          Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::444455556666:role/ci-*' } },
        },
      ],
    },
  },
  check({ role }, report) {
    checkStatements(role.trustStatements, report);
    checkStatements(role.permissionStatements, report);
  },
};
