import { principalValues } from '../../role-model/policy-document';
import { isBreakGlass } from '../break-glass';
import { requiresMfa } from '../conditions';
import { Rule } from '../rule';

/**
 * An elevation role (tagged break-glass) that people assume must require MFA with
 * `Bool aws:MultiFactorAuthPresent "true"`; a stolen access key alone must not open it. Roles with
 * administrator access but no such tag are left alone: pipelines assume those, and cannot use MFA.
 */
export const ElevatedRoleWithoutMfa: Rule = {
  name: 'ElevatedRoleWithoutMfa',
  severity: 'error',
  description: 'A role tagged break-glass that IAM principals assume must require MFA (Bool, not BoolIfExists).',
  docs: {
    why: 'A break-glass role exists to grant more power; without MFA a leaked access key alone opens it.',
    fix: 'Add `Bool aws:MultiFactorAuthPresent "true"` (and an `aws:MultiFactorAuthAge` limit) to every statement that trusts IAM principals.',
    insecure: {
      trust: [
        {
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::111122223333:root' },
          Action: 'sts:AssumeRole',
          Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:user/servicedesk/*' } },
        },
      ],
      properties: { Tags: [{ Key: 'break-glass', Value: 'true' }] },
      resources: {
        Alert: {
          Type: 'AWS::Events::Rule',
          Properties: {
            EventPattern: {
              'source': ['aws.sts'],
              'detail-type': ['AWS API Call via CloudTrail'],
              'detail': {
                eventSource: ['sts.amazonaws.com'],
                eventName: ['AssumeRole'],
                requestParameters: { roleArn: [{ 'Fn::GetAtt': ['Role', 'Arn'] }] },
              },
            },
          },
        },
      },
    },
    secure: {
      trust: [
        {
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::111122223333:root' },
          Action: 'sts:AssumeRole',
          Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:user/servicedesk/*' }, Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
        },
      ],
      properties: { Tags: [{ Key: 'break-glass', Value: 'true' }] },
      resources: {
        Alert: {
          Type: 'AWS::Events::Rule',
          Properties: {
            EventPattern: {
              'source': ['aws.sts'],
              'detail-type': ['AWS API Call via CloudTrail'],
              'detail': {
                eventSource: ['sts.amazonaws.com'],
                eventName: ['AssumeRole'],
                requestParameters: { roleArn: [{ 'Fn::GetAtt': ['Role', 'Arn'] }] },
              },
            },
          },
        },
      },
    },
  },
  check({ role }, report) {
    if (!isBreakGlass(role)) return;
    for (const statement of role.trustAllowStatements) {
      if (principalValues(statement, 'AWS').length === 0 || statement.conditionsUnreadable || requiresMfa(statement)) continue;
      report(`${statement.location} lets IAM principals assume a break-glass role without MFA, so a leaked access key alone opens it. Add `
        + 'Bool aws:MultiFactorAuthPresent "true" (not BoolIfExists) and NumericLessThan aws:MultiFactorAuthAge to the statement.', statement.subject);
    }
  },
};
