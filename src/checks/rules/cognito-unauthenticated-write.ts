import { testsOnKey } from '../../role-model/policy-document';
import { isReadOnlyAction } from '../iam-actions';
import { Rule } from '../rule';
import { webIdentityTrusts } from '../web-identity';
import { cognitoTrust } from './examples';

const COGNITO = 'cognito-identity.amazonaws.com';
const AMR = 'cognito-identity.amazonaws.com:amr';

/**
 * Unauthenticated (guest) Cognito identities are anyone with the app: a role they can assume should only read.
 * A Cognito trust with no `amr` condition lets guests in too.
 */
export const CognitoUnauthenticatedWrite: Rule = {
  name: 'CognitoUnauthenticatedWrite',
  severity: 'warning',
  description: 'A role that unauthenticated Cognito identities can assume should not be allowed to write.',
  docs: {
    why: 'Unauthenticated Cognito identities are anyone who has the app; a guest role that may write lets them change your data.',
    fix: 'Give guests a read-only role, or require `ForAnyValue:StringLike cognito-identity.amazonaws.com:amr "authenticated"`.',
    insecure: {
      trust: [cognitoTrust('unauthenticated')],
      permissions: [{ Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::ride-photos/*' }],
    },
    secure: {
      trust: [cognitoTrust('unauthenticated')],
      permissions: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::ride-photos/*' }],
    },
  },
  check({ role }, report) {
    const trusts = webIdentityTrusts(role);
    if (trusts.length === 0) return;
    const guestTrusts = trusts.filter((trust) => trust.principal.issuer === COGNITO && letsGuestsIn(trust.statement));
    if (guestTrusts.length === 0) return;
    const writes = role.permissionAllowStatements
      .flatMap((statement) => (statement.hasNotAction ? ['NotAction'] : statement.actions.filter((action) => !isReadOnlyAction(action))));
    if (writes.length === 0) return;
    const unique = [...new Set(writes)];
    report(`${guestTrusts[0].statement.location} lets unauthenticated Cognito identities (anyone with the app) assume this role, `
      + `and the role may ${unique.slice(0, 5).join(', ')}${unique.length > 5 ? ', ...' : ''}. Give guests a read-only role, or require `
      + `ForAnyValue:StringLike ${AMR} "authenticated".`, guestTrusts[0].statement.subject);
  },
};

function letsGuestsIn(statement: Parameters<typeof testsOnKey>[0]): boolean {
  const amr = testsOnKey(statement, AMR).filter((test) => !test.operator.toLowerCase().includes('not'));
  if (amr.length === 0) return !statement.conditionsUnreadable;
  return amr.every((test) => test.values.some((value) => value.toLowerCase() === 'unauthenticated' || value === '*'));
}
