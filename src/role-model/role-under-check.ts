import { append, CfnObject, intrinsicName, isObject, NONE, renderList, renderString } from './cfn-value';
import { isAllow, PolicySource, PolicyStatement, readStatements } from './policy-document';
import { FederatedPrincipal, issuerFromUrl } from '../checks/principals';

/** A CloudFormation template, as far as the checks read it. */
export interface CfnTemplate {
  readonly Resources?: { readonly [logicalId: string]: unknown };
}

/** A customer managed policy (`AWS::IAM::ManagedPolicy`) attached to the role. */
export interface AttachedManagedPolicy {
  readonly logicalId: string;
  readonly document: unknown;
}

/** Everything the rules read about one role: its own properties and the policies attached to it. */
export interface RoleUnderCheck {
  /** The role's logical id in its template. */
  readonly logicalId: string;
  /** The role's `Properties`, as in the template. */
  readonly properties: CfnObject;
  /** Statements of `AssumeRolePolicyDocument`. */
  readonly trustStatements: readonly PolicyStatement[];
  /** Statements of every permission policy: inline, `AWS::IAM::Policy` and `AWS::IAM::ManagedPolicy`. */
  readonly permissionStatements: readonly PolicyStatement[];
  /** The `Allow` statements of the trust policy (read once; most rules look at nothing else). */
  readonly trustAllowStatements: readonly PolicyStatement[];
  /** The `Allow` statements of the permission policies. */
  readonly permissionAllowStatements: readonly PolicyStatement[];
  /** Every `Allow` statement, trust policy first. */
  readonly allowStatements: readonly PolicyStatement[];
  /** Inline policies (the role's `Policies` plus `AWS::IAM::Policy` resources attached to it). */
  readonly inlinePolicies: readonly PolicySource[];
  /** Customer managed policies defined in the same template and attached to the role. */
  readonly managedPolicies: readonly AttachedManagedPolicy[];
  /** Every managed policy ARN attached: `ManagedPolicyArns` plus attached `AWS::IAM::ManagedPolicy` resources. */
  readonly managedPolicyArns: readonly string[];
  /**
   * Tells what a placeholder such as `{{cfn:Ref:GitHubProvider}}` in a `Federated` principal is, when the
   * provider is defined in the same template.
   */
  readonly describeFederated?: (placeholder: string) => FederatedPrincipal | undefined;
  /** The role's tags, key to rendered value. */
  readonly tags: ReadonlyMap<string, string>;
  /** Every resource of the template the role is in, for rules that look beyond the role (its alert rule). */
  readonly templateResources: CfnObject;
}

interface TemplateResource {
  readonly Type?: unknown;
  readonly Properties?: unknown;
}

/** Finds every `AWS::IAM::Role` in a template with the policies attached to it, in one pass over the template. */
export function rolesInTemplate(template: CfnTemplate): RoleUnderCheck[] {
  return [...eachRoleInTemplate(template)];
}

/**
 * Yields the view of each `AWS::IAM::Role` in a template, one at a time: a caller that checks each role and
 * lets it go keeps only one role's view alive, so checking thousands of roles leaves short-lived garbage only.
 */
export function* eachRoleInTemplate(template: CfnTemplate): Generator<RoleUnderCheck> {
  const resources = isObject(template) && isObject(template.Resources) ? template.Resources : {};
  const attachments = policiesByRole(resources);
  const describeFederated = federatedDescriber(resources);
  for (const logicalId in resources) {
    const resource = resources[logicalId];
    if (typeOf(resource) !== 'AWS::IAM::Role') continue;
    const properties = propertiesOf(resource);
    const attached = attachments.get(logicalId) ?? NOTHING_ATTACHED;
    const managed = concat(attached.managed, managedPoliciesReferenced(properties.ManagedPolicyArns, resources, attached));
    yield roleUnderCheck(logicalId, properties, { inline: attached.inline, managed }, describeFederated, resources);
  }
}

