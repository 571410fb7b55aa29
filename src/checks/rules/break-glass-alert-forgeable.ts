import { CfnObject, intrinsicName, isObject } from '../../role-model/cfn-value';
import { isBreakGlass, watchingRules } from '../break-glass';
import { Rule } from '../rule';
import { ASSUME_ROLE_ALERT, BREAK_GLASS_TAGS, breakGlassTrust } from './examples';

/** The condition keys that tie EventBridge's access to this account's rules ("Amazon EventBridge condition keys", EventBridge User Guide). */
const SOURCE_KEYS: ReadonlySet<string> = new Set(['aws:sourcearn', 'aws:sourceaccount']);

/**
 * A break-glass role's alerts must be its own: the policy of the topic its alert rules publish to lets
 * `events.amazonaws.com` publish only for rules of this account (`aws:SourceArn`, or `aws:SourceAccount`).
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
        for (const [policyId, index] of unconditionedPublishes(resources, topicId)) {
          report(`the alert rule ${ruleId} publishes to the topic ${topicId}, whose policy ${policyId} (statement ${index + 1}) lets `
            + 'events.amazonaws.com publish with no aws:SourceArn or aws:SourceAccount condition, so a rule in another account could forge '
            + 'alerts into it and bury a real one. Add ArnEquals aws:SourceArn of the alert rules to that statement.',
          { path: ['Resources', policyId, 'Properties', 'PolicyDocument', 'Statement', index] });
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

/** Each `AWS::SNS::TopicPolicy` of the topic, and each of its statements that lets EventBridge publish with no source condition. */
function unconditionedPublishes(resources: CfnObject, topicId: string): [string, number][] {
  const found: [string, number][] = [];
  for (const policyId in resources) {
    const policy = resources[policyId];
    if (!isObject(policy) || policy.Type !== 'AWS::SNS::TopicPolicy' || !isObject(policy.Properties)) continue;
    const topics = Array.isArray(policy.Properties.Topics) ? policy.Properties.Topics : [];
    if (!topics.some((topic) => isObject(topic) && topic.Ref === topicId)) continue;
    const document = policy.Properties.PolicyDocument;
    const statements = isObject(document) && Array.isArray(document.Statement) ? document.Statement : [];
    statements.forEach((statement, index) => {
      if (allowsEventBridgePublish(statement) && !hasSourceCondition(statement)) found.push([policyId, index]);
    });
  }
  return found;
}

function allowsEventBridgePublish(statement: unknown): boolean {
  if (!isObject(statement) || statement.Effect !== 'Allow' || !isObject(statement.Principal)) return false;
  const services = [statement.Principal.Service].flat();
  const actions = [statement.Action].flat().map((action) => String(action).toLowerCase());
  return services.includes('events.amazonaws.com') && actions.some((action) => action === 'sns:publish' || action === 'sns:*' || action === '*');
}

function hasSourceCondition(statement: CfnObject): boolean {
  if (!isObject(statement.Condition)) return false;
  return Object.values(statement.Condition).some((tests) => isObject(tests) && Object.keys(tests).some((key) => SOURCE_KEYS.has(key.toLowerCase())));
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
