import { aws_iam as iam } from 'aws-cdk-lib';

/**
 * Several principals of one type (`Service`, `AWS`) in one trust statement. `iam.CompositePrincipal`
 * writes one statement per principal unless the app sets the minimizePolicies feature flag, and one
 * statement is what IAM counts least against the trust policy quota.
 */
export class PrincipalSet extends iam.PrincipalBase {
  constructor(private readonly type: string, private readonly values: string[]) {
    super();
  }

  public get policyFragment(): iam.PrincipalPolicyFragment {
    return new iam.PrincipalPolicyFragment({ [this.type]: this.values });
  }

  public dedupeString(): string {
    return `PrincipalSet:${this.type}:${this.values.join(',')}`;
  }

  public toString(): string {
    return `PrincipalSet(${this.type}: ${this.values.join(', ')})`;
  }
}
