import { hasPlaceholder } from '../role-model/cfn-value';
import { ConditionTest, PolicyStatement, principalValues, someTestOnKey } from '../role-model/policy-document';

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
 * would pass), no `ForAllValues` (an empty or missing set passes), and values that pin what the key is for
 * (see `pinsValue`). Values IAM cannot know yet (placeholders) count as narrowing: they are specific at deployment.
 */
export function isNarrowingTest(test: ConditionTest): boolean {
  if (!POSITIVE_OPERATOR.test(test.baseOperator)) return false;
  if (test.ifExists || isForAllValues(test)) return false;
  if (test.values.length === 0) return false;
  for (const value of test.values) if (!pinsValue(test.key, value)) return false;
  return true;
}

const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;
const ORGANIZATION_PATH = /^o-[a-z0-9]{10,32}\//;
const ACCOUNT_ID = /^\d{12}$/;
const ARN_WITH_ACCOUNT = /^arn:[^:]*:[^:]*:[^:]*:(\d{12}|\{\{cfn:AWS::AccountId\}\}):/;
const WILDCARD = /[*?]/;
const PARTITION_PLACEHOLDER = /\{\{cfn:AWS::Partition\}\}/g;
const SIGN_IN_AUDIENCE = /^https:\/\/([a-z0-9*-]+\.)?signin\.(aws\.amazon\.com|amazonaws\.cn|amazonaws-us-gov\.com)\/saml$/;
const AUDIENCE_KEY = /:(aud|oaud|app_id)$/;
/** A KMS alias with some of its name written: `alias/payments`, `alias/payments-*` (not `alias/*`). */
const NAMED_KMS_ALIAS = /^alias\/(?![*?]*$)/;
/**
 * An `aws:userid` value that names one principal: an account id (the root user), or a unique id (`AIDA...` for a
 * user, `AROA...` for a role, then at least 16 characters) with, for a role, `:` and the session name, which may be a
 * pattern (IAM User Guide, "IAM identifiers", unique ids and the aws:userid values table). `AROA*`, `*:*` or `A*`
 * name every role of every account.
 */
const ONE_PRINCIPAL_USERID = /^(\d{12}|A[A-Z0-9]{3}[A-Z0-9]{16,})(:.*)?$/;

/**
 * Whether a condition value pins what its key is for, so that a wildcard matching any value of that kind does
 * not pass as narrowing: an exact organization id (`o-*` is every organization), an organization path that
 * starts with one, a 12-digit account, a principal or source ARN with a literal account (`arn:aws:iam::*:*` is
 * everyone), an exact ExternalId (the caller chooses what it sends), an exact audience (`*.apps.googleusercontent.com`
 * is every Google client), a SAML audience on an AWS sign-in host, and an `aws:userid` of one principal's unique id.
 * Other keys: any value that is not only wildcards.
 */
export function pinsValue(key: string, written: string): boolean {
  if (hasPlaceholder(written)) {
    const value = written.replace(PARTITION_PLACEHOLDER, 'aws'); // the partition alone does not make a value unknown
    if (hasPlaceholder(value)) return true;
    return pinsLiteral(key, value);
  }
  return pinsLiteral(key, written);
}

function pinsLiteral(key: string, value: string): boolean {
  switch (key) {
    case 'aws:principalorgid':
    case 'aws:sourceorgid':
      return ORGANIZATION_ID.test(value);
    case 'aws:principalorgpaths':
    case 'aws:sourceorgpaths':
      return ORGANIZATION_PATH.test(value);
    case 'aws:principalaccount':
    case 'aws:sourceaccount':
    case 'aws:resourceaccount':
      return ACCOUNT_ID.test(value);
    case 'aws:principalarn':
    case 'aws:sourcearn':
      return ARN_WITH_ACCOUNT.test(value);
    case 'aws:userid':
      return ONE_PRINCIPAL_USERID.test(value) && !WILDCARD.test(value.split(':')[0]);
    case 'sts:externalid':
      return !WILDCARD.test(value) && value.length > 0;
    case 'saml:aud':
      return !WILDCARD.test(value) || SIGN_IN_AUDIENCE.test(value);
    case 'kms:requestalias':
    case 'kms:resourcealiases':
      return NAMED_KMS_ALIAS.test(value); // `alias/*` is every alias, so every key that has one
    default:
      if (AUDIENCE_KEY.test(key)) return !WILDCARD.test(value) && value.length > 0;
      return isSpecific(value);
  }
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

const NEGATED_OPERATOR = /^(?:StringNotEquals|StringNotEqualsIgnoreCase|StringNotLike|ArnNotEquals|ArnNotLike)$/i;
const ASSUME_ACTIONS = /^(?:\*|sts:\*|sts:AssumeRole\*?|sts:Assume\*)$/i;

/**
 * Whether a trust policy has a guardrail: a `Deny` to every principal (`*`) of the assume actions, whose only
 * condition denies everyone outside an organization, account or principal ARN (`StringNotEquals
 * aws:PrincipalOrgID o-...`). An `Allow` to `*` beside it reaches only those inside, so it counts as narrowed.
 */
export function hasPrincipalGuardrail(trustStatements: readonly PolicyStatement[]): boolean {
  for (const statement of trustStatements) {
    if (statement.effect !== 'Deny' || statement.conditionsUnreadable || statement.conditions.length === 0) continue;
    const everyone = principalValues(statement, '*').includes('*') || principalValues(statement, 'AWS').includes('*');
    if (!everyone || statement.hasNotAction || !statement.actions.some((action) => ASSUME_ACTIONS.test(action))) continue;
    if (statement.conditions.every(isPrincipalExclusion)) return true;
  }
  return false;
}

function isPrincipalExclusion(test: ConditionTest): boolean {
  return PRINCIPAL_NARROWING.has(test.key) && NEGATED_OPERATOR.test(test.baseOperator) && !test.setOperator
    && test.values.length > 0 && test.values.every((value) => pinsValue(test.key, value));
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
