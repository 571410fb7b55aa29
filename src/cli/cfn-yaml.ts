import { Document, isScalar, parseDocument, visit, YAMLMap } from 'yaml';

/** The short-form tags of CloudFormation YAML and the intrinsic each one stands for, rule functions included. */
const SHORT_FORMS: ReadonlyMap<string, string> = new Map([
  ...['Ref', 'Condition'].map((name): [string, string] => [name, name]),
  ...['Base64', 'Cidr', 'FindInMap', 'GetAtt', 'GetAZs', 'ImportValue', 'Join', 'Select', 'Split', 'Sub', 'Transform',
    'And', 'Equals', 'If', 'Not', 'Or', 'ToJsonString', 'Length',
    // the rule functions of a template's Rules section
    'Contains', 'EachMemberEquals', 'EachMemberIn', 'RefAll', 'ValueOf', 'ValueOfAll'].map((name): [string, string] => [name, `Fn::${name}`]),
]);

/** A template read from YAML, with what the reader could not read exactly. */
export interface CfnYaml {
  readonly value: unknown;
  /** Tags that are not CloudFormation's (a pre-processor's `!Rain::Embed`), kept as opaque values. */
  readonly notes: readonly string[];
}

/**
 * Parses a CloudFormation template written in YAML, turning short-form tags (`!Ref X`, `!GetAtt A.B`,
 * `!Join [...]`) into the JSON form (`{ "Ref": "X" }`, `{ "Fn::GetAtt": ["A", "B"] }`). A tag that is not
 * CloudFormation's is kept as an opaque value (`{ "Fn::Rain::Embed": ... }`, whose value the checks treat as
 * unknown) and noted, so the rest of the file is still checked. Throws with the line and column on invalid YAML.
 */
export function parseCfnYaml(text: string): CfnYaml {
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: false });
  if (document.errors.length > 0) throw new Error(document.errors[0].message.trim());
  const notes = expandShortForms(document, text);
  return { value: document.toJS({ maxAliasCount: 1000 }), notes };
}

function expandShortForms(document: Document, text: string): string[] {
  const notes: string[] = [];
  visit(document, {
    Node(_key, node) {
      const tag = (node as { tag?: string }).tag;
      if (!tag?.startsWith('!')) return undefined;
      const name = tag.slice(1);
      let intrinsic = SHORT_FORMS.get(name);
      if (intrinsic === undefined) {
        intrinsic = `Fn::${name}`;
        const line = lineOf(node, text);
        notes.push(`the tag ${tag}${line ? ` (line ${line})` : ''} is not CloudFormation's; its value was kept as unknown and the rest of the file was checked`);
      }
      (node as { tag?: string }).tag = undefined;
      const value = intrinsic === 'Fn::GetAtt' && isScalar(node) ? document.createNode(String(node.value).split('.')) : node;
      const wrapped = new YAMLMap(document.schema);
      wrapped.set(intrinsic, value);
      return wrapped;
    },
  });
  return notes;
}

/** The line a node starts on, counted from 1. */
function lineOf(node: unknown, text: string): number | undefined {
  const range = (node as { range?: [number, number, number] }).range;
  if (!range) return undefined;
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < range[0]; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
