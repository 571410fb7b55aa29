import { createHash } from 'crypto';
import { existsSync, readFileSync, statSync } from 'fs';
import { basename, dirname, extname, join } from 'path';
import { parseCfnYaml } from './cfn-yaml';
import { ConstructMetadata } from './construct-metadata';
import { isObject, MAX_NESTING, nestsDeeperThan } from '../role-model/cfn-value';
import { expandLanguageExtensions } from '../role-model/language-extensions';
import { TemplateRead, TemplateReader } from '../role-model/nested-stacks';
import { CfnTemplate, ModelTemplate, textHints } from '../role-model/template';

/** A template to check, with where it came from. */
export interface TemplateFile extends ModelTemplate {
  /** The file's path as the user will recognise it. */
  readonly file: string;
  readonly template: CfnTemplate;
  /** The account of the stack, when a cloud assembly names one. */
  readonly deployingAccount?: string;
  /** What the reader could not read exactly (tags that are not CloudFormation's). */
  readonly notes?: readonly string[];
  /** For a cloud assembly's stack: its constructs' paths and acknowledgements. */
  readonly constructs?: ConstructMetadata;
  /** Its file name and a digest of its text, when the templates are compared with a baseline (`ReadOptions.identities`). */
  readonly identity?: string;
  /** Set on a baseline template left unread because a template checked now has its identity: nothing in it changed. */
  readonly unchanged?: boolean;
}

/** How templates are read when they are compared with a baseline. */
export interface ReadOptions {
  /** Whether to record each file's identity (its name and a digest of its text). */
  readonly identities?: boolean;
  /** A file whose identity this says is unchanged is not parsed: it is returned as `unchanged`, with no resources. */
  readonly unchanged?: (identity: string) => boolean;
}

const EXPECTED = 'expected a template (.json, .yaml, .yml, .template) with a Resources section, or a cloud assembly directory (cdk.out)';

/** A file that cannot be read or parsed, or a directory that is not a cloud assembly. */
export class InputError extends Error {
  constructor(public readonly file: string, problem: string) {
    super(`${file}: ${problem}`);
  }
}

/** Loads the templates at each path: a template file (.json, .yaml, .yml, .template) or a cloud assembly directory. */
export function loadTemplates(paths: string[], options: ReadOptions = {}): TemplateFile[] {
  return paths.flatMap((path) => {
    if (!existsSync(path)) throw new InputError(path, 'no such file or directory');
    if (statSync(path).isDirectory()) return loadCloudAssembly(path, options);
    if (basename(path) === 'manifest.json' && isAssemblyManifest(path)) return loadCloudAssembly(dirname(path), options); // cdk.out/manifest.json
    return [loadTemplateFile(path, undefined, true, options)];
  });
}

/** Whether a file named manifest.json is a cloud assembly's (it lists artifacts), so its directory is read as the assembly. */
function isAssemblyManifest(file: string): boolean {
  try {
    const manifest = JSON.parse(readFileSync(file, 'utf8'));
    return isObject(manifest) && isObject(manifest.artifacts);
  } catch {
    return false;
  }
}

/**
 * Reads and parses one template file; YAML by extension, otherwise JSON (falling back to YAML). A file the user
 * named must have a Resources section (`requireResources`); a template a cloud assembly lists may be an empty stack's.
 */
export function loadTemplateFile(file: string, deployingAccount?: string, requireResources = false, options: ReadOptions = {}): TemplateFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(file, `cannot be read: ${(error as Error).message}`);
  }
  const identity = options.identities ? identityOf(file, text) : undefined;
  if (identity !== undefined && options.unchanged?.(identity)) {
    return { file, template: { Resources: {} }, deployingAccount, identity, unchanged: true };
  }
  const { value: template, notes, yaml } = parseTemplate(file, text);
  // JSON cannot refer to itself; a JSON template nested too deep for the checks is found when they fail (tooDeep).
  if (yaml) refuseTooDeep(file, template);
  if (!isObject(template)) throw new InputError(file, `is not a CloudFormation template: ${EXPECTED}`);
  // a CI gate pointed at package.json, tree.json or an asset manifest must not pass with "0 roles"
  if (template.Resources === undefined && requireResources) throw new InputError(file, `is not a CloudFormation template: it has no Resources section; ${EXPECTED}`);
  if (template.Resources !== undefined && !isObject(template.Resources)) throw new InputError(file, 'is not a CloudFormation template: Resources must be an object');
  const expanded = expandLanguageExtensions(template as CfnTemplate);
  return {
    file,
    identity,
    template: expanded.template,
    deployingAccount,
    notes: expanded.notes.length > 0 ? [...notes ?? [], ...expanded.notes] : notes,
    ...textHints(text),
  };
}

