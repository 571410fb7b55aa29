import { Duration, Token, aws_iam as iam, aws_sso as sso } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { registerPermissionSet } from './permission-set-self-check';
import { PropErrors } from './prop-errors';
import { required, Shapes, shapedProps, shapesOf } from './prop-shapes';
import { PATTERN_RECORD_KEY } from '../role-model/pattern-record';
import { ADMINISTRATOR_ACCESS_REASON_PREFIX } from '../role-model/permission-sets';

/** A customer managed policy a permission set attaches: a policy of that name (and path) must exist in each account it is assigned to. */
export interface CustomerManagedPolicyReference {
  /** The policy's name, such as `ride-co-analytics`. */
  readonly name: string;

  /**
   * The policy's path.
   * @default '/'
   */
  readonly path?: string;
}

/** Who gets a permission set, where: a group of the Identity Center directory, in accounts. */
export interface PermissionSetAssignment {
  /** The group's id in the Identity Center identity store, such as `906722f4-b0a1-70c4-4bd0-1f4b8e4c3f21`. */
  readonly groupId: string;

  /** The 12-digit accounts in which the group gets the permission set. */
  readonly accountIds: string[];
}

/** Properties of an IdentityCenterPermissionSet. */
export interface IdentityCenterPermissionSetProps {
  /** The ARN of the IAM Identity Center instance, such as `arn:aws:sso:::instance/ssoins-1234567890abcdef`. */
  readonly instanceArn: string;

  /** The permission set's name, 1 to 32 letters, digits and `+=,.@-_`, such as `Analysts`. */
  readonly name: string;

  /**
   * What the permission set is for (with administrator access, the reason is written in front of it).
   * @default - none
   */
  readonly description?: string;

  /**
   * How long a sign-in with it lasts, from 1 hour to 12 hours.
   * @default Duration.hours(1)
   */
  readonly sessionDuration?: Duration;

  /**
   * AWS managed policies, such as `iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess')`.
   * @default - none
   */
  readonly managedPolicies?: iam.IManagedPolicy[];

  /**
   * The inline policy.
   * @default - none
   */
  readonly inlinePolicy?: iam.PolicyDocument;

  /**
   * Customer managed policies, by name: each must exist in every account the permission set is assigned to (the checks cannot read them).
   * @default - none
   */
  readonly customerManagedPolicies?: CustomerManagedPolicyReference[];

  /**
   * An AWS managed policy as the permissions boundary.
   * @default - none
   */
  readonly permissionsBoundary?: iam.IManagedPolicy;

  /**
   * Why the permission set grants administrator access (`AdministratorAccess`, or every action on every resource).
   * Required for it: the reason is written in the permission set's description, and the finding is a warning
   * instead of an error.
   * @default - administrator access is refused
   */
  readonly administratorAccessReason?: string;

  /**
   * The groups that get the permission set, and in which accounts.
   * @default - none (assign it elsewhere)
   */
  readonly assignments?: PermissionSetAssignment[];
}

const INSTANCE_ARN = /^arn:aws[a-z-]*:sso:::instance\/(sso)?ins-[a-zA-Z0-9-.]{16}$/;
const NAME = /^[\w+=,.@-]{1,32}$/;
const ACCOUNT = /^\d{12}$/;
const MIN_SESSION_SECONDS = 3600;
const MAX_SESSION_SECONDS = 43200;
const DESCRIPTION_MAX = 700;
const ADMINISTRATOR_ACCESS = /:iam::aws:policy\/AdministratorAccess$/;

