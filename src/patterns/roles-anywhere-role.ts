import { Duration, Names, Token, aws_iam as iam, aws_rolesanywhere as rolesanywhere } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { PrincipalSet, TrustConditions } from './principal-set';
import { PropErrors } from './prop-errors';
import { required, Shapes, shapesOf } from './prop-shapes';
import { RolePattern } from './role-pattern';
import { RolePatternProps } from './role-pattern-props';
import { checkPatternProps, ONE_HOUR, ROLE_PATTERN_SHAPES, rolePropsFrom } from './role-pattern-validation';
import { RolesAnywhereTrustAnchor } from './roles-anywhere/trust-anchor';
import { literalValues } from './unresolved';
import { onlyPrincipals, pinsWrittenValues } from '../checks/trust-invariants';
import { CERTIFICATE_ISSUER_COMMON_NAME_TAG, CERTIFICATE_SUBJECT_TAGS, ROLES_ANYWHERE_SERVICE } from '../iam/service-principals';

/** The certificate subject that may get the role, and optionally its issuer: each field given must match exactly. Give the common name, or the organizational unit. */
export interface CertificateSubject {
  /**
   * The certificate's common name (CN), such as `backup-agent.onprem.example`.
   * @default - any common name (give organizationalUnit then)
   */
  readonly commonName?: string;

  /**
   * The certificate's organizational unit (OU), such as `Backup`.
   * @default - any organizational unit
   */
  readonly organizationalUnit?: string;

  /**
   * The certificate's organization (O), such as `Ride Co`. Alone, it lets in every certificate the CA issued to the organization, and warns.
   * @default - any organization
   */
  readonly organization?: string;

  /**
   * The common name (CN) of the CA that issued the certificate, such as `Ride Co Issuing CA 2`: narrows a trust anchor whose
   * bundle holds several CAs to one of them. It pins no subject, so give commonName or organizationalUnit as well.
   * @default - any CA of the trust anchor
   */
  readonly issuerCommonName?: string;
}

/** Properties of a RolesAnywhereRole. */
export interface RolesAnywhereRoleProps extends RolePatternProps {
  /** The trust anchor whose certificates may get the role: `RolesAnywhereTrustAnchor.fromCertificateBundle(pem)`, `.fromAcmPrivateCa(arn)` or `.fromTrustAnchorArn(arn)`. */
  readonly trustAnchor: RolesAnywhereTrustAnchor;

  /** The certificate subject that may get the role (`aws:PrincipalTag/x509Subject/CN`, `OU`, `O`). */
  readonly subject: CertificateSubject;

  /**
   * How long a session from the profile lasts (the profile's `DurationSeconds`), from 15 minutes to 12 hours. The
   * role's maximum session follows it unless `maxSessionDuration` is given.
   * @default Duration.hours(1)
   */
  readonly sessionDuration?: Duration;

  /**
   * Whether to make the Roles Anywhere profile that lists this role (the machines name it with the trust anchor and the role).
   * @default true
   */
  readonly createProfile?: boolean;
}

const SUBJECT_VALUE = /^[^*?]{1,1024}$/;
const MIN_SESSION_SECONDS = 900;
const MAX_SESSION_SECONDS = 43200;

const ROLES_ANYWHERE_SHAPES = shapesOf<RolesAnywhereRoleProps>({
  ...ROLE_PATTERN_SHAPES,
  trustAnchor: required({ test: (value: unknown) => value instanceof RolesAnywhereTrustAnchor, accepted: 'a RolesAnywhereTrustAnchor, such as RolesAnywhereTrustAnchor.fromAcmPrivateCa(caArn)' }),
  subject: required({ test: (value: unknown) => typeof value === 'object' && value !== null, accepted: 'a certificate subject, such as { commonName: \'backup-agent.onprem.example\' }' }),
  sessionDuration: Shapes.duration,
  createProfile: Shapes.boolean,
});

