/**
 * Renders CloudFormation values (literals and intrinsic functions) to strings that rules can read.
 *
 * A value the template cannot know before deployment is rendered as a placeholder `{{cfn:...}}`:
 * `{{cfn:AWS::Partition}}`, `{{cfn:AWS::AccountId}}`, `{{cfn:Ref:Bucket}}`, `{{cfn:GetAtt:Role.Arn}}`, or
 * `{{cfn:?}}` when nothing at all is known. Placeholders keep the known parts of a `Fn::Join` or
 * `Fn::Sub` readable (an ARN with a partition token is still recognisably an account root), and they never
 * look like IAM policy variables (`${aws:username}`), which are literal text to CloudFormation.
 */

/** The prefix of every placeholder; no literal IAM value contains it. */
export const PLACEHOLDER_PREFIX = '{{cfn:';
/** The placeholder for a value about which nothing is known. */
export const UNKNOWN = '{{cfn:?}}';
/** The placeholder for the deploying account (`Ref: AWS::AccountId`). */
export const THIS_ACCOUNT = '{{cfn:AWS::AccountId}}';
/** The placeholder for the partition (`Ref: AWS::Partition`). */
export const THIS_PARTITION = '{{cfn:AWS::Partition}}';

/** A JSON object as CloudFormation writes one. */
export type CfnObject = { readonly [key: string]: unknown };

/** Whether a value is a plain JSON object (not an array, not null). */
export function isObject(value: unknown): value is CfnObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The single key of an object such as `{ "Fn::Join": [...] }`, if it is an intrinsic function. */
export function intrinsicName(value: unknown): string | undefined {
  if (!isObject(value)) return undefined;
  let only: string | undefined;
  for (const key in value) { // no Object.keys array: this runs for every object of every policy
    if (only !== undefined) return undefined;
    only = key;
  }
  return only !== undefined && isIntrinsicKey(only) ? only : undefined;
}

/** Whether an object key names an intrinsic function (`Ref`, `Fn::...`, or `Condition`). */
export function isIntrinsicKey(key: string): boolean {
  return key === 'Ref' || key.startsWith('Fn::') || key === 'Condition';
}

/** Whether the value is an intrinsic function (its value is decided at deployment). */
export function isIntrinsic(value: unknown): boolean {
  return intrinsicName(value) !== undefined;
}

/**
 * Renders a value to a string, with placeholders for what cannot be known.
 * Returns undefined for values that are not scalar (objects that are not intrinsics, arrays).
 */
export function renderString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const fn = intrinsicName(value);
  if (fn === undefined) return undefined;
  const arg = (value as CfnObject)[fn];
  switch (fn) {
    case 'Ref': return renderRef(arg);
    case 'Fn::GetAtt': return renderGetAtt(arg);
    case 'Fn::Join': return renderJoin(arg);
    case 'Fn::Sub': return renderSub(arg);
    case 'Fn::Select': return renderSelect(arg);
    case 'Fn::FindInMap': return Array.isArray(arg) && typeof arg[0] === 'string' ? `{{cfn:FindInMap:${arg[0]}}}` : UNKNOWN;
    default: return UNKNOWN;
  }
}

/**
 * The one empty list the checks share for "nothing here" (no values, conditions, policies...): thousands of
 * roles need one and allocate none. Read-only by its type, not frozen: V8 runs `for...of`, `map`, `some` and
 * the other array builtins on a frozen array through a slow path (2 to 10 times slower, and `for...of`
 * allocates an iterator each time), and the checks iterate these lists for every role.
 */
export const NONE: readonly never[] = [];

/**
 * Adds an item to a list that may not exist yet, and returns the list. The first item makes a list of
 * exactly one, the usual case; an empty list grown by `push` reserves room for 17.
 */
export function append<T>(list: T[] | undefined, item: T): T[] {
  if (list === undefined) return [item];
  list.push(item);
  return list;
}

/**
 * Renders a value that may be a list (a JSON array, or one scalar) to a list of strings.
 * Intrinsics that produce a whole list (`Fn::Split`, a `Ref` to a list parameter) give one `{{cfn:?}}` entry.
 */
