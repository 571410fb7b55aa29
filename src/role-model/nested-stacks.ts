import { existsSync, readdirSync, readFileSync } from 'fs';
import { dirname, isAbsolute, join } from 'path';
import { CfnObject, isObject, renderString } from './cfn-value';
import { CfnTemplate, ModelTemplate, propertiesOf, resourcePath, resourcesOf, typeOf } from './template';

/**
 * Reads a template: a file by its path, or a template's text (a StackSet's `TemplateBody`), with what it could not
 * read exactly (a YAML tag that is not CloudFormation's, a loop over a parameter); throws with a message when it cannot.
 */
export interface TemplateReader {
  file(path: string): TemplateRead;
  text(body: string, name: string): TemplateRead;
}

/** A template as a reader gives it. */
export interface TemplateRead {
  readonly template: CfnTemplate;
  readonly notes?: readonly string[];
}

/** Something the model could not read: the file, the resource (its path behind nested stacks), and why. */
export interface UnreadRoute {
  readonly file: string;
  readonly resource: string;
  readonly message: string;
}

/** The templates the resources of a set of templates deploy, and those that could not be read. */
export interface NestedStacks {
  readonly templates: ModelTemplate[];
  readonly notFound: UnreadRoute[];
}

const ASSET_HASH = /\/([0-9a-f]{64})\.json$/;

/** How deep templates deploy templates before the model stops (CloudFormation's own nesting is far shallower in practice). */
const MAX_DEPTH = 10;

/** Where a resource's template comes from: a file to read, a text to parse, or why neither can be read. */
type TemplateSource = { readonly file: string } | { readonly body: string } | { readonly unread: string };

/**
 * The resources that deploy a template of their own, and where each finds it. Their roles are roles of the app:
 * a nested stack's and a SAM application's in this account, a StackSet's in every account it deploys to.
 */
const DEPLOYERS: ReadonlyMap<string, (parentFile: string, resource: unknown, assets: AssetPaths) => TemplateSource> = new Map([
  ['AWS::CloudFormation::Stack', (parentFile, resource, assets) => fileSource(nestedTemplateFile(parentFile, resource, assets), 'its template was not found beside this file')],
  ['AWS::Serverless::Application', (parentFile, resource) => applicationSource(parentFile, propertiesOf(resource).Location)],
  ['AWS::CloudFormation::StackSet', (parentFile, resource) => stackSetSource(parentFile, propertiesOf(resource))],
]);

/**
 * Every template that the `AWS::CloudFormation::Stack`, `AWS::Serverless::Application` and
 * `AWS::CloudFormation::StackSet` resources of `parents` deploy, each with its parent, nested ones included. A
 * cloud assembly names a nested stack's template in the resource's `aws:asset:path` metadata or, when that is
 * off, in the asset manifest (`<Stack>.assets.json`) under the hash that ends the `TemplateURL`; a plain
 * template can name a local file in `TemplateURL` or an application's `Location`, and a StackSet can hold its
 * template in `TemplateBody`. A template that cannot be read (a remote URL, the Serverless Application
 * Repository, a file not there) is reported with the resource, never skipped silently.
 */
export function nestedStacks(parents: readonly ModelTemplate[], read: TemplateReader): NestedStacks {
  const templates: ModelTemplate[] = [];
  const notFound: UnreadRoute[] = [];
  const assets: AssetPaths = new Map();
  const visit = (parent: ModelTemplate, depth: number) => {
    const resources = resourcesOf(parent.template);
    for (const logicalId in resources) {
      const type = typeOf(resources[logicalId]) ?? '';
      const deployer = DEPLOYERS.get(type);
      if (!deployer) continue;
      const unread = (why: string) => notFound.push({
        file: parent.file, resource: resourcePath(parent, logicalId), message: `the ${kindOf(type)} ${logicalId}: ${why}, so its roles were not checked`,
      });
      const source = depth >= MAX_DEPTH ? { unread: `it is nested more than ${MAX_DEPTH} templates deep` } : deployer(parent.file, resources[logicalId], assets);
      if ('unread' in source) {
        unread(source.unread);
        continue;
      }
      let nested: ModelTemplate;
      try {
        const file = 'file' in source ? source.file : `${parent.file}#${logicalId}.TemplateBody`;
        const { template, notes } = 'file' in source ? read.file(source.file) : read.text(source.body, file);
        const deployingAccount = type === 'AWS::CloudFormation::StackSet' ? undefined : parent.deployingAccount;
        nested = { file, template, deployingAccount, parent: { template: parent, logicalId } };
        for (const message of notes ?? []) notFound.push({ file, resource: resourcePath(parent, logicalId), message });
      } catch (error) {
        unread(`its template could not be read (${(error as Error).message.split('\n')[0]})`);
        continue;
      }
      templates.push(nested);
      visit(nested, depth + 1);
    }
  };
  for (const parent of parents) visit(parent, 0);
  return { templates, notFound };
}

function kindOf(type: string): string {
  return type === 'AWS::CloudFormation::Stack' ? 'nested stack' : type === 'AWS::Serverless::Application' ? 'SAM application' : 'StackSet';
}

function fileSource(file: string | undefined, why: string): TemplateSource {
  return file === undefined ? { unread: why } : { file };
}

/** A SAM application's `Location`: a local template file, or where the template is not here (a URL, the Serverless Application Repository). */
function applicationSource(parentFile: string, location: unknown): TemplateSource {
  if (isObject(location) && 'ApplicationId' in location) return { unread: 'its template is in the AWS Serverless Application Repository' };
  return fileSource(localFile(parentFile, renderString(location)), 'its template (Location) is not a file beside this one');
}

/** A StackSet's `TemplateBody`, or a local `TemplateURL`. */
function stackSetSource(parentFile: string, properties: CfnObject): TemplateSource {
  if (typeof properties.TemplateBody === 'string') return { body: properties.TemplateBody };
  if (properties.TemplateBody !== undefined) return { unread: 'its TemplateBody is decided at deployment' };
  return fileSource(localFile(parentFile, renderString(properties.TemplateURL)), 'its template (TemplateURL) is not a file beside this one');
}

/** A relative path, or a `file://` URL, to a file that exists beside the parent template; undefined for a remote URL or a token. */
function localFile(parentFile: string, location: string | undefined): string | undefined {
  if (location === undefined || location.includes('{{cfn:')) return undefined;
  const path = location.startsWith('file://') ? location.slice('file://'.length) : location;
  if (path.includes('://')) return undefined;
  const file = isAbsolute(path) ? path : join(dirname(parentFile), path);
  return existsSync(file) ? file : undefined;
}

type AssetPaths = Map<string, ReadonlyMap<string, string>>;

function nestedTemplateFile(parentFile: string, resource: unknown, assetPaths: AssetPaths): string | undefined {
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
  return localFile(parentFile, url);
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
