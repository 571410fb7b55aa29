import { Aws, CfnMapping, CfnOutput, Duration, Fn, Stack, Token, aws_iam as iam } from 'aws-cdk-lib';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { Construct } from 'constructs';
import { PrincipalSet, TrustConditions } from './principal-set';
import { PropErrors } from './prop-errors';
import { checkPropShapes, PropShapes, required, shapedProps, Shapes, shapesOf } from './prop-shapes';
import { RolePattern } from './role-pattern';
import { RolePatternProps } from './role-pattern-props';
import { checkPatternProps, ROLE_PATTERN_SHAPES, rolePropsFrom } from './role-pattern-validation';
import { checkSamlMetadata } from './saml-metadata';
import { narrowsKey, onlyPrincipals } from '../checks/trust-invariants';

/** What a SAML subject (`SAML:sub_type`) is. */
export enum SamlSubjectType {
  /** The same subject for a user at every sign-in. */
  PERSISTENT = 'persistent',
  /** A new subject at every sign-in. */
  TRANSIENT = 'transient',
}

/** Which SAML provider, and how its assertions are narrowed. Give exactly one of `samlProvider`, `metadataDocument`. */
export interface SamlTrustOptions {
  /**
   * An existing SAML provider (created elsewhere or imported).
   * @default - give metadataDocument
   */
  readonly samlProvider?: iam.ISamlProvider;

  /**
   * The IdP's metadata document, from which the provider is created and which is checked at synth
   * (well-formed, a SAML IdP, a signing certificate of at least 1,024 bits that has not expired).
   * @default - give samlProvider
   */
  readonly metadataDocument?: iam.SamlMetadataDocument;

  /**
   * The name of the created provider.
   * @default - CloudFormation generates one
   */
  readonly providerName?: string;

  /**
   * Regions whose sign-in endpoint the IdP posts to (`https://<region>.signin.aws.amazon.com/saml`), as
   * well as the global console endpoint.
   * @default - the global console endpoint of the partition only
   */
  readonly signInRegions?: string[];

  /**
   * Whether the IdP sends session tags (for attribute-based access control): allows `sts:TagSession`.
   * @default false
   */
  readonly sessionTags?: boolean;

  /**
   * Whether the IdP sets a source identity: allows `sts:SetSourceIdentity`.
   * @default false
   */
  readonly sourceIdentity?: boolean;

  /**
   * Only these subjects (`SAML:sub`) may sign in to the role.
   * @default - any subject the IdP asserts for the role
   */
  readonly allowedSubjects?: string[];

  /**
   * Only subjects of this type (`SAML:sub_type`).
   * @default - any
   */
  readonly subjectType?: SamlSubjectType;
}

/** Properties of a SamlFederationRole. */
export interface SamlFederationRoleProps extends RolePatternProps, SamlTrustOptions {
  /**
   * Whether to add a stack output with `roleAttributeValue`, the value the IdP needs in its Role attribute.
   * @default false
   */
  readonly exportRoleAttribute?: boolean;
}

/** One directory group and the permissions its role gets. */
export interface SamlGroup {
  /** The group's name, used in the role name (`<rolePrefix>-<name>`): letters, digits and `+=,.@_-`. */
  readonly name: string;

  /**
   * Managed policies of the group's role.
   * @default - none
   */
  readonly managedPolicies?: iam.IManagedPolicy[];

  /**
   * Inline policies of the group's role.
   * @default - none
   */
  readonly inlinePolicies?: { [name: string]: iam.PolicyDocument };

  /**
   * The longest session of the group's role.
   * @default Duration.hours(1)
   */
  readonly maxSessionDuration?: Duration;
}

/** Properties of `SamlFederationRole.forGroups`. */
export interface SamlGroupRolesProps extends SamlTrustOptions {
  /** The directory groups, one role each. */
  readonly groups: SamlGroup[];

  /**
   * The start of every role name. The IdP maps group `<name>` to role `<rolePrefix>-<name>`.
   * @default 'SAML'
   */
  readonly rolePrefix?: string;

  /**
   * Whether to add a stack output per role with its Role attribute value.
   * @default false
   */
  readonly exportRoleAttribute?: boolean;
}

const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;
/** The sign-in host of each partition; SAML:aud is `https://<host>/saml`, or `https://<region>.<host>/saml`. */
const SIGN_IN_HOSTS: Record<string, string> = {
  'aws': 'signin.aws.amazon.com',
  'aws-cn': 'signin.amazonaws.cn',
  'aws-us-gov': 'signin.amazonaws-us-gov.com',
};
const MAPPING_ID = 'CdkIamRolePatternsSamlSignIn';

