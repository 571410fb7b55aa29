import { CfnObject, intrinsicName, isObject } from '../../role-model/cfn-value';
import { isAllow, PolicyStatement, principalValues, readStatements } from '../../role-model/policy-document';
import { isBreakGlass, watchingRules } from '../break-glass';
import { narrows } from '../conditions';
import { statementCoversAction } from '../iam-actions';
import { Rule } from '../rule';
import { ASSUME_ROLE_ALERT, BREAK_GLASS_TAGS, breakGlassTrust } from './examples';

const EVENTS_SERVICE = 'events.amazonaws.com';

/**
 * A break-glass role's alerts must be its own: the policy of the topic its alert rules publish to lets
 * `events.amazonaws.com` publish only for rules of this account (`aws:SourceArn`, or `aws:SourceAccount`; "Amazon
 * EventBridge condition keys", EventBridge User Guide).
 */
export const BreakGlassAlertForgeable: Rule = {
  name: 'BreakGlassAlertForgeable',
  severity: 'warning',
  description: 'The topic a break-glass role\'s alert rules publish to lets EventBridge publish with no aws:SourceArn or aws:SourceAccount condition.',
  docs: {
    why: 'EventBridge publishes for any rule that names the topic, in any account: without the source condition, a rule elsewhere can '
      + 'forge alerts into the topic and bury a real one (the confused deputy).',
    fix: 'Add a condition on aws:SourceArn (the alert rules\' ARNs) or aws:SourceAccount to the topic policy\'s statement for events.amazonaws.com '
      + '(BreakGlassRole writes one per rule).',
    insecure: { trust: [breakGlassTrust(true)], properties: BREAK_GLASS_TAGS, resources: topicAlert(undefined) },
    secure: { trust: [breakGlassTrust(true)], properties: BREAK_GLASS_TAGS, resources: topicAlert({ ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': ['Alert', 'Arn'] } } }) },
  },
  check({ role }, report) {
    if (!isBreakGlass(role)) return;
    const resources = role.templateResources;
    for (const { ruleId } of watchingRules(role)) {
      for (const topicId of topicTargets(resources[ruleId])) {
        for (const statement of unconditionedPublishes(resources, topicId)) {
          report(`the alert rule ${ruleId} publishes to the topic ${topicId}, whose ${statement.location} lets events.amazonaws.com publish `
            + 'with no aws:SourceArn or aws:SourceAccount condition, so a rule in another account could forge alerts into it and bury a '
            + 'real one. Add ArnEquals aws:SourceArn of the alert rules to that statement.', statement.subject);
        }
      }
    }
  },
};

/** The logical ids of the topics a rule targets (`Arn: { Ref: Topic }`). */
function topicTargets(rule: unknown): string[] {
  const targets = isObject(rule) && isObject(rule.Properties) && Array.isArray(rule.Properties.Targets) ? rule.Properties.Targets : [];
  return targets.flatMap((target) => {
    const arn = isObject(target) ? target.Arn : undefined;
    return intrinsicName(arn) === 'Ref' && typeof (arn as CfnObject).Ref === 'string' ? [(arn as CfnObject).Ref as string] : [];
  });
}

/**
 * The statements of the topic's `AWS::SNS::TopicPolicy` resources that let EventBridge publish with no condition that
 * narrows the source (read as every rule reads a policy: any case of the action, a wildcard, the operator and value
 * of the condition; a condition that cannot be read is not blamed).
 */
function unconditionedPublishes(resources: CfnObject, topicId: string): PolicyStatement[] {
  const found: PolicyStatement[] = [];
  for (const policyId in resources) {
    const policy = resources[policyId];
    if (!isObject(policy) || policy.Type !== 'AWS::SNS::TopicPolicy' || !isObject(policy.Properties)) continue;
    const topics = Array.isArray(policy.Properties.Topics) ? policy.Properties.Topics : [];
    if (!topics.some((topic) => isObject(topic) && topic.Ref === topicId)) continue;
    const statements = readStatements({
      description: `topic policy ${policyId}`,
      document: policy.Properties.PolicyDocument,
      subject: { path: ['Resources', policyId, 'Properties', 'PolicyDocument'] },
    });
    for (const statement of statements) {
      if (!isAllow(statement) || !letsEventBridgePublish(statement) || statement.conditionsUnreadable) continue;
      if (!narrowsSource(statement)) found.push(statement);
    }
  }
  return found;
}

function letsEventBridgePublish(statement: PolicyStatement): boolean {
  return principalValues(statement, 'Service').some((service) => service.toLowerCase() === EVENTS_SERVICE)
    && statementCoversAction(statement, 'sns:Publish');
}

function narrowsSource(statement: PolicyStatement): boolean {
  return narrows(statement, 'aws:SourceArn') || narrows(statement, 'aws:SourceAccount');
}

/** A topic the alert rule publishes to, with a policy for EventBridge under the condition given. */
function topicAlert(condition: Record<string, unknown> | undefined): Record<string, unknown> {
  const alert = ASSUME_ROLE_ALERT.Alert;
  return {
    Alert: { ...alert, Properties: { ...alert.Properties, Targets: [{ Id: 'Target0', Arn: { Ref: 'Topic' } }] } },
    Topic: { Type: 'AWS::SNS::Topic', Properties: {} },
    TopicPolicy: {
      Type: 'AWS::SNS::TopicPolicy',
      Properties: {
        Topics: [{ Ref: 'Topic' }],
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [{
            Effect: 'Allow',
            Principal: { Service: 'events.amazonaws.com' },
            Action: 'sns:Publish',
            Resource: { Ref: 'Topic' },
            ...condition ? { Condition: condition } : {},
          }],
        },
      },
    },
  };
}
