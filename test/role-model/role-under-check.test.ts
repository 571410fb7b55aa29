import { rolesInTemplate } from '../../src/role-model/model';
import { roleTemplate } from '../checks/fixtures';

describe('rolesInTemplate', () => {
  const policy = (roles: unknown[]) => ({ Type: 'AWS::IAM::Policy', Properties: { PolicyName: 'p', Roles: roles, PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] } } });

  test('attaches AWS::IAM::Policy and AWS::IAM::ManagedPolicy resources to the roles they name', () => {
    const template = roleTemplate({
      properties: { ManagedPolicyArns: [{ Ref: 'ByArn' }, 'arn:aws:iam::aws:policy/ReadOnlyAccess'] },
      resources: {
        Mine: policy([{ Ref: 'Role' }]),
        Theirs: policy([{ Ref: 'OtherRole' }]),
        ByArn: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: { Statement: [] } } },
        ByRoles: { Type: 'AWS::IAM::ManagedPolicy', Properties: { Roles: [{ Ref: 'Role' }], PolicyDocument: { Statement: [] } } },
      },
    });
    const [role] = rolesInTemplate(template);
    expect(role.logicalId).toBe('Role');
    expect(role.inlinePolicies.map((source) => source.description)).toEqual(['policy Mine']);
    expect(role.managedPolicies.map((managed) => managed.logicalId).sort()).toEqual(['ByArn', 'ByRoles']);
    expect(role.managedPolicyArns).toEqual(['{{cfn:Ref:ByArn}}', 'arn:aws:iam::aws:policy/ReadOnlyAccess', '{{cfn:Ref:ByRoles}}']);
    // the policy's own statement, and what the AWS managed ReadOnlyAccess allows of what the permission rules read
    expect(role.permissionStatements.map((statement) => statement.location)).toEqual(['policy Mine, statement 1', 'AWS managed policy ReadOnlyAccess, statement 1']);
  });

  test('describes identity providers defined in the template', () => {
    const template = roleTemplate({
      resources: {
        GitHub: { Type: 'AWS::IAM::OIDCProvider', Properties: { Url: 'https://token.actions.githubusercontent.com' } },
        Legacy: { Type: 'Custom::AWSCDKOpenIdConnectProvider', Properties: { Url: 'https://gitlab.example.com/' } },
        Idp: { Type: 'AWS::IAM::SAMLProvider', Properties: {} },
      },
    });
    const [role] = rolesInTemplate(template);
    expect(role.describeFederated?.('{{cfn:Ref:GitHub}}')).toMatchObject({ kind: 'oidc', issuer: 'token.actions.githubusercontent.com' });
    expect(role.describeFederated?.('{{cfn:GetAtt:Legacy.Arn}}')).toMatchObject({ kind: 'oidc', issuer: 'gitlab.example.com' });
    expect(role.describeFederated?.('{{cfn:Ref:Idp}}')).toMatchObject({ kind: 'saml' });
    expect(role.describeFederated?.('{{cfn:Ref:Nothing}}')).toBeUndefined();
  });

  test('reads templates without resources, and resources without properties', () => {
    expect(rolesInTemplate({})).toEqual([]);
    expect(rolesInTemplate({ Resources: { Role: { Type: 'AWS::IAM::Role' } } })[0].trustStatements).toEqual([]);
  });
});
