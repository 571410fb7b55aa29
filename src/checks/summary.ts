/** Why a finding is summarized instead of listed: what wrote the permission, and why the app cannot or need not change it. */
export interface Summary {
  /** What wrote it: `LogRetention` (an aws-cdk-lib helper), `AWS managed policy service-role/AWSBackupServiceRolePolicyForBackup`. */
  readonly kind: string;
  readonly reason: string;
}
