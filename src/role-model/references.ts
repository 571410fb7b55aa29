import { CfnObject, intrinsicName, isObject, renderString } from './cfn-value';
import { ModelTemplate, parametersPassed, propertiesOf, resourcesOf, typeOf } from './template';

/** A resource found by following a reference: the template it is in and its logical id. */
export interface ResourceRef {
  readonly template: ModelTemplate;
  readonly logicalId: string;
}

/**
 * Follows references between the resources of a set of templates (a cloud assembly, or one template): by
 * `Ref`, by `Fn::GetAtt`, by a name or ARN that matches the resource's own, through `Fn::Select`/`Fn::Split`
 * of an ARN (`Role.fromRoleArn`), `Fn::ImportValue` of another stack's export, a nested stack's parameter
 * to the value its parent passes, and a nested stack's output (`Fn::GetAtt [Stack, Outputs.Name]`) to the
 * value the nested template gives it, so a parent's policy reaches a role in a child stack.
 */
export class References {
  private readonly exports = new Map<string, { template: ModelTemplate; value: unknown }>();
  private readonly names = new Map<ModelTemplate, Map<string, string>>();
  /** Each parent template's nested stacks: the stack resource's logical id to the template it deploys. */
  private readonly children = new Map<ModelTemplate, Map<string, ModelTemplate>>();

  constructor(private readonly templates: readonly ModelTemplate[], private readonly implicitResources: (template: ModelTemplate) => CfnObject) {
    for (const template of templates) {
      const parent = template.parent;
      if (!parent) continue;
      let byId = this.children.get(parent.template);
      if (!byId) this.children.set(parent.template, byId = new Map());
      byId.set(parent.logicalId, template);
    }
    for (const template of templates) {
      const outputs = isObject(template.template) ? template.template.Outputs : undefined;
      if (!isObject(outputs)) continue;
      for (const id in outputs) {
        const output = outputs[id];
        const name = isObject(output) && isObject(output.Export) ? renderString(output.Export.Name) : undefined;
        if (name !== undefined && isObject(output)) this.exports.set(name, { template, value: output.Value });
      }
    }
  }

  /**
   * Every resource of one of `types` that `value` may name, read from `template`: one for a plain reference,
   * one per branch of a `Fn::If`, none when the reference cannot be followed.
   */
  public resolve(value: unknown, template: ModelTemplate, types: ReadonlySet<string>): ResourceRef[] {
    const found: ResourceRef[] = [];
    this.collect(value, template, types, found, 0);
    if (found.length === 0) {
      const named = this.byName(value, template, types);
      if (named) found.push(named);
    }
    return found;
  }

  private collect(value: unknown, template: ModelTemplate, types: ReadonlySet<string>, found: ResourceRef[], depth: number): void {
    if (depth > 20 || !isObject(value) && !Array.isArray(value)) return;
    if (Array.isArray(value)) {
      for (const item of value) this.collect(item, template, types, found, depth + 1);
      return;
    }
    const fn = intrinsicName(value);
    if (fn === 'Fn::If' && Array.isArray(value[fn])) {
      for (const branch of (value[fn] as unknown[]).slice(1)) {
        const before = found.length;
        this.collect(branch, template, types, found, depth + 1);
        if (found.length === before) {
          const named = this.byName(branch, template, types);
          if (named) found.push(named);
        }
      }
      return;
    }
    if (fn === 'Ref' || fn === 'Fn::GetAtt') {
      const target = referencedId(value, fn);
      const output = fn === 'Fn::GetAtt' && target !== undefined ? this.nestedOutput(template, target, value[fn]) : undefined;
      if (output) this.collect(output.value, output.template, types, found, depth + 1);
      else if (target !== undefined) this.follow(target, template, types, found, depth);
      return;
    }
    if (fn === 'Fn::ImportValue') {
      const name = renderString(value[fn]);
      const exported = name === undefined ? undefined : this.exports.get(name);
      if (exported) this.collect(exported.value, exported.template, types, found, depth + 1);
      return;
    }
    if (fn === 'Fn::Sub') {
      const target = onlySubReference(value[fn]);
      if (target !== undefined) this.follow(target, template, types, found, depth);
      return;
    }
    // Role.fromRoleArn writes the role's name as Fn::Select of Fn::Split of its ARN: the reference is inside.
    if (fn === 'Fn::Select' || fn === 'Fn::Split') this.collect(value[fn], template, types, found, depth + 1);
  }

