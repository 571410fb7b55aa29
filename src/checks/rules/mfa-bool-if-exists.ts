import { ConditionTest, testsOnKey } from '../policy-document';
import { Rule, Violation } from '../rule';

function isBoolIfExistsTrue(test: ConditionTest): boolean {
  return test.baseOperator === 'Bool' && test.ifExists && test.values.some((value) => value.toLowerCase() === 'true');
}

/** `BoolIfExists aws:MultiFactorAuthPresent true` in an Allow passes requests signed with long-term access keys. */
export const MfaBoolIfExists: Rule = {
  name: 'MfaBoolIfExists',
  severity: 'error',
  description: 'An Allow must require MFA with Bool, not BoolIfExists, because the key is absent for long-term access keys.',
  check({ role }) {
    const violations: Violation[] = [];
    for (const statement of role.allowStatements) {
      if (!testsOnKey(statement, 'aws:MultiFactorAuthPresent').some(isBoolIfExistsTrue)) continue;
      violations.push({
        message: `${statement.location} allows with BoolIfExists aws:MultiFactorAuthPresent "true"; the key is missing for requests `
          + 'signed with long-term access keys, so those pass without MFA. Use Bool aws:MultiFactorAuthPresent "true".',
      });
    }
    return violations;
  },
};
