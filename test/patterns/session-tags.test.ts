import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { CrossAccountRole, CrossAccountRoleProps, WebIdentityProvider, WebIdentityRole, WebIdentityRoleProps } from '../../src';
import { checkTemplate } from '../../src/checks/engine';
import { ACCOUNT, assumeRoleDecision } from '../support/iam-simulator';

const POOL = 'eu-west-1:11111111-2222-3333-4444-555555555555';
const PARTNER = '444455556666';

function trustOf(build: (stack: Stack) => void): { statements: any[]; template: any } {
  const stack = new Stack(new App(), 'Stack', { env: { account: ACCOUNT, region: 'eu-west-1' } });
  build(stack);
  const template = Template.fromStack(stack).toJSON();
  const role = Object.values<any>(template.Resources).find((resource) => resource.Type === 'AWS::IAM::Role');
  return { statements: role.Properties.AssumeRolePolicyDocument.Statement, template };
}

const crossAccount = (props: Partial<CrossAccountRoleProps>) => trustOf((stack) =>
  new CrossAccountRole(stack, 'Role', { trustedAccounts: [PARTNER], externalId: 'a1b2c3d4e5f6', outputs: false, ...props }));
const cognito = (props: Partial<WebIdentityRoleProps>) => trustOf((stack) =>
  new WebIdentityRole(stack, 'Role', { provider: WebIdentityProvider.cognitoIdentityPool({ identityPoolId: POOL }), ...props }));

describe('session tags on CrossAccountRole and WebIdentityRole', () => {
  test('CrossAccountRole: sts:TagSession in the same statement, the allowed and transitive keys enforced; no rule objects', () => {
    const { statements, template } = crossAccount({ sessionTags: true, allowedSessionTagKeys: ['team', 'project'], transitiveTagKeys: ['team'] });
    expect(statements).toHaveLength(1);
    expect(statements[0].Action).toEqual(['sts:AssumeRole', 'sts:TagSession']);
    expect(statements[0].Condition['ForAllValues:StringEquals']).toEqual({ 'aws:TagKeys': ['team', 'project'], 'sts:TransitiveTagKeys': ['team'] });
    expect(checkTemplate(template, { deployingAccount: ACCOUNT })).toEqual([]);
  });

  test('WebIdentityRole (Cognito): sts:TagSession beside sts:AssumeRoleWithWebIdentity, with the provider\'s conditions kept', () => {
    const { statements, template } = cognito({ sessionTags: true, allowedSessionTagKeys: ['department'] });
    expect(statements).toHaveLength(1);
    expect(statements[0].Action).toEqual(['sts:AssumeRoleWithWebIdentity', 'sts:TagSession']);
    expect(statements[0].Condition).toMatchObject({
      'StringEquals': { 'cognito-identity.amazonaws.com:aud': POOL },
      'ForAllValues:StringEquals': { 'aws:TagKeys': ['department'] },
    });
    expect(checkTemplate(template, { deployingAccount: ACCOUNT })).toEqual([]);
  });

  test('without sessionTags, no sts:TagSession', () => {
    expect(crossAccount({}).statements[0].Action).toBe('sts:AssumeRole');
    expect(cognito({}).statements[0].Action).toBe('sts:AssumeRoleWithWebIdentity');
  });

  test('the simulator allows tagging with the allowed keys and denies another key', async () => {
    const { statements } = crossAccount({ sessionTags: true, allowedSessionTagKeys: ['team'] });
    const trust = { Version: '2012-10-17', Statement: statements };
    const tag = (keys: string[]) => assumeRoleDecision(trust, {
      principal: `arn:aws:iam::${PARTNER}:role/Uploader`, action: 'sts:TagSession', context: { 'sts:ExternalId': 'a1b2c3d4e5f6', 'aws:TagKeys': keys },
    });
    expect(await tag(['team'])).toBe('Allowed');
    expect(await tag(['team', 'admin'])).toBe('ImplicitlyDenied');
  });

  test.each<[string, () => unknown, RegExp]>([
    ['allowed keys without sessionTags', () => crossAccount({ allowedSessionTagKeys: ['team'] }), /allowedSessionTagKeys: \["team"\] is not valid; it narrows session tags; set sessionTags: true too/],
    ['a reserved tag key', () => crossAccount({ sessionTags: true, allowedSessionTagKeys: ['aws:team'] }), /allowedSessionTagKeys: "aws:team" is not valid; a tag key is/],
    ['no allowed key', () => crossAccount({ sessionTags: true, transitiveTagKeys: [] }), /transitiveTagKeys: \[\] is not valid; give at least one tag key/],
    ['session tags from GitHub Actions', () => trustOf((stack) => new WebIdentityRole(stack, 'Role', {
      provider: WebIdentityProvider.githubActions({ owner: 'o', repository: 'r', branches: ['main'] }), sessionTags: true,
    })), /sessionTags: true is not valid; GitHub Actions tokens carry no session tags/],
  ])('rejects %s', (_name, build, message) => {
    expect(build).toThrow(message);
  });
});
