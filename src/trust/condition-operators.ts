import { globMatchesWithCase } from '../iam/glob';

/**
 * IAM's condition operators, as the IAM User Guide describes them ("IAM JSON policy elements: Condition operators",
 * "Condition operator ...IfExists", "Multivalued context keys", "IAM policy elements: Variables and tags"). One test
 * is one operator and one key with its policy values: the values are ORed; a negated operator (`...Not...`) holds
 * when no value matches. A key missing from the request fails a positive operator and passes a negated one;
 * `IfExists` passes it; `ForAllValues` passes it (an empty set); `ForAnyValue` fails it; `Null` tests presence.
 */

/** The request context by lower-case key. */
export type ContextValues = ReadonlyMap<string, readonly string[]>;

type Compare = (requestValue: string, policyValue: string) => boolean;

/** The positive comparison of each operator family, by its lower-case name without `Not`. */
const COMPARISONS: Readonly<Record<string, Compare>> = {
  stringequals: (value, policy) => value === policy,
  stringequalsignorecase: (value, policy) => value.toLowerCase() === policy.toLowerCase(),
  stringlike: (value, policy) => globMatchesWithCase(policy, value),
  numericequals: (value, policy) => numeric(value, policy, (a, b) => a === b),
  numericlessthan: (value, policy) => numeric(value, policy, (a, b) => a < b),
  numericlessthanequals: (value, policy) => numeric(value, policy, (a, b) => a <= b),
  numericgreaterthan: (value, policy) => numeric(value, policy, (a, b) => a > b),
  numericgreaterthanequals: (value, policy) => numeric(value, policy, (a, b) => a >= b),
  dateequals: (value, policy) => dated(value, policy, (a, b) => a === b),
  datelessthan: (value, policy) => dated(value, policy, (a, b) => a < b),
  datelessthanequals: (value, policy) => dated(value, policy, (a, b) => a <= b),
  dategreaterthan: (value, policy) => dated(value, policy, (a, b) => a > b),
  dategreaterthanequals: (value, policy) => dated(value, policy, (a, b) => a >= b),
  bool: (value, policy) => value.toLowerCase() === policy.toLowerCase(),
  binaryequals: (value, policy) => value === policy,
  ipaddress: (value, policy) => inCidr(value, policy),
  arnequals: (value, policy) => arnMatches(policy, value),
  arnlike: (value, policy) => arnMatches(policy, value),
};

/** The negated operators and the positive comparison each negates. */
const NEGATED: Readonly<Record<string, string>> = {
  stringnotequals: 'stringequals',
  stringnotequalsignorecase: 'stringequalsignorecase',
  stringnotlike: 'stringlike',
  numericnotequals: 'numericequals',
  datenotequals: 'dateequals',
  notipaddress: 'ipaddress',
  arnnotequals: 'arnequals',
  arnnotlike: 'arnlike',
};

/** The operators whose policy values may hold policy variables (`${aws:username}`). */
const WITH_VARIABLES = /^(string|arn)/;

/** One condition operator as written, read: `ForAnyValue:StringLikeIfExists`. */
interface Operator {
  readonly set?: 'forallvalues' | 'foranyvalue';
  readonly ifExists: boolean;
  readonly base: string;
}

function readOperator(written: string): Operator {
  let text = written.toLowerCase();
  let set: Operator['set'];
  const colon = text.indexOf(':');
  if (colon > 0) {
    const prefix = text.slice(0, colon);
    if (prefix === 'forallvalues' || prefix === 'foranyvalue') set = prefix;
    text = text.slice(colon + 1);
  }
  const ifExists = text.endsWith('ifexists');
  return { set, ifExists, base: ifExists ? text.slice(0, -'ifexists'.length) : text };
}

