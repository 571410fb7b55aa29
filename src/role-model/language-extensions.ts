import { isObject } from './cfn-value';
import { CfnTemplate } from './template';

/**
 * The `AWS::LanguageExtensions` transform, expanded where its values are literal, as CloudFormation expands it
 * before it makes anything ("AWS::LanguageExtensions transform" in the CloudFormation Template Reference):
 * `Fn::ForEach::<Loop>` over a literal collection in `Resources`, `Conditions`, `Outputs` and resource properties
 * (every `${Identifier}` and `&{Identifier}` in the output keys and values, and every `Ref` to the identifier,
 * replaced by the item), `Fn::Length` of a literal list, and `Fn::ToJsonString` (read as the value it writes, so
 * a policy document written through it is read as the document). A loop over a parameter (a
 * `CommaDelimitedList`) is decided at deployment: it is left out and said in a note.
 */

export const LANGUAGE_EXTENSIONS = 'AWS::LanguageExtensions';

/** The template with its language extensions expanded, and what could not be expanded, in words. */
export interface ExpandedTemplate {
  readonly template: CfnTemplate;
  readonly notes: readonly string[];
}

/**
 * The most a template's loops may copy, counted in the JSON values of each copied fragment: CloudFormation allows
 * 500 resources and 1 MB of template, so no real template comes near; a small hostile one cannot make more.
 */
const MAX_COPIED_VALUES = 1_000_000;
const MAX_DEPTH = 256;
const FOR_EACH = 'Fn::ForEach::';

/** Expands a template that names the transform; any other template is returned as it is. */
export function expandLanguageExtensions(template: CfnTemplate): ExpandedTemplate {
  if (!usesLanguageExtensions(template)) return { template, notes: [] };
  const expander = new Expander();
  const expanded: Record<string, unknown> = { ...template };
  for (const section of ['Resources', 'Conditions', 'Outputs'] as const) {
    if (isObject(template[section as keyof CfnTemplate])) expanded[section] = expander.value(template[section as keyof CfnTemplate], section, 0);
  }
  return { template: expanded as CfnTemplate, notes: expander.notes };
}

/** Whether a template's `Transform` names the language extensions. */
export function usesLanguageExtensions(template: CfnTemplate): boolean {
  const raw = isObject(template) ? template.Transform : undefined;
  return raw === LANGUAGE_EXTENSIONS || Array.isArray(raw) && raw.includes(LANGUAGE_EXTENSIONS);
}

class Expander {
  public readonly notes: string[] = [];
  private made = 0;

  public value(value: unknown, path: string, depth: number): unknown {
    if (depth > MAX_DEPTH || typeof value !== 'object' || value === null) return value;
    if (Array.isArray(value)) return value.map((item, i) => this.value(item, `${path}.${i}`, depth + 1));
    const object = value as Record<string, unknown>;
    const keys = Object.keys(object);
    if (keys.length === 1 && keys[0] === 'Fn::Length' && Array.isArray(object[keys[0]])) return (object[keys[0]] as unknown[]).length;
    if (keys.length === 1 && keys[0] === 'Fn::ToJsonString') return this.value(object[keys[0]], path, depth + 1);
    const result: Record<string, unknown> = {};
    for (const key of keys) {
      if (key.startsWith(FOR_EACH)) Object.assign(result, this.forEach(key, object[key], path, depth));
      else result[key] = this.value(object[key], `${path}.${key}`, depth + 1);
    }
    return result;
  }

  /** The output keys and values of one loop, each item put in place of the identifier, inner loops expanded. */
  private forEach(key: string, loop: unknown, path: string, depth: number): Record<string, unknown> {
    const [identifier, collection, fragment] = Array.isArray(loop) ? loop : [];
    if (typeof identifier !== 'string' || !isObject(fragment)) {
      this.notes.push(`${path}.${key} is not a loop CloudFormation accepts ([Identifier, Collection, {OutputKey: OutputValue}]); what it makes was not checked`);
      return {};
    }
    if (!Array.isArray(collection) || !collection.every((item) => typeof item === 'string')) {
      this.notes.push(`${path}.${key} loops over a collection decided at deployment (a parameter); the resources and values it makes were not checked`);
      return {};
    }
    const made: Record<string, unknown> = {};
    const size = sizeOf(fragment, MAX_COPIED_VALUES);
    for (const item of collection as string[]) {
      this.made += size;
      if (this.made > MAX_COPIED_VALUES) {
        this.notes.push(`${path}.${key}: the loops copy more than ${MAX_COPIED_VALUES} values; the rest were not checked`);
        return made;
      }
      const replaced = replaceIdentifier(fragment, identifier, item, 0) as Record<string, unknown>;
      Object.assign(made, this.value(replaced, path, depth + 1));
    }
    return made;
  }
}

/** How many JSON values a fragment holds, counted up to `max`. */
function sizeOf(value: unknown, max: number): number {
  let count = 0;
  const visit = (inner: unknown, depth: number) => {
    if (++count > max || depth > MAX_DEPTH || typeof inner !== 'object' || inner === null) return;
    for (const entry of Array.isArray(inner) ? inner : Object.values(inner)) visit(entry, depth + 1);
  };
  visit(value, 0);
  return count;
}

/** A fragment with `${identifier}`, `&{identifier}` (the item's letters and digits only) and `Ref: identifier` replaced by the item. */
function replaceIdentifier(value: unknown, identifier: string, item: string, depth: number): unknown {
  if (depth > MAX_DEPTH) return value;
  if (typeof value === 'string') return value.split(`\${${identifier}}`).join(item).split(`&{${identifier}}`).join(item.replace(/[^A-Za-z0-9]/g, ''));
  if (Array.isArray(value)) return value.map((entry) => replaceIdentifier(entry, identifier, item, depth + 1));
  if (!isObject(value)) return value;
  if (value.Ref === identifier && Object.keys(value).length === 1) return item;
  const result: Record<string, unknown> = {};
  for (const key in value) {
    result[replaceIdentifier(key, identifier, item, depth + 1) as string] = replaceIdentifier(value[key], identifier, item, depth + 1);
  }
  return result;
}
