import { narrows, requiresMfa } from './conditions';
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
