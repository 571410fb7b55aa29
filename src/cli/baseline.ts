import { basename } from 'path';
import { callerWidenings } from './caller-diff';
import { FileFinding, ReportedTrustChange } from './report';
import { byPrincipal, TrustChange, trustChanges } from './trust-diff';
import { isOtherAccount, parseAwsPrincipal } from '../checks/principals';
import { RULE_ID_PREFIX } from '../checks/rule';
import { MAX_NESTING } from '../role-model/cfn-value';
import { ModeledRole, RoleModel } from '../role-model/model';
import { constructPathOf, ModelTemplate, resourcesOf } from '../role-model/template';

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
 * is new; when it trusts another account, a federated provider or anyone, that is a widened trust too. A role whose
 * resource and template-level sections (conditions, parameters, mappings, SAM globals) are what the baseline holds
 * is not compared further: the baseline's role is modeled only when something that can change its trust changed.
 */
export function compareWithBaseline(roles: readonly ModeledRole[], baseline: RoleModel): BaselineComparison {
  const old = new RoleIndex([...baseline.roleRefs()]);
  const findings: FileFinding[] = [];
  const changes: ReportedTrustChange[] = [];
  const widenedFinding = (role: ModeledRole, message: string) => findings.push({
    ruleId: `${RULE_ID_PREFIX}:${TRUST_WIDENED.name}`, severity: 'error', file: role.template.file, resource: role.path, logicalId: role.logicalId, message,
  });
  const report = (role: ModeledRole, change: TrustChange) => {
    changes.push({ ...change, file: role.template.file, resource: role.path });
    if (change.direction === 'widened') widenedFinding(role, `trust widened since the baseline: ${change.what} (before: ${change.before}; after: ${change.after})`);
  };
  const sameSections = new SameSections();
  for (const role of roles) {
    const ref = old.take(role);
    if (ref && sameSections.of(ref.template, role.template) && sameResource(ref, role)) continue;
    const match = ref ? baseline.role(ref.template, ref.logicalId) : undefined;
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
  for (const ref of old.rest()) {
    changes.push({ direction: 'narrowed', what: 'role removed', before: ref.path, after: '-', file: ref.template.file, resource: ref.path });
  }
  return { findings, changes };
}

/**
 * Whether a role's `AWS::IAM::Role` resource is the baseline's as written and reads nothing that can change beside it:
 * no other resource (a CfnJson, an export), no parameter a parent passes. A role SAM makes is always compared.
 */
function sameResource(ref: RoleRef, role: ModeledRole): boolean {
  const resource = resourcesOf(role.template.template)[role.logicalId];
  if (resource === undefined || role.template.parent !== undefined) return false;
  return sameValue(resourcesOf(ref.template.template)[ref.logicalId], resource, 0, true);
}

/** Whether an object key reads a value from beside the resource: another resource, a parameter, an export. */
function readsOtherValue(key: string, value: unknown): boolean {
  if (key === 'Ref') return !(typeof value === 'string' && value.startsWith('AWS::'));
  return key === 'Fn::GetAtt' || key === 'Fn::ImportValue' || key === 'Fn::Sub' || key === 'Fn::Transform';
}

/** The sections of a template besides its resources that can change a role's trust. */
const TEMPLATE_SECTIONS = ['Conditions', 'Parameters', 'Mappings', 'Globals', 'Transform'] as const;

/** Whether two templates' sections that can change a trust are the same; each pair is compared once. */
class SameSections {
  private readonly known = new Map<ModelTemplate, Map<ModelTemplate, boolean>>();

  public of(a: ModelTemplate, b: ModelTemplate): boolean {
    let byOther = this.known.get(a);
    if (!byOther) this.known.set(a, byOther = new Map());
    let same = byOther.get(b);
    if (same === undefined) {
      const left = a.template as Record<string, unknown>;
      const right = b.template as Record<string, unknown>;
      same = TEMPLATE_SECTIONS.every((section) => sameValue(left[section], right[section]));
      byOther.set(b, same);
    }
    return same;
  }
}

/**
 * Whether two parsed JSON values are equal, walked once without allocating (bounded: deeper than any template is
 * unequal); with `selfContained`, also that they read nothing from beside them (see `readsOtherValue`).
 */
function sameValue(a: unknown, b: unknown, depth = 0, selfContained = false): boolean {
  if (a === b && (!selfContained || typeof a !== 'object' || a === null)) return true;
  if (depth > MAX_NESTING || typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    if (a.length !== other.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], other[i], depth + 1, selfContained)) return false;
    return true;
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  for (const key in left) {
    if (!(key in right) || selfContained && readsOtherValue(key, right[key])) return false;
    if (!sameValue(left[key], right[key], depth + 1, selfContained)) return false;
  }
  for (const key in right) if (!(key in left)) return false;
  return true;
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

/** Where a baseline role is, before it is modeled. */
interface RoleRef {
  readonly template: ModelTemplate;
  readonly logicalId: string;
  readonly path: string;
}

/** The baseline's roles, found by the keys a role can be matched by, each taken once. */
class RoleIndex {
  private readonly byKey = new Map<string, RoleRef>();
  private readonly byLogicalId = new Map<string, RoleRef[]>();
  private readonly taken = new Set<RoleRef>();

  constructor(private readonly roles: readonly RoleRef[]) {
    for (const role of roles) {
      for (const key of keysOf(role)) if (!this.byKey.has(key)) this.byKey.set(key, role);
      const list = this.byLogicalId.get(role.path);
      if (list) list.push(role);
      else this.byLogicalId.set(role.path, [role]);
    }
  }

  /** The baseline role a role matches, if any (taken: it matches no other). */
  public take(role: RoleRef): RoleRef | undefined {
    let match: RoleRef | undefined;
    for (const key of keysOf(role)) {
      const candidate = this.byKey.get(key);
      if (candidate !== undefined && !this.taken.has(candidate)) {
        match = candidate;
        break;
      }
    }
    const byId = match === undefined ? this.byLogicalId.get(role.path) : undefined;
    if (byId?.length === 1 && !this.taken.has(byId[0])) match = byId[0];
    if (match) this.taken.add(match);
    return match;
  }

  /** The baseline roles no role matched. */
  public rest(): RoleRef[] {
    return this.roles.filter((role) => !this.taken.has(role));
  }
}

/** The keys a role is matched by: its construct path, then its template's file name and its path. */
function keysOf(role: RoleRef): string[] {
  const keys: string[] = [];
  const path = constructPathOf(role.template, role.logicalId);
  if (path !== undefined) keys.push(`path:${path.replace(/\/Resource$/, '')}`);
  keys.push(`file:${fileNameOf(role.template)}#${role.path}`);
  return keys;
}

const fileNames = new WeakMap<ModelTemplate, string>();

/** A template's file name, found once per template. */
function fileNameOf(template: ModelTemplate): string {
  let name = fileNames.get(template);
  if (name === undefined) fileNames.set(template, name = basename(template.file));
  return name;
}
