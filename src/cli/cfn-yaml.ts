import { Document, isScalar, parseDocument, visit, YAMLMap } from 'yaml';

/** The short-form tags of CloudFormation YAML and the intrinsic each one stands for. */
const SHORT_FORMS: ReadonlyMap<string, string> = new Map([
  ...['Ref', 'Condition'].map((name): [string, string] => [name, name]),
  ...['Base64', 'Cidr', 'FindInMap', 'GetAtt', 'GetAZs', 'ImportValue', 'Join', 'Select', 'Split', 'Sub', 'Transform',
    'And', 'Equals', 'If', 'Not', 'Or', 'ToJsonString', 'Length'].map((name): [string, string] => [name, `Fn::${name}`]),
]);

/**
 * Parses a CloudFormation template written in YAML, turning short-form tags (`!Ref X`, `!GetAtt A.B`,
 * `!Join [...]`) into the JSON form (`{ "Ref": "X" }`, `{ "Fn::GetAtt": ["A", "B"] }`).
 * Throws with the line and column on invalid YAML or an unknown tag.
 */
export function parseCfnYaml(text: string): unknown {
  const document = parseDocument(text, { prettyErrors: true });
  if (document.errors.length > 0) throw new Error(document.errors[0].message.trim());
  expandShortForms(document);
  return document.toJS({ maxAliasCount: 1000 });
}

function expandShortForms(document: Document): void {
  visit(document, {
    Node(_key, node) {
      const tag = (node as { tag?: string }).tag;
      if (!tag?.startsWith('!')) return undefined;
      const intrinsic = SHORT_FORMS.get(tag.slice(1));
      if (intrinsic === undefined) throw new Error(`unknown tag ${tag}: CloudFormation's short forms are ${[...SHORT_FORMS.keys()].map((name) => `!${name}`).join(', ')}`);
      (node as { tag?: string }).tag = undefined;
      const value = intrinsic === 'Fn::GetAtt' && isScalar(node) ? document.createNode(String(node.value).split('.')) : node;
      const wrapped = new YAMLMap(document.schema);
      wrapped.set(intrinsic, value);
      return wrapped;
    },
  });
}