const SHAPES = shapesOf<IdentityCenterPermissionSetProps>({
  instanceArn: required(Shapes.string),
  name: required(Shapes.string),
  description: Shapes.string,
  sessionDuration: Shapes.duration,
  managedPolicies: Shapes.managedPolicyList,
  inlinePolicy: { test: (value: unknown) => value instanceof iam.PolicyDocument, accepted: 'an iam.PolicyDocument' },
  customerManagedPolicies: { test: (value: unknown) => Array.isArray(value), accepted: 'a list of { name, path? }' },
  permissionsBoundary: Shapes.managedPolicy,
  administratorAccessReason: Shapes.string,
  assignments: { test: (value: unknown) => Array.isArray(value), accepted: 'a list of { groupId, accountIds }' },
});

/**
 * An IAM Identity Center permission set, for a workforce that signs in through Identity Center (what AWS recommends
 * over a SAML role per account): the permissions it grants are checked by the same rules as a role's, at synth and in
 * RoleChecks and the CLI. Administrator access needs `administratorAccessReason` (it is then a warning, with the reason
 * in the permission set's description); escalation paths and `iam:PassRole` on every role are errors. Assigns it to
 * groups in accounts when given.
 *
 * @example
 * new IdentityCenterPermissionSet(this, 'Analysts', {
 *   instanceArn: 'arn:aws:sso:::instance/ssoins-1234567890abcdef',
 *   name: 'Analysts',
 *   managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess')],
 *   assignments: [{ groupId: '906722f4-b0a1-70c4-4bd0-1f4b8e4c3f21', accountIds: ['111122223333'] }],
 * });
 */
export class IdentityCenterPermissionSet extends Construct {
  /** The permission set. */
  public readonly permissionSet: sso.CfnPermissionSet;


  /** Who gets it where, in words: `group <id> in <account>`, one entry per assignment. */
  public readonly whoGetsIt: string[];

  /** The permission set's ARN. */
  public get permissionSetArn(): string {
    return this.permissionSet.attrPermissionSetArn;
  }

  /**
   * @param scope the scope of the permission set
   * @param id the id of the permission set
   * @param props the instance, name, permissions and assignments
   */
  constructor(scope: Construct, id: string, props: IdentityCenterPermissionSetProps) {
    super(scope, id);
    const errors = new PropErrors('IdentityCenterPermissionSet', `${scope.node.path}/${id}`);
    props = shapedProps(errors, props, SHAPES);
    checkProps(props, errors);
    errors.throwIfAny();
    this.permissionSet = new sso.CfnPermissionSet(this, 'Resource', {
      instanceArn: props.instanceArn,
      name: props.name,
      description: descriptionOf(props),
      sessionDuration: isoDuration(props.sessionDuration ?? Duration.hours(1)),
      managedPolicies: props.managedPolicies?.map((policy) => policy.managedPolicyArn),
      inlinePolicy: props.inlinePolicy,
      customerManagedPolicyReferences: props.customerManagedPolicies?.map((policy) => ({ name: policy.name, path: policy.path })),
      permissionsBoundary: props.permissionsBoundary ? { managedPolicyArn: props.permissionsBoundary.managedPolicyArn } : undefined,
    });
    if (props.administratorAccessReason !== undefined) {
      // the library's table relaxes FullAdministratorAccess for this record only where the description states the reason
      this.permissionSet.addMetadata(PATTERN_RECORD_KEY, { pattern: 'IdentityCenterPermissionSet' });
    }
    this.whoGetsIt = [];
    (props.assignments ?? []).forEach((assignment, i) => {
      for (const account of assignment.accountIds) {
        new sso.CfnAssignment(this, `Assignment${i}-${account}`, {
          instanceArn: props.instanceArn,
          permissionSetArn: this.permissionSetArn,
          principalType: 'GROUP',
          principalId: assignment.groupId,
          targetType: 'AWS_ACCOUNT',
          targetId: account,
        });
        this.whoGetsIt.push(`group ${assignment.groupId} in ${account}`);
      }
    });
    registerPermissionSet(this, this.permissionSet);
  }
}