const SUBJECT_TYPES: readonly string[] = Object.values(SamlSubjectType);
const SAML_TRUST_SHAPES = shapesOf<SamlTrustOptions>({
  samlProvider: Shapes.samlProvider,
  metadataDocument: Shapes.samlMetadata,
  providerName: Shapes.string,
  signInRegions: Shapes.stringList,
  sessionTags: Shapes.boolean,
  sourceIdentity: Shapes.boolean,
  allowedSubjects: Shapes.stringList,
  subjectType: { test: (value) => SUBJECT_TYPES.includes(value as string), accepted: `one of SamlSubjectType (${SUBJECT_TYPES.join(', ')})` },
});
const SAML_ROLE_SHAPES: PropShapes = { ...ROLE_PATTERN_SHAPES, ...SAML_TRUST_SHAPES, exportRoleAttribute: Shapes.boolean };
const SAML_GROUPS_SHAPES = shapesOf<SamlGroupRolesProps>({
  ...SAML_TRUST_SHAPES,
  groups: required(Shapes.objectList),
  rolePrefix: Shapes.string,
  exportRoleAttribute: Shapes.boolean,
});
const SAML_GROUP_SHAPES = shapesOf<SamlGroup>({
  name: required(Shapes.string),
  managedPolicies: ROLE_PATTERN_SHAPES.managedPolicies,
  inlinePolicies: ROLE_PATTERN_SHAPES.inlinePolicies,
  maxSessionDuration: ROLE_PATTERN_SHAPES.maxSessionDuration,
});

/**
 * A role that staff of a corporate identity provider (Active Directory, Entra ID, Okta, ADFS) sign in to
 * through SAML 2.0: `sts:AssumeRoleWithSAML` from one SAML provider, only for assertions addressed to the
 * AWS sign-in endpoint (`SAML:aud`) in the stack's partition.
 *
 * @example
 * new SamlFederationRole(this, 'Analysts', {
 *   metadataDocument: iam.SamlMetadataDocument.fromFile('idp-metadata.xml'),
 *   managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess')],
 * });
 */
export class SamlFederationRole extends RolePattern {
  /**
   * One role per directory group, all trusting one SAML provider (created once from `metadataDocument`),
   * named `<rolePrefix>-<group>` so the IdP can map groups to roles by one rule.
   * @param scope the scope of the roles
   * @param id the id prefix of the roles (and of the provider)
   * @param props the provider and the groups
   */
  public static forGroups(scope: Construct, id: string, props: SamlGroupRolesProps): SamlFederationRole[] {
    const errors = new PropErrors('SamlFederationRole.forGroups', `${scope.node.path}/${id}`);
    props = shapedProps(errors, props, SAML_GROUPS_SHAPES);
    props.groups.forEach((group, i) => checkPropShapes(errors, group, SAML_GROUP_SHAPES, `groups[${i}].`));
    errors.throwIfAny();
    const { groups, rolePrefix, metadataDocument, providerName, samlProvider, ...trust } = props;
    const provider = samlProvider ?? (metadataDocument
      ? createProvider(scope, `${id}Provider`, `${scope.node.path}/${id}`, metadataDocument, providerName) : undefined);
    return groups.map((group) => new SamlFederationRole(scope, `${id}${group.name}`, {
      ...trust,
      samlProvider: provider,
      roleName: `${rolePrefix ?? 'SAML'}-${group.name}`,
      managedPolicies: group.managedPolicies,
      inlinePolicies: group.inlinePolicies,
      maxSessionDuration: group.maxSessionDuration,
    }));
  }

  /** The SAML provider the role trusts. */
  public readonly samlProvider: iam.ISamlProvider;

  /** The value the IdP puts in its `https://aws.amazon.com/SAML/Attributes/Role` attribute: `<role ARN>,<provider ARN>`. */
  public readonly roleAttributeValue: string;

  /**
   * @param scope the scope of the role
   * @param id the id of the role
   * @param props the provider, the narrowing of its assertions, and the role's properties
   */
  constructor(scope: Construct, id: string, props: SamlFederationRoleProps) {
    const provider = samlProviderOf(scope, id, props);
    super(scope, id, rolePropsFrom(props, samlTrust(scope, provider, props),
      'SAML federation role (cdk-iam-role-patterns SamlFederationRole): staff of the corporate IdP through the AWS sign-in endpoint.'), props.checkLimits);
    this.samlProvider = provider.samlProvider;
    this._requireOfEveryTrustStatement(onlyPrincipals('Federated', () => true, 'trusts only the SAML provider'),
      narrowsKey('SAML:aud', 'requires the sign-in audience (SAML:aud) in every statement'));
    for (const warning of provider.warnings) this.warnAtSynth('SamlCertificateExpiresSoon', { certificate: warning });
    this.roleAttributeValue = `${this.roleArn},${this.samlProvider.samlProviderArn}`;
    if (props.exportRoleAttribute) {
      new CfnOutput(this, 'RoleAttribute', { value: this.roleAttributeValue, description: 'The IdP\'s Role attribute value for this role: role ARN,provider ARN' });
    }
  }
}

interface ResolvedProvider {
  readonly samlProvider: iam.ISamlProvider;
  readonly warnings: string[];
}

