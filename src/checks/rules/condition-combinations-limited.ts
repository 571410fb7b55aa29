import { Rule } from '../rule';

/**
 * A role whose `Fn::If`s depend on more conditions than the role model combines in full: the combinations
 * left out were not checked, which must be said.
 */
export const ConditionCombinationsLimited: Rule = {
  name: 'ConditionCombinationsLimited',
  severity: 'warning',
  description: 'A role whose Fn::If branches depend on too many conditions to check every combination is checked in part only.',
  docs: {
    why: 'A role whose `Fn::If`s depend on more conditions than are combined in full is checked under some combinations only; the '
      + 'others may hide a finding.',
    fix: 'Let fewer conditions decide one role, or review the combinations not checked and acknowledge the warning with the reason.',
  },
  check({ role }, report) {
    for (const warning of role.modelWarnings) {
      if (warning.rule !== 'ConditionCombinationsLimited') continue;
      report(`${warning.message}. Fewer conditions per role let every `
        + 'combination be checked; or review the others and acknowledge this warning with the reason.');
    }
  },
};
