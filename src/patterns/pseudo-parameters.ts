import { IResolvable, IResolveContext, Intrinsic, Token, Tokenization } from 'aws-cdk-lib';

/**
 * `AWS::Partition` for the token of `Aws.PARTITION`, and likewise for every pseudo parameter: a plain
 * `Intrinsic` of `{ Ref: 'AWS::<name>' }`, which needs no context to resolve. `undefined` for any other token.
 * Reading these without `Stack.resolve` matters at construction: CDK instruments each `Stack.resolve` call.
 */
export function pseudoParameterName(token: IResolvable): string | undefined {
  if (Object.getPrototypeOf(token) !== Intrinsic.prototype) return undefined;
  const value = token.resolve(NO_CONTEXT) as { Ref?: unknown } | undefined;
  return typeof value?.Ref === 'string' && value.Ref.startsWith('AWS::') ? value.Ref : undefined;
}

/** A plain `Intrinsic` returns its value and reads nothing of the context. */
const NO_CONTEXT = {} as IResolveContext;

/** Whether every token in a value (strings, arrays, objects, at any depth) is a pseudo parameter. */
export function hasOnlyPseudoParameterTokens(value: unknown): boolean {
  if (typeof value === 'string') {
    return !Token.isUnresolved(value) || Tokenization.reverseString(value).tokens.every((token) => pseudoParameterName(token) !== undefined);
  }
  if (Array.isArray(value)) return value.every(hasOnlyPseudoParameterTokens);
  if (typeof value !== 'object' || value === null) return true;
  if (Tokenization.isResolvable(value)) return false;
  return Object.values(value).every(hasOnlyPseudoParameterTokens);
}

/**
 * Whether a string names the stack's own account through `Aws.ACCOUNT_ID` (or `Stack.account` of an
 * env-agnostic stack): the account id itself, or a principal ARN whose account field is that token, such as
 * `arn:aws:iam::${Aws.ACCOUNT_ID}:role/ops`. Read from the string's tokens, without resolving the stack.
 */
export function namesOwnAccountByToken(value: string): boolean {
  if (!Token.isUnresolved(value)) return false;
  const text = String(Tokenization.reverseString(value)
    .mapTokens({ mapToken: (token) => (pseudoParameterName(token) === 'AWS::AccountId' ? OWN_ACCOUNT : '?') })
    .join({ join: (left: unknown, right: unknown) => `${left}${right}` }));
  return text === OWN_ACCOUNT || OWN_ACCOUNT_ARN.test(text);
}

const OWN_ACCOUNT = '<own-account>';
const OWN_ACCOUNT_ARN = /^arn:[^:]*:(?:iam|sts)::<own-account>:/;
