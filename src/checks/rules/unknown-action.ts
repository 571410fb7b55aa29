import { actionsMatching, CATALOGUE_DATE, closestAction, closestPrefix, isKnownService, lookupAction } from '../../iam/catalogue';
import { hasWildcard } from '../../iam/glob';
import { hasPlaceholder } from '../../role-model/cfn-value';
import { PolicyStatement } from '../../role-model/policy-document';
import { Report, Rule } from '../rule';
import { READ_REPORTS } from './examples';

/**
 * An action that IAM does not have (`s3:GetObjects`, `dynamodb:GetItems`) grants or denies nothing, silently:
 * an AccessDenied in production, or a Deny that protects nothing. IAM's case-insensitivity is honoured
 * (`dynamodb:getitem` is `dynamodb:GetItem`).
 */
export const UnknownAction: Rule = {
  name: 'UnknownAction',
  severity: 'warning',
  description: 'An action or service prefix that IAM does not have (a typo) grants or denies nothing.',
  docs: {
    why: 'An action IAM does not have grants nothing, so the role lacks what its author meant to give it, or a typo hides a broader grant elsewhere.',
    fix: 'Use the action\'s real name; the finding names the closest one from the catalogue.',
    insecure: { permissions: [{ Effect: 'Allow', Action: 's3:GetObjects', Resource: 'arn:aws:s3:::reports/*' }] },
    secure: { permissions: [READ_REPORTS] },
  },
  check({ role }, report) {
    for (const statement of role.trustStatements) checkStatement(statement, report);
    for (const statement of role.permissionStatements) if (!statement.awsManaged) checkStatement(statement, report);
  },
};

/** The actions and prefixes of a statement that IAM does not have: one finding per statement, each of them named. */
function checkStatement(statement: PolicyStatement, report: Report): void {
  let unknown: UnknownName[] | undefined;
  for (const action of statement.actions) unknown = withUnknown(unknown, action);
  for (const action of statement.notActions) unknown = withUnknown(unknown, action);
  if (unknown === undefined) return;
  const effect = statement.effect === 'Deny' ? 'denies' : 'grants';
  if (unknown.length === 1) {
    report(`${statement.location} names ${unknownMessage(unknown[0], effect)}`, statement.subject);
    return;
  }
  const named = unknown.map(({ action, prefix, kind, closest }) => `${action} (${kind === 'prefix' ? `"${prefix}" is no service prefix`
    : kind === 'pattern' ? `matches no action of ${prefix}` : `not an action of ${prefix}`}${closest ? `; did you mean ${closest}?` : ''})`);
  report(`${statement.location} names ${unknown.length} actions IAM does not have (catalogue of ${CATALOGUE_DATE}), so they ${effect === 'denies' ? 'deny' : 'grant'} `
    + `nothing: ${named.join(', ')}. Use the names the services' actions have.`, statement.subject);
}

/** An action a statement names that IAM does not have: its service prefix is unknown, or the action, or no action matches the pattern. */
interface UnknownName {
  readonly action: string;
  readonly prefix: string;
  readonly kind: 'prefix' | 'action' | 'pattern';
  /** The closest real prefix (in quotes) or action, when one is close. */
  readonly closest?: string;
}

function withUnknown(list: UnknownName[] | undefined, action: string): UnknownName[] | undefined {
  const unknown = unknownName(action);
  if (unknown === undefined) return list;
  (list ??= []).push(unknown);
  return list;
}

function unknownName(action: string): UnknownName | undefined {
  if (action === '*' || lookupAction(action) !== undefined || hasPlaceholder(action)) return undefined; // the usual case, from a cache
  const colon = action.indexOf(':');
  const prefix = colon > 0 ? action.slice(0, colon) : action;
  if (hasWildcard(prefix)) return undefined;
  if (!isKnownService(prefix)) {
    const closest = closestPrefix(prefix);
    return { action, prefix, kind: 'prefix', closest: closest ? `"${closest}"` : undefined };
  }
  if (hasWildcard(action)) return actionsMatching(action).length > 0 ? undefined : { action, prefix, kind: 'pattern' };
  return { action, prefix, kind: 'action', closest: closestAction(action) };
}

/** The message for a statement's one unknown action or prefix. */
function unknownMessage({ action, prefix, kind, closest }: UnknownName, effect: string): string {
  if (kind === 'prefix') {
    return `${action}, but "${prefix}" is no service prefix of IAM (catalogue of ${CATALOGUE_DATE}), `
      + `so it matches no action${closest ? `; did you mean ${closest}?` : '.'} Use the prefix the service's actions have.`;
  }
  return `${action}, which ${kind === 'pattern' ? 'matches no action' : 'is not an action'} of ${prefix} (catalogue of ${CATALOGUE_DATE}), `
    + `so it ${effect} nothing${closest ? `; did you mean ${closest}?` : '.'} Use the action's name as the service documents it.`;
}
