import { Rule } from '../rule';

/** `NotPrincipal` with `Allow` trusts everyone except the listed principals; IAM refuses it in trust policies. */
export const NotPrincipalWithAllow: Rule = {
  name: 'NotPrincipalWithAllow',
  severity: 'error',
  description: 'A policy must not combine "Effect": "Allow" with NotPrincipal, which allows everyone not listed.',
  check({ role }, report) {
    for (const statement of role.allowStatements) {
      if (statement.notPrincipal === undefined) continue;
      report(`${statement.location} uses NotPrincipal with "Effect": "Allow", which allows every principal that is not listed `
        + '(IAM rejects NotPrincipal in role trust policies). List the trusted principals in Principal instead.', statement.subject);
    }
  },
};