const PROVIDER_REFERENCE = /^\{\{cfn:(?:Ref:([^}.]+)|GetAtt:([^}.]+)\.Arn)\}\}$/;

/** Describes a reference to an identity provider defined in the template, from its type and URL. */
function federatedDescriber(resources: CfnObject): (placeholder: string) => FederatedPrincipal | undefined {
  return (placeholder) => {
    const match = PROVIDER_REFERENCE.exec(placeholder);
    const logicalId = match ? match[1] ?? match[2] : undefined;
    if (logicalId === undefined) return undefined;
    const type = typeOf(resources[logicalId]);
    if (type === 'AWS::IAM::SAMLProvider') return { kind: 'saml', value: placeholder };
    if (type !== 'AWS::IAM::OIDCProvider' && type !== 'Custom::AWSCDKOpenIdConnectProvider') return undefined;
    const url = propertiesOf(resources[logicalId]).Url;
    const issuer = typeof url === 'string' ? issuerFromUrl(url) : undefined;
    return { kind: 'oidc', issuer, value: placeholder };
  };
}

interface Attachments {
  readonly inline: readonly PolicySource[];
  readonly managed: readonly AttachedManagedPolicy[];
}

const NOTHING_ATTACHED: Attachments = { inline: NONE, managed: NONE };

/** Indexes `AWS::IAM::Policy` and `AWS::IAM::ManagedPolicy` resources by the role logical ids in their `Roles`. */
function policiesByRole(resources: CfnObject): ReadonlyMap<string, Attachments> {
  const index = new Map<string, { inline: PolicySource[]; managed: AttachedManagedPolicy[] }>();
  const entry = (roleId: string) => {
    let found = index.get(roleId);
    if (!found) {
      found = { inline: [], managed: [] };
      index.set(roleId, found);
    }
    return found;
  };
  for (const logicalId in resources) {
    const resource = resources[logicalId];
    const type = typeOf(resource);
    if (type !== 'AWS::IAM::Policy' && type !== 'AWS::IAM::ManagedPolicy') continue;
    const properties = propertiesOf(resource);
    for (const roleId of referencedRoles(properties.Roles)) {
      if (type === 'AWS::IAM::Policy') {
        entry(roleId).inline.push({ description: `policy ${logicalId}`, document: properties.PolicyDocument });
      } else {
        entry(roleId).managed.push({ logicalId, document: properties.PolicyDocument });
      }
    }
  }
  return index;
}

/** `AWS::IAM::ManagedPolicy` resources named by `{ Ref }` in `ManagedPolicyArns` and not already attached by `Roles`. */
function managedPoliciesReferenced(arns: unknown, resources: CfnObject, attached: Attachments): readonly AttachedManagedPolicy[] {
  if (!Array.isArray(arns)) return NONE;
  let found: AttachedManagedPolicy[] | undefined;
  for (const arn of arns) {
    const ref = isObject(arn) && typeof arn.Ref === 'string' ? arn.Ref : undefined;
    if (ref === undefined || typeOf(resources[ref]) !== 'AWS::IAM::ManagedPolicy') continue;
    if (attached.managed.some((policy) => policy.logicalId === ref)) continue;
    found = append(found, { logicalId: ref, document: propertiesOf(resources[ref]).PolicyDocument });
  }
  return found ?? NONE;
}

/** Builds the view of one role that rules read. */
export function roleUnderCheck(
  logicalId: string,
  properties: CfnObject,
  attached?: Attachments,
  describeFederated?: (placeholder: string) => FederatedPrincipal | undefined,
  templateResources: CfnObject = {},
): RoleUnderCheck {
  const inlinePolicies = concat(ownInlinePolicies(properties.Policies), attached?.inline ?? NONE);
  const managedPolicies = attached?.managed ?? NONE;
  const managedPolicyArns = concat(renderList(properties.ManagedPolicyArns), unlistedPolicyArns(managedPolicies, properties.ManagedPolicyArns));
  const permissionSources = concat(inlinePolicies, managedPolicySources(managedPolicies));
  const trustStatements = readStatements({ description: 'trust policy', document: properties.AssumeRolePolicyDocument });
  const permissionStatements = permissionSources.length === 1 ? readStatements(permissionSources[0]) : permissionSources.flatMap(readStatements);
  const trustAllowStatements = allowsOf(trustStatements);
  const permissionAllowStatements = allowsOf(permissionStatements);
  return {
    logicalId,
    properties,
    trustStatements,
    permissionStatements,
    trustAllowStatements,
    permissionAllowStatements,
    allowStatements: concat(trustAllowStatements, permissionAllowStatements),
    inlinePolicies,
    managedPolicies,
    managedPolicyArns,
    describeFederated,
    tags: tagsOf(properties.Tags),
    templateResources,
  };
}

