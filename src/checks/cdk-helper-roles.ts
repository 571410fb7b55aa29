/**
 * The roles aws-cdk-lib makes for its own helpers, known by the construct ids CDK gives them (fixed ids, some
 * with a hash CDK keeps stable across versions, so the helpers are singletons per stack).
 */
interface CdkHelper {
  /** The helper, in the words of aws-cdk-lib's API. */
  readonly kind: string;
  /** The end of the role's construct path. */
  readonly path: RegExp;
  /** Who decides the role's policy. */
  readonly policy: string;
}

const FIXED = 'its policy is fixed by CDK';

const CDK_HELPERS: readonly CdkHelper[] = [
  { kind: 'LogRetention', path: /\/LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a\/ServiceRole\/Resource$/, policy: FIXED },
  { kind: 'Bucket autoDeleteObjects', path: /\/Custom::S3AutoDeleteObjectsCustomResourceProvider\/Role$/, policy: FIXED },
  { kind: 'CfnJson', path: /\/AWSCDKCfnUtilsProviderCustomResourceProvider\/Role$/, policy: FIXED },
  { kind: 'Bucket notifications', path: /\/BucketNotificationsHandler050a0587b7544547bf325f094a3db834\/Role\/Resource$/, policy: FIXED },
  {
    kind: 'AwsCustomResource',
    path: /\/AWS679f53fac002430cb0da5b7982bd2287\/ServiceRole\/Resource$/,
    policy: 'its policy is made by CDK from the SDK calls given to AwsCustomResourcePolicy',
  },
  { kind: 'CustomResourceProvider', path: /\/Custom::\w+CustomResourceProvider\/Role$/, policy: 'its policy is set by CDK or the construct that made the provider' },
];

/** The aws-cdk-lib helper a role (by its construct path) belongs to, with why its findings are summarized. */
export function cdkHelperOf(constructPath: string): { readonly kind: string; readonly reason: string } | undefined {
  const helper = CDK_HELPERS.find((candidate) => candidate.path.test(constructPath));
  return helper ? { kind: helper.kind, reason: `created by aws-cdk-lib's ${helper.kind}; ${helper.policy}` } : undefined;
}
