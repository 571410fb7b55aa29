import { existsSync, readdirSync, readFileSync } from 'fs';
import { dirname, join } from 'path';
import { isObject, renderString } from './cfn-value';
import { CfnTemplate, ModelTemplate, propertiesOf, resourcesOf, typeOf } from './template';

/** Reads a template file; throws with a message that names the file when it cannot. */
export type TemplateReader = (file: string) => CfnTemplate;

/** The nested stacks of a set of templates, and those whose template could not be found. */
export interface NestedStacks {
  readonly templates: ModelTemplate[];
  readonly notFound: Array<{ readonly file: string; readonly message: string }>;
}

const ASSET_HASH = /\/([0-9a-f]{64})\.json$/;

/**
 * Every template the `AWS::CloudFormation::Stack` resources of `parents` deploy, nested ones included, each
 * with its parent. A cloud assembly names the nested template in the stack resource's `aws:asset:path`
 * metadata or, when that is off, in the asset manifest (`<Stack>.assets.json`) under the hash that ends the
 * `TemplateURL`; a plain template can name a local file in `TemplateURL`. A nested stack whose template is
 * not found is reported, never skipped silently.
 */
export function nestedStacks(parents: readonly ModelTemplate[], read: TemplateReader): NestedStacks {
  const templates: ModelTemplate[] = [];
  const notFound: Array<{ file: string; message: string }> = [];
  const assetPaths = new Map<string, ReadonlyMap<string, string>>();
  const visit = (parent: ModelTemplate, depth: number) => {
    const resources = resourcesOf(parent.template);
    for (const logicalId in resources) {
      if (typeOf(resources[logicalId]) !== 'AWS::CloudFormation::Stack') continue;
      const file = nestedTemplateFile(parent.file, resources[logicalId], assetPaths);
      if (file === undefined || depth > 10) {
        notFound.push({ file: parent.file, message: `the nested stack ${logicalId}: its template was not found beside this file, so its roles were not checked` });
        continue;
      }
      const nested: ModelTemplate = {
        file, template: read(file), deployingAccount: parent.deployingAccount, parent: { template: parent, logicalId },
      };
      templates.push(nested);
      visit(nested, depth + 1);
    }
  };
  for (const parent of parents) visit(parent, 0);
  return { templates, notFound };
}

function nestedTemplateFile(parentFile: string, resource: unknown, assetPaths: Map<string, ReadonlyMap<string, string>>): string | undefined {
  const directory = dirname(parentFile);
  const metadata = isObject(resource) && isObject(resource.Metadata) ? resource.Metadata : {};
  const assetPath = metadata['aws:asset:path'];
  if (typeof assetPath === 'string' && existsSync(join(directory, assetPath))) return join(directory, assetPath);
  const url = renderString(propertiesOf(resource).TemplateURL);
  if (url === undefined) return undefined;
  const hash = ASSET_HASH.exec(url);
  if (hash) {
    let paths = assetPaths.get(directory);
    if (!paths) assetPaths.set(directory, paths = assetManifestPaths(directory));
    const path = paths.get(hash[1]);
    if (path !== undefined && existsSync(join(directory, path))) return join(directory, path);
  }
  if (!url.includes('://') && !url.includes('{{cfn:') && existsSync(join(directory, url))) return join(directory, url);
  return undefined;
}

/** The file assets of a cloud assembly directory, from every asset manifest in it: hash to path. */
function assetManifestPaths(directory: string): ReadonlyMap<string, string> {
  const paths = new Map<string, string>();
  let names: string[];
  try {
    names = readdirSync(directory).filter((name) => name.endsWith('.assets.json'));
  } catch {
    return paths;
  }
  for (const name of names) {
    try {
      const manifest = JSON.parse(readFileSync(join(directory, name), 'utf8'));
      const files = isObject(manifest) && isObject(manifest.files) ? manifest.files : {};
      for (const hash in files) {
        const source = isObject(files[hash]) ? (files[hash] as { source?: { path?: unknown } }).source : undefined;
        if (typeof source?.path === 'string') paths.set(hash, source.path);
      }
    } catch {
      // an unreadable asset manifest names no nested template; the stack is reported as not found
    }
  }
  return paths;
}
