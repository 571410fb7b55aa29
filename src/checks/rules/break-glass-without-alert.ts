import { hasAssumeRoleAlert, isBreakGlass } from '../break-glass';
import { Rule } from '../rule';

/** Every use of a break-glass role must be seen: an EventBridge rule on its CloudTrail AssumeRole events. */
export const BreakGlassWithoutAlert: Rule = {
  name: 'BreakGlassWithoutAlert',
  severity: 'warning',
  description: 'A break-glass role should have an EventBridge rule in the same template that alerts on its AssumeRole events.',
  docs: {
    why: 'A break-glass role is meant to be used rarely and visibly; a use nobody sees is the misuse it exists to prevent.',
    fix: 'Add an EventBridge rule on CloudTrail `AssumeRole` events for the role\'s ARN (`BreakGlassRole` makes one), or acknowledge the '
      + 'warning with where the alert lives.',
    insecure: {
      trust: [
        {
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::111122223333:root' },
          Action: 'sts:AssumeRole',
          Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:user/servicedesk/*' }, Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
        },
      ],
      properties: { Tags: [{ Key: 'break-glass', Value: 'true' }] },
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
    if (!isBreakGlass(role) || hasAssumeRoleAlert(role)) return;
    report('the role is tagged break-glass but no AWS::Events::Rule in this template matches CloudTrail AssumeRole events for '
      + 'its ARN, so its use may go unseen. Add a rule on source aws.sts, eventName AssumeRole and requestParameters.roleArn '
      + 'of this role (BreakGlassRole does), or acknowledge this warning with where the alert lives.');
  },
};