/** Placeholders for the attached managed policies that `ManagedPolicyArns` does not already name. */
function unlistedPolicyArns(managedPolicies: readonly AttachedManagedPolicy[], managedPolicyArns: unknown): readonly string[] {
  if (managedPolicies.length === 0) return NONE;
  return managedPolicies.filter((policy) => !isReferencedIn(policy.logicalId, managedPolicyArns)).map((policy) => `{{cfn:Ref:${policy.logicalId}}}`);
}

/** The documents of the attached managed policies, described for messages. */
function managedPolicySources(managedPolicies: readonly AttachedManagedPolicy[]): readonly PolicySource[] {
  if (managedPolicies.length === 0) return NONE;
  return managedPolicies.map((policy) => ({ description: `managed policy ${policy.logicalId}`, document: policy.document }));
}

/** Both lists in one; one of them itself when the other is empty (this runs for every role). */
function concat<T>(first: readonly T[], second: readonly T[]): readonly T[] {
  if (second.length === 0) return first;
  return first.length === 0 ? second : [...first, ...second];
}

const NO_TAGS: ReadonlyMap<string, string> = new Map();

function tagsOf(raw: unknown): ReadonlyMap<string, string> {
  if (!Array.isArray(raw) || raw.length === 0) return NO_TAGS;
  const tags = new Map<string, string>();
  for (const tag of raw.filter(isObject)) {
    const key = renderString(tag.Key);
    if (key !== undefined) tags.set(key, renderString(tag.Value) ?? '');
  }
  return tags;
}

function ownInlinePolicies(raw: unknown): readonly PolicySource[] {
  if (!Array.isArray(raw) || raw.length === 0) return NONE;
  let policies: PolicySource[] | undefined;
  for (const policy of raw) {
    if (!isObject(policy)) continue;
    const description = typeof policy.PolicyName === 'string' ? `inline policy "${policy.PolicyName}"` : `inline policy ${(policies?.length ?? 0) + 1}`;
    policies = append(policies, { description, document: policy.PolicyDocument });
  }
  return policies ?? NONE;
}

/** The `Allow` statements: the list itself when every statement allows (the usual case, and no copy). */
function allowsOf(statements: readonly PolicyStatement[]): readonly PolicyStatement[] {
  return statements.every(isAllow) ? statements : statements.filter(isAllow);
}

/** The logical ids in a `Roles` list written as `{ Ref: LogicalId }`. */
function referencedRoles(raw: unknown): string[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter((item) => intrinsicName(item) === 'Ref' && typeof (item as CfnObject).Ref === 'string')
    .map((item) => (item as CfnObject).Ref as string);
}

function isReferencedIn(logicalId: string, managedPolicyArns: unknown): boolean {
  return Array.isArray(managedPolicyArns)
    && managedPolicyArns.some((arn) => isObject(arn) && arn.Ref === logicalId);
}

function typeOf(resource: unknown): string | undefined {
  return isObject(resource) && typeof (resource as TemplateResource).Type === 'string'
    ? (resource as TemplateResource).Type as string : undefined;
}

function propertiesOf(resource: unknown): CfnObject {
  const properties = isObject(resource) ? (resource as TemplateResource).Properties : undefined;
  return isObject(properties) ? properties : {};
}
