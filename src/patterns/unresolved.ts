import { Token, Tokenization } from 'aws-cdk-lib';

/** The marker of an encoded list token's element (`valueAsList`, `Token.asList`): `#{Token[...]}`. */
export const LIST_TOKEN_ELEMENT = /#\{Token\[[^\]]+\]\}/;

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
