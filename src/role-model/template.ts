import { CfnObject, isObject } from './cfn-value';

/** A CloudFormation template, as far as the role model reads it. */
export interface CfnTemplate {
  readonly Resources?: { readonly [logicalId: string]: unknown };
  readonly Conditions?: unknown;
  readonly Outputs?: unknown;
  readonly Parameters?: unknown;
  readonly Transform?: unknown;
  /** SAM's shared properties of its serverless resources. */
  readonly Globals?: unknown;
}

/** A template to model, with where it came from. */
export interface ModelTemplate {
  /** The template's file (or a name for it), for messages. */
  readonly file: string;
  readonly template: CfnTemplate;
  /** The 12-digit account the stack deploys to, when known. */
  readonly deployingAccount?: string;
  /** The `AWS::CloudFormation::Stack` resource that deploys this template, for a nested stack. */
  readonly parent?: NestedStackParent;
  /**
   * Whether the template's text names `Fn::Split` (or `!Split`), when the reader had the text: a search of the text is
   * far cheaper than a walk of the parsed template. Undefined: the role model walks the template to find out.
   */
  readonly namesSplit?: boolean;
  /** Whether the template's text names `Fn::Transform` (or `!Transform`), when the reader had the text; as `namesSplit`. */
  readonly namesTransform?: boolean;
  /** Whether the template's text names aws-cdk-lib's `CfnJson` resource type, when the reader had the text; as `namesSplit`. */
  readonly namesCfnJson?: boolean;
  /** Whether the template's text names IAM Identity Center's permission set type, when the reader had the text; as `namesSplit`. */
  readonly namesPermissionSet?: boolean;
}

/** What a reader that has a template's text can tell the role model of it, cheaper than a walk of the parsed template. */
export function textHints(text: string): Pick<ModelTemplate, 'namesSplit' | 'namesTransform' | 'namesCfnJson' | 'namesPermissionSet'> {
  // an escaped character (JSON's \u0053, YAML's \x53 or \U00000053) can spell any name: the model walks the template then
  if (hasEscapedCharacter(text)) return {};
  return {
    namesSplit: text.includes('Split'),
    namesTransform: text.includes('Transform'),
    namesCfnJson: text.includes('AWSCDKCfnJson'),
    namesPermissionSet: text.includes('AWS::SSO::PermissionSet'),
  };
}

/**
 * Whether the text holds `\u`, `\U` or `\x`. Found by `indexOf`, which scans for one character far faster than a
 * regular expression does for two: this runs over every template's whole text.
 */
function hasEscapedCharacter(text: string): boolean {
  for (let at = text.indexOf('\\'); at !== -1; at = text.indexOf('\\', at + 2)) {
    const next = text.charCodeAt(at + 1);
    if (next === 0x75 /* u */ || next === 0x55 /* U */ || next === 0x78 /* x */) return true;
  }
  return false;
}

/** Where a nested stack's template is deployed from: the parent template and the stack resource's logical id. */
export interface NestedStackParent {
  readonly template: ModelTemplate;
  readonly logicalId: string;
}

/** The resources of a template: an empty object for a template without any. */
export function resourcesOf(template: CfnTemplate): CfnObject {
  return isObject(template) && isObject(template.Resources) ? template.Resources : EMPTY;
}

const EMPTY: CfnObject = {};

/** A resource's `Type`, when it is a string. */
export function typeOf(resource: unknown): string | undefined {
  return isObject(resource) && typeof resource.Type === 'string' ? resource.Type : undefined;
}

/** A resource's `Properties`: an empty object when it has none. */
export function propertiesOf(resource: unknown): CfnObject {
  const properties = isObject(resource) ? resource.Properties : undefined;
  return isObject(properties) ? properties : EMPTY;
}

/** A resource's `Condition` attribute: the name of the condition that decides whether it exists. */
export function conditionOf(resource: unknown): string | undefined {
  return isObject(resource) && typeof resource.Condition === 'string' ? resource.Condition : undefined;
}

/**
 * The path of a resource for messages: its logical id, behind the logical ids of the nested stack resources
 * that deploy its template (`Network.NestedStackResource/AppRole`).
 */
export function resourcePath(template: ModelTemplate, logicalId: string): string {
  let path = logicalId;
  for (let parent = template.parent; parent; parent = parent.template.parent) path = `${parent.logicalId}/${path}`;
  return path;
}

/** A resource's construct path, as CDK writes it in the `aws:cdk:path` metadata (when path metadata is on). */
export function constructPathOf(template: ModelTemplate, logicalId: string): string | undefined {
  const resource = resourcesOf(template.template)[logicalId];
  const metadata = isObject(resource) && isObject(resource.Metadata) ? resource.Metadata['aws:cdk:path'] : undefined;
  return typeof metadata === 'string' ? metadata : undefined;
}

/**
 * The parameter values a resource passes to the template it deploys, by name: a nested stack's or a SAM
 * application's `Parameters` map, or a StackSet's list of `ParameterKey` and `ParameterValue`.
 */
export function parametersPassed(resource: unknown): CfnObject {
  const parameters = propertiesOf(resource).Parameters;
  if (isObject(parameters)) return parameters;
  if (!Array.isArray(parameters)) return EMPTY;
  const byName: Record<string, unknown> = {};
  for (const entry of parameters) {
    if (isObject(entry) && typeof entry.ParameterKey === 'string') byName[entry.ParameterKey] = entry.ParameterValue;
  }
  return byName;
}
