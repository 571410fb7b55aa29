import { ConditionTest, PolicyStatement, testsOnKey } from './policy-document';

/** Operators that narrow a request to the listed values (wildcards allowed in the Like forms). */
const POSITIVE_OPERATORS = new Set(['stringequals', 'stringequalsignorecase', 'stringlike', 'arnequals', 'arnlike']);

/** Whether a value is nothing but wildcards (`*`, `?*`), so it matches anything. */
export function isOnlyWildcards(value: string): boolean {
  return /^[*?]+$/.test(value);
}

/**
 * Whether a condition test really narrows who matches: a positive operator, no `IfExists` (a missing key
 * would pass), no `ForAllValues` (an empty or missing set passes), and at least one value that is not only
 * wildcards. Values IAM cannot know yet (placeholders) count as narrowing: they are specific at deployment.
 */
export function isNarrowingTest(test: ConditionTest): boolean {
  if (!POSITIVE_OPERATORS.has(test.baseOperator.toLowerCase())) return false;
  if (test.ifExists || test.setOperator?.toLowerCase() === 'forallvalues') return false;
  return test.values.length > 0 && test.values.every((value) => !isOnlyWildcards(value));
}

/** Whether the statement narrows the key. */
export function narrows(statement: PolicyStatement, key: string): boolean {
  return testsOnKey(statement, key).some(isNarrowingTest);
}

/**
 * Keys that pin the calling principal to an organization, an account or a specific principal, so a trust in
 * `*` or in a whole account becomes a trust in a known set of principals.
 */
export const PRINCIPAL_NARROWING_KEYS: readonly string[] = [
  'aws:PrincipalOrgID', 'aws:PrincipalOrgPaths', 'aws:PrincipalAccount', 'aws:PrincipalArn', 'aws:userid',
  'aws:SourceAccount', 'aws:SourceArn', 'aws:SourceOrgID', 'aws:SourceOrgPaths',
];

const PRINCIPAL_NARROWING = new Set(PRINCIPAL_NARROWING_KEYS.map((key) => key.toLowerCase()));

/** Whether the statement narrows the caller with one of PRINCIPAL_NARROWING_KEYS. */
export function narrowsPrincipal(statement: PolicyStatement): boolean {
  return statement.conditions.some(isPrincipalNarrowingTest);
}

function isPrincipalNarrowingTest(test: ConditionTest): boolean {
  return PRINCIPAL_NARROWING.has(test.key) && isNarrowingTest(test);
}

/**
 * Whether the statement requires MFA in a way that cannot be skipped: `Bool aws:MultiFactorAuthPresent true`
 * or `NumericLessThan(Equals) aws:MultiFactorAuthAge`, neither with `IfExists`.
 */
export function requiresMfa(statement: PolicyStatement): boolean {
  const present = testsOnKey(statement, 'aws:MultiFactorAuthPresent')
    .some((test) => test.baseOperator === 'Bool' && !test.ifExists && !test.setOperator && test.values.length > 0
      && test.values.every((value) => value.toLowerCase() === 'true'));
  const age = testsOnKey(statement, 'aws:MultiFactorAuthAge')
    .some((test) => /^NumericLessThan(Equals)?$/.test(test.baseOperator) && !test.ifExists && !test.setOperator);
  return present || age;
}

/** Whether the statement requires an ExternalId (`StringEquals sts:ExternalId`). */
export function requiresExternalId(statement: PolicyStatement): boolean {
  return narrows(statement, 'sts:ExternalId');
}