/**
 * Refuses a template that nests values more than `MAX_NESTING` levels deep, or whose YAML aliases refer to
 * themselves (no CloudFormation template does), with a message that names the file.
 */
export function refuseTooDeep(file: string, template: unknown): void {
  if (nestsDeeperThan(template, MAX_NESTING)) {
    throw new InputError(file, `nests values more than ${MAX_NESTING} levels deep (or its YAML aliases refer to themselves); no CloudFormation template does`);
  }
}

/**
 * Reads the templates other templates deploy, for the role model, as the CLI reads any: a nested stack's or a
 * SAM application's file, or a StackSet's `TemplateBody` (JSON or YAML).
 */
export const TEMPLATE_READER: TemplateReader = {
  file: (file) => loadTemplateFile(file),
  text: (body, name) => templateFromText(name, body),
};

/** A template's text, parsed as JSON or YAML and refused when it is not a template, as a file is. */
function templateFromText(name: string, text: string): TemplateRead {
  const { value, notes, yaml } = parseTemplate(name, text);
  if (yaml) refuseTooDeep(name, value);
  if (!isObject(value) || !isObject(value.Resources)) throw new InputError(name, 'is not a CloudFormation template with a Resources section');
  const expanded = expandLanguageExtensions(value as CfnTemplate);
  return { template: expanded.template, notes: [...notes ?? [], ...expanded.notes] };
}

function parseTemplate(file: string, text: string): { value: unknown; notes?: readonly string[]; yaml: boolean } {
  const yaml = ['.yaml', '.yml'].includes(extname(file).toLowerCase());
  try {
    if (yaml) return { ...parseCfnYaml(text), yaml };
    return { value: JSON.parse(text), yaml };
  } catch (error) {
    const format = yaml ? 'YAML' : 'JSON';
    if (!yaml && !text.trimStart().startsWith('{')) {
      try {
        return { ...parseCfnYaml(text), yaml: true }; // a .template file written in YAML
      } catch {
        // report the JSON error below
      }
    }
    if (error instanceof RangeError) throw new InputError(file, 'nests values too deep to read; no CloudFormation template does');
    throw new InputError(file, `is not valid ${format}: ${(error as Error).message.split('\n')[0].replace(/:$/, '')}`);
  }
}

interface ManifestArtifact {
  readonly type?: string;
  readonly metadata?: unknown;
  readonly additionalMetadataFile?: string;
  readonly environment?: string;
  readonly properties?: { readonly templateFile?: string; readonly directoryName?: string };
}

/** Every stack template listed in a cloud assembly's manifest.json, nested assemblies (stages) included. */
export function loadCloudAssembly(directory: string, options: ReadOptions = {}): TemplateFile[] {
  const manifestPath = join(directory, 'manifest.json');
  if (!existsSync(manifestPath)) throw new InputError(directory, 'is a directory but not a cloud assembly: it has no manifest.json');
  let manifest: { artifacts?: Record<string, ManifestArtifact> };
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  } catch (error) {
    throw new InputError(manifestPath, `is not valid JSON: ${(error as Error).message}`);
  }
  const templates: TemplateFile[] = [];
  for (const artifact of Object.values(manifest.artifacts ?? {})) {
    const properties = artifact.properties ?? {};
    if (artifact.type === 'aws:cloudformation:stack' && properties.templateFile) {
      const template = loadTemplateFile(join(directory, properties.templateFile), accountOf(artifact.environment), false, options);
      templates.push({ ...template, constructs: ConstructMetadata.ofArtifact(directory, artifact) });
    } else if (artifact.type === 'cdk:cloud-assembly' && properties.directoryName) {
      templates.push(...loadCloudAssembly(join(directory, properties.directoryName), options));
    }
  }
  return templates;
}

/** The account of `aws://123456789012/us-east-1`, unless it is unknown. */
function accountOf(environment: string | undefined): string | undefined {
  const account = /^aws:\/\/(\d{12})\//.exec(environment ?? '');
  return account ? account[1] : undefined;
}


/**
 * A file's identity for a baseline comparison: its name and a digest of its text. A template that deploys other
 * templates (a nested stack, a SAM application, a StackSet) has none: its children may change while it does not.
 */
function identityOf(file: string, text: string): string | undefined {
  if (DEPLOYS_TEMPLATES.test(text)) return undefined;
  return `${basename(file)}#${createHash('sha256').update(text).digest('base64')}`;
}

const DEPLOYS_TEMPLATES = /AWS::CloudFormation::Stack|AWS::Serverless::Application/;
