import { BreakGlassAlertForgeable } from '../../../src/checks/rules/break-glass-alert-forgeable';
import { findingsOf } from '../fixtures';

const breakGlass = { Tags: [{ Key: 'break-glass', Value: 'true' }] };

/** A break-glass role's alert rule, publishing to a topic whose policy holds the statements given. */
function alerted(statements: unknown[], roleArn: unknown = { 'Fn::GetAtt': ['Role', 'Arn'] }) {
  return {
    properties: breakGlass,
    resources: {
      Alert: {
        Type: 'AWS::Events::Rule',
        Properties: {
          EventPattern: { source: ['aws.sts'], detail: { eventName: ['AssumeRole'], requestParameters: { roleArn: [roleArn] } } },
          Targets: [{ Id: 'Target0', Arn: { Ref: 'Topic' } }],
        },
      },
      Topic: { Type: 'AWS::SNS::Topic', Properties: {} },
      TopicPolicy: { Type: 'AWS::SNS::TopicPolicy', Properties: { Topics: [{ Ref: 'Topic' }], PolicyDocument: { Statement: statements } } },
    },
  };
}
const publish = (extra: Record<string, unknown> = {}) => ({ Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sns:Publish', Resource: { Ref: 'Topic' }, ...extra });

describe('BreakGlassAlertForgeable', () => {
  test('warns when the alert topic lets EventBridge publish for any rule, at the statement', () => {
    const findings = findingsOf(BreakGlassAlertForgeable, alerted([publish()]));
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toMatch(/alert rule Alert publishes to the topic Topic, whose topic policy TopicPolicy, statement 1 lets .*forge/);
    expect(findings[0].subject?.path).toEqual(['Resources', 'TopicPolicy', 'Properties', 'PolicyDocument', 'Statement', 0]);
    expect(findingsOf(BreakGlassAlertForgeable, alerted([publish({ Action: ['sns:*'], Principal: { Service: ['events.amazonaws.com'] } })]))).toHaveLength(1);
    // read as every rule reads a policy: an action pattern, and a condition on the key that narrows nothing
    expect(findingsOf(BreakGlassAlertForgeable, alerted([publish({ Action: 'SNS:Pub*' })]))).toHaveLength(1);
    expect(findingsOf(BreakGlassAlertForgeable, alerted([publish({ Condition: { StringNotEquals: { 'aws:SourceAccount': '444455556666' } } })]))).toHaveLength(1);
    expect(findingsOf(BreakGlassAlertForgeable, alerted([publish({ Condition: { StringEqualsIfExists: { 'aws:SourceAccount': '111122223333' } } })]))).toHaveLength(1);
  });

  test('stays quiet with aws:SourceArn or aws:SourceAccount, on statements for other principals, and on roles no rule watches', () => {
    expect(findingsOf(BreakGlassAlertForgeable, alerted([publish({ Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': ['Alert', 'Arn'] } } } })]))).toEqual([]);
    expect(findingsOf(BreakGlassAlertForgeable, alerted([publish({ Condition: { StringEquals: { 'AWS:SourceAccount': '111122223333' } } })]))).toEqual([]);
    expect(findingsOf(BreakGlassAlertForgeable, alerted([publish({ Principal: { Service: 'cloudwatch.amazonaws.com' } })]))).toEqual([]);
    expect(findingsOf(BreakGlassAlertForgeable, alerted([publish()], { 'Fn::GetAtt': ['Other', 'Arn'] }))).toEqual([]);
    expect(findingsOf(BreakGlassAlertForgeable, { ...alerted([publish()]), properties: {} })).toEqual([]);
  });
});
