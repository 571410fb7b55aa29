/* eslint-disable no-bitwise -- the automaton's states are the bits of a number, and the table holds 0 or 1: this
   runs for every named resource of every statement, so it makes no arrays or sets */
import { globMatches } from './glob';

/**
 * Reading ARN patterns as IAM does: which resources a policy's `Resource` entry can name, measured against
 * the ARN forms of the Service Authorization Reference (`arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}`).
 *
 * A policy ARN may hold CloudFormation placeholders (`{{cfn:AWS::AccountId}}`, `{{cfn:Ref:Bucket}}`): in the
 * partition, region and account fields any value names one partition, region or account; in the resource
 * part a placeholder is one value the template decides, never "every".
 */

/** Stands for a value of a variable of an ARN form; no policy holds it, so only a wildcard matches it. */
const ANY = '\u0001';
/** Stands for a placeholder in a policy ARN (one value, unknown at synth). */
const PLACEHOLDER = '\u0002';
/** Stands for a value of a variable that never holds `/` (a bucket, table or function name) in `mayNameResourceOf`. */
const SEGMENT = '\u0003';
const PLACEHOLDERS = /\{\{cfn:[^}]*\}\}/g;
const VARIABLES = /\$\{([^}]*)\}/g;

/**
 * Variables of ARN forms whose values never hold `/` (their services' naming rules): so `arn:aws:s3:::orders/*`
 * names no bucket. Any other variable may (an object key, a log group name, a role name with its path).
 */
const NO_SLASH_VARIABLES: ReadonlySet<string> = new Set(['Partition', 'Region', 'Account', 'BucketName', 'TableName', 'QueueName', 'TopicName',
  'FunctionName', 'StreamName', 'AccessPointName', 'KeyId']);

interface ArnParts {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  readonly resource: string;
}

/** The six fields of an ARN, or undefined for a value that is not one (`*` is handled by the callers); no array is made. */
function split(arn: string): ArnParts | undefined {
  if (!arn.startsWith('arn:')) return undefined;
  const partitionEnd = arn.indexOf(':', 4);
  const serviceEnd = partitionEnd < 0 ? -1 : arn.indexOf(':', partitionEnd + 1);
  const regionEnd = serviceEnd < 0 ? -1 : arn.indexOf(':', serviceEnd + 1);
  const accountEnd = regionEnd < 0 ? -1 : arn.indexOf(':', regionEnd + 1);
  if (accountEnd < 0) return undefined;
  return {
    partition: arn.slice(4, partitionEnd),
    service: arn.slice(partitionEnd + 1, serviceEnd),
    region: arn.slice(serviceEnd + 1, regionEnd),
    account: arn.slice(regionEnd + 1, accountEnd),
    resource: arn.slice(accountEnd + 1),
  };
}

const formCache = new Map<string, ArnParts | undefined>();
const shapeCache = new Map<string, ArnParts | undefined>();

/**
 * An ARN form of the catalogue with each variable as `ANY/ANY`: a value with a `/` in it, so only a policy
 * wildcard that admits any value (`role/*`, not `role/service-role/*`) covers it.
 */
function form(arnForm: string): ArnParts | undefined {
  if (formCache.has(arnForm)) return formCache.get(arnForm);
  const parts = split(arnForm.replace(VARIABLES, `${ANY}/${ANY}`));
  formCache.set(arnForm, parts);
  return parts;
}

/**
 * An ARN form with each variable as `*` (any run) or, for names that never hold `/`, `SEGMENT`: the right-hand
 * side of `globsIntersect`, made once per form.
 */
function shape(arnForm: string): ArnParts | undefined {
  if (shapeCache.has(arnForm)) return shapeCache.get(arnForm);
  const parts = split(arnForm.replace(VARIABLES, (_match, name: string) => (NO_SLASH_VARIABLES.has(name) ? SEGMENT : '*')));
  shapeCache.set(arnForm, parts);
  return parts;
}

/**
 * Whether a policy's `Resource` entry covers every resource of a resource type, in its account or in every
 * account: `*`, `arn:aws:iam::*:role/*`, `arn:${AWS::Partition}:iam::${AWS::AccountId}:role/*`. A path that
 * narrows (`role/service-role/lambda-*`) or a named resource does not.
 */
