import { checkTemplate } from '../../../src/checks/engine';
import { PassRoleOnEveryResource } from '../../../src/checks/rules/pass-role-on-every-resource';
import { findingsOf, roleTemplate } from '../fixtures';

describe('PassRoleOnEveryResource', () => {
  test.each([
    ['iam:PassRole', '*'], ['iam:Pass*', '*'],
    ['iam:PassRole', 'arn:aws:iam::*:role/*'],
    ['iam:PassRole', 'arn:aws:iam::111122223333:role/*'],
    ['iam:PassRole', 'arn:{{cfn:AWS::Partition}}:iam::{{cfn:AWS::AccountId}}:role/*'],
    ['iam:PassRole', 'arn:aws:iam::111122223333:*'],
    ['iam:PassRole', 'arn:*:*:*:*:*'],
  ])('fires on %s on %s', (action, resource) => {
    const findings = findingsOf(PassRoleOnEveryResource, { permissions: [{ Effect: 'Allow', Action: action, Resource: resource }] });
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toMatch(/iam:PassRole on every resource.*iam:PassedToService/);
  });

  test('stays quiet on a named role, on * on * (FullAdministratorAccess reports that), on iam:* on * (PrivilegeEscalation reports it), '
    + 'and with iam:PassedToService naming the services (PrivilegeEscalation judges what they can be made to do)', () => {
    const permissions = [
      { Effect: 'Allow', Action: 'iam:*', Resource: '*' },
      { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } } },
      { Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::111122223333:role/AppRole' },
      { Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::111122223333:role/service-role/lambda-*' },
      { Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::*:role/app/{{cfn:Ref:Name}}' },
      { Effect: 'Allow', Action: '*', Resource: '*' },
    ];
    expect(findingsOf(PassRoleOnEveryResource, { permissions })).toEqual([]);
  });

  test('a PassRole statement that opens combined paths is PrivilegeEscalation\'s to report, with the paths: one finding for the statement', () => {
    const rules = (permissions: object[]) => checkTemplate(roleTemplate({ permissions })).map((finding) => `${finding.ruleId.split(':')[1]} ${finding.subject?.path.join('/')}`);
    const passRole = { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' };
    const createAndInvoke = { Effect: 'Allow', Action: ['lambda:CreateFunction', 'lambda:InvokeFunction'], Resource: 'arn:aws:lambda:eu-west-1:111122223333:function:app-*' };
    const opening = rules([passRole, createAndInvoke]).filter((entry) => entry.endsWith('/Statement/0'));
    expect(opening).toEqual([expect.stringMatching(/^PrivilegeEscalation /)]);
    expect(rules([passRole])).toEqual([expect.stringMatching(/^PassRoleOnEveryResource /)]);
  });
});
