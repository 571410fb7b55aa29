import { narrows, requiresMfa } from './conditions';
import { hasPlaceholder } from '../role-model/cfn-value';
import { testsOnKey, PolicyStatement } from '../role-model/policy-document';

/**
 * What a role pattern promises of every statement of its trust policy, checked at synth on the final
 * CloudFormation (after every escape hatch: `assumeRolePolicy.addStatements`, `addOverride`,
 * `addPropertyOverride`). A broken promise is an error that no acknowledgement silences.
 */
export interface TrustInvariant {
  /** The promise in words: `trusts only lambda.amazonaws.com`. */
  readonly promise: string;
  /** What is wrong with the statement, or undefined when it keeps the promise. */
  broken(statement: PolicyStatement): string | undefined;
}

/** Every principal of the statement is of one type (`Service`, `AWS`, `Federated`), and each value is allowed. */
export function onlyPrincipals(type: string, allowed: (value: string) => boolean, promise: string): TrustInvariant {
  return {
    promise,
    broken(statement) {
      if (statement.notPrincipal) return 'it uses NotPrincipal';
      const principal = statement.principal;
      if (!principal) return 'it names no principal';
      for (const [kind, values] of principal) {
        if (kind === '?') continue; // a principal the template decides at deployment: the rules say what they can of it
        if (kind !== type) return `it trusts ${kind === '*' ? 'every principal ("*")' : `${kind} principals`} (${values.join(', ')})`;
        const other = values.find((value) => !allowed(value));
        if (other !== undefined) return `it trusts ${type} ${other}`;
      }
      return undefined;
    },
  };
}

/** The statement narrows a condition key with a positive operator and specific values. */
export function narrowsKey(key: string, promise: string): TrustInvariant {
  return { promise, broken: (statement) => (narrows(statement, key) || statement.conditionsUnreadable ? undefined : `it has no condition on ${key}`) };
}

/** The statement requires MFA that cannot be skipped. */
export function requiresMfaInvariant(promise: string): TrustInvariant {
  return { promise, broken: (statement) => (requiresMfa(statement) || statement.conditionsUnreadable ? undefined : 'it does not require MFA') };
}

/** The statement tests a condition key (any operator): the pattern's own source-identity test, for one. */
export function testsKey(key: string, promise: string): TrustInvariant {
  return { promise, broken: (statement) => (testsOnKey(statement, key).length > 0 || statement.conditionsUnreadable ? undefined : `it has no condition on ${key}`) };
}

/**
 * The statement narrows a key, and still with the values the pattern wrote: every literal value of its tests on the
 * key is one the pattern wrote (`literal`, its props' values known at synth), and none is a wildcard the pattern did
 * not write. An escape hatch that widens a pin (`user/*` for `user/servicedesk/*`, `arn:aws:eks:*:*:cluster/*` for the
 * cluster) breaks it, though the widened value still "narrows" by shape. Values known only at deployment are skipped.
 */
export function pinsWrittenValues(key: string, literal: readonly string[], promise: string): TrustInvariant {
  const narrowing = narrowsKey(key, promise);
  const written = new Set(literal);
  return {
    promise,
    broken(statement) {
      const why = narrowing.broken(statement);
      if (why !== undefined || statement.conditionsUnreadable) return why;
      for (const test of testsOnKey(statement, key)) {
        for (const value of test.values) {
          if (hasPlaceholder(value) || written.has(value)) continue;
          if (written.size > 0 || /[*?]/.test(value)) return `its ${key} is "${value}", which the pattern did not write${describeWritten(written)}`;
        }
      }
      return undefined;
    },
  };
}

function describeWritten(written: ReadonlySet<string>): string {
  return written.size === 0 ? ' (it wrote a value known at deployment)' : ` (it wrote ${[...written].map((value) => `"${value}"`).join(', ')})`;
}
