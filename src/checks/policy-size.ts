import { intrinsicName, isObject, renderString } from './cfn-value';

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

/** Replaces intrinsics inside a document by the strings they render to. */
function renderDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(renderDeep);
  if (!isObject(value)) return value;
  if (intrinsicName(value) !== undefined) return renderString(value);
  const rendered: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) rendered[key] = renderDeep(item);
  return rendered;
}

/** The size of a policy document as IAM counts it: its JSON without any white space. */
export function policySize(document: unknown): number {
  let json = JSON.stringify(renderDeep(document)) ?? '';
  for (const [placeholder, typical] of TYPICAL_VALUES) json = json.split(placeholder).join(typical);
  return json.replace(/\s/g, '').length;
}
