import { PrivilegeEscalation } from '../../../src/checks/rules/privilege-escalation';
import { findingsOf } from '../fixtures';

const ACCOUNT_ROLES = 'arn:aws:iam::111122223333:role/*';

describe('PrivilegeEscalation', () => {
  test('fires on single-action paths on *, naming each path', () => {
    const findings = findingsOf(PrivilegeEscalation, { permissions: [{ Effect: 'Allow', Action: ['iam:PutRolePolicy', 'lambda:UpdateFunctionCode', 's3:GetObject'], Resource: '*' }] });
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toMatch(/allows iam:PutRolePolicy \(iam-017\), lambda:UpdateFunctionCode \(lambda-003\) on every resource it acts on; .*pathfinding\.cloud/);
  });

  test('fires on a wildcard that covers escalation actions', () => {
    expect(findingsOf(PrivilegeEscalation, { permissions: [{ Effect: 'Allow', Action: 'iam:Create*', Resource: '*' }] })[0].message)
      .toMatch(/iam:CreateAccessKey \(iam-002\), iam:CreateLoginProfile \(iam-004\), iam:CreatePolicyVersion \(iam-016\)/);
  });

  test.each([
    ['ssm:SendCommand', '*'],
    ['ssm:StartSession', '*'],
    ['codebuild:StartBuild', '*'],
    ['cloudformation:UpdateStack', '*'],
    ['ec2-instance-connect:SendSSHPublicKey', '*'],
    ['sagemaker:CreatePresignedNotebookInstanceUrl', '*'],
    ['apprunner:UpdateService', '*'],
    ['sts:AssumeRole', '*'],
    ['iam:DeleteRolePermissionsBoundary', '*'],
    ['iam:PutRolePermissionsBoundary', ACCOUNT_ROLES],
    ['iam:PutRolePolicy', 'arn:aws:iam::*:role/*'],
    ['iam:AttachRolePolicy', 'arn:{{cfn:AWS::Partition}}:iam::{{cfn:AWS::AccountId}}:role/*'],
    ['iam:CreateAccessKey', 'arn:aws:iam::111122223333:user/*'],
    ['lambda:UpdateFunctionCode', 'arn:aws:*:*:*:*'],
  ])('fires on %s on %s: every resource it acts on, in the account or in any', (action, resource) => {
    expect(findingsOf(PrivilegeEscalation, { permissions: [{ Effect: 'Allow', Action: action, Resource: resource }] })).toHaveLength(1);
  });

  test.each([
    ['lambda-001', ['lambda:CreateFunction', 'lambda:InvokeFunction']],
    ['ec2-001', ['ec2:RunInstances']],
    ['ecs-008', ['ecs:RunTask']],
    ['glue-001', ['glue:CreateDevEndpoint']],
    ['cloudformation-001', ['cloudformation:CreateStack']],
    ['codebuild-001', ['codebuild:CreateProject', 'codebuild:StartBuild']],
    ['sagemaker-001', ['sagemaker:CreateNotebookInstance']],
  ])('fires on the combination %s: iam:PassRole on every role with %j, across policies', (id, actions) => {
    const findings = findingsOf(PrivilegeEscalation, {
      permissions: [
        { Effect: 'Allow', Action: 'iam:PassRole', Resource: ACCOUNT_ROLES },
        { Effect: 'Allow', Action: actions, Resource: 'arn:aws:lambda:eu-west-1:111122223333:function:app-*' },
      ],
    });
    const combined = findings.filter((finding) => finding.message.includes(`path ${id} `));
    expect(combined).toHaveLength(1);
    expect(combined[0].message).toMatch(/iam:PassRole \(inline policy "Permissions", statement 1\)/);
  });

  test('the paths that open at one statement are one finding that names each of them', () => {
    const findings = findingsOf(PrivilegeEscalation, {
      permissions: [
        { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' },
        { Effect: 'Allow', Action: ['lambda:CreateFunction', 'lambda:InvokeFunction', 'ec2:RunInstances', 'ecs:RunTask'], Resource: '*' },
      ],
    });
    const opened = findings.filter((finding) => /privilege-escalation paths .* that start at inline policy "Permissions", statement 1:/.test(finding.message));
    expect(opened).toHaveLength(1);
    expect(opened[0].message).toContain('lambda-001 (iam:PassRole + lambda:CreateFunction (inline policy "Permissions", statement 2) + lambda:InvokeFunction (inline policy "Permissions", statement 2))');
    for (const id of ['ec2-001', 'ecs-008']) expect(opened[0].message).toContain(`${id} (iam:PassRole + `);
    expect(opened[0].message).toMatch(/Each lets it start a service with any role, an administrator's included, and act as that role\. Name the roles iam:PassRole may pass/);
    expect(findings.filter((finding) => finding.message.includes('privilege-escalation path'))).toHaveLength(1);
  });

  test('a statement that holds single-action paths and opens combinations is one finding (cloudformation:* on *)', () => {
    const findings = findingsOf(PrivilegeEscalation, { permissions: [{ Effect: 'Allow', Action: 'cloudformation:*', Resource: '*' }] });
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toMatch(/^inline policy "Permissions", statement 1 allows cloudformation:UpdateStack \(cloudformation-002\).* or remove them\. The role holds the privilege-escalation path cloudformation-005 /);
  });

  test('fires on a combination without PassRole: ec2-002', () => {
    const findings = findingsOf(PrivilegeEscalation, {
      permissions: [{ Effect: 'Allow', Action: ['ec2:ModifyInstanceAttribute', 'ec2:StopInstances', 'ec2:StartInstances'], Resource: 'arn:aws:ec2:*:111122223333:instance/*' }],
    });
    expect(findings.map((finding) => finding.message)).toEqual([expect.stringContaining('path ec2-002')]);
  });

  test('stays quiet on escalation actions scoped by a path or name, harmless actions on *, and a combination missing a part', () => {
    const permissions = [
      { Effect: 'Allow', Action: 'iam:PutRolePolicy', Resource: 'arn:aws:iam::111122223333:role/app/*' },
      { Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::111122223333:role/service-role/lambda-*' },
      { Effect: 'Allow', Action: ['lambda:CreateFunction', 'lambda:InvokeFunction'], Resource: '*' },
      { Effect: 'Allow', Action: ['iam:GetRole', 'ec2:DescribeInstances', 'ec2:StopInstances', 'ec2:StartInstances'], Resource: '*' },
      { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::111122223333:role/cdk-hnb659fds-*' },
      { Effect: 'Allow', Action: 'ssm:SendCommand', Resource: 'arn:aws:ec2:eu-west-1:111122223333:instance/i-0123456789abcdef0' },
    ];
    expect(findingsOf(PrivilegeEscalation, { permissions })).toEqual([]);
  });

  test('reads AWS managed policies: IAMFullAccess and PowerUserAccess escalate, ReadOnlyAccess and SecurityAudit do not', () => {
    const managed = (name: string) => findingsOf(PrivilegeEscalation, { properties: { ManagedPolicyArns: [`arn:aws:iam::aws:policy/${name}`] } });
    expect(managed('IAMFullAccess')[0].message).toMatch(/^AWS managed policy IAMFullAccess, statement 1 allows .*iam:PutRolePolicy \(iam-017\)/);
    expect(managed('PowerUserAccess')[0].message).toMatch(/^AWS managed policy PowerUserAccess, statement 1 allows .*lambda:UpdateFunctionCode \(lambda-003\)/);
    expect(managed('ReadOnlyAccess')).toEqual([]);
    expect(managed('SecurityAudit')).toEqual([]);
  });
});
