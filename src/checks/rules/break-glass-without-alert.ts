import { hasAssumeRoleAlert, isBreakGlass } from '../break-glass';
import { Rule } from '../rule';

/** Every use of a break-glass role must be seen: an EventBridge rule on its CloudTrail AssumeRole events. */
export const BreakGlassWithoutAlert: Rule = {
  name: 'BreakGlassWithoutAlert',
  severity: 'warning',
  description: 'A break-glass role should have an EventBridge rule in the same template that alerts on its AssumeRole events.',
  check({ role }, report) {
    if (!isBreakGlass(role) || hasAssumeRoleAlert(role)) return;
    report('the role is tagged break-glass but no AWS::Events::Rule in this template matches CloudTrail AssumeRole events for '
      + 'its ARN, so its use may go unseen. Add a rule on source aws.sts, eventName AssumeRole and requestParameters.roleArn '
      + 'of this role (BreakGlassRole does), or acknowledge this warning with where the alert lives.');
  },
};
