import { CATALOGUE_DATE } from '../../iam/catalogue';
import { hasEscalationError } from '../escalation';
import { actsOnNamedResources, grantsEveryAction } from '../iam-actions';
import { conditionsNarrowResources } from '../permission-conditions';
import { Rule } from '../rule';

/**
 * `Resource: "*"` for actions that act on resources a policy can name grants them on everything in the
 * account. Whether an action has resource types comes from the IAM catalogue: `ec2:DescribeInstances` or
 * `s3:ListAllMyBuckets` (none) need `*` and draw no warning. A statement whose conditions narrow it by value (a
 * resource tag, `kms:ViaService`) draws none either, nor one that PrivilegeEscalation or PassRoleOnEveryResource
 * reports as an error: one finding per problem.
 */
export const WildcardResource: Rule = {
  name: 'WildcardResource',
  severity: 'warning',
  description: 'An Allow should name resources; `*` is only for actions that have no resource type (and the Lambda VPC network-interface actions).',
  docs: {
    why: '`Resource: "*"` grants the actions on every such resource of the account, present and future.',
    fix: 'Name the resources (ARNs); only actions with no resource type, such as `ec2:DescribeInstances`, need `"*"`.',
    insecure: { permissions: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' }] },
    secure: { permissions: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:eu-west-1:111122223333:orders' }] },
  },
  check({ role }, report) {
    for (const statement of role.permissionAllowStatements) {
      if (statement.awsManaged || grantsEveryAction(statement) || statement.hasNotAction || !statement.resources.includes('*')) continue;
      let actions: string[] | undefined;
      for (const action of statement.actions) if (actsOnNamedResources(action)) (actions ??= []).push(action);
      if (actions === undefined) continue;
      // a condition that pins a tag or a path narrows it; an escalation error on the statement already says to scope it
      if (conditionsNarrowResources(statement) || hasEscalationError(statement)) continue;
      report(`${statement.location} allows ${actions.join(', ')} on every resource ("*"). Name the resources (ARNs) the role `
        + `needs; only actions with no resource type (catalogue of ${CATALOGUE_DATE}), such as ec2:DescribeInstances, need "*".`, statement.subject);
    }
  },
};
