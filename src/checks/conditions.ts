import { ConditionTest, PolicyStatement, someTestOnKey } from '../role-model/policy-document';

/**
 * Operators that narrow a request to the listed values (wildcards allowed in the Like forms), in any case.
 * The regular expressions of the checks are constants: a regular expression literal inside a function is a
 * new object each time the function runs, and these run for every statement of every role.
 */
const POSITIVE_OPERATOR = /^(?:StringEquals|StringEqualsIgnoreCase|StringLike|ArnEquals|ArnLike)$/i;
const FOR_ALL_VALUES = /^ForAllValues$/i;
const ONLY_WILDCARDS = /^[*?]+$/;
const NUMERIC_LESS_THAN = /^NumericLessThan(Equals)?$/;

/** Whether a value is nothing but wildcards (`*`, `?*`), so it matches anything. */
export function isOnlyWildcards(value: string): boolean {
  return ONLY_WILDCARDS.test(value);
}

function isSpecific(value: string): boolean {
  return !isOnlyWildcards(value);
}

/**
 * Whether a condition test really narrows who matches: a positive operator, no `IfExists` (a missing key
 * would pass), no `ForAllValues` (an empty or missing set passes), and at least one value that is not only
 * wildcards. Values IAM cannot know yet (placeholders) count as narrowing: they are specific at deployment.
 */
export function isNarrowingTest(test: ConditionTest): boolean {
  if (!POSITIVE_OPERATOR.test(test.baseOperator)) return false;
  if (test.ifExists || isForAllValues(test)) return false;
  return test.values.length > 0 && test.values.every(isSpecific);
}

/** Whether a test uses `ForAllValues` (in any case), which is true when the key is missing or empty. */
export function isForAllValues(test: ConditionTest): boolean {
  return test.setOperator !== undefined && FOR_ALL_VALUES.test(test.setOperator);
}

/** Whether the statement narrows the key. */
export function narrows(statement: PolicyStatement, key: string): boolean {
  return someTestOnKey(statement, key, isNarrowingTest);
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
  return someTestOnKey(statement, 'aws:MultiFactorAuthPresent', requiresMfaPresent)
    || someTestOnKey(statement, 'aws:MultiFactorAuthAge', limitsMfaAge);
}

function requiresMfaPresent(test: ConditionTest): boolean {
  return test.baseOperator === 'Bool' && !test.ifExists && !test.setOperator && test.values.length > 0 && test.values.every(isTrue);
}

function limitsMfaAge(test: ConditionTest): boolean {
  return NUMERIC_LESS_THAN.test(test.baseOperator) && !test.ifExists && !test.setOperator;
}

/** Whether a condition value is `true` as IAM reads a Bool (in any case). */
export function isTrue(value: string): boolean {
  return value.length === 4 && value.toLowerCase() === 'true';
}

/** Whether the statement requires an ExternalId (`StringEquals sts:ExternalId`). */
export function requiresExternalId(statement: PolicyStatement): boolean {
  return narrows(statement, 'sts:ExternalId');
}
