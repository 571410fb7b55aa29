import { checkModeledRole, checkTemplate, roleChecker } from '../../../src/checks/engine';
import { BreakGlassWithoutAlert } from '../../../src/checks/rules/break-glass-without-alert';
import { RoleModel } from '../../../src/role-model/model';
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

  test('stays quiet with a rule that compares the ARN without case (as BreakGlassRole writes it)', () => {
    const ignoringCase = alert({ 'equals-ignore-case': { 'Fn::GetAtt': ['Role', 'Arn'] } });
    expect(findingsOf(BreakGlassWithoutAlert, { properties: breakGlass, resources: ignoringCase })).toEqual([]);
  });
});

describe('BreakGlassWithoutAlert across the templates read', () => {
  const named = (name: string) => ({ Resources: { Glass: { Type: 'AWS::IAM::Role', Properties: { ...breakGlass, RoleName: name, AssumeRolePolicyDocument: { Statement: [] } } } } });
  const monitoring = (roleArn: unknown) => ({ Resources: alert(roleArn) });
  const findings = (...templates: { Resources: Record<string, unknown> }[]) => {
    const model = new RoleModel(templates.map((template, i) => ({ file: `t${i}.json`, template })));
    const check = roleChecker({ rules: [BreakGlassWithoutAlert] });
    return [...model.roles()].flatMap((role) => checkModeledRole(check, role));
  };
  const ARN = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::111122223333:role/ops/BreakGlass']] };

  test('stays quiet when a rule of another template (another region\'s forwarding stack, a monitoring stack) names the role by its ARN', () => {
    expect(findings(named('BreakGlass'), monitoring(ARN))).toEqual([]);
    expect(findings(named('breakglass'), monitoring({ 'equals-ignore-case': ARN }))).toEqual([]);
  });

  test('warns when the other template\'s rule names another role, or a role it cannot name at synth', () => {
    expect(findings(named('BreakGlass'), monitoring('arn:aws:iam::111122223333:role/BreakGlassReadOnly'))).toHaveLength(1);
    expect(findings(named('BreakGlass'), monitoring({ 'Fn::ImportValue': 'GlassArn' }))).toHaveLength(1);
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
