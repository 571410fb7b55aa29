import { App, Stack, aws_iam as iam } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { BreakGlassRole } from '../../src';
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

/** EventBridge matching for the pattern forms the alert uses: every key of the pattern, values from its lists. */
function matchesPattern(pattern: unknown, event: unknown): boolean {
  if (Array.isArray(pattern)) return pattern.includes(event);
  if (typeof pattern !== 'object' || pattern === null || typeof event !== 'object' || event === null) return false;
  return Object.entries(pattern).every(([key, value]) => matchesPattern(value, (event as Record<string, unknown>)[key]));
}

describe('BreakGlassRole alert rule', () => {
  const rule = ofType('AWS::Events::Rule').Properties;
  const roleLogicalId = Object.keys(resources).find((id) => resources[id].Type === 'AWS::IAM::Role')!;
  const pattern = JSON.parse(JSON.stringify(rule.EventPattern).split(JSON.stringify({ 'Fn::GetAtt': [roleLogicalId, 'Arn'] })).join(JSON.stringify(ROLE_ARN)));
  const cloudTrailEvent = (roleArn: string) => ({
    'version': '0',
    'detail-type': 'AWS API Call via CloudTrail',
    'source': 'aws.sts',
    'account': ACCOUNT,
    'time': '2026-12-24T03:00:00Z',
    'region': 'eu-west-1',
    'detail': {
      eventVersion: '1.08',
      userIdentity: { type: 'IAMUser', arn: `arn:aws:iam::${ACCOUNT}:user/servicedesk/alice`, userName: 'alice' },
      eventSource: 'sts.amazonaws.com',
      eventName: 'AssumeRole',
      sourceIPAddress: '203.0.113.7',
      requestParameters: { roleArn, roleSessionName: 'alice-incident-4711', sourceIdentity: 'alice', durationSeconds: 3600 },
      readOnly: true,
      managementEvent: true,
    },
  });

  test('matches an AssumeRole of this role', () => {
    expect(matchesPattern(pattern, cloudTrailEvent(ROLE_ARN))).toBe(true);
  });

  test('does not match an AssumeRole of another role, or another STS call', () => {
    expect(matchesPattern(pattern, cloudTrailEvent(`arn:aws:iam::${ACCOUNT}:role/ReadOnly`))).toBe(false);
    const other = cloudTrailEvent(ROLE_ARN);
    other.detail.eventName = 'GetCallerIdentity';
    expect(matchesPattern(pattern, other)).toBe(false);
  });

  test('the message names who, when, from where and as whom', () => {
    const { InputPathsMap: paths, InputTemplate: template } = rule.Targets[0].InputTransformer;
    const event = cloudTrailEvent(ROLE_ARN);
    const read = (path: string) => path.slice(2).split('.').reduce((value: any, key) => value?.[key], event);
    const message = (template as string).replace(/<([\w-]+)>/g, (_m, name: string) => String(read(paths[name])));
    expect(message).toBe('"Break-glass role arn:aws:iam::111122223333:role/BreakGlass was assumed by arn:aws:iam::111122223333:user/servicedesk/alice '
      + 'at 2026-12-24T03:00:00Z from 203.0.113.7 in eu-west-1, source identity alice, session alice-incident-4711."');
  });
});
