import { Stack, Token } from 'aws-cdk-lib';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { Construct } from 'constructs';
import { PropErrors } from './prop-errors';
import { literalValues } from './unresolved';

/** The parts of an IAM principal ARN: `arn:<partition>:<iam|sts>::<account>:<type>/<path and name>`. */
export interface PrincipalArnParts {
  readonly partition: string;
  readonly account: string;
  /** `user`, `role`, `group` or `assumed-role`. */
  readonly type: string;
  /** The path and name (with the session name, for `assumed-role`). */
  readonly name: string;
}

const PRINCIPAL_ARN = /^arn:([a-z-]+):(iam|sts)::(\d{12}):(user|role|group|assumed-role)\/([\w+=,.@/*?-]+)$/;

/** The partitions AWS has, as aws-cdk-lib's region facts know them. */
const PARTITIONS: readonly string[] = [...new Set(RegionInfo.regions.map((region) => region.partition))]
  .filter((name): name is string => !!name).sort();

/**
 * Whether a principal ARN pattern matches every user or every role of its account (`user/*`, `role/*`, `role/?*`):
 * trusted through `aws:PrincipalArn`, it lets in whoever can sign in to that account.
 */
export function isEveryUserOrRole(arn: string): boolean {
  return /^arn:[^:]+:iam::\d{12}:(?:user|role)\/[*?]+$/.test(arn);
}

/** The parts of a principal ARN, or undefined when it is not one. */
export function principalArnParts(arn: string): PrincipalArnParts | undefined {
  const match = PRINCIPAL_ARN.exec(arn);
  if (!match || (match[2] === 'sts') !== (match[4] === 'assumed-role')) return undefined; // sessions are sts, the rest iam
  return { partition: match[1], account: match[3], type: match[4], name: match[5] };
}

/** The partition a stack deploys to, when its region is known at synth. */
export function stackPartition(scope: Construct): string | undefined {
  const region = Stack.of(scope).region;
  return Token.isUnresolved(region) ? undefined : RegionInfo.get(region).partition;
}

/**
 * Records the principal ARNs that could never match `aws:PrincipalArn` in this role's trust: an unknown
 * partition, a partition other than the stack's (or than the other ARNs', when the stack's is not known),
 * and a role session (`sts ... assumed-role`), as `aws:PrincipalArn` holds the role's ARN, never a session's.
 */
export function checkPrincipalArnsCanMatch(scope: Construct, prop: string, arns: readonly string[] | undefined, errors: PropErrors): void {
  const literal = literalValues(arns).map((arn) => ({ arn, parts: principalArnParts(arn) })).filter((found) => found.parts !== undefined);
  const expected = stackPartition(scope) ?? literal.find(({ parts }) => PARTITIONS.includes(parts!.partition))?.parts!.partition;
  for (const { arn, parts } of literal) {
    const { partition, account, type, name } = parts!;
    if (!PARTITIONS.includes(partition)) {
      errors.add(prop, arn, `"${partition}" is not an AWS partition; a partition is one of ${PARTITIONS.join(', ')}`);
    } else if (expected !== undefined && partition !== expected) {
      errors.add(prop, arn, `it is in partition ${partition}, but the role is in ${expected}; a role can be assumed only by principals of its own partition`);
    } else if (type === 'assumed-role') {
      errors.add(prop, arn, 'that is a role session; aws:PrincipalArn holds the role\'s ARN, never a session\'s, so it would never match. Trust the role, '
        + `such as "arn:${partition}:iam::${account}:role/${name.split('/')[0]}" (with its path, if it has one)`);
    }
  }
}