/** Checks the props and returns the provider to trust, created (from checked metadata) when asked. */
function samlProviderOf(scope: Construct, id: string, props: SamlFederationRoleProps): ResolvedProvider {
  const checked = checkPatternProps('SamlFederationRole', scope, id, props, SAML_ROLE_SHAPES);
  props = checked.props;
  const errors = checked.errors;
  if ((props.samlProvider === undefined) === (props.metadataDocument === undefined)) {
    errors.addConflict('samlProvider, metadataDocument: give exactly one: an existing provider, or the IdP\'s metadata to create one');
  }
  errors.refuseListTokenElements('signInRegions', props.signInRegions, 'each region becomes a sign-in audience CDK writes at synth; give the region names');
  for (const region of props.signInRegions ?? []) errors.checkPattern('signInRegions', region, REGION, 'a region name, such as "eu-west-1"');
  for (const subject of props.allowedSubjects ?? []) errors.checkPattern('allowedSubjects', subject, /^\S+$/, 'a subject is not empty and has no spaces');
  const warnings: string[] = [];
  const xml = props.metadataDocument?.xml;
  if (xml !== undefined && !Token.isUnresolved(xml)) {
    for (const problem of checkSamlMetadata(xml)) {
      if (problem.severity === 'error') errors.add('metadataDocument', `${xml.slice(0, 40).replace(/\s+/g, ' ')}...`, problem.message);
      else warnings.push(problem.message);
    }
  }
  errors.throwIfAny();
  const samlProvider = props.samlProvider ?? new iam.SamlProvider(scope, `${id}Provider`, { metadataDocument: props.metadataDocument!, name: props.providerName });
  return { samlProvider, warnings };
}

/** Creates a provider from metadata checked the same way a role checks it (for roles that share it). */
function createProvider(scope: Construct, id: string, path: string, metadataDocument: iam.SamlMetadataDocument, name?: string): iam.ISamlProvider {
  const errors = new PropErrors('SamlFederationRole.forGroups', path);
  const xml = metadataDocument.xml;
  if (!Token.isUnresolved(xml)) {
    for (const problem of checkSamlMetadata(xml).filter((found) => found.severity === 'error')) errors.add('metadataDocument', `${xml.slice(0, 40)}...`, problem.message);
  }
  errors.throwIfAny();
  return new iam.SamlProvider(scope, id, { metadataDocument, name });
}

/** The SAML provider with `sts:AssumeRoleWithSAML`, the sign-in audiences, and the subject narrowing asked for. */
function samlTrust(scope: Construct, provider: ResolvedProvider, props: SamlTrustOptions): iam.IPrincipal {
  const conditions: TrustConditions = { StringEquals: { 'SAML:aud': signInAudiences(scope, props.signInRegions ?? []) } };
  if (props.allowedSubjects?.length) conditions.StringEquals['SAML:sub'] = props.allowedSubjects;
  if (props.subjectType) conditions.StringEquals['SAML:sub_type'] = props.subjectType;
  const actions = ['sts:AssumeRoleWithSAML', ...(props.sessionTags ? ['sts:TagSession'] : []), ...(props.sourceIdentity ? ['sts:SetSourceIdentity'] : [])];
  return new PrincipalSet('Federated', [provider.samlProvider.samlProviderArn], conditions, actions);
}

/**
 * The console sign-in endpoint of the stack's partition (from a mapping when the partition is only known at
 * deployment; iam.SamlConsolePrincipal assumes the aws partition), and the regional endpoints asked for.
 */
function signInAudiences(scope: Construct, regions: string[]): string[] {
  return [globalSignInAudience(Stack.of(scope)), ...regions.map((region) => `https://${region}.${SIGN_IN_HOSTS[partitionOf(region) ?? 'aws']}/saml`)];
}

/** Each stack's global sign-in audience, made once: a literal, or the same `Fn::FindInMap` token for every role. */
const globalAudiences = new WeakMap<Stack, string>();

function globalSignInAudience(stack: Stack): string {
  let audience = globalAudiences.get(stack);
  if (audience === undefined) {
    audience = partitionSignInAudience(stack);
    globalAudiences.set(stack, audience);
  }
  return audience;
}

function partitionSignInAudience(stack: Stack): string {
  const partition = partitionOf(stack.region);
  if (partition !== undefined) return `https://${SIGN_IN_HOSTS[partition]}/saml`;
  const audiences = Object.fromEntries(Object.entries(SIGN_IN_HOSTS).map(([name, host]) => [name, { audience: `https://${host}/saml` }]));
  const mapping = (stack.node.tryFindChild(MAPPING_ID) as CfnMapping | undefined) ?? new CfnMapping(stack, MAPPING_ID, { mapping: audiences });
  // findInMap tells CDK the mapping is used (else it notes an unused mapping), but its token makes a new
  // Fn::FindInMap token each time it is resolved; the roles share one plain Fn::FindInMap instead (the same
  // template; about 30 ms less per 1,000 roles, as every role is resolved several times per synth).
  mapping.findInMap(Aws.PARTITION, 'audience');
  return Fn.findInMap(mapping.logicalId, Aws.PARTITION, 'audience');
}

/** The partition of a region, when the region is known and has a sign-in host. */
function partitionOf(region: string): string | undefined {
  if (Token.isUnresolved(region)) return undefined;
  const partition = RegionInfo.get(region).partition;
  return partition !== undefined && SIGN_IN_HOSTS[partition] ? partition : undefined;
}
