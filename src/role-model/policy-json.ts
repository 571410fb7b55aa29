import { CfnObject, intrinsicName, isObject, MAX_NESTING, nestsDeeperThan, renderString, UNKNOWN } from './cfn-value';

/**
 * Reads a policy document as CloudFormation will pass it to IAM. A `Json` property such as
 * `AssumeRolePolicyDocument` or `PolicyDocument` takes an object or a string of JSON, and real templates use
 * both: `!Sub '{"Statement": [...]}'`, a YAML block string, `Fn::Join` of strings, or an escape hatch that
 * set `JSON.stringify(document)`. A string is parsed; the values CloudFormation fills in at deployment
 * (`${AWS::AccountId}`, `${Bucket.Arn}`, a `Ref` inside a `Fn::Join`) become the placeholders that the rest of
 * the checks read (`{{cfn:AWS::AccountId}}`), exactly as if the document had been written as an object.
 */
export type PolicyDocumentReading =
  | { readonly document: CfnObject; readonly problem?: undefined }
  | { readonly document?: undefined; readonly problem: string };

const ABSENT: PolicyDocumentReading = { problem: 'absent' };

/**
 * The document as an object, or why it cannot be read. An object is returned as it is (no copy); only a
 * document written as a string is parsed.
 */
export function readPolicyJson(value: unknown): PolicyDocumentReading {
  if (value === undefined || value === null) return ABSENT;
  if (isObject(value)) {
    const fn = intrinsicName(value);
    if (fn === undefined) return { document: value };
    if (fn === 'Fn::Sub') return parseJson(substitute(value[fn]));
    if (fn === 'Fn::Join') return parseJson(joinStrings(value[fn]));
    if (fn === 'Fn::ToJsonString' && isObject(value[fn])) return { document: value[fn] as CfnObject };
    return { problem: `it is ${fn} (${describeIntrinsic(value, fn)}), whose value is known only at deployment` };
  }
  if (typeof value === 'string') return parseJson(value);
  return { problem: `it is ${Array.isArray(value) ? 'a list' : typeof value}, not a policy document` };
}

/** Whether the document was absent (a missing property is not an unreadable one). */
export function isAbsent(reading: PolicyDocumentReading): boolean {
  return reading === ABSENT;
}

function parseJson(text: string | undefined): PolicyDocumentReading {
  if (text === undefined) return { problem: 'its Fn::Sub or Fn::Join is not written as CloudFormation expects' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { problem: `its string is not JSON (${(error as Error).message})` };
  }
  if (!isObject(parsed)) return { problem: 'its string is JSON but not an object' };
  if (nestsDeeperThan(parsed, MAX_NESTING)) return { problem: `its JSON nests more than ${MAX_NESTING} levels deep` };
  return { document: parsed };
}

const SUB_VARIABLE = /\$\{([^}]*)\}/g;

/**
 * The text of a `Fn::Sub` with each `${Name}` replaced by what it stands for, escaped for a JSON string (a
 * variable almost always sits inside one: `"arn:aws:iam::${AWS::AccountId}:root"`).
 */
function substitute(arg: unknown): string | undefined {
  let text: unknown = arg;
  let variables: CfnObject = {};
  if (Array.isArray(arg)) {
    text = arg[0];
    if (isObject(arg[1])) variables = arg[1];
  }
  if (typeof text !== 'string') return undefined;
  return text.replace(SUB_VARIABLE, (_match, name: string) => {
    if (name.startsWith('!')) return '${' + name.slice(1) + '}'; // ${!Literal} is the literal text ${Literal}
    if (name in variables) return jsonEscaped(renderString(variables[name]) ?? UNKNOWN);
    if (name.startsWith('AWS::')) return `{{cfn:${name}}}`;
    return name.includes('.') ? `{{cfn:GetAtt:${name}}}` : `{{cfn:Ref:${name}}}`;
  });
}

/** The text of a `Fn::Join`: literal strings as written, anything else as its placeholder. */
function joinStrings(arg: unknown): string | undefined {
  if (!Array.isArray(arg) || typeof arg[0] !== 'string' || !Array.isArray(arg[1])) return undefined;
  let text = '';
  const parts = arg[1] as unknown[];
  for (let i = 0; i < parts.length; i++) {
    if (i > 0) text += arg[0];
    const part = parts[i];
    text += typeof part === 'string' ? part : jsonEscaped(renderString(part) ?? UNKNOWN);
  }
  return text;
}

function jsonEscaped(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

function describeIntrinsic(value: CfnObject, fn: string): string {
  const rendered = renderString(value);
  return rendered !== undefined && rendered !== UNKNOWN ? rendered.replace(/^\{\{cfn:|\}\}$/g, '') : fn;
}
