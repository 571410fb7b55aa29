import { App, Stack, aws_iam as iam } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { BreakGlassRole } from '../../src';
import { assumeRoleFromCli, consoleSwitchRole, untagRole, updateAssumeRolePolicy } from '../support/cloudtrail-events';
import { matchesEventPattern, resolveIntrinsics } from '../support/event-pattern';
import { ACCOUNT, assumeRoleDecision, breakGlassRequest } from '../support/iam-simulator';

const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/BreakGlass`;

function synth(): Record<string, any> {
  const stack = new Stack(new App(), 'Stack', { env: { account: ACCOUNT, region: 'eu-west-1' } });
  new BreakGlassRole(stack, 'BreakGlass', {
    roleName: 'BreakGlass',
    trustedPrincipalArns: [`arn:aws:iam::${ACCOUNT}:user/servicedesk/*`],
    inlinePolicies: { Ec2: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['ec2:StopInstances'], resources: [`arn:aws:ec2:*:${ACCOUNT}:instance/*`] })] }) },
    expiresAt: new Date('2099-01-31T00:00:00Z'),
  });
  return Template.fromStack(stack).toJSON().Resources;
}

const resources = synth();
const ofType = (type: string) => Object.values<any>(resources).find((resource) => resource.Type === type);

describe('BreakGlassRole trust policy, evaluated by the iam-simulate policy simulator', () => {
  const trust = ofType('AWS::IAM::Role').Properties.AssumeRolePolicyDocument;
  const alice = `arn:aws:iam::${ACCOUNT}:user/servicedesk/alice`;
  const request = (overrides: Record<string, string> = {}, principal = alice) => breakGlassRequest(principal, overrides);

  test('a service-desk user with fresh MFA, naming themselves as source identity, may break the glass', async () => {
    expect(await assumeRoleDecision(trust, request())).toBe('Allowed');
  });

  test.each([
    ['without MFA', request({ 'aws:MultiFactorAuthPresent': 'false' })],
    ['with MFA from long ago', request({ 'aws:MultiFactorAuthAge': '7200' })],
    ['with someone else\'s source identity', request({ 'sts:SourceIdentity': 'bob' })],
    ['after the glass resealed', request({ 'aws:CurrentTime': '2099-02-01T00:00:00Z' })],
    ['a user outside the service-desk path', request({}, `arn:aws:iam::${ACCOUNT}:user/developers/mallory`)],
    ['a user of another account', request({}, 'arn:aws:iam::444455556666:user/servicedesk/alice')],
  ])('denies %s', async (_name, denied) => {
    expect(await assumeRoleDecision(trust, denied)).toBe('ImplicitlyDenied');
  });
});

const app = new App();
const home = new Stack(app, 'Ops', { env: { account: ACCOUNT, region: 'eu-west-1' } });
const glass = new BreakGlassRole(home, 'Glass', {
  roleName: 'BreakGlass',
  trustedPrincipalArns: [`arn:aws:iam::${ACCOUNT}:user/servicedesk/*`],
  inlinePolicies: { Ec2: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['ec2:StopInstances'], resources: [`arn:aws:ec2:*:${ACCOUNT}:instance/*`] })] }) },
  alertRegions: ['us-east-1', 'ap-southeast-2'],
});
const templates = Object.fromEntries(app.node.children.filter(Stack.isStack)
  .map((stack) => [stack.region, Template.fromStack(stack).toJSON().Resources]));
const roleId = Object.keys(templates['eu-west-1']).find((id) => templates['eu-west-1'][id].Type === 'AWS::IAM::Role')!;
const REFS = { 'AWS::Partition': 'aws', 'AWS::Region': 'eu-west-1', 'AWS::AccountId': ACCOUNT, [roleId]: 'BreakGlass', [`${roleId}.Arn`]: ROLE_ARN };

/** The event patterns of a region's rules, resolved to what they deploy as, by the source they match. */
function patternsIn(region: string): Record<string, unknown>[] {
  return Object.values<any>(templates[region]).filter((resource) => resource.Type === 'AWS::Events::Rule')
    .map((rule) => resolveIntrinsics(rule.Properties.EventPattern, REFS) as Record<string, unknown>);
}
const matchedIn = (region: string, event: unknown) => patternsIn(region).filter((pattern) => matchesEventPattern(pattern, event)).length;

