import { testsOnKey } from '../policy-document';
import { Rule } from '../rule';

/** `BoolIfExists aws:MultiFactorAuthPresent true` in an Allow passes requests signed with long-term access keys. */
export const MfaBoolIfExists: Rule = {
  name: 'MfaBoolIfExists',
  severity: 'error',
  description: 'An Allow must require MFA with Bool, not BoolIfExists, because the key is absent for long-term access keys.',
  check({ role }) {
    return role.allowStatements
      .filter((statement) => testsOnKey(statement, 'aws:MultiFactorAuthPresent')
        .some((test) => test.baseOperator === 'Bool' && test.ifExists && test.values.some((value) => value.toLowerCase() === 'true')))
      .map((statement) => ({
        message: `${statement.location} allows with BoolIfExists aws:MultiFactorAuthPresent "true"; the key is missing for requests `
          + 'signed with long-term access keys, so those pass without MFA. Use Bool aws:MultiFactorAuthPresent "true".',
      }));
  },
};
