import { isObject } from './cfn-value';
import { CfnTemplate, resourcesOf, typeOf } from './template';

/**
 * `Fn::Transform` inside a template: a macro (`AWS::Include` of a snippet, or any other) that CloudFormation runs
 * at deployment and replaces with what it returns. The role model cannot know what that is, so a role or policy
 * that holds one was not fully checked, and says so, naming the resource and the property.
 */

/** The resources whose properties decide what a role is or may do. */
const ROLE_RESOURCE_TYPES: ReadonlySet<string> = new Set([
  'AWS::IAM::Role', 'AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::RolePolicy',
  'AWS::Serverless::Function', 'AWS::Serverless::StateMachine',
]);

/** Where a `Fn::Transform` is: the resource's logical id (absent when it makes resources of its own) and the property path. */
export interface TransformSite {
  readonly resource?: string;
  readonly path: string;
}

/** How deep the search goes (as deep as the model reads any template). */
const MAX_DEPTH = 256;

/**
 * Each `Fn::Transform` in the `Resources` section that makes resources, or sits in a role's or policy's properties.
 * `namesTransform` says whether the template's text names one at all (when the reader had the text): most do not.
 */
export function transformSites(template: CfnTemplate, namesTransform?: boolean): TransformSite[] {
  if (namesTransform === false) return [];
  const resources = resourcesOf(template);
  const sites: TransformSite[] = [];
  if ('Fn::Transform' in resources) sites.push({ path: 'Resources.Fn::Transform' });
  for (const logicalId in resources) {
    const resource = resources[logicalId];
    if (!ROLE_RESOURCE_TYPES.has(typeOf(resource) ?? '') || !isObject(resource)) continue;
    const path = transformPath(resource.Properties, 'Properties', 0);
    if (path !== undefined) sites.push({ resource: logicalId, path });
  }
  return sites;
}

function transformPath(value: unknown, path: string, depth: number): string | undefined {
  if (depth > MAX_DEPTH || typeof value !== 'object' || value === null) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = transformPath(value[i], `${path}.${i}`, depth + 1);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  for (const key in value) {
    if (key === 'Fn::Transform') return path;
    const found = transformPath((value as Record<string, unknown>)[key], `${path}.${key}`, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}
