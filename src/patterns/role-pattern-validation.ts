import { Duration, Token, aws_iam as iam } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { PropErrors } from './prop-errors';
import { PropShapes, shapedProps, Shapes, shapesOf } from './prop-shapes';
import { RolePatternProps } from './role-pattern-props';
import { RoleCheckLimits } from '../checks/limits';
import { ROLE_NAME_PATTERN, ROLE_PATH_PATTERN } from '../iam/role-formats';

/** The session IAM allows at most and at least, in seconds. */
export const MIN_SESSION_SECONDS = 3600;
export const MAX_SESSION_SECONDS = 43200;

/** One hour: the patterns' default session and MFA age (made once; a Duration never changes). */
export const ONE_HOUR = Duration.hours(1);

/** The kind of each prop every pattern shares. */
export const ROLE_PATTERN_SHAPES = shapesOf<RolePatternProps>({
  roleName: Shapes.string,
  description: Shapes.string,
  path: Shapes.string,
  permissionsBoundary: Shapes.managedPolicy,
  maxSessionDuration: Shapes.duration,
  managedPolicies: Shapes.managedPolicyList,
  inlinePolicies: Shapes.policyDocuments,
  checkLimits: Shapes.numbers,
});

/**
 * The start of every pattern's prop checks: the props checked for kind (`shapes`, which hold the shared props'
 * too), then the shared props' values. The pattern adds what it finds next to `errors` and throws them together.
 */
export function checkPatternProps<T extends RolePatternProps>(construct: string, scope: Construct, id: string, props: T, shapes: PropShapes):
{ readonly props: T; readonly errors: PropErrors } {
  const errors = new PropErrors(construct, `${scope.node.path}/${id}`);
  const checked = shapedProps(errors, props, shapes);
  checkRolePatternProps(checked, errors);
  return { props: checked, errors };
}

/** Checks the props every pattern shares; the rules that check the template use the same patterns. */
export function checkRolePatternProps(props: RolePatternProps, errors: PropErrors): void {
  errors.checkPattern('roleName', props.roleName, ROLE_NAME_PATTERN, 'a role name is 1 to 64 characters of letters, digits and +=,.@_-');
  errors.checkPattern('path', props.path, ROLE_PATH_PATTERN,
    'a path starts and ends with "/" and has at most 512 printable ASCII characters without spaces, such as "/service-roles/"');
  if (props.description !== undefined && !Token.isUnresolved(props.description) && props.description.length > 1000) {
    errors.add('description', `${props.description.slice(0, 40)}...`, `a description has at most 1000 characters (this one has ${props.description.length})`);
  }
  checkSessionDuration('maxSessionDuration', props.maxSessionDuration, errors);
  checkLimits(props.checkLimits, errors);
}

/** Checks that a session duration is 1 to 12 hours of whole seconds. */
export function checkSessionDuration(prop: string, duration: Duration | undefined, errors: PropErrors): void {
  if (duration === undefined || Token.isUnresolved(duration.toSeconds({ integral: false }))) return;
  const seconds = duration.toSeconds({ integral: false });
  if (Number.isInteger(seconds) && seconds >= MIN_SESSION_SECONDS && seconds <= MAX_SESSION_SECONDS) return;
  errors.add(prop, duration.toHumanString(), 'a maximum session duration is from Duration.hours(1) to Duration.hours(12), in whole seconds');
}

function checkLimits(limits: RoleCheckLimits | undefined, errors: PropErrors): void {
  for (const [name, value] of Object.entries(limits ?? {})) {
    if (value === undefined || (Number.isInteger(value) && value > 0)) continue;
    errors.add(`checkLimits.${name}`, value, 'a limit is a whole number greater than 0');
  }
}

/**
 * The `iam.Role` props of a pattern: its trust, and the common props with the patterns' defaults (a
 * description that names the pattern, one-hour sessions).
 */
export function rolePropsFrom(props: RolePatternProps, assumedBy: iam.IPrincipal, defaultDescription: string): iam.RoleProps {
  return {
    assumedBy,
    roleName: props.roleName,
    description: props.description ?? defaultDescription.slice(0, 1000),
    path: props.path,
    permissionsBoundary: props.permissionsBoundary,
    maxSessionDuration: props.maxSessionDuration ?? ONE_HOUR,
    managedPolicies: props.managedPolicies,
    inlinePolicies: props.inlinePolicies,
  };
}
