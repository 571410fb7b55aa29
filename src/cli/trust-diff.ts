import { globMatches, hasWildcard } from '../iam/glob';
import { readable, renderString } from '../role-model/cfn-value';
import { ConditionTest } from '../role-model/policy-document';
import { RoleUnderCheck } from '../role-model/role-under-check';

/** One way a role's trust changed between a baseline and now. */
export interface TrustChange {
  /** `widened`: someone may now assume it who could not before; `narrowed`: the opposite. */
  readonly direction: 'widened' | 'narrowed';
  /** What changed, in words: `new principal AWS 444455556666`, `condition sts:ExternalId removed`. */
  readonly what: string;
  readonly before: string;
  readonly after: string;
}

/** One principal trusted by one Allow statement (of one variant), with the actions and conditions that apply to it. */
export interface Grant {
  /** The principal in words: its type and value, `AWS arn:aws:iam::444455556666:root`, or `*`. */
  readonly principal: string;
  /** The principal's type (`AWS`, `Service`, `Federated`, `*`) and value, as rendered. */
  readonly type: string;
  readonly value: string;
  readonly actions: ReadonlySet<string>;
  readonly conditions: readonly ConditionTest[];
}

/**
 * How a role's trust changed: per principal, a grant that no baseline grant of the same principal is at least as
 * strict as is widened (with the conditions it dropped or loosened and the actions it added); a new principal is
 * widened; a longer maximum session is widened. The variants of a role (Fn::If) are all read: any of them may deploy.
 */
export function trustChanges(before: readonly RoleUnderCheck[], after: readonly RoleUnderCheck[]): TrustChange[] {
  const changes: TrustChange[] = [];
  const old = byPrincipal(before);
  const now = byPrincipal(after);
  for (const [principal, grants] of now) {
    const baseline = old.get(principal);
    if (!baseline) {
      changes.push({ direction: 'widened', what: `new principal ${principal}`, before: '-', after: describeGrant(grants[0]) });
      continue;
    }
    changes.push(...grantChanges(principal, baseline, grants));
  }
  for (const [principal, grants] of old) {
    if (!now.has(principal)) changes.push({ direction: 'narrowed', what: `principal ${principal} removed`, before: describeGrant(grants[0]), after: '-' });
  }
  const session = sessionChange(before, after);
  if (session) changes.push(session);
  return changes;
}

/** The grants a role's trust makes, by principal (`AWS arn:aws:iam::444455556666:root`). */
export function byPrincipal(variants: readonly RoleUnderCheck[]): Map<string, Grant[]> {
  const grants = new Map<string, Grant[]>();
  for (const role of variants) {
    for (const statement of role.trustAllowStatements) {
      const actions = new Set(statement.actions.map((action) => action.toLowerCase()));
      for (const [type, values] of statement.principal ?? []) {
        for (const value of values) {
          const principal = type === '*' ? '*' : `${type} ${readable(type === 'AWS' ? rootArnOf(value) : value)}`;
          const list = grants.get(principal) ?? [];
          list.push({ principal, type, value, actions, conditions: statement.conditions });
          grants.set(principal, list);
        }
      }
    }
  }
  return grants;
}

/** The changes of one principal's grants: each new grant must be at least as strict as some baseline grant. */
function grantChanges(principal: string, baseline: readonly Grant[], grants: readonly Grant[]): TrustChange[] {
  const changes: TrustChange[] = [];
  for (const grant of grants) {
    // against each baseline grant of the principal, what this one dropped or loosened; none against one: as strict
    const against = baseline.map((old) => looseningsOf(grant, old));
    if (against.some((loosenings) => loosenings.length === 0)) continue;
    const closest = against.reduce((fewest, loosenings) => (loosenings.length < fewest.length ? loosenings : fewest));
    for (const loosening of closest) changes.push({ ...loosening, direction: 'widened', what: `${principal}: ${loosening.what}` });
  }
  if (changes.length === 0 && !sameGrants(baseline, grants)) {
    changes.push({ direction: 'narrowed', what: `trust of ${principal} narrowed`, before: baseline.map(describeGrant).join(' | '), after: grants.map(describeGrant).join(' | ') });
  }
  return changes;
}

function sameGrants(a: readonly Grant[], b: readonly Grant[]): boolean {
  const text = (grants: readonly Grant[]) => grants.map(describeGrant).sort().join('\n');
  return text(a) === text(b);
}

/**
 * What a grant dropped or loosened against a baseline grant of the same principal: actions it adds, and baseline
 * conditions it no longer keeps or keeps more loosely. None: it lets in no one the baseline grant does not.
 */
