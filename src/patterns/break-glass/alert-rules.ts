import { Aws, Names, Stack, Stage, Token, aws_events as events, aws_events_targets as targets, aws_iam as iam, aws_sns as sns } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { assumeRolePattern, consoleUsePattern, IAM_EVENTS_REGION, roleChangePattern } from './alert-events';
import { SourceBoundTopicTarget } from './alert-topic';

/** The role the alerts watch: its ARN and name (literal in other regions' stacks, which reference it by physical name). */
export interface WatchedRole extends Construct {
  readonly roleArn: string;
  readonly roleName: string;
}

/** Where a break-glass role's alerts come from. */
export interface AlertPlan {
  /** The other regions whose assumptions and console sign-ins are forwarded to the role's region. */
  readonly forwardedRegions: readonly string[];
  /** Whether changes to the role alert, and from where: the role's own region, or us-east-1 through a forwarding stack. */
  readonly changes: 'off' | 'here' | 'forwarded';
}

/** What the alerts are made of: the role's region's rules (which publish) and the forwarding rules, by region. */
export interface MadeAlerts {
  readonly assumeRule: events.Rule;
  readonly consoleRule: events.Rule;
  readonly changeRule?: events.Rule;
  /** The ARNs of the rules that publish to the topic (literal, so the topic's key may name them without a cycle). */
  readonly publishingRuleArns: readonly string[];
  readonly forwardingRules: readonly events.Rule[];
}

/** The read-only management events (AssumeRole) reach a rule only in this state ("Receiving read-only management events", EventBridge User Guide). */
const WITH_READ_ONLY_EVENTS = 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS';

/**
 * The rules that alert on a break-glass role, in its region: every `AssumeRole`, every console session as the role,
 * and every change to it. Each publishes to the topic, named in the message; each rule in another region forwards
 * the same events to this region's default event bus, where these rules match them.
 */
export function makeAlerts(role: WatchedRole, topic: sns.ITopic, plan: AlertPlan): MadeAlerts {
  const base = Names.uniqueResourceName(role, { maxLength: 54, separator: '-' });
  const field = (path: string) => events.EventField.fromPath(path);
  const who = `${field('$.detail.userIdentity.arn')} at ${events.EventField.time} from ${field('$.detail.sourceIPAddress')} in ${events.EventField.region}`;
  const assume = publishingRule(role, 'AlertRule', `${base}-assume`, topic, assumeRolePattern(role.roleArn), WITH_READ_ONLY_EVENTS,
    (name) => `Break-glass role ${field('$.detail.requestParameters.roleArn')} was assumed by ${who}, source identity `
      + `${field('$.detail.requestParameters.sourceIdentity')}, session ${field('$.detail.requestParameters.roleSessionName')} (alert rule ${name}).`);
  const consoleUse = publishingRule(role, 'ConsoleAlertRule', `${base}-console`, topic, consoleUsePattern(assumedRolePrefix(role)), WITH_READ_ONLY_EVENTS,
    (name) => `Break-glass role used in the console (${field('$.detail.eventName')}) as ${who} (alert rule ${name}).`);
  const change = plan.changes === 'off' ? undefined : publishingRule(role, 'ChangeAlertRule', `${base}-change`, topic, roleChangePattern(role.roleName),
    'ENABLED', (name) => `Break-glass role ${field('$.detail.requestParameters.roleName')} was changed: ${field('$.detail.eventName')} by ${who} `
      + `(alert rule ${name}).`);
  const forwardingRules: events.Rule[] = [];
  for (const region of plan.forwardedRegions) {
    forwardingRules.push(forwardingRule(role, region, 'Assume', assumeRolePattern(role.roleArn), WITH_READ_ONLY_EVENTS));
    forwardingRules.push(forwardingRule(role, region, 'Console', consoleUsePattern(assumedRolePrefix(role)), WITH_READ_ONLY_EVENTS));
  }
  if (plan.changes === 'forwarded') forwardingRules.push(forwardingRule(role, IAM_EVENTS_REGION, 'Change', roleChangePattern(role.roleName), 'ENABLED'));
  const rules = [assume, consoleUse, ...change ? [change] : []];
  return {
    assumeRule: assume.rule,
    consoleRule: consoleUse.rule,
    changeRule: change?.rule,
    publishingRuleArns: rules.map((made) => made.arn),
    forwardingRules,
  };
}

