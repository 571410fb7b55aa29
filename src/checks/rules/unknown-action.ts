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

function checkStatement(statement: PolicyStatement, report: Report): void {
  for (const action of statement.actions) checkAction(statement, action, report);
  for (const action of statement.notActions) checkAction(statement, action, report);
}

function checkAction(statement: PolicyStatement, action: string, report: Report): void {
  if (action === '*' || lookupAction(action) !== undefined || hasPlaceholder(action)) return; // the usual case, from a cache
  const colon = action.indexOf(':');
  const prefix = colon > 0 ? action.slice(0, colon) : action;
  if (hasWildcard(prefix)) return;
  if (!isKnownService(prefix)) {
    const closest = closestPrefix(prefix);
    report(`${statement.location} names ${action}, but "${prefix}" is no service prefix of IAM (catalogue of ${CATALOGUE_DATE}), `
      + `so it matches no action${closest ? `; did you mean "${closest}"?` : '.'} Use the prefix the service's actions have.`, statement.subject);
    return;
  }
  if (hasWildcard(action) ? actionsMatching(action).length > 0 : lookupAction(action) !== undefined) return;
  const closest = hasWildcard(action) ? undefined : closestAction(action);
  report(`${statement.location} names ${action}, which ${hasWildcard(action) ? 'matches no action' : 'is not an action'} of ${prefix} `
    + `(catalogue of ${CATALOGUE_DATE}), so it ${statement.effect === 'Deny' ? 'denies' : 'grants'} nothing`
    + `${closest ? `; did you mean ${closest}?` : '.'} Use the action's name as the service documents it.`, statement.subject);
}
