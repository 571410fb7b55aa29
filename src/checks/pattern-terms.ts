import { narrowsPrincipal } from './conditions';
import { narrowsKey, onlyPrincipals, requiresMfaInvariant, TrustInvariant } from './trust-invariants';
import { LAMBDA_SERVICES, POD_IDENTITY_SERVICE, POD_IDENTITY_TAGS, ROLES_ANYWHERE_SERVICE } from '../iam/service-principals';
import { ModeledRole } from '../role-model/model';
import { PatternRecord } from '../role-model/pattern-record';
import { ADMINISTRATOR_ACCESS_REASON_PREFIX, isPermissionSet } from '../role-model/permission-sets';
import { PolicyStatement, principalValues } from '../role-model/policy-document';

/**
 * What the library itself lets each role pattern do, and what the pattern's trust must keep for a record of
 * it to count. The table is the library's own: a pattern record in a template names a pattern, and nothing
 * else it says can relax an error. A record counts only on a role whose every trust statement, in every
 * variant, keeps the pattern's terms by value; a record on any other role counts for nothing (and is a
 * finding), so writing `{"cdk-iam-role-patterns": {"pattern": "BreakGlassRole"}}` on a role that trusts `*`
 * gains nothing.
 */
interface PatternTerms {
  /** Rules whose errors the pattern reports as warnings (its purpose needs what they forbid elsewhere). */
  readonly relaxes: readonly string[];
  /** What every `Allow` statement of the trust must keep, read from the template alone. */
  readonly keeps: readonly TrustInvariant[];
  /**
   * For a pattern that makes no role but a permission set: the record counts only on a permission set whose own
   * properties keep the terms (it has no trust to read), and says why not otherwise.
   */
  readonly permissionSet?: (description: unknown) => string | undefined;
}

/**
 * IAM principals (`AWS`) only, and every principal (`*`) only where a condition narrows the caller to an
 * organization, account or principal ARN (as the patterns write it for an organization or for ARNs known at
 * deployment).
 */
function awsPrincipalsNarrowed(promise: string): TrustInvariant {
  const only = onlyPrincipals('AWS', () => true, promise);
  return {
    promise,
    broken(statement) {
      const why = only.broken(statement);
      if (why !== undefined) return why;
      const everyone = principalValues(statement, 'AWS').includes('*');
      return everyone && (statement.conditionsUnreadable || !narrowsPrincipal(statement)) ? 'it trusts every principal ("*") with no condition that narrows the caller' : undefined;
    },
  };
}