export function coversEveryResourceOf(entry: string, arnForm: string): boolean {
  if (!entry.includes('*')) return false; // a name without a wildcard is one resource
  if (coversEveryResource(entry)) return true;
  const type = form(arnForm);
  const text = entry.includes('{{cfn:') ? entry.replace(PLACEHOLDERS, PLACEHOLDER) : entry;
  if (!type || !findFields(text)) return false;
  if (!globMatches(text.slice(fieldStart[1], fieldEnd[1]), type.service) || !fieldsAdmitAt(text, type)) return false;
  return globMatches(text.slice(fieldStart[4]), type.resource);
}

/** Whether a policy's `Resource` entry covers every resource of every service (`*`, `arn:*`, `arn:aws:*:*:*:*`). */
export function coversEveryResource(entry: string): boolean {
  if (entry === '*') return true;
  if (!entry.includes('*')) return false; // a name without a wildcard is one resource
  const text = entry.replace(PLACEHOLDERS, PLACEHOLDER);
  if (!text.startsWith('arn:')) return false;
  if (globMatches(text, `arn:${ANY}:${ANY}:${ANY}:${ANY}:${ANY}/${ANY}`)) return true; // arn:*
  const policy = split(text);
  return policy !== undefined && globMatches(policy.service, ANY) && globMatches(policy.resource, `${ANY}/${ANY}:${ANY}`);
}

/**
 * Whether a policy's `Resource` entry can name some resource of a resource type: its fields could agree, and
 * some ARN matches both (placeholders in the entry count as any value). False means the grant can never apply
 * to the action through this entry (`s3:GetObject` on a bucket ARN without `/*`).
 */
export function mayNameResourceOf(entry: string, arnForm: string): boolean {
  if (entry === '*') return true;
  const type = shape(arnForm);
  const text = entry.includes('{{cfn:') ? entry.replace(PLACEHOLDERS, PLACEHOLDER) : entry;
  if (!type || !findFields(text)) return true; // not an ARN (a placeholder for a whole ARN): it may be anything
  if (!globsIntersect(text, fieldStart[1], fieldEnd[1], type.service) || !fieldsAdmitAt(text, type)) return false;
  return globsIntersect(text, fieldStart[4], text.length, type.resource);
}

/**
 * Where the fields of an ARN begin and end (partition, service, region, account, resource), found without
 * making a string or an object: this runs for every named resource of every statement. False for a value
 * that is not an ARN.
 */
const fieldStart = new Int32Array(5);
const fieldEnd = new Int32Array(5);

function findFields(arn: string): boolean {
  if (!arn.startsWith('arn:')) return false;
  let start = 4;
  for (let field = 0; field < 4; field++) {
    const end = arn.indexOf(':', start);
    if (end < 0) return false;
    fieldStart[field] = start;
    fieldEnd[field] = end;
    start = end + 1;
  }
  fieldStart[4] = start;
  fieldEnd[4] = arn.length;
  return true;
}

/** Whether the partition, region and account fields of the ARN last read by `findFields` admit the form's. */
function fieldsAdmitAt(text: string, type: ArnParts): boolean {
  return fieldAdmitsAt(text, 0, type.partition) && fieldAdmitsAt(text, 2, type.region) && fieldAdmitsAt(text, 3, type.account);
}

/**
 * Whether a field of the ARN last read by `findFields` (compared in place) admits the form's: any value names
 * one partition, region or account, a wildcard or placeholder admits any, a literal must agree.
 */
function fieldAdmitsAt(text: string, field: number, value: string): boolean {
  const start = fieldStart[field];
  const end = fieldEnd[field];
  const length = end - start;
  if (length === value.length && text.startsWith(value, start)) return true;
  if (length === 0) return false; // no region or account: the form must have none (an S3 bucket's)
  if (value.includes(ANY) || value.includes(SEGMENT)) return true;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code === STAR || code === QUESTION || code === PLACEHOLDER_CODE) return true;
  }
  return false;
}