function checkProps(props: IdentityCenterPermissionSetProps, errors: PropErrors): void {
  errors.checkPattern('instanceArn', props.instanceArn, INSTANCE_ARN, 'an IAM Identity Center instance ARN, such as "arn:aws:sso:::instance/ssoins-1234567890abcdef"');
  errors.checkPattern('name', props.name, NAME, 'a permission set name is 1 to 32 letters, digits and +=,.@-_');
  const seconds = props.sessionDuration?.toSeconds({ integral: false });
  const outOfRange = (value: number) => !Number.isInteger(value / 60) || value < MIN_SESSION_SECONDS || value > MAX_SESSION_SECONDS;
  // the session is written as an ISO 8601 string at synth, which a token cannot be
  if (seconds !== undefined && (Token.isUnresolved(seconds) || outOfRange(seconds))) {
    errors.add('sessionDuration', props.sessionDuration!.toHumanString(), 'whole minutes from Duration.hours(1) to Duration.hours(12), known at synth');
  }
  if (props.administratorAccessReason !== undefined && !props.administratorAccessReason.trim()) {
    errors.add('administratorAccessReason', props.administratorAccessReason, 'the reason the permission set grants administrator access, such as '
      + '"the platform team\'s incident access"; leave the prop out for a permission set without it');
  }
  const policies: [string, iam.IManagedPolicy][] = [
    ...(props.managedPolicies ?? []).map((policy): [string, iam.IManagedPolicy] => ['managedPolicies', policy]),
    ...props.permissionsBoundary ? [['permissionsBoundary', props.permissionsBoundary] as [string, iam.IManagedPolicy]] : [],
  ];
  // read from the ARN's literal text (aws-cdk-lib writes `arn:${Partition}:iam::aws:policy/<name>` for an AWS managed
  // policy): no resolve, which CDK measures for every call; an ARN that is a token through and through is skipped
  const arns = policies.map(([, policy]) => policy.managedPolicyArn);
  policies.forEach(([prop, policy], i) => {
    if (!arns[i].includes(':iam::aws:policy/') && arns[i].includes(':policy/')) {
      errors.add(prop, policy.managedPolicyArn, 'an AWS managed policy, such as iam.ManagedPolicy.fromAwsManagedPolicyName(\'ReadOnlyAccess\'); '
        + 'a customer managed policy is referenced by name in customerManagedPolicies');
    }
  });
  const administrator = policies.some(([prop], i) => prop === 'managedPolicies' && ADMINISTRATOR_ACCESS.test(arns[i]));
  if (administrator && !props.administratorAccessReason?.trim()) {
    errors.add('administratorAccessReason', props.administratorAccessReason, 'AdministratorAccess needs the reason, such as "the platform team\'s incident access"');
  }
  for (const assignment of props.assignments ?? []) {
    for (const account of assignment.accountIds ?? []) errors.checkPattern('assignments.accountIds', account, ACCOUNT, 'a 12-digit account id');
  }
  if ((descriptionOf(props) ?? '').length > DESCRIPTION_MAX) {
    errors.add('description', props.description, `the description, with the administrator access reason in front, is at most ${DESCRIPTION_MAX} characters`);
  }
}

/** The description, with the administrator access reason in front when there is one. */
function descriptionOf(props: IdentityCenterPermissionSetProps): string | undefined {
  if (props.administratorAccessReason === undefined) return props.description;
  const reason = `${ADMINISTRATOR_ACCESS_REASON_PREFIX}${props.administratorAccessReason.trim()}`;
  return props.description ? `${reason}. ${props.description}` : reason;
}

/** A duration in ISO 8601 hours and minutes, as a permission set's `SessionDuration` takes it (`PT1H`, `PT1H30M`). */
function isoDuration(duration: Duration): string {
  const minutes = Math.round(duration.toMinutes({ integral: false }));
  const hours = Math.floor(minutes / 60);
  return `PT${hours > 0 ? `${hours}H` : ''}${minutes % 60 > 0 ? `${minutes % 60}M` : ''}`;
}