function looseningsOf(grant: Grant, old: Grant): Array<Omit<TrustChange, 'direction'>> {
  const found: Array<Omit<TrustChange, 'direction'>> = [];
  for (const action of grant.actions) {
    if (![...old.actions].some((pattern) => globMatches(pattern, action))) {
      found.push({ what: `allows ${action}`, before: [...old.actions].join(', '), after: [...grant.actions].join(', ') });
    }
  }
  for (const test of old.conditions) {
    const sameKey = grant.conditions.filter((candidate) => candidate.key === test.key);
    if (sameKey.some((candidate) => covers(test, candidate))) continue;
    found.push({
      what: sameKey.length === 0 ? `condition ${test.keyAsWritten} removed` : `condition ${test.keyAsWritten} loosened`,
      before: describeTest(test),
      after: sameKey.length === 0 ? '-' : sameKey.map(describeTest).join('; '),
    });
  }
  return found;
}

/** Whether a new test on a key lets through no request the baseline test on it refused. */
function covers(old: ConditionTest, test: ConditionTest): boolean {
  if ((old.setOperator ?? '').toLowerCase() !== (test.setOperator ?? '').toLowerCase()) return false;
  if (test.ifExists && !old.ifExists) return false; // an absent key now passes
  const oldBase = old.baseOperator.toLowerCase();
  const base = test.baseOperator.toLowerCase();
  const negated = (operator: string) => /not/.test(operator);
  if (negated(oldBase) || negated(base)) return oldBase === base && old.values.every((value) => test.values.includes(value));
  if (/^(numeric|date)/.test(oldBase)) return oldBase === base && orderedCovers(oldBase, old.values, test.values);
  if (oldBase === 'bool' || oldBase === 'null') return oldBase === base && sameValues(old.values, test.values);
  return test.values.every((value) => stringCovers(oldBase, old.values, base, value));
}

/** Whether a value under a string or ARN operator matches only what the baseline values matched. */
function stringCovers(oldOperator: string, oldValues: readonly string[], operator: string, value: string): boolean {
  const pattern = /like$/.test(operator);
  const oldPattern = /like$/.test(oldOperator);
  const ignoreCase = /ignorecase$/.test(oldOperator);
  if (pattern && hasWildcard(value) && !oldPattern) return false; // an exact value turned into a pattern
  if (!oldPattern) return oldValues.some((old) => (ignoreCase ? old.toLowerCase() === value.toLowerCase() : old === value));
  // the new value (a pattern read as text) must be matched by a baseline pattern: repo:o/r:* is within repo:o/*
  return oldValues.some((old) => globMatches(old, value));
}

/** Numeric and date limits: a less-than limit may only go down, a greater-than limit only up. */
function orderedCovers(operator: string, oldValues: readonly string[], values: readonly string[]): boolean {
  const number = (value: string) => (/^date/.test(operator) ? Date.parse(value) : Number(value));
  if (/equals$/.test(operator) && !/than/.test(operator)) return values.every((value) => oldValues.includes(value));
  const less = /lessthan/.test(operator);
  const limit = (list: readonly string[]) => (less ? Math.max(...list.map(number)) : Math.min(...list.map(number)));
  const [old, now] = [limit(oldValues), limit(values)];
  if (Number.isNaN(old) || Number.isNaN(now)) return sameValues(oldValues, values);
  return less ? now <= old : now >= old;
}

function sameValues(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value) => b.includes(value));
}

/** A longer maximum session is a wider trust: a stolen session lasts longer. */
function sessionChange(before: readonly RoleUnderCheck[], after: readonly RoleUnderCheck[]): TrustChange | undefined {
  const seconds = (roles: readonly RoleUnderCheck[]) =>
    Math.max(...roles.map((role) => Number(renderString(role.properties.MaxSessionDuration) ?? 3600)));
  const [old, now] = [seconds(before), seconds(after)];
  if (Number.isNaN(old) || Number.isNaN(now) || old === now) return undefined;
  return { direction: now > old ? 'widened' : 'narrowed', what: 'maximum session', before: `${old}s`, after: `${now}s` };
}

function describeTest(test: ConditionTest): string {
  return `${test.operator} ${test.keyAsWritten} = ${test.values.map(readable).join(' | ')}`;
}

function describeGrant(grant: Grant): string {
  const conditions = grant.conditions.map(describeTest);
  return `${[...grant.actions].join(', ')}${conditions.length > 0 ? ` when ${conditions.join(' and ')}` : ' with no condition'}`;
}

/** An account id as the root ARN IAM stores it (`444455556666` and `arn:aws:iam::444455556666:root` are one principal). */
function rootArnOf(value: string): string {
  return /^\d{12}$/.test(value) ? `arn:{{cfn:AWS::Partition}}:iam::${value}:root` : value;
}