const PATTERN_TERMS: Readonly<Record<string, PatternTerms>> = {
  LambdaExecutionRole: {
    relaxes: [],
    keeps: [onlyPrincipals('Service', (value) => LAMBDA_SERVICES.includes(value), 'trusts only Lambda')],
  },
  BreakGlassRole: {
    // a break-glass role exists to hold what the team lacks, administrator access included, behind MFA
    relaxes: ['FullAdministratorAccess'],
    keeps: [
      awsPrincipalsNarrowed('trusts only IAM principals of named accounts'),
      requiresMfaInvariant('requires MFA in every statement'),
      narrowsKey('aws:PrincipalArn', 'names the trusted principals (aws:PrincipalArn) in every statement'),
    ],
  },
  SamlFederationRole: {
    relaxes: [],
    keeps: [
      onlyPrincipals('Federated', (value) => !value.includes('*'), 'trusts only a SAML provider'),
      narrowsKey('SAML:aud', 'requires the sign-in audience (SAML:aud) in every statement'),
    ],
  },
  WebIdentityRole: {
    relaxes: [],
    keeps: [onlyPrincipals('Federated', (value) => !value.includes('*'), 'trusts only a web identity provider')],
  },
  EksPodIdentityRole: {
    relaxes: [],
    keeps: [
      onlyPrincipals('Service', (value) => value === POD_IDENTITY_SERVICE, `trusts only ${POD_IDENTITY_SERVICE}`),
      narrowsKey(POD_IDENTITY_TAGS.clusterArn, 'names the cluster in every statement'),
      narrowsKey(POD_IDENTITY_TAGS.namespace, 'names the namespace in every statement'),
      narrowsKey(POD_IDENTITY_TAGS.serviceAccount, 'names the service account in every statement'),
    ],
  },
  CrossAccountRole: {
    relaxes: [],
    keeps: [awsPrincipalsNarrowed('trusts only IAM principals of named accounts or an organization')],
  },
  IdentityCenterPermissionSet: {
    // a workforce's administrators sign in through Identity Center; the reason is stated in the permission set itself
    relaxes: ['FullAdministratorAccess'],
    keeps: [],
    permissionSet: (description) => (typeof description === 'string' && description.startsWith(ADMINISTRATOR_ACCESS_REASON_PREFIX)
      && description.length > ADMINISTRATOR_ACCESS_REASON_PREFIX.length ? undefined
      : `its description does not state why it grants administrator access ("${ADMINISTRATOR_ACCESS_REASON_PREFIX}<reason>")`),
  },
  RolesAnywhereRole: {
    relaxes: [],
    keeps: [
      onlyPrincipals('Service', (value) => value === ROLES_ANYWHERE_SERVICE, `trusts only ${ROLES_ANYWHERE_SERVICE}`),
      narrowsKey('aws:SourceArn', 'names the trust anchor in every statement'),
    ],
  },
};

/** Whether a name is one of the library's patterns (the table's keys). */
export function isPatternName(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(PATTERN_TERMS, name);
}

/** A pattern record as the verdict reads it: trusted, with the rules the library lets it relax, or not, with why. */
export type RecordReading =
  | { readonly trusted: true; readonly record: PatternRecord; readonly relaxes: readonly string[] }
  | { readonly trusted: false; readonly why: string };

/**
 * Reads a role's pattern record against the library's table: a record counts when it names a pattern of the
 * library and every trust statement of every variant keeps that pattern's terms, with conditions that can be
 * read (a condition the template decides at deployment proves nothing).
 */
export function readPatternRecord(modeled: ModeledRole, record: PatternRecord): RecordReading {
  const terms = isPatternName(record.pattern) ? PATTERN_TERMS[record.pattern] : undefined;
  if (!terms) return { trusted: false, why: `"${record.pattern}" is not a pattern of this library` };
  const permissionSet = isPermissionSet(modeled.template.template, modeled.logicalId);
  if (terms.permissionSet || permissionSet) {
    if (!terms.permissionSet || !permissionSet) return { trusted: false, why: `${record.pattern} ${permissionSet ? 'makes roles, not permission sets' : 'makes permission sets, not roles'}` };
    const why = terms.permissionSet(modeled.variants[0].role.properties.Description);
    return why === undefined ? { trusted: true, record, relaxes: terms.relaxes } : { trusted: false, why };
  }
  for (const variant of modeled.variants) {
    const statements = variant.role.trustAllowStatements;
    if (statements.length === 0) return { trusted: false, why: 'its trust policy has no Allow statement to read' };
    for (const statement of statements) {
      const why = brokenTerm(terms, statement);
      if (why !== undefined) return { trusted: false, why: `${statement.location} ${why}` };
    }
  }
  return { trusted: true, record, relaxes: terms.relaxes };
}

function brokenTerm(terms: PatternTerms, statement: PolicyStatement): string | undefined {
  if (statement.principal?.has('?')) return 'names a principal that is decided at deployment';
  for (const term of terms.keeps) {
    const why = term.broken(statement);
    if (why !== undefined) return `breaks "${term.promise}": ${why}`;
  }
  if (statement.conditionsUnreadable && terms.keeps.length > 1) return 'has conditions that are decided at deployment';
  return undefined;
}
