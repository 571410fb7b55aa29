import { CfnObject, intrinsicName, isObject, renderString } from './cfn-value';
import { ModelTemplate } from './template';

/**
 * Intrinsic functions whose value is known at synth because everything they read is literal: `Fn::FindInMap`
 * over the template's `Mappings` (mappings hold literals only, CloudFormation User Guide, "Mappings"),
 * `Fn::Split` of a literal string, and `Fn::Select` of a literal list or of such a split. The role model reads
 * them as the values CloudFormation will put there, so a principal or an action written through a mapping is
 * checked, and a baseline sees a mapping edit that moves a principal. Any other argument (a parameter, an
 * attribute) leaves the intrinsic as it is: the rules treat it as a value known only at deployment.
 *
 * One custom resource is read the same way: aws-cdk-lib's `CfnJson` (`Custom::AWSCDKCfnJson`), whose `Value`
 * attribute is its `Value` property parsed as JSON (CDK writes one when condition keys hold a token, such as an
 * EKS cluster's OIDC issuer). Its keys keep placeholders for the tokens, and its values are the literals written:
 * the IRSA `aud` and `sub` conditions are read, so an escape hatch that drops or widens them is checked.
 *
 * And a template deployed by another (a nested stack, a SAM application, a StackSet) reads a `Ref` to one of its
 * parameters as the literal its parent passes, when the parent passes a literal.
 */
export class LiteralIntrinsics {
  /**
   * Whether a template has anything to resolve: mappings, or a `Fn::Split` anywhere (checked once per template, in
   * its text when the reader says, else by a walk of its resources).
   */
  public static needed(template: unknown, hints: Pick<ModelTemplate, 'namesSplit' | 'namesCfnJson'> = {}, passed?: CfnObject): boolean {
    if (!isObject(template)) return false;
    if (passed !== undefined && Object.keys(passed).length > 0) return true;
    if (isObject(template.Mappings) && Object.keys(template.Mappings).length > 0) return true;
    if (hints.namesCfnJson ?? cfnJsonValues(template.Resources).size > 0) return true;
    return hints.namesSplit ?? containsKey(template.Resources, 'Fn::Split', 0);
  }

  private readonly mappings: CfnObject;
  /** Each `CfnJson` resource's `Value` property, by logical id, parsed when first read. */
  private readonly cfnJson: ReadonlyMap<string, unknown>;
  private readonly cfnJsonParsed = new Map<string, unknown>();
  /**
   * Each object or list already read, with what it gives: a policy attached to many roles, or a part of a role that
   * every variant of its conditions keeps, is read once per template, not once per role and variant.
   */
  private readonly resolved = new WeakMap<object, unknown>();

  /**
   * @param template the template
   * @param passed the literal values its parent passes to its parameters, by name
   */
  constructor(template: unknown, private readonly passed: CfnObject = {}) {
    const mappings = isObject(template) ? template.Mappings : undefined;
    this.mappings = isObject(mappings) ? mappings : {};
    this.cfnJson = cfnJsonValues(isObject(template) ? template.Resources : undefined);
  }

  /** The value with every such intrinsic replaced by what it gives; the same object where nothing changes. */
  public resolve(value: unknown, depth = 0): unknown {
    if (depth > MAX_DEPTH || typeof value !== 'object' || value === null) return value;
    if (this.resolved.has(value)) return this.resolved.get(value);
    const result = this.resolveNew(value, depth);
    this.resolved.set(value, result);
    return result;
  }

  private resolveNew(value: object, depth: number): unknown {
    if (Array.isArray(value)) {
      let copy: unknown[] | undefined;
      value.forEach((item, i) => {
        const resolved = this.resolve(item, depth + 1);
        if (resolved !== item) (copy ??= value.slice())[i] = resolved;
      });
      return copy ?? value;
    }
    if (!isObject(value)) return value;
    const fn = intrinsicName(value);
    if (fn === 'Fn::FindInMap' || fn === 'Fn::Select' || fn === 'Fn::Split') {
      const args = this.resolve(value[fn], depth + 1);
      const result = fn === 'Fn::FindInMap' ? this.findInMap(args) : fn === 'Fn::Select' ? select(args) : split(args);
      return result === undefined ? (args === value[fn] ? value : { [fn]: args }) : result;
    }
    if (fn === 'Fn::GetAtt' && this.cfnJson.size > 0) return this.cfnJsonValue(value[fn]) ?? value;
    if (fn === 'Ref' && typeof value.Ref === 'string' && Object.prototype.hasOwnProperty.call(this.passed, value.Ref)) return this.passed[value.Ref];
    let copy: Record<string, unknown> | undefined;
    for (const key in value) {
      const resolved = this.resolve(value[key], depth + 1);
      if (resolved !== value[key]) (copy ??= { ...value })[key] = resolved;
    }
    return copy ?? value;
  }

