import { Arn, ArnFormat, Aws, aws_iam as iam } from 'aws-cdk-lib';
import { isListToken } from './unresolved';

/** The conditions of a trust statement: operator to key to value(s). */
export type TrustConditions = Record<string, Record<string, unknown>>;

/**
 * Several principals of one type (`Service`, `AWS`) in one trust statement, with its conditions and the
 * actions it allows. `iam.CompositePrincipal` writes one statement per principal unless the app sets the
 * minimizePolicies feature flag, and one statement is what IAM counts least against the trust policy
 * quota; iam.Role gives a principal one action only, and some trusts need `sts:SetSourceIdentity` or
 * `sts:TagSession` beside it.
 */
export class PrincipalSet extends iam.PrincipalBase implements iam.IAssumeRolePrincipal {
  constructor(
    private readonly type: string,
    private readonly values: string[],
    private readonly conditions: TrustConditions = {},
    private readonly actions: string[] = ['sts:AssumeRole'],
  ) {
    super();
  }

  public get policyFragment(): iam.PrincipalPolicyFragment {
    return new iam.PrincipalPolicyFragment({ [this.type]: this.values }, this.conditions);
  }

  /** Adds the one statement of this trust to a role's trust policy. */
  public addToAssumeRolePolicy(document: iam.PolicyDocument): void {
    document.addStatements(new iam.PolicyStatement({ actions: this.actions, principals: [this] }));
  }

  public dedupeString(): string {
    return `PrincipalSet:${this.type}:${this.values.join(',')}:${JSON.stringify(this.conditions)}`;
  }

  public toString(): string {
    return `PrincipalSet(${this.type}: ${this.values.join(', ')})`;
  }
}

/** The accounts of principal ARNs (tokens allowed), each once, in order. */
export function accountsOf(principalArns: string[]): string[] {
  return [...new Set(principalArns.map((arn) => Arn.split(arn, ArnFormat.SLASH_RESOURCE_NAME).account!))];
}

/** The root ARN of each account: `arn:<partition>:iam::<account>:root`. */
export function accountRoots(accounts: string[]): string[] {
  return accounts.map((account) => `arn:${Aws.PARTITION}:iam::${account}:root`);
}

/**
 * The operator that narrows account principals to named principals by `aws:PrincipalArn`: ArnLike when any
 * ARN holds a wildcard (a path such as `user/servicedesk/*`) or the ARNs are a list token (known at deployment), else ArnEquals. Matching by ARN, not by the
 * principal's unique id, keeps the trust when a named principal is deleted and created again.
 */
export function principalArnOperator(principalArns: string[]): string {
  return isListToken(principalArns) || principalArns.some((arn) => /[*?]/.test(arn)) ? 'ArnLike' : 'ArnEquals';
}
