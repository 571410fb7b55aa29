import { basename } from 'path';
import { callerWidenings } from './caller-diff';
import { FileFinding, ReportedTrustChange } from './report';
import { byPrincipal, TrustChange, trustChanges } from './trust-diff';
import { isOtherAccount, parseAwsPrincipal } from '../checks/principals';
import { RULE_ID_PREFIX } from '../checks/rule';
import { ModeledRole, RoleModel } from '../role-model/model';
import { constructPathOf } from '../role-model/template';

/** The finding a widened trust gives: an error, so a pull request that widens a trust fails the check. */
export const TRUST_WIDENED = {
  name: 'TrustWidened',
  severity: 'error' as const,
  description: 'Compared with the baseline (--baseline), someone may now assume the role who could not before: a new principal, '
    + 'a condition removed or loosened, an added action, a longer session, or a new role that trusts another account or a provider.',
  docs: {
    why: 'A pull request that lets someone new assume a role should not merge unnoticed.',
    fix: 'Undo the widening, or have the change reviewed and merged on purpose (the finding shows the trust before and after).',
  },
};

/** What comparing with the baseline found: the widened trusts as findings, and every change. */
export interface BaselineComparison {
  readonly findings: FileFinding[];
  readonly changes: ReportedTrustChange[];
}

/**
 * Compares every role's trust with the baseline's: roles are matched by construct path in a cloud assembly
 * (`aws:cdk:path`), else by template file name and logical id, else by logical id alone. A role with no match
 * is new; when it trusts another account, a federated provider or anyone, that is a widened trust too.
 */
export function compareWithBaseline(roles: readonly ModeledRole[], baseline: RoleModel): BaselineComparison {
  const old = new RoleIndex([...baseline.roles()]);
  const findings: FileFinding[] = [];
  const changes: ReportedTrustChange[] = [];
  const widenedFinding = (role: ModeledRole, message: string) => findings.push({
    ruleId: `${RULE_ID_PREFIX}:${TRUST_WIDENED.name}`, severity: 'error', file: role.template.file, resource: role.path, logicalId: role.logicalId, message,
  });
  const report = (role: ModeledRole, change: TrustChange) => {
    changes.push({ ...change, file: role.template.file, resource: role.path });
    if (change.direction === 'widened') widenedFinding(role, `trust widened since the baseline: ${change.what} (before: ${change.before}; after: ${change.after})`);
  };
  for (const role of roles) {
    const match = old.take(role);
    const variants = role.variants.map((variant) => variant.role);
    if (match) {
      const structural = trustChanges(match.variants.map((variant) => variant.role), variants);
      const callers = callerWidenings(match, role);
      if (callers.length === 0) {
        for (const change of structural) report(role, change);
        continue;
      }
      // one finding per role: what changed, and who now gets in who did not
      for (const change of structural) changes.push({ ...change, file: role.template.file, resource: role.path });
      for (const caller of callers) {
        changes.push({ direction: 'widened', what: `${caller.request} now allowed`, before: 'denied', after: caller.reason, file: role.template.file, resource: role.path });
      }
      const what = structural.filter((change) => change.direction === 'widened').map((change) => `${change.what} (before: ${change.before}; after: ${change.after})`);
      const who = callers.slice(0, MAX_CALLERS_NAMED).map((caller) => `${caller.request} (${caller.reason})`);
      const more = callers.length > MAX_CALLERS_NAMED ? `, and ${callers.length - MAX_CALLERS_NAMED} more requests` : '';
      widenedFinding(role, `trust widened since the baseline: ${what.length > 0 ? `${what.join('; ')}; ` : ''}now allowed, denied before: ${who.join('; ')}${more}`);
    } else {
      const outside = trustsOutside(role);
      if (outside.length > 0) report(role, { direction: 'widened', what: `new role that trusts ${outside.join(', ')}`, before: '-', after: outside.join(', ') });
    }
  }
  for (const role of old.rest()) {
    changes.push({ direction: 'narrowed', what: 'role removed', before: role.path, after: '-', file: role.template.file, resource: role.path });
  }
  return { findings, changes };
}

/** How many of the callers who now get in a finding names; the trust changes list them all. */
const MAX_CALLERS_NAMED = 3;

/** The principals of a role's trust that are outside its account: other accounts, federated providers, anyone. */
function trustsOutside(role: ModeledRole): string[] {
  const found = new Set<string>();
  for (const [principal, [{ type, value }]] of byPrincipal(role.variants.map((variant) => variant.role))) {
    if (type === '*' || type === 'Federated') found.add(principal);
    if (type === 'AWS') {
      const aws = parseAwsPrincipal(value);
      if (aws.kind === 'any' || isOtherAccount(aws.account, role.template.deployingAccount)) found.add(principal);
    }
  }
  return [...found];
}

/** The baseline's roles, found by the keys a role can be matched by, each taken once. */
class RoleIndex {
  private readonly byKey = new Map<string, ModeledRole>();
  private readonly byLogicalId = new Map<string, ModeledRole[]>();
  private readonly taken = new Set<ModeledRole>();

  constructor(private readonly roles: readonly ModeledRole[]) {
    for (const role of roles) {
      for (const key of keysOf(role)) if (!this.byKey.has(key)) this.byKey.set(key, role);
      this.byLogicalId.set(role.path, [...this.byLogicalId.get(role.path) ?? [], role]);
    }
  }

  /** The baseline role a role matches, if any (taken: it matches no other). */
  public take(role: ModeledRole): ModeledRole | undefined {
    const free = (candidate: ModeledRole | undefined) => candidate !== undefined && !this.taken.has(candidate);
    const byId = this.byLogicalId.get(role.path);
    const match = keysOf(role).map((key) => this.byKey.get(key)).find(free) ?? (byId?.length === 1 && free(byId[0]) ? byId[0] : undefined);
    if (match) this.taken.add(match);
    return match;
  }

  /** The baseline roles no role matched. */
  public rest(): ModeledRole[] {
    return this.roles.filter((role) => !this.taken.has(role));
  }
}

/** The keys a role is matched by: its construct path, then its template's file name and its path. */
function keysOf(role: ModeledRole): string[] {
  const keys: string[] = [];
  const path = constructPathOf(role.template, role.logicalId);
  if (path !== undefined) keys.push(`path:${path.replace(/\/Resource$/, '')}`);
  keys.push(`file:${basename(role.template.file)}#${role.path}`);
  return keys;
}