const STAR = 42; // '*'
const QUESTION = 63; // '?'
const SLASH = 47; // '/'
const PLACEHOLDER_CODE = PLACEHOLDER.charCodeAt(0);
const SEGMENT_CODE = SEGMENT.charCodeAt(0);

/**
 * `globsIntersect` for the usual policy ARN, literal text with at most one `*` at its end: the form is read as
 * an automaton whose states (positions in `b`) are the bits of a number, so no table is needed. Undefined
 * when the text has another wildcard or a placeholder. Reads `text` from `from` to `to` in place.
 */
function literalAgainstForm(text: string, from: number, to: number, b: string): boolean | undefined {
  const trailingStar = to > from && text.charCodeAt(to - 1) === STAR;
  const end = trailingStar ? to - 1 : to;
  let states = closure(1, b);
  for (let i = from; i < end; i++) {
    const x = text.charCodeAt(i);
    if (x === STAR || x === QUESTION || x === PLACEHOLDER_CODE) return undefined;
    let next = 0;
    for (let j = 0; j < b.length; j++) {
      if ((states & (1 << j)) === 0) continue;
      const y = b.charCodeAt(j);
      if (y === STAR || y === SEGMENT_CODE && x !== SLASH) next |= 1 << j;
      else if (y === x) next |= 1 << (j + 1);
    }
    states = closure(next, b);
    if (states === 0) return false;
  }
  // a trailing * makes any string of the form that goes on from here; without one the form must be done
  return trailingStar ? states !== 0 : (states & (1 << b.length)) !== 0;
}

/** The states reachable without reading a character: past each `*` or `SEGMENT` (they match nothing too). */
function closure(states: number, b: string): number {
  for (let j = 0; j < b.length; j++) {
    if ((states & (1 << j)) === 0) continue;
    const y = b.charCodeAt(j);
    if (y === STAR || y === SEGMENT_CODE) states |= 1 << (j + 1);
  }
  return states;
}

/** The table of `globsIntersect`, kept between calls (it grows to the largest pair seen). */
let table = new Uint8Array(4096);

/**
 * Whether two patterns match some string in common: in the policy's (`text` from `from` to `to`, read in
 * place), `*`, `?` and a placeholder stand for any run; in `b` (a form's, from `shape`), `*` is any run and
 * `SEGMENT` any run without `/`. A dynamic program over both, bottom-up in one reused table, for the rare
 * policy ARN with wildcards inside; it runs for every named resource of every statement, so it makes nothing.
 */
function globsIntersect(text: string, from: number, to: number, b: string): boolean {
  const n = to - from;
  const m = b.length;
  // The literal text both start with must agree (the usual way two ARNs differ); only then read further.
  let k = 0;
  for (; k < n && k < m; k++) {
    const x = text.charCodeAt(from + k);
    const y = b.charCodeAt(k);
    if (x === STAR || x === QUESTION || x === PLACEHOLDER_CODE || y === STAR || y === SEGMENT_CODE) break;
    if (x !== y) return false;
  }
  if (k === n && k === m) return true; // the same literal text (a service prefix, most often)
  const quick = m <= 30 ? literalAgainstForm(text, from, to, b) : undefined;
  if (quick !== undefined) return quick;
  const width = m + 1;
  if ((n + 1) * width > table.length) table = new Uint8Array((n + 1) * width * 2);
  for (let i = n; i >= 0; i--) {
    const x = i < n ? text.charCodeAt(from + i) : -1;
    const xAny = x === STAR || x === QUESTION || x === PLACEHOLDER_CODE;
    for (let j = m; j >= 0; j--) {
      const y = j < m ? b.charCodeAt(j) : -1;
      let result: number;
      if (i === n && j === m) result = 1;
      else if (xAny) result = table[(i + 1) * width + j] | (j < m ? table[i * width + j + 1] : 0);
      else if (y === STAR) result = table[i * width + j + 1] | (i < n ? table[(i + 1) * width + j] : 0);
      else if (y === SEGMENT_CODE) result = table[i * width + j + 1] | (i < n && x !== SLASH ? table[(i + 1) * width + j] : 0);
      else result = i < n && j < m && x === y ? table[(i + 1) * width + j + 1] : 0;
      table[i * width + j] = result;
    }
  }
  return table[0] === 1;
}