/** A rule of the role's region that publishes matching events to the topic, with a message that names it. */
function publishingRule(role: WatchedRole, id: string, name: string, topic: sns.ITopic, eventPattern: events.EventPattern, state: string,
  message: (name: string) => string): { rule: events.Rule; arn: string } {
  const rule = new events.Rule(role, id, { ruleName: name, description: `Alerts on the break-glass role ${role.node.path}`, eventPattern });
  (rule.node.defaultChild as events.CfnRule).state = state;
  const arn = ruleArn(Stack.of(role), name);
  rule.addTarget(new SourceBoundTopicTarget(topic, arn, events.RuleTargetInput.fromText(message(name))));
  return { rule, arn };
}

/** The ARN a rule of the default event bus will have, from its name (no reference to the rule, so a key policy may hold it). */
function ruleArn(stack: Stack, name: string): string {
  const region = Token.isUnresolved(stack.region) ? Aws.REGION : stack.region;
  const account = Token.isUnresolved(stack.account) ? Aws.ACCOUNT_ID : stack.account;
  return `arn:${Aws.PARTITION}:events:${region}:${account}:rule/${name}`;
}

/** The start of the ARN of every session of the role (`arn:<partition>:sts::<account>:assumed-role/<name>/`). */
function assumedRolePrefix(role: WatchedRole): string {
  const stack = Stack.of(role);
  const account = Token.isUnresolved(stack.account) ? Aws.ACCOUNT_ID : stack.account;
  return `arn:${Aws.PARTITION}:sts::${account}:assumed-role/${role.roleName}/`;
}

/**
 * A rule in another region that sends the role's events to the default event bus of the role's region and account
 * (cross-Region event routing, "Sending and receiving events between AWS Regions", EventBridge User Guide), with
 * the forwarding stack's one role for `events:PutEvents` on that bus.
 */
function forwardingRule(role: WatchedRole, region: string, kind: string, eventPattern: events.EventPattern, state: string): events.Rule {
  const home = Stack.of(role);
  const stack = forwardingStack(home, region);
  const rule = new events.Rule(stack, `Forward${kind}${Names.uniqueId(role)}`, {
    description: `Forwards events of the break-glass role ${role.node.path} to ${home.region}`,
    eventPattern,
    targets: [new targets.EventBus(homeBusOf(stack, home), { role: forwarderRole(stack) })],
  });
  (rule.node.defaultChild as events.CfnRule).state = state;
  return rule;
}

/** The stack in a region that forwards the break-glass alerts of a stack's roles: one per stack and region, beside the stack in its stage. */
export function forwardingStack(home: Stack, region: string): Stack {
  const stage = Stage.of(home);
  if (!stage) throw new Error(`BreakGlassRole: the stack ${home.node.path} is in no App or Stage, so no stack can be added in ${region} to forward its alerts`);
  const id = `${home.stackName}-break-glass-alerts-${region}`;
  const found = stage.node.tryFindChild(id);
  if (found instanceof Stack) return found;
  return new Stack(stage, id, {
    env: { account: home.account, region },
    description: `Forwards the break-glass alerts of ${home.stackName} from ${region} to ${home.region} (cdk-iam-role-patterns)`,
  });
}

/** The default event bus of the home stack's region and account, as the forwarding stack names it (one per forwarding stack). */
function homeBusOf(stack: Stack, home: Stack): events.IEventBus {
  const found = stack.node.tryFindChild('HomeBus');
  if (found) return found as unknown as events.IEventBus;
  return events.EventBus.fromEventBusArn(stack, 'HomeBus',
    stack.formatArn({ service: 'events', region: home.region, resource: 'event-bus', resourceName: 'default' }));
}

function forwarderRole(stack: Stack): iam.IRole {
  const found = stack.node.tryFindChild('EventForwarder');
  if (found instanceof iam.Role) return found;
  return new iam.Role(stack, 'EventForwarder', {
    assumedBy: new iam.ServicePrincipal('events.amazonaws.com'),
    description: 'EventBridge sends break-glass events to the event bus of the role\'s region',
  });
}
