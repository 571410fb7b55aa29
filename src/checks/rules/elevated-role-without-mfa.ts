import { principalValues } from '../../role-model/policy-document';
import { isBreakGlass } from '../break-glass';
import { requiresMfa } from '../conditions';
import { Rule } from '../rule';
import { ASSUME_ROLE_ALERT, BREAK_GLASS_TAGS, breakGlassTrust } from './examples';

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
    insecure: { trust: [breakGlassTrust(false)], properties: BREAK_GLASS_TAGS, resources: ASSUME_ROLE_ALERT },
    secure: { trust: [breakGlassTrust(true)], properties: BREAK_GLASS_TAGS, resources: ASSUME_ROLE_ALERT },
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