  /** A `Ref` or `Fn::GetAtt` target: a resource of the template, or a nested stack's parameter. */
  private follow(target: string, template: ModelTemplate, types: ReadonlySet<string>, found: ResourceRef[], depth: number): void {
    const resource = this.resource(template, target);
    if (resource !== undefined) {
      if (types.has(typeOf(resource) ?? '')) found.push({ template, logicalId: target });
      return;
    }
    const parent = template.parent;
    if (!parent) return;
    const parameters = parametersPassed(resourcesOf(parent.template.template)[parent.logicalId]);
    if (target in parameters) this.collect(parameters[target], parent.template, types, found, depth + 1);
  }

  /** The value a nested stack's output has in its own template, for `Fn::GetAtt [Stack, "Outputs.Name"]`. */
  private nestedOutput(template: ModelTemplate, stackId: string, arg: unknown): { template: ModelTemplate; value: unknown } | undefined {
    const child = this.children.get(template)?.get(stackId);
    if (!child) return undefined;
    const attribute = typeof arg === 'string' ? arg.slice(stackId.length + 1) : Array.isArray(arg) ? renderString(arg[1]) : undefined;
    if (attribute === undefined || !attribute.startsWith('Outputs.')) return undefined;
    const outputs = isObject(child.template) ? child.template.Outputs : undefined;
    const output = isObject(outputs) ? outputs[attribute.slice('Outputs.'.length)] : undefined;
    return isObject(output) ? { template: child, value: output.Value } : undefined;
  }

  /** A resource of one of `types` whose name (`RoleName`, `ManagedPolicyName`) is the value, or ends its ARN. */
  private byName(value: unknown, template: ModelTemplate, types: ReadonlySet<string>): ResourceRef | undefined {
    const text = renderString(value);
    if (text === undefined) return undefined;
    const name = text.replace(ARN_TO_NAME, '').toLowerCase();
    const same = this.named(template, types, name);
    if (same !== undefined) return { template, logicalId: same };
    for (const other of this.templates) {
      if (other === template || other.deployingAccount !== template.deployingAccount) continue;
      const logicalId = this.named(other, types, name);
      if (logicalId !== undefined) return { template: other, logicalId };
    }
    return undefined;
  }

  private namesIn(template: ModelTemplate): ReadonlyMap<string, string> {
    let names = this.names.get(template);
    if (!names) {
      names = new Map();
      const add = (resources: CfnObject) => {
        for (const id in resources) {
          const type = typeOf(resources[id]);
          const property = type === undefined ? undefined : NAME_PROPERTIES.get(type);
          const name = property === undefined ? undefined : renderString(propertiesOf(resources[id])[property]);
          if (name !== undefined) names!.set(`${type} ${name.toLowerCase()}`, id);
        }
      };
      add(resourcesOf(template.template));
      add(this.implicitResources(template));
      this.names.set(template, names);
    }
    return names;
  }

  /** The resource of one of `types` with the name, in a template. */
  private named(template: ModelTemplate, types: ReadonlySet<string>, name: string): string | undefined {
    const names = this.namesIn(template);
    for (const type of types) {
      const id = names.get(`${type} ${name}`);
      if (id !== undefined) return id;
    }
    return undefined;
  }

  private resource(template: ModelTemplate, logicalId: string): unknown {
    const resources = resourcesOf(template.template);
    return logicalId in resources ? resources[logicalId] : this.implicitResources(template)[logicalId];
  }
}

function referencedId(value: CfnObject, fn: string): string | undefined {
  const arg = value[fn];
  if (typeof arg === 'string') return fn === 'Ref' ? arg : arg.split('.')[0];
  return Array.isArray(arg) && typeof arg[0] === 'string' ? arg[0] : undefined;
}

/** What comes before a role's or policy's name in its ARN (the partition may be a `{{cfn:AWS::Partition}}` placeholder). */
const ARN_TO_NAME = /^arn:.*:iam::[^/]*:(?:role|policy)\/(?:.*\/)?/;

/** The property that holds the name of a resource that can be named in a policy's `Roles` or a role's `ManagedPolicyArns`. */
const NAME_PROPERTIES: ReadonlyMap<string, string> = new Map([['AWS::IAM::Role', 'RoleName'], ['AWS::IAM::ManagedPolicy', 'ManagedPolicyName']]);

const ONLY_SUB_REFERENCE = /^\$\{([^!}.][^}.]*)(?:\.[^}]*)?\}$/;

/** The resource a `Fn::Sub` names when its whole text is one `${Name}` or `${Name.Attribute}`. */
function onlySubReference(arg: unknown): string | undefined {
  const text = Array.isArray(arg) ? arg[0] : arg;
  const variables = Array.isArray(arg) && isObject(arg[1]) ? arg[1] : {};
  const match = typeof text === 'string' ? ONLY_SUB_REFERENCE.exec(text) : null;
  if (!match || match[1].startsWith('AWS::') || match[1] in variables) return undefined;
  return match[1];
}