  /** `[map, topKey, secondKey]` (and a `DefaultValue` when the language extensions add one), all literal. */
  private findInMap(args: unknown): unknown {
    if (!Array.isArray(args) || args.length < 3 || !args.slice(0, 3).every((arg) => typeof arg === 'string')) return undefined;
    const [name, top, second] = args as string[];
    const map = this.mappings[name];
    const level = isObject(map) ? map[top] : undefined;
    const found = isObject(level) && Object.prototype.hasOwnProperty.call(level, second) ? level[second] : undefined;
    if (found !== undefined) return found;
    const options = args[3];
    return isObject(options) && options.DefaultValue !== undefined ? options.DefaultValue : undefined;
  }

  /** `[CfnJsonResource, "Value"]` (or `"CfnJsonResource.Value"`): the JSON its `Value` property renders, parsed. */
  private cfnJsonValue(args: unknown): unknown {
    const [target, attribute] = typeof args === 'string' ? args.split('.') : Array.isArray(args) ? args : [];
    if (typeof target !== 'string' || attribute !== 'Value' || !this.cfnJson.has(target)) return undefined;
    if (!this.cfnJsonParsed.has(target)) this.cfnJsonParsed.set(target, parseJson(renderString(this.cfnJson.get(target))));
    return this.cfnJsonParsed.get(target);
  }
}

const CFN_JSON_TYPE = 'Custom::AWSCDKCfnJson';

/** The `Value` property of each `CfnJson` resource, by logical id. */
function cfnJsonValues(resources: unknown): ReadonlyMap<string, unknown> {
  const found = new Map<string, unknown>();
  if (!isObject(resources)) return found;
  for (const id in resources) {
    const resource = resources[id];
    if (isObject(resource) && resource.Type === CFN_JSON_TYPE && isObject(resource.Properties)) found.set(id, resource.Properties.Value);
  }
  return found;
}

/** A JSON text as a value; undefined when it is not JSON (a placeholder with a quote in it, or no text). */
function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The values a parent passes to a template's parameters that are literal: strings, and lists of strings. */
export function literalParameters(passed: CfnObject): CfnObject {
  const literal: Record<string, unknown> = {};
  for (const name in passed) {
    const value = passed[name];
    if (typeof value === 'string' || Array.isArray(value) && value.every((item) => typeof item === 'string')) literal[name] = value;
  }
  return literal;
}

/** How deep the walk goes: as deep as the role model reads any template (deeper ones are refused before). */
const MAX_DEPTH = 256;

/** `[index, list]` with a literal index and a literal list. */
function select(args: unknown): unknown {
  if (!Array.isArray(args) || args.length !== 2 || !Array.isArray(args[1])) return undefined;
  const index = typeof args[0] === 'number' ? args[0] : typeof args[0] === 'string' && /^\d+$/.test(args[0]) ? Number(args[0]) : NaN;
  const list = args[1] as unknown[];
  return Number.isInteger(index) && index >= 0 && index < list.length ? list[index] : undefined;
}

/** `[separator, text]`, both literal. */
function split(args: unknown): unknown {
  if (!Array.isArray(args) || args.length !== 2 || typeof args[0] !== 'string' || typeof args[1] !== 'string' || args[0] === '') return undefined;
  return args[1].split(args[0]);
}

function containsKey(value: unknown, key: string, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  if (Array.isArray(value)) return value.some((item) => containsKey(item, key, depth + 1));
  if (!isObject(value)) return false;
  for (const name in value) if (name === key || containsKey(value[name], key, depth + 1)) return true;
  return false;
}
