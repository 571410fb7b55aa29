import { aws_events as events, aws_iam as iam, aws_kms as kms, aws_sns as sns } from 'aws-cdk-lib';
import { Construct } from 'constructs';

const EVENTS = 'events.amazonaws.com';

/**
 * An SNS topic encrypted with a KMS key of its own. EventBridge may use the key only for the rules named (the
 * key policy's `aws:SourceArn`), so a rule in another account cannot publish through it: add them with `allowRules`.
 */
export class AlertTopic {
  public readonly topic: sns.Topic;
  private readonly key: kms.Key;

  constructor(scope: Construct, rolePath: string) {
    this.key = new kms.Key(scope, 'AlertKey', { enableKeyRotation: true, description: `Encrypts the break-glass alerts of ${rolePath}` });
    // Grants on the key only for AWS services (Control Tower CT.KMS.PR.3).
    this.key.addToResourcePolicy(new iam.PolicyStatement({
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['kms:CreateGrant'],
      resources: ['*'],
      conditions: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
    }));
    this.topic = new sns.Topic(scope, 'AlertTopic', { masterKey: this.key, enforceSSL: true, displayName: 'Break-glass role used' });
  }

  /**
   * Lets EventBridge encrypt messages with the key for these rules only. The condition key is documented for a
   * service that publishes to an encrypted topic (`aws:SourceArn` in the key policy, "Set up an SNS topic with
   * server-side encryption", Amazon GameLift FlexMatch Developer Guide; "Cross-service confused deputy prevention",
   * IAM User Guide).
   */
  public allowRules(ruleArns: readonly string[]): void {
    this.key.addToResourcePolicy(new iam.PolicyStatement({
      principals: [new iam.ServicePrincipal(EVENTS)],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      resources: ['*'],
      conditions: { ArnEquals: { 'aws:SourceArn': [...ruleArns] } },
    }));
  }
}

/**
 * A rule target that publishes to a topic, and lets EventBridge publish only for that rule: the topic policy's
 * statement holds `aws:SourceArn` of the rule ("Amazon SNS permissions", "Using resource-based policies for Amazon
 * EventBridge", EventBridge User Guide), so a rule of another account cannot forge alerts into the topic. A topic
 * imported from outside the app has no policy the app can change: its owner allows the rule.
 */
export class SourceBoundTopicTarget implements events.IRuleTarget {
  constructor(private readonly topic: sns.ITopic, private readonly ruleArn: string, private readonly message: events.RuleTargetInput) {}

  public bind(): events.RuleTargetConfig {
    this.topic.addToResourcePolicy(new iam.PolicyStatement({
      principals: [new iam.ServicePrincipal(EVENTS)],
      actions: ['sns:Publish'],
      resources: [this.topic.topicArn],
      conditions: { ArnEquals: { 'aws:SourceArn': this.ruleArn } },
    }));
    return { arn: this.topic.topicArn, input: this.message };
  }
}