export function renderList(value: unknown): readonly string[] {
  if (value === undefined || value === null) return NONE;
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value)) return [renderString(value) ?? UNKNOWN];
  return value.map((item) => (typeof item === 'string' ? item : renderString(item) ?? UNKNOWN));
}

/** A rendered string with its placeholders removed, to look at the literal text only (a `?` in `{{cfn:?}}` is no wildcard). */
export function withoutPlaceholders(text: string): string {
  return text.replace(/\{\{cfn:[^}]*\}\}/g, '');
}

/** Whether a rendered string holds any placeholder. */
export function hasPlaceholder(text: string): boolean {
  return text.includes(PLACEHOLDER_PREFIX);
}

/** Makes placeholders readable: `{{cfn:AWS::AccountId}}` becomes `<this account>`. */
export function readable(value: string): string {
  return value
    .replace(/\{\{cfn:AWS::AccountId\}\}/g, '<this account>')
    .replace(/\{\{cfn:AWS::Partition\}\}/g, 'aws')
    .replace(/\{\{cfn:AWS::Region\}\}/g, '<region>')
    .replace(/\{\{cfn:(?:Ref|GetAtt):([^}]+)\}\}/g, '<$1>')
    .replace(/\{\{cfn:([^}]+)\}\}/g, '<$1>');
}

function renderRef(arg: unknown): string {
  if (typeof arg !== 'string') return UNKNOWN;
  return arg.startsWith('AWS::') ? `{{cfn:${arg}}}` : `{{cfn:Ref:${arg}}}`;
}

function renderGetAtt(arg: unknown): string {
  if (typeof arg === 'string') return `{{cfn:GetAtt:${arg}}}`;
  if (Array.isArray(arg) && typeof arg[0] === 'string') {
    const attribute = renderString(arg[1]);
    return `{{cfn:GetAtt:${arg[0]}.${attribute ?? '?'}}}`;
  }
  return UNKNOWN;
}

function renderJoin(arg: unknown): string {
  if (!Array.isArray(arg) || typeof arg[0] !== 'string' || !Array.isArray(arg[1])) return UNKNOWN;
  const separator = arg[0];
  return (arg[1] as unknown[]).map((part) => renderString(part) ?? UNKNOWN).join(separator);
}

function renderSelect(arg: unknown): string {
  if (!Array.isArray(arg) || !Array.isArray(arg[1])) return UNKNOWN;
  const index = Number(renderString(arg[0]));
  const list = arg[1] as unknown[];
  if (!Number.isInteger(index) || index < 0 || index >= list.length) return UNKNOWN;
  return renderString(list[index]) ?? UNKNOWN;
}

function renderSub(arg: unknown): string {
  let template: unknown = arg;
  let variables: CfnObject = {};
  if (Array.isArray(arg)) {
    template = arg[0];
    variables = isObject(arg[1]) ? arg[1] : {};
  }
  if (typeof template !== 'string') return UNKNOWN;
  return template.replace(/\$\{([^}]*)\}/g, (_match, name: string) => {
    if (name.startsWith('!')) return '${' + name.slice(1) + '}';
    if (name in variables) return renderString(variables[name]) ?? UNKNOWN;
    if (name.startsWith('AWS::')) return `{{cfn:${name}}}`;
    if (name.includes('.')) return `{{cfn:GetAtt:${name}}}`;
    return `{{cfn:Ref:${name}}}`;
  });
}

/**
 * Whether a parsed value nests objects and lists more than `max` levels deep (a YAML alias that refers to
 * itself nests without end). The recursion stops at `max`, so a hostile input cannot exhaust the stack here,
 * and it allocates nothing: it runs once over every template the CLI reads.
 */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (max === 0) return true;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (nestsDeeperThan(value[i], max - 1)) return true;
    return false;
  }
  for (const key in value) if (nestsDeeperThan((value as Record<string, unknown>)[key], max - 1)) return true;
  return false;
}

/** How deep a template or policy document may nest: real ones stay far below (CDK's are about 15 levels). */
export const MAX_NESTING = 256;