/**
 * A role for a server or script outside AWS (on premises, another cloud, a build machine) that holds an X.509
 * certificate instead of access keys: IAM Roles Anywhere exchanges the certificate for temporary credentials. The
 * trust allows `sts:AssumeRole`, `sts:TagSession` and `sts:SetSourceIdentity` to `rolesanywhere.amazonaws.com` only
 * for the trust anchor named (`aws:SourceArn`) and the certificate subject pinned (`aws:PrincipalTag/x509Subject/CN`,
 * `OU`, `O`), as the IAM Roles Anywhere User Guide's trust model describes. Makes the trust anchor from the CA, and the
 * profile, unless given.
 *
 * @example
 * declare const backupWritePolicy: iam.PolicyDocument;
 * new RolesAnywhereRole(this, 'BackupAgent', {
 *   trustAnchor: RolesAnywhereTrustAnchor.fromAcmPrivateCa('arn:aws:acm-pca:eu-west-1:111122223333:certificate-authority/0a1b2c3d-4e5f-6789-abcd-ef0123456789'),
 *   subject: { commonName: 'backup-agent.onprem.example' },
 *   inlinePolicies: { Backups: backupWritePolicy },
 * });
 */
export class RolesAnywhereRole extends RolePattern {
  /** The trust anchor's ARN (the one the trust names). */
  public readonly trustAnchorArn: string;

  /** The trust anchor, when the role made it from a CA. */
  public readonly trustAnchor?: rolesanywhere.CfnTrustAnchor;

  /** The profile that lists the role, unless `createProfile` is false. */
  public readonly profile?: rolesanywhere.CfnProfile;

  /**
   * @param scope the scope of the role
   * @param id the id of the role
   * @param props the trust anchor, the certificate subject, and the role's properties
   */
  constructor(scope: Construct, id: string, props: RolesAnywhereRoleProps) {
    const anchor: BoundAnchor = {};
    super(scope, id, rolesAnywhereRoleProps(scope, id, props, anchor), props.checkLimits);
    this.trustAnchorArn = anchor.arn!;
    this.trustAnchor = anchor.resource;
    const subject = props.subject;
    this._requireOfEveryTrustStatement(
      onlyPrincipals('Service', (value) => value === ROLES_ANYWHERE_SERVICE, `trusts only ${ROLES_ANYWHERE_SERVICE}`),
      pinsWrittenValues('aws:SourceArn', literalValues([this.trustAnchorArn]), 'names the trust anchor (aws:SourceArn) in every statement'),
      ...certificatePins(subject).map(([key, value]) => pinsWrittenValues(key, literalValues([value]), `pins the certificate's ${pinnedField(key)} in every statement`)));
    if (subject.commonName === undefined && subject.organizationalUnit === undefined) {
      this.warnAtSynth('RolesAnywhereSubjectOrganizationOnly', { organization: subject.organization ?? '' });
    }
    if (props.createProfile ?? true) {
      this.profile = new rolesanywhere.CfnProfile(this, 'Profile', {
        name: `${Names.uniqueResourceName(this, { maxLength: 240, separator: '-' })}-profile`,
        roleArns: [this.roleArn],
        durationSeconds: (props.sessionDuration ?? ONE_HOUR).toSeconds(),
        enabled: true,
      });
    }
  }
}

/** The subject's fields, as the principal tags the trust tests. */
function subjectPins(subject: CertificateSubject): [string, string][] {
  const pins: [string, string][] = [];
  if (subject.commonName !== undefined) pins.push([CERTIFICATE_SUBJECT_TAGS.commonName, subject.commonName]);
  if (subject.organizationalUnit !== undefined) pins.push([CERTIFICATE_SUBJECT_TAGS.organizationalUnit, subject.organizationalUnit]);
  if (subject.organization !== undefined) pins.push([CERTIFICATE_SUBJECT_TAGS.organization, subject.organization]);
  return pins;
}

/** The subject's fields and the issuer's common name, as the principal tags the trust tests. */
function certificatePins(subject: CertificateSubject): [string, string][] {
  const pins = subjectPins(subject);
  if (subject.issuerCommonName !== undefined) pins.push([CERTIFICATE_ISSUER_COMMON_NAME_TAG, subject.issuerCommonName]);
  return pins;
}

