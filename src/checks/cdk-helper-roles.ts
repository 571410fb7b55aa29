import { Summary } from './summary';
import { ModeledRole } from '../role-model/model';
import { principalValues, PolicyStatement } from '../role-model/policy-document';
import { RoleUnderCheck } from '../role-model/role-under-check';

/**
 * The roles aws-cdk-lib makes for its own helpers. A role counts as one only when both hold: its construct
 * path ends the way CDK names the helper's role (fixed ids, some with a hash CDK keeps stable across versions),
 * and its value is what the helper writes: a trust in Lambda alone, AWS's basic Lambda execution policies, and,
 * for a helper whose policy CDK fixes, no action beyond that policy's. A role that merely sits at such a path,
 * or a real helper whose trust or policy someone widened, is checked like any other role.
 */
interface CdkHelper {
  /** The helper, in the words of aws-cdk-lib's API. */
  readonly kind: string;
  /** The end of the role's construct path (its `Resource` child or the role itself, as CDK writes it). */
  readonly path: RegExp;
  /** Who decides the role's policy. */
  readonly policy: string;
  /** The actions the helper's own policy grants, when CDK fixes them; undefined when the app's code decides them. */
  readonly actions?: readonly string[];
}

const FIXED = 'its policy is fixed by CDK';

const CDK_HELPERS: readonly CdkHelper[] = [
  {
    kind: 'LogRetention',
    path: /\/LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a\/ServiceRole(\/Resource)?$/,
    policy: FIXED,
    actions: ['logs:PutRetentionPolicy', 'logs:DeleteRetentionPolicy'],
  },
  { kind: 'Bucket autoDeleteObjects', path: /\/Custom::S3AutoDeleteObjectsCustomResourceProvider\/Role$/, policy: FIXED, actions: [] },
  { kind: 'CfnJson', path: /\/AWSCDKCfnUtilsProviderCustomResourceProvider\/Role$/, policy: FIXED, actions: [] },
  {
    kind: 'Bucket notifications',
    path: /\/BucketNotificationsHandler050a0587b7544547bf325f094a3db834\/Role(\/Resource)?$/,
    policy: FIXED,
    actions: ['s3:PutBucketNotification'],
  },
  {
    kind: 'AwsCustomResource',
    path: /\/AWS679f53fac002430cb0da5b7982bd2287\/ServiceRole(\/Resource)?$/,
    policy: 'its policy is made by CDK from the SDK calls given to AwsCustomResourcePolicy',
  },
  { kind: 'CustomResourceProvider', path: /\/Custom::\w+CustomResourceProvider\/Role$/, policy: 'its policy is set by CDK or the construct that made the provider' },
];

/** The AWS managed policies CDK attaches to its helpers' roles. */
const HELPER_MANAGED_POLICIES = /:iam::aws:policy\/service-role\/(AWSLambdaBasicExecutionRole|AWSLambdaVPCAccessExecutionRole)$/;

/** An aws-cdk-lib helper a role was found to be, with why its warnings are summarized. */
export type CdkHelperMatch = Summary;

/**
 * The aws-cdk-lib helper a role is, by its construct path and by its value in every variant; undefined for
 * any other role, including one at a helper's path whose trust or policy is not what the helper writes.
 */
export function cdkHelperOf(constructPath: string, modeled: ModeledRole): CdkHelperMatch | undefined {
  const helper = CDK_HELPERS.find((candidate) => candidate.path.test(constructPath));
  if (!helper || !modeled.variants.every((variant) => isWhatHelperWrites(helper, variant.role))) return undefined;
  return { kind: helper.kind, reason: `created by aws-cdk-lib's ${helper.kind}; ${helper.policy}` };
}

function isWhatHelperWrites(helper: CdkHelper, role: RoleUnderCheck): boolean {
  if (role.trustStatements.length === 0 || !role.trustStatements.every(isLambdaOnlyTrust)) return false;
  if (!role.managedPolicyArns.every((arn) => HELPER_MANAGED_POLICIES.test(arn)) || role.managedPolicies.length > 0) return false;
  const actions = helper.actions;
  if (actions === undefined) return true;
  return role.permissionStatements.every((statement) => statement.awsManaged
    || (statement.effect === 'Allow' && !statement.hasNotAction && statement.actions.every((action) => actions.includes(action))));
}

/** A trust statement as CDK writes it for a helper: Lambda may assume the role, nothing else, no condition needed. */
function isLambdaOnlyTrust(statement: PolicyStatement): boolean {
  if (statement.effect !== 'Allow' || statement.notPrincipal || !statement.principal || statement.principal.size !== 1) return false;
  const services = principalValues(statement, 'Service');
  return services.length === 1 && services[0] === 'lambda.amazonaws.com'
    && !statement.hasNotAction && statement.actions.length === 1 && statement.actions[0] === 'sts:AssumeRole';
}
