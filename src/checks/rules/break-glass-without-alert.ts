import { hasAssumeRoleAlert, isBreakGlass, literalRoleName } from '../break-glass';
import { Rule } from '../rule';
import { ASSUME_ROLE_ALERT, BREAK_GLASS_TAGS, breakGlassTrust } from './examples';

/** Every use of a break-glass role must be seen: an EventBridge rule on its CloudTrail AssumeRole events. */
export const BreakGlassWithoutAlert: Rule = {
  name: 'BreakGlassWithoutAlert',
  severity: 'warning',
  description: 'A break-glass role should have an EventBridge rule, in its template or another template read, that alerts on its AssumeRole events.',
  docs: {
    why: 'A break-glass role is meant to be used rarely and visibly; a use nobody sees is the misuse it exists to prevent.',
    fix: 'Add an EventBridge rule on CloudTrail `AssumeRole` events for the role\'s ARN (`BreakGlassRole` makes one), or acknowledge the '
      + 'warning with where the alert lives.',
    insecure: { trust: [breakGlassTrust(true)], properties: BREAK_GLASS_TAGS },
    secure: { trust: [breakGlassTrust(true)], properties: BREAK_GLASS_TAGS, resources: ASSUME_ROLE_ALERT },
  },
  check({ role }, report) {
    if (!isBreakGlass(role) || hasAssumeRoleAlert(role)) return;
    const name = literalRoleName(role);
    if (name !== undefined && role.assumeRoleAlertedByName?.(name)) return; // a rule of another template names the role
    report('the role is tagged break-glass but no AWS::Events::Rule of the templates read matches CloudTrail AssumeRole events for '
      + 'its ARN, so its use may go unseen. Add a rule on source aws.sts, eventName AssumeRole and requestParameters.roleArn '
      + 'of this role (BreakGlassRole does), or acknowledge this warning with where the alert lives.');
  },
};
