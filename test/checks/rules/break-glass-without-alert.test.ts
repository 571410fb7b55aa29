import { BreakGlassWithoutAlert } from '../../../src/checks/rules/break-glass-without-alert';
import { findingsOf } from '../fixtures';

const breakGlass = { Tags: [{ Key: 'break-glass', Value: 'true' }] };
const alert = (roleArn: unknown) => ({
  Alert: {
    Type: 'AWS::Events::Rule',
    Properties: {
      EventPattern: { 'source': ['aws.sts'], 'detail-type': ['AWS API Call via CloudTrail'], 'detail': { eventName: ['AssumeRole'], requestParameters: { roleArn: [roleArn] } } },
    },
  },
});

describe('BreakGlassWithoutAlert', () => {
  test('warns on a break-glass role with no alert rule, or one that watches another role', () => {
    expect(findingsOf(BreakGlassWithoutAlert, { properties: breakGlass })[0].message).toMatch(/tagged break-glass but no AWS::Events::Rule/);
    expect(findingsOf(BreakGlassWithoutAlert, { properties: breakGlass, resources: alert({ 'Fn::GetAtt': ['Other', 'Arn'] }) })).toHaveLength(1);
  });

  test('stays quiet with a rule on the role\'s ARN, and on untagged roles', () => {
    expect(findingsOf(BreakGlassWithoutAlert, { properties: breakGlass, resources: alert({ 'Fn::GetAtt': ['Role', 'Arn'] }) })).toEqual([]);
    expect(findingsOf(BreakGlassWithoutAlert, {})).toEqual([]);
  });
});
