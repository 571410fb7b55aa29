import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { CircleCiProviderProps, TerraformCloudProviderProps, WebIdentityProvider, WebIdentityRole } from '../../src';
import { checkTemplate } from '../../src/checks/engine';
import { ACCOUNT, assumeRoleDecision } from '../support/iam-simulator';

const ORG = 'c1a7f2e4-3b5d-4e6f-8a9b-0c1d2e3f4a5b';
const PROJECT = '0e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b';
const OTHER_PROJECT = '99999999-4c5d-4e6f-8a9b-0c1d2e3f4a5b';
const USER = '5a6b7c8d-1111-2222-3333-444455556666';

function built(provider: WebIdentityProvider): { trust: any; template: any } {
  const stack = new Stack(new App(), 'Stack', { env: { account: ACCOUNT, region: 'eu-west-1' } });
  new WebIdentityRole(stack, 'Role', { provider });
  const template = Template.fromStack(stack).toJSON();
  const role = Object.values<any>(template.Resources).find((resource) => resource.Type === 'AWS::IAM::Role');
  return { trust: role.Properties.AssumeRolePolicyDocument, template };
}

const decide = (trust: unknown, provider: string, context: Record<string, string>) =>
  assumeRoleDecision(trust, { principal: provider, action: 'sts:AssumeRoleWithWebIdentity', context });

describe('WebIdentityProvider.circleci', () => {
  const circleci = (props: Partial<CircleCiProviderProps> = {}) =>
    WebIdentityProvider.circleci({ organizationId: ORG, projectIds: [PROJECT], ...props });
  const issuer = `oidc.circleci.com/org/${ORG}`;
  const provider = `arn:aws:iam::${ACCOUNT}:oidc-provider/${issuer}`;
  const token = (sub: string, aud = ORG) => ({ [`${issuer}:aud`]: aud, [`${issuer}:sub`]: sub });

  test('trusts the organization\'s issuer, with its id as the audience and the projects in sub; no rule objects', () => {
    const { trust, template } = built(circleci());
    expect(trust.Statement[0].Condition).toEqual({
      StringEquals: { [`${issuer}:aud`]: [ORG] },
      StringLike: { [`${issuer}:sub`]: [`org/${ORG}/project/${PROJECT}/user/*`] },
    });
    expect(JSON.stringify(trust.Statement[0].Principal)).toContain(`:oidc-provider/${issuer}`);
    expect(checkTemplate(template, { deployingAccount: ACCOUNT })).toEqual([]);
  });

  test('the simulator allows a job of the project (V1 and V2 subjects) and denies another project and another audience', async () => {
    const { trust } = built(circleci());
    expect(await decide(trust, provider, token(`org/${ORG}/project/${PROJECT}/user/${USER}`))).toBe('Allowed');
    expect(await decide(trust, provider, token(`org/${ORG}/project/${PROJECT}/user/${USER}/vcs-origin/github.com/ride-co/api/vcs-ref/refs/heads/main`))).toBe('Allowed');
    expect(await decide(trust, provider, token(`org/${ORG}/project/${OTHER_PROJECT}/user/${USER}`))).toBe('ImplicitlyDenied');
    expect(await decide(trust, provider, token(`org/${ORG}/project/${PROJECT}/user/${USER}`, OTHER_PROJECT))).toBe('ImplicitlyDenied');
  });

  test.each<[string, Partial<CircleCiProviderProps>, RegExp]>([
    ['an organization id that is no UUID', { organizationId: 'ride-co' }, /provider.organizationId: "ride-co" is not valid; an organization id is a UUID/],
    ['no project', { projectIds: [] }, /provider.projectIds: \[\] is not valid; name the projects/],
    ['a project wildcard', { projectIds: ['*'] }, /provider.projectIds: "\*" is not valid; a project id is a UUID/],
  ])('rejects %s', (_name, props, message) => {
    expect(() => built(circleci(props))).toThrow(message);
  });
});

describe('WebIdentityProvider.terraformCloud', () => {
  const terraform = (props: Partial<TerraformCloudProviderProps> = {}) =>
    WebIdentityProvider.terraformCloud({ organization: 'ride-co', workspaces: ['networking-prod'], runPhases: ['apply'], ...props });
  const provider = `arn:aws:iam::${ACCOUNT}:oidc-provider/app.terraform.io`;
  const token = (sub: string, aud = 'aws.workload.identity') => ({ 'app.terraform.io:aud': aud, 'app.terraform.io:sub': sub });

  test('trusts app.terraform.io with aws.workload.identity and one subject per combination; no rule objects', () => {
    const { trust, template } = built(terraform({ projects: ['Default Project', 'Network'] }));
    expect(trust.Statement[0].Condition).toEqual({
      StringEquals: {
        'app.terraform.io:aud': ['aws.workload.identity'],
        'app.terraform.io:sub': [
          'organization:ride-co:project:Default Project:workspace:networking-prod:run_phase:apply',
          'organization:ride-co:project:Network:workspace:networking-prod:run_phase:apply',
        ],
      },
    });
    expect(checkTemplate(template, { deployingAccount: ACCOUNT })).toEqual([]);
  });

  test('a workspace in any project is one workspace (names are unique in an organization): no warning', () => {
    expect(checkTemplate(built(terraform()).template, { deployingAccount: ACCOUNT })).toEqual([]);
  });

  test('the simulator allows the workspace\'s apply and denies its plan, another workspace and another organization', async () => {
    const { trust } = built(terraform());
    expect(await decide(trust, provider, token('organization:ride-co:project:Default Project:workspace:networking-prod:run_phase:apply'))).toBe('Allowed');
    expect(await decide(trust, provider, token('organization:ride-co:project:Default Project:workspace:networking-prod:run_phase:plan'))).toBe('ImplicitlyDenied');
    expect(await decide(trust, provider, token('organization:ride-co:project:Default Project:workspace:networking-dev:run_phase:apply'))).toBe('ImplicitlyDenied');
    expect(await decide(trust, provider, token('organization:evil-co:project:Default Project:workspace:networking-prod:run_phase:apply'))).toBe('ImplicitlyDenied');
    expect(await decide(trust, provider, token('organization:ride-co:project:Default Project:workspace:networking-prod:run_phase:apply', 'other'))).toBe('ImplicitlyDenied');
  });

  test('Terraform Enterprise: its host is the issuer', () => {
    const { trust } = built(terraform({ host: 'tfe.ride-co.example' }));
    expect(trust.Statement[0].Condition.StringLike).toEqual({ 'tfe.ride-co.example:sub': ['organization:ride-co:project:*:workspace:networking-prod:run_phase:apply'] });
  });

  test.each<[string, Partial<TerraformCloudProviderProps>, RegExp]>([
    ['neither projects nor workspaces', { workspaces: undefined }, /provider.projects, provider.workspaces: give at least one/],
    ['a run phase that does not exist', { runPhases: ['destroy'] }, /provider.runPhases: "destroy" is not valid; a run phase is "plan" or "apply"/],
    ['a workspace wildcard', { workspaces: ['networking-*'] }, /provider.workspaces: "networking-\*" is not valid/],
    ['a host with a scheme', { host: 'https://tfe.example.com' }, /provider.host: "https:\/\/tfe.example.com" is not valid/],
  ])('rejects %s', (_name, props, message) => {
    expect(() => built(terraform(props))).toThrow(message);
  });
});
