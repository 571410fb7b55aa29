import { Rule } from '../rule';
import { READ_REPORTS } from './examples';

/**
 * A policy document the role model could not read: a JSON string that does not parse, or a value known only
 * at deployment (`Ref` to a parameter, `Fn::ImportValue`). Its statements went unchecked, which must be said.
 */
export const UnreadablePolicyDocument: Rule = {
  name: 'UnreadablePolicyDocument',
  severity: 'warning',
  description: 'A trust or permission policy that cannot be read (a JSON string that does not parse, or a value known only at deployment) cannot be checked.',
  docs: {
    why: 'A policy that cannot be read is not checked at all.',
    fix: 'Write the document as an object, or as a JSON string of literal text with `${...}` variables.',
    insecure: { properties: { Policies: [{ PolicyName: 'app', PolicyDocument: '{"Statement": [' }] } },
    secure: { properties: { Policies: [{ PolicyName: 'app', PolicyDocument: { Statement: [READ_REPORTS] } }] } },
  },
  check({ role }, report) {
    for (const warning of role.modelWarnings) {
      if (warning.rule !== 'UnreadablePolicyDocument') continue;
      report(`${warning.message}. Write the document as an object or a JSON string with literal text and \${...} variables, `
        + 'or review the deployed policy and acknowledge this warning with the reason.');
    }
  },
};
