import { ConditionTest, someTestOnKey } from '../../role-model/policy-document';
import { isTrue } from '../conditions';
import { Rule } from '../rule';

function isBoolIfExistsTrue(test: ConditionTest): boolean {
  return test.baseOperator === 'Bool' && test.ifExists && test.values.some(isTrue);
}

/** `BoolIfExists aws:MultiFactorAuthPresent true` in an Allow passes requests signed with long-term access keys. */
export const MfaBoolIfExists: Rule = {
  name: 'MfaBoolIfExists',
  severity: 'error',
  description: 'An Allow must require MFA with Bool, not BoolIfExists, because the key is absent for long-term access keys.',
  docs: {
    why: '`aws:MultiFactorAuthPresent` is missing from requests signed with long-term access keys, so `BoolIfExists ... true` lets them '
      + 'in without MFA.',
    fix: 'Use `Bool aws:MultiFactorAuthPresent "true"`.',
    insecure: {
      trust: [
        {
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::444455556666:root' },
          Action: 'sts:AssumeRole',
          Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' } },
        },
      ],
    },
    secure: {
      trust: [
        {
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::444455556666:root' },
          Action: 'sts:AssumeRole',
          Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
        },
      ],
    },
  },
  check({ role }, report) {
    for (const statement of role.allowStatements) {
      if (!someTestOnKey(statement, 'aws:MultiFactorAuthPresent', isBoolIfExistsTrue)) continue;
      report(`${statement.location} allows with BoolIfExists aws:MultiFactorAuthPresent "true"; the key is missing for requests `
        + 'signed with long-term access keys, so those pass without MFA. Use Bool aws:MultiFactorAuthPresent "true".', statement.subject);
    }
  },
};