describe('BreakGlassRole alerts, matched against CloudTrail events with EventBridge\'s matching rules', () => {
  const OTHER = `arn:aws:iam::${ACCOUNT}:role/ReadOnly`;
  test.each([
    ['an AssumeRole from the CLI', assumeRoleFromCli(ROLE_ARN), assumeRoleFromCli(OTHER)],
    ['an AssumeRole naming the role in another case (IAM names are not case-sensitive)', assumeRoleFromCli(ROLE_ARN.toUpperCase().replace('ARN:AWS:IAM', 'arn:aws:iam')), assumeRoleFromCli(OTHER)],
    ['a console switch role', consoleSwitchRole('BreakGlass'), consoleSwitchRole('ReadOnly')],
    ['an UpdateAssumeRolePolicy', updateAssumeRolePolicy('BreakGlass'), updateAssumeRolePolicy('ReadOnly')],
    ['an UntagRole, in another case', untagRole('breakglass'), untagRole('ReadOnly')],
  ])('%s matches exactly one rule of the role\'s region; the same call on another role matches none', (_name, event, nearMiss) => {
    expect(matchedIn('eu-west-1', event)).toBe(1);
    expect(matchedIn('eu-west-1', nearMiss)).toBe(0);
  });

  test('a session of a role whose name starts with this one\'s is not this role\'s', () => {
    expect(matchedIn('eu-west-1', consoleSwitchRole('BreakGlassReadOnly'))).toBe(0);
  });

  test.each(['us-east-1', 'ap-southeast-2'])('in %s, the role\'s assumptions and console sessions are forwarded to eu-west-1', (region) => {
    expect(matchedIn(region, assumeRoleFromCli(ROLE_ARN, region))).toBe(1);
    expect(matchedIn(region, consoleSwitchRole('BreakGlass', region))).toBe(1);
    expect(matchedIn(region, assumeRoleFromCli(OTHER, region))).toBe(0);
    const targets = Object.values<any>(templates[region]).filter((resource) => resource.Type === 'AWS::Events::Rule').flatMap((rule) => rule.Properties.Targets);
    for (const target of targets) {
      expect(resolveIntrinsics(target.Arn, { ...REFS, 'AWS::Partition': 'aws' })).toBe(`arn:aws:events:eu-west-1:${ACCOUNT}:event-bus/default`);
      expect(target.RoleArn).toBeDefined();
    }
  });

  test('changes are forwarded from us-east-1 only, where IAM delivers its events; ap-southeast-2 forwards none', () => {
    expect(matchedIn('us-east-1', updateAssumeRolePolicy('BreakGlass'))).toBe(1);
    expect(matchedIn('us-east-1', untagRole('BreakGlass'))).toBe(1);
    expect(matchedIn('ap-southeast-2', updateAssumeRolePolicy('BreakGlass'))).toBe(0);
  });

  test('the construct says what it watches', () => {
    expect(glass.alertedRegions).toEqual(['eu-west-1', 'ap-southeast-2', 'us-east-1']);
    expect(glass.changeAlerts).toBe('forwarded');
  });

  test('the messages name who, when, from where and which alert rule', () => {
    const rules = Object.values<any>(templates['eu-west-1']).filter((resource) => resource.Type === 'AWS::Events::Rule');
    const render = (rule: any, event: any) => {
      const { InputPathsMap: paths, InputTemplate: template } = rule.Properties.Targets[0].InputTransformer;
      const read = (path: string) => path.slice(2).split('.').reduce((value: any, key) => value?.[key], event);
      return (template as string).replace(/<([\w-]+)>/g, (_m, name: string) => String(read(paths[name])));
    };
    const ruleFor = (event: unknown) => rules.find((rule) => matchesEventPattern(resolveIntrinsics(rule.Properties.EventPattern, REFS), event));
    const assume = assumeRoleFromCli(ROLE_ARN);
    expect(render(ruleFor(assume), assume)).toBe(`"Break-glass role ${ROLE_ARN} was assumed by arn:aws:iam::${ACCOUNT}:user/servicedesk/alice `
      + `at 2026-12-24T03:00:00Z from 203.0.113.7 in eu-west-1, source identity alice, session alice-incident-4711 (alert rule ${ruleFor(assume).Properties.Name})."`);
    const change = updateAssumeRolePolicy('BreakGlass');
    expect(render(ruleFor(change), change)).toBe(`"Break-glass role BreakGlass was changed: UpdateAssumeRolePolicy by arn:aws:sts::${ACCOUNT}:assumed-role/PlatformAdmin/mallory `
      + `at 2026-12-24T03:00:00Z from 198.51.100.23 in us-east-1 (alert rule ${ruleFor(change).Properties.Name})."`);
    const switched = consoleSwitchRole('BreakGlass');
    expect(render(ruleFor(switched), switched)).toMatch(/^"Break-glass role used in the console \(SwitchRole\) as arn:aws:sts::111122223333:assumed-role\/BreakGlass\/alice /);
  });
});
