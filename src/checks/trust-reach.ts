import { principalValues, PolicyStatement } from '../role-model/policy-document';
import { RoleUnderCheck } from '../role-model/role-under-check';

/**
 * Who can reach a role's permissions: the callers its trust admits. A role only AWS services can assume is used
 * only as those services use it; a permission that AWS wrote for such a service (an AWS managed policy under
 * `service-role/`, "AWS managed policies for job functions and services" in the IAM User Guide) is the
 * service's design, not a path someone can take.
 */

/** The AWS services that alone can assume the role, when no IAM principal, federated user or anyone can; undefined otherwise. */
export function onlyAwsServices(role: RoleUnderCheck): readonly string[] | undefined {
  const statements = role.trustAllowStatements;
  if (statements.length === 0) return undefined;
  const services: string[] = [];
  for (const statement of statements) {
    if (!onlyServicePrincipals(statement)) return undefined;
    for (const service of principalValues(statement, 'Service')) if (!services.includes(service)) services.push(service);
  }
  return services.length > 0 ? services : undefined;
}

function onlyServicePrincipals(statement: PolicyStatement): boolean {
  if (statement.notPrincipal || !statement.principal) return false;
  for (const kind of statement.principal.keys()) if (kind !== 'Service') return false;
  return principalValues(statement, 'Service').every((service) => /^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/.test(service));
}

/** An AWS managed policy AWS wrote for a service: under `service-role/` (or `aws-service-role/`), or named a service role policy at the root. */
const SERVICE_ROLE_POLICY = /:iam::aws:policy\/((?:aws-)?service-role\/[^/]+|[A-Za-z0-9]*ServiceRolePolicy[A-Za-z0-9]*)$/;

/**
 * The AWS managed service-role policy a finding's subject points at (an ARN in the role's `ManagedPolicyArns`,
 * where a finding on an AWS managed policy's statement sits), when it is one.
 */
export function awsServiceRolePolicyAt(role: RoleUnderCheck, path: readonly (string | number)[] | undefined): string | undefined {
  if (!path || path.length < 2 || path[path.length - 2] !== 'ManagedPolicyArns') return undefined;
  const index = path[path.length - 1];
  const arn = typeof index === 'number' ? role.managedPolicyArns[index] : undefined;
  const match = arn === undefined ? null : SERVICE_ROLE_POLICY.exec(arn);
  return match ? match[1] : undefined;
}
