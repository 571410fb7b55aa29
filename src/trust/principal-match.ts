import { accountOf, Caller } from './request';
import { listOf } from './statements';

/**
 * Whether a statement's `Principal` (or `NotPrincipal`) names the caller, as IAM matches them (IAM User Guide, "AWS
 * JSON policy elements: Principal"): `"*"` and `{"AWS": "*"}` name everyone; an account id or its root ARN names
 * every principal of that account; a role ARN names the role and its sessions; a user ARN the user; an
 * assumed-role session ARN that session; a service or federated provider itself. Names compare without case,
 * as IAM's role and user names do.
 */
export function principalNames(principal: unknown, caller: Caller): boolean {
  if (principal === '*') return true;
  if (typeof principal !== 'object' || principal === null || Array.isArray(principal)) return false;
  const block = principal as Record<string, unknown>;
  for (const kind in block) {
    for (const value of listOf(block[kind])) {
      if (value === '*' && kind === 'AWS') return true;
      if (namesCaller(kind, value, caller)) return true;
    }
  }
  return false;
}

function namesCaller(kind: string, value: string, caller: Caller): boolean {
  if (kind === 'Service') return caller.kind === 'service' && caller.service.toLowerCase() === value.toLowerCase();
  if (kind === 'Federated') return caller.kind === 'federated' && caller.provider.toLowerCase() === value.toLowerCase();
  if (kind !== 'AWS' || caller.kind !== 'aws') return false;
  return awsPrincipalNames(value, caller.arn);
}

const ROOT = /^arn:[^:]+:iam::(\d{12}):root$/;
const ROLE = /^arn:[^:]+:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/i;
const SESSION = /^arn:[^:]+:sts::(\d{12}):assumed-role\/([^/]+)\/(.+)$/i;

/** Whether an `AWS` principal value names an IAM caller's ARN (or account id). */
function awsPrincipalNames(value: string, callerArn: string): boolean {
  const account = /^\d{12}$/.test(value) ? value : ROOT.exec(value)?.[1];
  if (account !== undefined) return accountOf(callerArn) === account;
  if (value.toLowerCase() === callerArn.toLowerCase()) return true;
  const role = ROLE.exec(value);
  const session = SESSION.exec(callerArn);
  return role !== null && session !== null && role[1] === session[1] && role[2].toLowerCase() === session[2].toLowerCase();
}
