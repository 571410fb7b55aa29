import { isForAllValues } from '../conditions';
import { Rule } from '../rule';

/**
 * Condition keys that hold a single value per request. `ForAllValues` on one of them is true when the key is
 * missing, so an Allow with it lets in requests that lack the key (IAM Access Analyzer security warning).
 */
const SINGLE_VALUED_KEYS = new Set([
  'aws:principalarn', 'aws:principalaccount', 'aws:principalorgid', 'aws:principaltype', 'aws:principalisawsservice',
  'aws:userid', 'aws:username', 'aws:sourceip', 'aws:sourcevpc', 'aws:sourcevpce', 'aws:sourceaccount', 'aws:sourcearn',
  'aws:sourceorgid', 'aws:multifactorauthpresent', 'aws:multifactorauthage', 'aws:securetransport', 'aws:requestedregion',
  'aws:currenttime', 'aws:epochtime', 'aws:resourceaccount', 'aws:resourceorgid', 'aws:viaawsservice', 'aws:referer',
  'aws:useragent', 'aws:tokenissuetime', 'aws:federatedprovider', 'sts:externalid', 'sts:sourceidentity',
  'sts:rolesessionname', 'saml:aud', 'saml:sub', 'saml:sub_type', 'saml:iss', 'saml:namequalifier',
]);

const TAG_KEY = /^aws:(principaltag|requesttag|resourcetag)\//;
const SUBJECT_OR_APP_ID = /:(sub|app_id)$/;

function isSingleValued(key: string): boolean {
  return SINGLE_VALUED_KEYS.has(key) || TAG_KEY.test(key) || SUBJECT_OR_APP_ID.test(key);
}

/** `ForAllValues` with a single-valued key in an Allow statement. */
export const ForAllValuesSingleValuedKey: Rule = {
  name: 'ForAllValuesSingleValuedKey',
  severity: 'error',
  description: 'An Allow must not use ForAllValues on a single-valued key, which passes when the key is missing.',
  docs: {
    why: '`ForAllValues:` is true when the key is missing, so on a single-valued key it lets in requests that lack it.',
    fix: 'Use the plain operator (`StringEquals`) on single-valued keys; keep `ForAllValues:`/`ForAnyValue:` for multi-valued keys.',
    insecure: {
      trust: [
        {
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Action: 'sts:AssumeRole',
          Condition: { 'ForAllValues:StringEquals': { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
        },
      ],
    },
    secure: {
      trust: [
        { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } },
      ],
    },
  },
  check({ role }, report) {
    for (const statement of role.allowStatements) {
      for (const test of statement.conditions) {
        if (!isForAllValues(test) || !isSingleValued(test.key)) continue;
        report(`${statement.location} uses ${test.operator} on ${test.keyAsWritten}, which holds one value; ForAllValues is true `
          + `when the key is missing, so requests without it are allowed. Use ${test.baseOperator}${test.ifExists ? 'IfExists' : ''} without ForAllValues.`, statement.subject);
      }
    }
  },
};
