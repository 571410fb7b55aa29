import { checkTemplate } from '../../../src/checks/engine';
import { BreakGlassWithoutAlert } from '../../../src/checks/rules/break-glass-without-alert';
import { findingsOf } from '../fixtures';

const breakGlass = { Tags: [{ Key: 'break-glass', Value: 'true' }] };
const alert = (...roleArns: unknown[]) => ({
  Alert: {
    Type: 'AWS::Events::Rule',
    Properties: {
      EventPattern: { 'source': ['aws.sts'], 'detail-type': ['AWS API Call via CloudTrail'], 'detail': { eventName: ['AssumeRole'], requestParameters: { roleArn: roleArns } } },
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

describe('BreakGlassWithoutAlert on a template of many roles', () => {
  const role = { Type: 'AWS::IAM::Role', Properties: { ...breakGlass, AssumeRolePolicyDocument: { Statement: [] } } };
  const template = (count: number, watched: number[]) => {
    const resources: Record<string, unknown> = {};
    for (let i = 0; i < count; i++) resources[`Role${i}`] = role;
    const arns = watched.map((i) => (i % 2 ? { Ref: `Role${i}` } : { 'Fn::GetAtt': [`Role${i}`, 'Arn'] }));
    resources.Alert = alert(...arns).Alert;
    return { Resources: resources };
  };

  test('each role is matched with the rules that watch it, and only those', () => {
    const findings = checkTemplate(template(4, [0, 3]), { rules: [BreakGlassWithoutAlert] });
    expect(findings.map((finding) => finding.resource)).toEqual(['Role1', 'Role2']);
  });

  test('one rule watching every role quiets them all', () => {
    expect(checkTemplate(template(50, Array.from({ length: 50 }, (_, i) => i)), { rules: [BreakGlassWithoutAlert] })).toEqual([]);
  });
});
