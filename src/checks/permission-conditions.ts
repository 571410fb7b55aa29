import { isNarrowingTest } from './conditions';
import { ConditionTest, PolicyStatement } from '../role-model/policy-document';

/**
 * Conditions that narrow what a permission statement acts on, read by value as the trust conditions are: a
 * resource tag (`aws:ResourceTag/*`, `iam:ResourceTag/*`, any service's `<service>:ResourceTag/*`) limits the
 * resources to those that carry it; `kms:ViaService` to requests an AWS service makes on the caller's behalf;
 * `aws:CalledVia` (and `First`/`Last`) to requests made through a named service; `aws:SourceArn` to one source
 * (IAM User Guide, "AWS global condition context keys", and the Service Authorization Reference); `kms:RequestAlias`
 * and `kms:ResourceAliases` to the KMS keys an alias names (AWS KMS Developer Guide, "Use aliases to control access to
 * KMS keys"). Each counts only when it pins a value (no `*`; for an alias, not `alias/*`), under a positive operator,
 * without `IfExists` (a request without the key passes) and without `ForAllValues` (an empty set passes).
 */
const RESOURCE_NARROWING_KEY = /^(?:[a-z0-9-]+:resourcetag\/.+|kms:viaservice|kms:requestalias|kms:resourcealiases|aws:calledvia(?:first|last)?|aws:sourcearn)$/;

/**
 * Whether a statement's conditions narrow the resources or requests it allows to some, by value: a key above, or
 * any key compared as an ARN (`ArnEquals`/`ArnLike`, such as `ecs:cluster` to one cluster's ARN) with a value
 * that names a resource.
 */
export function conditionsNarrowResources(statement: PolicyStatement): boolean {
  if (statement.conditions.length === 0) return false;
  return statement.conditions.some((test) => (RESOURCE_NARROWING_KEY.test(test.key) || ARN_OPERATOR.test(test.baseOperator)) && isNarrowingTest(test)
    && (!ARN_OPERATOR.test(test.baseOperator) || test.values.every(namesResource)));
}

const ARN_OPERATOR = /^Arn(Equals|Like)$/i;

/** An ARN whose resource part is not only wildcards. */
function namesResource(value: string): boolean {
  const parts = value.split(':');
  return parts.length >= 6 && parts[0] === 'arn' && !/^[*?/]*$/.test(parts.slice(5).join(':'));
}

/**
 * The services an `iam:PassRole` statement may pass roles to (`iam:PassedToService`, IAM User Guide, "Granting a
 * user permissions to pass a role to an AWS service"), when a condition names them without wildcards; undefined
 * when any service may receive them. `IfExists` counts here: IAM sets the key on every PassRole a service makes.
 */
export function passedToServices(statement: PolicyStatement): readonly string[] | undefined {
  let services: string[] | undefined;
  for (const test of statement.conditions) {
    if (test.key !== 'iam:passedtoservice' || !namesServices(test)) continue;
    const named = test.values.map((value) => value.toLowerCase());
    services = services === undefined ? named : services.filter((service) => named.includes(service)); // tests are ANDed
  }
  return services;
}

function namesServices(test: ConditionTest): boolean {
  return /^String(Equals|Like)$/i.test(test.baseOperator) && test.values.length > 0
    && test.values.every((value) => !/[*?]/.test(value)) && !/^ForAllValues/i.test(test.setOperator ?? '');
}

/** The service principals each service's escalation paths pass a role to, where it is not `<prefix>.amazonaws.com`. */
const RECEIVING_SERVICES: Readonly<Record<string, readonly string[]>> = {
  ecs: ['ecs-tasks.amazonaws.com', 'ecs.amazonaws.com'],
  apprunner: ['build.apprunner.amazonaws.com', 'tasks.apprunner.amazonaws.com'],
  autoscaling: ['ec2.amazonaws.com'],
};

/** Whether a role passed to one of `services` can serve the escalation path whose other actions are of `prefix`'s service. */
export function passesToPathService(services: readonly string[], prefix: string): boolean {
  const receiving = RECEIVING_SERVICES[prefix] ?? [`${prefix}.amazonaws.com`];
  return services.some((service) => receiving.includes(service));
}