/** The field a principal tag pins, in words: `CN`, `OU`, `O`, or `issuer's CN`. */
function pinnedField(key: string): string {
  return key === CERTIFICATE_ISSUER_COMMON_NAME_TAG ? 'issuer\'s CN' : key.split('/').pop()!;
}

/** The prop that gives the value of a principal tag. */
function propOf(key: string): string {
  if (key === CERTIFICATE_ISSUER_COMMON_NAME_TAG) return 'subject.issuerCommonName';
  const field = key.split('/').pop();
  return `subject.${field === 'CN' ? 'commonName' : field === 'OU' ? 'organizationalUnit' : 'organization'}`;
}

/** The trust anchor a role's props bound: its ARN, and the resource when the role made it. */
interface BoundAnchor {
  arn?: string;
  resource?: rolesanywhere.CfnTrustAnchor;
}

function rolesAnywhereRoleProps(scope: Construct, id: string, props: RolesAnywhereRoleProps, anchor: BoundAnchor): iam.RoleProps {
  const checked = checkPatternProps('RolesAnywhereRole', scope, id, props, ROLES_ANYWHERE_SHAPES);
  props = checked.props;
  const errors = checked.errors;
  props.trustAnchor._check(errors);
  checkSubject(props.subject, errors);
  const session = checkSession(props, errors);
  errors.throwIfAny();
  const bound = props.trustAnchor._bind(scope, `${id}TrustAnchor`);
  anchor.arn = bound.arn;
  anchor.resource = bound.resource;
  const conditions: TrustConditions = {
    ArnEquals: { 'aws:SourceArn': bound.arn },
    StringEquals: Object.fromEntries(certificatePins(props.subject)),
  };
  const trust = new PrincipalSet('Service', [ROLES_ANYWHERE_SERVICE], conditions, ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity']);
  const name = props.subject.commonName !== undefined && !Token.isUnresolved(props.subject.commonName) ? ` ${props.subject.commonName}` : '';
  return rolePropsFrom({ ...props, maxSessionDuration: props.maxSessionDuration ?? session },
    trust, `IAM Roles Anywhere role (cdk-iam-role-patterns RolesAnywhereRole): certificate${name} of one trust anchor.`);
}

function checkSubject(subject: CertificateSubject, errors: PropErrors): void {
  if (subjectPins(subject ?? {}).length === 0) {
    errors.add('subject', subject, 'pin the certificate subject, such as { commonName: \'backup-agent.onprem.example\' } '
      + '(the issuer alone lets in every certificate its CA issued)');
  }
  for (const [key, value] of certificatePins(subject ?? {})) {
    const prop = propOf(key);
    if (typeof value !== 'string') {
      errors.add(prop, value, 'a string: the exact value of the certificate field');
      continue;
    }
    if (Token.isUnresolved(value)) continue;
    if (!SUBJECT_VALUE.test(value)) {
      errors.add(prop, value, 'the exact value of the certificate field (1 to 1024 characters, no "*" or "?": a wildcard would let in every certificate it matches)');
    }
  }
}

/** The session length: from 15 minutes to 12 hours, and not longer than the role's maximum session. */
function checkSession(props: RolesAnywhereRoleProps, errors: PropErrors): Duration {
  const session = props.sessionDuration ?? ONE_HOUR;
  const seconds = session.toSeconds({ integral: false });
  if (Token.isUnresolved(seconds)) return session;
  if (!Number.isInteger(seconds) || seconds < MIN_SESSION_SECONDS || seconds > MAX_SESSION_SECONDS) {
    errors.add('sessionDuration', session.toHumanString(), 'whole seconds from Duration.minutes(15) to Duration.hours(12), such as Duration.hours(1)');
  }
  const max = props.maxSessionDuration?.toSeconds({ integral: false });
  if (max !== undefined && !Token.isUnresolved(max) && seconds > max) {
    errors.addConflict(`sessionDuration, maxSessionDuration: the profile's session (${session.toHumanString()}) cannot outlast the role's maximum `
      + `(${props.maxSessionDuration!.toHumanString()}); leave maxSessionDuration out, and it follows sessionDuration`);
  }
  return session;
}
