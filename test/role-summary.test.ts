import { roleTemplate, trustStatement } from './checks/fixtures';
import { summarizeRole } from '../examples/role-summary';
import { readable } from '../src/role-model/cfn-value';
import { rolesInTemplate } from '../src/role-model/model';

describe('summarizeRole', () => {
  test('lists trusted principals, actions, conditions and the session limit', () => {
    const [role] = rolesInTemplate(roleTemplate({
      trust: [
        trustStatement({
          Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::444455556666:root']] } },
          Condition: { StringEquals: { 'sts:ExternalId': 'vendor-1' } },
        }),
        trustStatement({ Effect: 'Deny', Principal: '*' }),
      ],
      properties: { MaxSessionDuration: 5400 },
    }));
    expect(summarizeRole(role)).toEqual({
      trusts: ['AWS arn:aws:iam::444455556666:root'],
      actions: ['sts:AssumeRole'],
      conditions: ['StringEquals sts:ExternalId = vendor-1'],
      maxSession: '1h30m',
      alerts: [],
      keyConditions: ['ExternalId'],
    });
  });

  test('says when the session limit is IAM\'s default', () => {
    expect(summarizeRole(rolesInTemplate(roleTemplate())[0]).maxSession).toBe('1h (default)');
  });

  test('makes placeholders readable', () => {
    expect(readable('arn:{{cfn:AWS::Partition}}:iam::{{cfn:AWS::AccountId}}:oidc-provider/{{cfn:GetAtt:Cluster.Issuer}}'))
      .toBe('arn:aws:iam::<this account>:oidc-provider/<Cluster.Issuer>');
  });
});