/** Whether one test holds for the request: `operator` as written, `key` (any case), the policy's values. */
export function conditionHolds(written: string, key: string, policyValues: readonly string[], context: ContextValues): boolean {
  const operator = readOperator(written);
  const values = context.get(key.toLowerCase());
  if (operator.base === 'null') {
    const absent = values === undefined || values.length === 0;
    return policyValues.some((policy) => (policy.toLowerCase() === 'true') === absent);
  }
  const negatedOf = NEGATED[operator.base];
  const compare = COMPARISONS[negatedOf ?? operator.base];
  if (!compare) return false; // an operator IAM does not know: the policy would not deploy
  if (values === undefined || values.length === 0) {
    if (operator.ifExists || operator.set === 'forallvalues') return true;
    if (operator.set === 'foranyvalue') return false;
    return negatedOf !== undefined;
  }
  const resolved = WITH_VARIABLES.test(operator.base) ? policyValues.map((policy) => substituteVariables(policy, context)) : policyValues;
  const matchesAny = (value: string) => resolved.some((policy) => policy !== undefined && compare(value, policy));
  const holds = (value: string) => (negatedOf !== undefined ? !matchesAny(value) : matchesAny(value));
  if (operator.set === 'forallvalues') return values.every(holds);
  if (operator.set === 'foranyvalue') return values.some(holds);
  return negatedOf !== undefined ? values.every(holds) : values.some(holds);
}

/**
 * A policy value with its variables replaced by the request's values: `${aws:username}`, and the escapes `${*}`,
 * `${?}` and `${$}` for the literal characters; a variable with a default (`${aws:username, 'none'}`) takes it when
 * the key is missing. Undefined when a variable's key is missing and has no default (the value then matches nothing).
 */
export function substituteVariables(value: string, context: ContextValues): string | undefined {
  if (!value.includes('${')) return value;
  let missing = false;
  const replaced = value.replace(/\$\{([^}]*)\}/g, (_match, inner: string) => {
    // the escapes for the literal characters; under StringLike a literal * or ? is then read as a wildcard, so a
    // decision errs towards letting in, never towards keeping out
    if (inner === '*' || inner === '?' || inner === '$') return inner;
    const [name, fallback] = inner.split(',').map((part) => part.trim());
    const found = context.get(name.toLowerCase());
    if (found && found.length === 1) return found[0];
    if (fallback !== undefined && /^'.*'$/.test(fallback)) return fallback.slice(1, -1);
    missing = true;
    return '';
  });
  return missing ? undefined : replaced;
}

function numeric(value: string, policy: string, compare: (a: number, b: number) => boolean): boolean {
  const a = Number(value);
  const b = Number(policy);
  return value.trim() !== '' && policy.trim() !== '' && !Number.isNaN(a) && !Number.isNaN(b) && compare(a, b);
}

/** A date as IAM reads one: ISO 8601, or seconds since the epoch. */
function epochMillis(text: string): number {
  return /^\d+$/.test(text) ? Number(text) * 1000 : Date.parse(text);
}

function dated(value: string, policy: string, compare: (a: number, b: number) => boolean): boolean {
  const a = epochMillis(value);
  const b = epochMillis(policy);
  return !Number.isNaN(a) && !Number.isNaN(b) && compare(a, b);
}

/** Whether an IPv4 address is in a CIDR block (an address without a prefix length is a /32); IPv6 is compared as text. */
function inCidr(address: string, block: string): boolean {
  const [base, bitsText] = block.split('/');
  const ip = ipv4(address);
  const network = ipv4(base);
  if (ip === undefined || network === undefined) return address.toLowerCase() === block.toLowerCase();
  const bits = bitsText === undefined ? 32 : Number(bitsText);
  if (!Number.isInteger(bits) || bits < 0 || bits > 32) return false;
  const size = 2 ** (32 - bits); // the addresses of the block: the same quotient is the same network
  return Math.floor(ip / size) === Math.floor(network / size);
}

function ipv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255)) return undefined;
  return parts.reduce((sum, part) => sum * 256 + Number(part), 0);
}

/**
 * `ArnEquals` and `ArnLike` alike: each of the six fields matched with wildcards, the resource field holding any `:`.
 * A value the same as the policy's matches it, an ARN known only at deployment (`{{cfn:GetAtt:Anchor.Arn}}`) too:
 * whatever it deploys as, it deploys as the same ARN on both sides.
 */
function arnMatches(pattern: string, arn: string): boolean {
  if (pattern === arn && pattern.includes('{{cfn:')) return true;
  const a = splitArn(pattern);
  const b = splitArn(arn);
  if (!a || !b) return false;
  return a.every((field, i) => globMatchesWithCase(field, b[i]));
}

function splitArn(arn: string): string[] | undefined {
  const parts = arn.split(':');
  if (parts.length < 6) return undefined;
  return [...parts.slice(0, 5), parts.slice(5).join(':')];
}
