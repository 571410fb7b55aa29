import { Token, Tokenization } from 'aws-cdk-lib';
import { PropErrors } from './prop-errors';

/** The marker of an encoded list token's element (`valueAsList`, `Token.asList`): `#{Token[...]}`. */
const LIST_TOKEN_ELEMENT = /#\{Token\[[^\]]+\]\}/;

/**
 * Whether a value is only known at deployment: a string token, or the element of an encoded list token,
 * which `Token.isUnresolved` takes for a literal string. Such a value is skipped by every prop check.
 */
export function isUnresolved(value: unknown): boolean {
  return Token.isUnresolved(value) || (typeof value === 'string' && LIST_TOKEN_ELEMENT.test(value));
}

/** The values of a list prop that are known at synth: none for a list token, else the elements that are not tokens. */
export function literalValues(list: readonly string[] | undefined): string[] {
  return (list ?? []).filter((value) => !isUnresolved(value));
}

/** Whether a list prop is one list token, as `CfnParameter.valueAsList` or `Token.asList` give it. */
export function isListToken(list: readonly string[] | undefined): boolean {
  return list !== undefined && list.length === 1 && LIST_TOKEN_ELEMENT.test(list[0]);
}

/**
 * A list token as one string token that resolves to the whole list, for a place CDK renders as a scalar
 * when it holds one value (a statement's principals): CloudFormation then gets the list.
 */
export function wholeListAsString(list: string[]): string {
  return Token.asString(Tokenization.reverseList(list));
}

/**
 * Refuses a list token, or a list token's element mixed with other values, where each value becomes part of
 * a longer string that CDK cannot build from a list only known at deployment.
 */
export function refuseListTokenElements(prop: string, list: readonly string[] | undefined, errors: PropErrors, accepted: string): void {
  if (!(list ?? []).some((value) => typeof value === 'string' && LIST_TOKEN_ELEMENT.test(value))) return;
  errors.add(prop, list, `a list token cannot be used here: ${accepted}`);
}

/** Refuses a list token's element mixed with other values: CDK can render a list token only as the whole list. */
export function refuseMixedListToken(prop: string, list: readonly string[] | undefined, errors: PropErrors): void {
  if (!list || list.length < 2 || !list.some((value) => LIST_TOKEN_ELEMENT.test(value))) return;
  errors.add(prop, list, 'a list token (valueAsList, Token.asList) must be the whole list; pass it alone, or only literal values and string tokens');
}
