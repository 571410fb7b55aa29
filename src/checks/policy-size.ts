import { isIntrinsicKey, renderString } from '../role-model/cfn-value';

/**
 * Typical deployed values of CloudFormation pseudo parameters, used when a policy's size depends on them.
 * Any other unknown value is counted by the length of its placeholder, so sizes near a limit are estimates.
 */
const TYPICAL_VALUES: ReadonlyArray<[string, string]> = [
  ['{{cfn:AWS::Partition}}', 'aws'],
  ['{{cfn:AWS::AccountId}}', '123456789012'],
  ['{{cfn:AWS::Region}}', 'us-east-1'],
  ['{{cfn:AWS::URLSuffix}}', 'amazonaws.com'],
];

/**
 * The size of a policy document as IAM counts it: its JSON without any white space. Counted while walking
 * the document (no intermediate JSON string): this runs on every role, thousands of times in a big app.
 */
export function policySize(document: unknown): number {
  return document === undefined ? 0 : sizeOf(document);
}

function sizeOf(value: unknown): number {
  if (typeof value === 'string') return stringSize(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value).length;
  if (value === null) return 4;
  if (Array.isArray(value)) {
    // A hole (undefined) is a statement that a Fn::If removed with AWS::NoValue: it is not in the deployed policy.
    let size = 2;
    let items = 0;
    for (const item of value) {
      if (item === undefined) continue;
      size += sizeOf(item);
      items++;
    }
    return size + Math.max(0, items - 1);
  }
  if (typeof value !== 'object') return 0;
  const object = value as Record<string, unknown>;
  let size = 2;
  let members = 0;
  let lastKey = '';
  for (const key in object) {
    const item = object[key];
    if (item === undefined) continue;
    size += keySize(key) + 1 + sizeOf(item);
    members++;
    lastKey = key;
  }
  // An intrinsic function counts as the value it will have (a typical one for pseudo parameters).
  if (members === 1 && isIntrinsicKey(lastKey)) return stringSize(typical(renderString(object) ?? ''));
  return size + Math.max(0, members - 1);
}

/** The sizes of the keys seen: policies use a few dozen (Effect, Action, condition operators and keys) again and again. */
const keySizes = new Map<string, number>();

function keySize(key: string): number {
  let size = keySizes.get(key);
  if (size === undefined) {
    size = stringSize(key);
    if (keySizes.size < 4096) keySizes.set(key, size);
  }
  return size;
}

/** A rendered value with pseudo-parameter placeholders replaced by their typical values. */
function typical(text: string): string {
  let result = text;
  for (const [placeholder, value] of TYPICAL_VALUES) {
    if (result.includes(placeholder)) result = result.split(placeholder).join(value);
  }
  return result;
}

/** The characters of a JSON string literal, quotes and escapes included, white space left out. */
function stringSize(text: string): number {
  if (!SPECIAL.test(text)) return text.length + 2; // the common case: nothing to escape or leave out
  let size = 2;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x22 || code === 0x5c) size += 2;
    else if (code < 0x20) size += [0x08, 0x09, 0x0a, 0x0c, 0x0d].includes(code) ? 2 : 6;
    else if (!WHITESPACE.test(text[i])) size += 1;
  }
  return size;
}

const WHITESPACE = /\s/;
/** Characters that JSON escapes or that IAM does not count. */
const SPECIAL = /[\s"\\\u0000-\u001f]/;
