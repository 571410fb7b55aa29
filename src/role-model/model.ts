import { AdministratorRoles } from './administrator-roles';
import { append, CfnObject, intrinsicName, isObject, NONE, renderString, UNKNOWN } from './cfn-value';
import { federatedDescriber, FederatedDescriber } from './federated-provider';
import {
  chooseBranches, ConditionLogic, conditionCombinations, conditionsTested, ConditionValues, MAX_COMBINATIONS, NO_VALUE,
} from './fn-if';
import { LANGUAGE_EXTENSIONS } from './language-extensions';
import { LiteralIntrinsics, literalParameters } from './literal-intrinsics';
import { PatternRecord, patternRecordOf } from './pattern-record';
import { permissionSetRoles, PermissionSetRoles } from './permission-sets';
import { PolicySource, Subject } from './policy-document';
import { isAbsent, readPolicyJson } from './policy-json';
import { References, ResourceRef } from './references';
import { AttachedManagedPolicy, ModelWarning, roleUnderCheck, RoleUnderCheck } from './role-under-check';
import { samRoles, SAM_TRANSFORM, transformsOf } from './sam';
import { CfnTemplate, conditionOf, ModelTemplate, parametersPassed, propertiesOf, resourcePath, resourcesOf, typeOf } from './template';
import { transformSites } from './transforms';
import { doorsByLiteralRoleName } from '../checks/break-glass';

/**
 * The role model: a template, or every template of a cloud assembly, turned into the roles as IAM will see
 * them after deployment. Each role comes with its trust policy and every permission that reaches it,
 * whatever the route (inline, `AWS::IAM::Policy`, `AWS::IAM::RolePolicy`, customer managed policies by
 * `Roles`, `Ref`, `Fn::GetAtt`, name or another stack's export, AWS managed policies by ARN), policy documents
 * written as JSON strings read as documents, and one variant per combination of the conditions its `Fn::If`s
 * test. SAM's serverless resources count as the roles the transform will create. What the model cannot
 * follow is reported (`unresolvedAttachments`, `notes`, a warning on the role), never dropped.
 *
 * The CLI, `RoleChecks` and each role pattern's self-check all read roles through this one model.
 */

/** One way a role can be deployed: its view, and the condition values it is deployed under. */
export interface RoleVariant {
  readonly role: RoleUnderCheck;
  /** The values of the conditions the role's `Fn::If`s test; absent when it tests none. */
  readonly when?: ConditionValues;
}

/** A role in the model. */
export interface ModeledRole {
  readonly template: ModelTemplate;
  /** Its logical id in its template (for a SAM function's role, the id the transform gives it: `<Function>Role`). */
  readonly logicalId: string;
  /** Its logical id behind the nested stacks that deploy its template: `Network.NestedStackResource/AppRole`. */
  readonly path: string;
  /** One variant per combination of conditions that gives a different role; one when it tests none. */
  readonly variants: readonly RoleVariant[];
  /** What the role pattern that made the role recorded of itself, when one did. */
  readonly record?: PatternRecord;
}

/** A policy that names a role the model cannot find in the templates it read. */
export interface UnresolvedAttachment {
  readonly file: string;
  /** The policy's path (logical id behind nested stacks). */
  readonly resource: string;
  /** The property that names the role, e.g. `Roles[0]`. */
  readonly property: string;
  /** The role name or reference as rendered. */
  readonly reference: string;
}

/** Something the model could not read in a template, in words: roles or statements that were not checked. */
export interface ModelNote {
  readonly file: string;
  /** The resource it is in (its path behind nested stacks), when it is in one; absent for the template as a whole (a transform). */
  readonly resource?: string;
  readonly message: string;
}

/**
 * The most role variants one model makes with up to `MAX_COMBINATIONS` each: past it, a role with conditions is
 * checked under all-true and all-false only (and says so), so no template of any shape costs more than about
 * this many checks of its largest roles plus two per further role.
 */
export const MAX_VARIANTS = 8192;

/** A template whose text names no permission set has none (the reader's hint spares the scan of its resources). */
const NO_PERMISSION_SETS: PermissionSetRoles = { roles: {}, notes: [] };
const MIN_COMBINATIONS = 2;

const ROLE_TYPES: ReadonlySet<string> = new Set(['AWS::IAM::Role']);
const MANAGED_POLICY_TYPES: ReadonlySet<string> = new Set(['AWS::IAM::ManagedPolicy']);

/** A policy resource attached to a role. */
interface Attachment {
  readonly template: ModelTemplate;
  readonly logicalId: string;
  readonly kind: 'inline' | 'managed';
  /** The property that names the role (`Roles`, `RoleName`): when it holds a `Fn::If`, each variant reads it again. */
  readonly roleProperty: string;
}

/** What the model keeps per template: its SAM roles and permission sets, conditions, and the describer of its identity providers. */
interface TemplateFacts {
  readonly implicitRoles: CfnObject;
  readonly logic: ConditionLogic;
  readonly hasConditions: boolean;
  readonly describeFederated: FederatedDescriber;
  /** The template's intrinsics whose values are literal (mappings, splits), when it has any. */
  readonly literals?: LiteralIntrinsics;
}

export class RoleModel {
  /** Policies that name a role the model could not find. */
  public readonly unresolvedAttachments: UnresolvedAttachment[] = [];
  /** Parts of the templates that were not read: other transforms, unknown SAM policy templates. */
  public readonly notes: ModelNote[] = [];

  private readonly facts = new Map<ModelTemplate, TemplateFacts>();
  private readonly attachments = new Map<ModelTemplate, Map<string, Attachment[]>>();
  /** The logical ids of each template's roles, found in the one pass that indexes attachments. */
  private readonly roleIds = new Map<ModelTemplate, string[]>();
  private readonly references: References;
  /** The administrator roles of the templates: passing or assuming one is a way to become an administrator. */
  private readonly administrators: AdministratorRoles;
  /** Whether a rule of any template watches the `AssumeRole` calls of a role by its literal name (lower-cased); made on first use. */
  private assumeRoleWatchedByName?: (name: string) => boolean;
  /** The variants still to be made with every combination of conditions; after that, roles get all-true and all-false only. */
  private variantBudget = MAX_VARIANTS;

  constructor(private readonly templates: readonly ModelTemplate[]) {
    for (const template of templates) this.facts.set(template, this.readFacts(template));
    this.references = new References(templates, (template) => this.factsOf(template).implicitRoles);
    for (const template of templates) this.indexAttachments(template);
    this.administrators = new AdministratorRoles(templates, (template, logicalId) => this.attachedDocuments(template, logicalId));
  }

  /** The documents of the policy resources attached to a role, as written (the shared empty list for most roles, which have none). */
  private attachedDocuments(template: ModelTemplate, logicalId: string): readonly unknown[] {
    const attached = this.attachments.get(template)?.get(logicalId);
    if (attached === undefined) return NONE;
    return attached.map((attachment) => propertiesOf(resourcesOf(attachment.template.template)[attachment.logicalId]).PolicyDocument);
  }

  /** Where each role of every template is, without modeling it: its template, logical id and path. */
  public *roleRefs(): Generator<{ readonly template: ModelTemplate; readonly logicalId: string; readonly path: string }> {
    for (const template of this.templates) {
      for (const logicalId of this.roleIds.get(template) ?? NONE) yield { template, logicalId, path: resourcePath(template, logicalId) };
      for (const logicalId in this.factsOf(template).implicitRoles) yield { template, logicalId, path: resourcePath(template, logicalId) };
    }
  }

  /** One role of the model, modeled when asked for (a baseline compares only the roles that changed). */
  public role(template: ModelTemplate, logicalId: string): ModeledRole | undefined {
    const resource = this.factsOf(template).implicitRoles[logicalId] ?? resourcesOf(template.template)[logicalId];
    return resource === undefined ? undefined : this.modelRole(template, logicalId, resource);
  }

  /** Every role of every template, one at a time (a caller that checks each and lets it go keeps one alive). */
  public *roles(): Generator<ModeledRole> {
    for (const template of this.templates) {
      const resources = resourcesOf(template.template);
      for (const logicalId of this.roleIds.get(template) ?? NONE) yield this.modelRole(template, logicalId, resources[logicalId]);
      const implicit = this.factsOf(template).implicitRoles;
      for (const logicalId in implicit) yield this.modelRole(template, logicalId, implicit[logicalId]);
    }
  }

  private readFacts(template: ModelTemplate): TemplateFacts {
    const sam = samRoles(template.template);
    const permissionSets = template.namesPermissionSet === false ? NO_PERMISSION_SETS : permissionSetRoles(template.template);
    for (const note of [...sam.notes, ...permissionSets.notes]) {
      this.notes.push({ file: template.file, resource: resourcePath(template, note.resource), message: note.message });
    }
    for (const transform of transformsOf(template.template)) {
      if (transform !== SAM_TRANSFORM && transform !== LANGUAGE_EXTENSIONS) {
        this.notes.push({ file: template.file, message: `the template uses the transform ${transform}, which this tool does not expand: roles and policies it makes or changes were not checked` });
      }
    }
    for (const site of transformSites(template.template, template.namesTransform)) {
      this.notes.push(site.resource === undefined
        ? { file: template.file, message: `${site.path}: a macro makes resources at deployment; roles and policies it makes were not checked` }
        : {
          file: template.file,
          resource: resourcePath(template, site.resource),
          message: `${resourcePath(template, site.resource)} ${site.path}: Fn::Transform `
          + 'is replaced by what a macro returns at deployment (AWS::Include or another), so what it holds was not checked',
        });
    }
    const conditions = isObject(template.template) ? template.template.Conditions : undefined;
    const parent = template.parent;
    const passed = parent ? literalParameters(parametersPassed(resourcesOf(parent.template.template)[parent.logicalId])) : undefined;
    return {
      // the roles the template does not write as AWS::IAM::Role: SAM's, and Identity Center's from permission sets
      implicitRoles: Object.keys(permissionSets.roles).length === 0 ? sam.roles : { ...sam.roles, ...permissionSets.roles },
      logic: new ConditionLogic(conditions, isObject(template.template) ? template.template.Parameters : undefined),
      hasConditions: isObject(conditions) && Object.keys(conditions).length > 0,
      describeFederated: federatedDescriber(resourcesOf(template.template)),
      literals: LiteralIntrinsics.needed(template.template, template, passed)
        ? new LiteralIntrinsics(template.template, passed) : undefined,
    };
  }

  private factsOf(template: ModelTemplate): TemplateFacts {
    return this.facts.get(template)!;
  }

  /** Indexes the template's `AWS::IAM::Policy`, `AWS::IAM::RolePolicy` and `AWS::IAM::ManagedPolicy` resources by the roles they name. */
  private indexAttachments(template: ModelTemplate): void {
    const resources = resourcesOf(template.template);
    const roles: string[] = [];
    this.roleIds.set(template, roles);
    for (const logicalId in resources) {
      const type = typeOf(resources[logicalId]);
      if (type === 'AWS::IAM::Role') roles.push(logicalId);
      if (type !== 'AWS::IAM::Policy' && type !== 'AWS::IAM::ManagedPolicy' && type !== 'AWS::IAM::RolePolicy') continue;
      const properties = propertiesOf(resources[logicalId]);
      const kind = type === 'AWS::IAM::ManagedPolicy' ? 'managed' : 'inline';
      if (type === 'AWS::IAM::RolePolicy') {
        this.attach(template, logicalId, kind, 'RoleName', properties.RoleName);
      } else if (Array.isArray(properties.Roles)) {
        properties.Roles.forEach((item, i) => this.attach(template, logicalId, kind, `Roles[${i}]`, item, 'Roles'));
      } else if (properties.Roles !== undefined) {
        this.attach(template, logicalId, kind, 'Roles', properties.Roles);
      }
    }
  }

  private attach(template: ModelTemplate, logicalId: string, kind: Attachment['kind'], property: string, reference: unknown, roleProperty = property): void {
    if (reference === undefined) return;
    const found = this.references.resolve(reference, template, ROLE_TYPES);
    if (found.length === 0) {
      const resource = resourcePath(template, logicalId);
      this.unresolvedAttachments.push({ file: template.file, resource, property, reference: renderString(reference) ?? UNKNOWN });
      return;
    }
    for (const role of found) {
      let byRole = this.attachments.get(role.template);
      if (!byRole) this.attachments.set(role.template, byRole = new Map());
      const list = byRole.get(role.logicalId);
      const attachment = { template, logicalId, kind, roleProperty };
      if (list?.some((known) => known.template === template && known.logicalId === logicalId)) continue;
      byRole.set(role.logicalId, append(list, attachment));
    }
  }

  private modelRole(template: ModelTemplate, logicalId: string, resource: unknown): ModeledRole {
    const attached = this.attachments.get(template)?.get(logicalId) ?? NONE;
    const facts = this.factsOf(template);
    const properties = propertiesOf(resource);
    const path = resourcePath(template, logicalId);
    const record = patternRecordOf(resource);
    const tested = facts.hasConditions ? this.conditionsOfRole(template, resource, attached) : undefined;
    if (tested === undefined) {
      return { template, logicalId, path, record, variants: [{ role: this.variant(template, logicalId, properties, attached, NO_CONDITIONS) }] };
    }
    const budgeted = this.variantBudget < MAX_COMBINATIONS;
    const { combinations, limitedFrom } = conditionCombinations(tested, facts.logic, budgeted ? MIN_COMBINATIONS : MAX_COMBINATIONS);
    this.variantBudget -= combinations.length;
    const roleCondition = conditionOf(resource);
    const limited: ModelWarning | undefined = limitedFrom === undefined ? undefined : {
      rule: 'ConditionCombinationsLimited',
      message: !budgeted
        ? `the role depends on ${limitedFrom} values that a deployment decides (parameters and conditions), with more combinations than the `
          + `${MAX_COMBINATIONS} that are checked in full; only ${combinations.length} combinations were checked (all true, all false, and some with one value changed)`
        : `the roles of the templates depend on more combinations of conditions than are checked in one run (${MAX_VARIANTS} in all), so this role, `
          + `which depends on ${limitedFrom} conditions, was checked under ${combinations.length} combinations only (all true and all false)`,
    };
    const variants: RoleVariant[] = [];
    for (const when of combinations) {
      if (roleCondition !== undefined && when.get(roleCondition) === false) continue; // the role is not created
      const chosen = chooseBranches(properties, when);
      variants.push({ role: this.variant(template, logicalId, isObject(chosen) ? chosen : {}, attached, when, limited), when });
    }
    return { template, logicalId, path, record, variants };
  }

  /** The conditions a role's `Fn::If`s and `Condition` attributes test, its own and those of the policies that reach it. */
  private conditionsOfRole(template: ModelTemplate, resource: unknown, attached: readonly Attachment[]): Set<string> | undefined {
    let found = conditionsTested(propertiesOf(resource));
    const addCondition = (name: string | undefined) => {
      if (name !== undefined) (found ??= new Set()).add(name);
    };
    addCondition(conditionOf(resource));
    for (const attachment of attached) {
      const policy = resourcesOf(attachment.template.template)[attachment.logicalId];
      found = conditionsTested(propertiesOf(policy), found);
      addCondition(conditionOf(policy));
    }
    for (const ref of this.managedPoliciesNamed(template, propertiesOf(resource).ManagedPolicyArns)) {
      const policy = resourcesOf(ref.template.template)[ref.logicalId];
      found = conditionsTested(propertiesOf(policy), found);
      addCondition(conditionOf(policy));
    }
    return found;
  }

  /** The view of the role under one combination of conditions. */
  private variant(template: ModelTemplate, logicalId: string, properties: CfnObject, attached: readonly Attachment[], when: ConditionValues,
    limited?: ModelWarning): RoleUnderCheck {
    const path = resourcePath(template, logicalId);
    let warnings: ModelWarning[] | undefined = limited ? [limited] : undefined;
    const warn = (message: string) => { warnings = append(warnings, { rule: 'UnreadablePolicyDocument', message }); };
    const deployed = deployedProperties(this.literalsResolved(template, properties) as CfnObject, path, warn);
    let inline: PolicySource[] | undefined;
    let managed: AttachedManagedPolicy[] | undefined;
    for (const attachment of attached) {
      const policy = resourcesOf(attachment.template.template)[attachment.logicalId];
      if (!this.reaches(attachment, policy, template, logicalId, when)) continue;
      const description = this.describePolicy(attachment, template);
      const document = documentUnder(this.literalsResolved(attachment.template, policy), when, description, warn);
      const subject = policySubject(attachment, template);
      if (attachment.kind === 'inline') {inline = append(inline, { description, document, subject });} else {
        const inOther = inOtherTemplate(attachment, template, description);
        managed = addManaged(managed, { logicalId: attachment.logicalId, document, subject, description: inOther });
      }
    }
    for (const ref of this.managedPoliciesNamed(template, deployed.ManagedPolicyArns)) {
      if (managed?.some((known) => known.logicalId === ref.logicalId)) continue;
      const policy = resourcesOf(ref.template.template)[ref.logicalId];
      if (!conditionHolds(policy, when)) continue;
      const description = this.describePolicy({ ...ref, kind: 'managed' }, template);
      managed = addManaged(managed, {
        logicalId: ref.logicalId,
        document: documentUnder(this.literalsResolved(ref.template, policy), when, description, warn),
        subject: policySubject(ref, template),
        description: inOtherTemplate(ref, template, description),
      });
    }
    const facts = this.factsOf(template);
    return roleUnderCheck(logicalId, deployed, {
      path: ['Resources', madeBy(this.factsOf(template).implicitRoles[logicalId] ?? resourcesOf(template.template)[logicalId], logicalId)],
      attached: inline || managed ? { inline: inline ?? NONE, managed: managed ?? NONE } : undefined,
      describeFederated: facts.describeFederated,
      templateResources: resourcesOf(template.template),
      modelWarnings: warnings,
      administratorRole: this.administrators.any ? (resource) => this.administrators.named(template, resource) : undefined,
      assumeRoleAlertedByName: (name) => this.assumeRoleAlertedByName(name),
    });
  }

  /**
   * Whether an alert rule of any template read watches `AssumeRole` calls of the role with this literal name: a
   * rule in another stack (another region's forwarding stack, a monitoring stack) names the role by its ARN.
   */
  private assumeRoleAlertedByName(name: string): boolean {
    if (!this.assumeRoleWatchedByName) {
      const names = new Set<string>();
      for (const template of this.templates) {
        for (const [watched, rules] of doorsByLiteralRoleName(resourcesOf(template.template))) {
          if (rules.some((rule) => rule.door === 'AssumeRole')) names.add(watched);
        }
      }
      this.assumeRoleWatchedByName = (watched) => names.has(watched);
    }
    return this.assumeRoleWatchedByName(name);
  }

  /** A value of a template with the intrinsics whose values are literal resolved (the value itself when there are none). */
  private literalsResolved(template: ModelTemplate, value: unknown): unknown {
    const literals = this.factsOf(template).literals;
    return literals ? literals.resolve(value) : value;
  }

  /** Whether an attached policy reaches the role under the conditions: it exists, and its `Roles` still name the role. */
  private reaches(attachment: Attachment, policy: unknown, template: ModelTemplate, logicalId: string, when: ConditionValues): boolean {
    if (!conditionHolds(policy, when)) return false;
    if (when.size === 0) return true;
    const raw = propertiesOf(policy)[attachment.roleProperty];
    if (conditionsTested(raw) === undefined) return true;
    const chosen = chooseBranches(raw, when);
    const items = Array.isArray(chosen) ? chosen : [chosen];
    return items.some((item) => this.references.resolve(item, attachment.template, ROLE_TYPES)
      .some((role) => role.template === template && role.logicalId === logicalId));
  }

  /** The customer managed policies that `ManagedPolicyArns` names, in any template read. */
  private managedPoliciesNamed(template: ModelTemplate, arns: unknown): readonly ResourceRef[] {
    if (!Array.isArray(arns)) return NONE;
    let found: ResourceRef[] | undefined;
    for (const arn of arns) {
      if (typeof arn === 'string' && arn.includes(':iam::aws:policy/')) continue; // an AWS managed policy
      for (const ref of this.references.resolve(arn, template, MANAGED_POLICY_TYPES)) found = append(found, ref);
    }
    return found ?? NONE;
  }

  private describePolicy(attachment: Pick<Attachment, 'template' | 'logicalId' | 'kind'>, roleTemplate: ModelTemplate): string {
    const type = typeOf(resourcesOf(attachment.template.template)[attachment.logicalId]);
    const noun = type === 'AWS::IAM::RolePolicy' ? 'role policy' : attachment.kind === 'managed' ? 'managed policy' : 'policy';
    const where = attachment.template === roleTemplate ? '' : ` (in ${attachment.template.file})`;
    return `${noun} ${resourcePath(attachment.template, attachment.logicalId)}${where}`;
  }
}

const NO_CONDITIONS: ConditionValues = new Map();

/** Where a policy resource's document is written: its `PolicyDocument`, in its own template. */
function policySubject(policy: { readonly template: ModelTemplate; readonly logicalId: string }, roleTemplate: ModelTemplate): Subject {
  const path = ['Resources', policy.logicalId, 'Properties', 'PolicyDocument'];
  return policy.template === roleTemplate ? { path } : { path, file: policy.template.file };
}

/** The resource written in the template that makes a role: the role, or the SAM function whose role the transform creates. */
function madeBy(resource: unknown, logicalId: string): string {
  const metadata = isObject(resource) ? resource.Metadata : undefined;
  return isObject(metadata) && typeof metadata.SamResource === 'string' ? metadata.SamResource : logicalId;
}

/** A managed policy's description when it is in another template than the role (in its own, `managed policy <id>` is enough). */
function inOtherTemplate(policy: { readonly template: ModelTemplate }, roleTemplate: ModelTemplate, description: string): string | undefined {
  return policy.template === roleTemplate ? undefined : description;
}

/** A policy resource's document as deployed under the conditions (its `Fn::If`s chosen, a JSON string read). */
function documentUnder(policy: unknown, when: ConditionValues, description: string, warn: (message: string) => void): unknown {
  const written = propertiesOf(policy).PolicyDocument;
  const chosen = when.size === 0 ? written : chooseBranches(written, when);
  return readDocument(chosen, `${description}, PolicyDocument`, warn);
}

function conditionHolds(resource: unknown, when: ConditionValues): boolean {
  const condition = conditionOf(resource);
  return condition === undefined || when.get(condition) !== false;
}

function addManaged(list: AttachedManagedPolicy[] | undefined, policy: AttachedManagedPolicy): AttachedManagedPolicy[] {
  if (list?.some((known) => known.logicalId === policy.logicalId && known.description === policy.description)) return list;
  return append(list, policy);
}

/**
 * The role's properties with its policy documents as objects: a trust policy or inline policy written as a
 * JSON string is parsed (the properties are copied only then); one that cannot be read is warned about.
 */
function deployedProperties(properties: CfnObject, path: string, warn: (message: string) => void): CfnObject {
  let copy: Record<string, unknown> | undefined;
  const trust = properties.AssumeRolePolicyDocument;
  if (trust !== undefined && !isPlainDocument(trust)) {
    copy = { ...properties, AssumeRolePolicyDocument: readDocument(trust, `${path}, AssumeRolePolicyDocument`, warn) };
  }
  const policies = properties.Policies;
  if (Array.isArray(policies) && policies.some(isWrittenAsString)) {
    copy ??= { ...properties };
    copy.Policies = policies.map((policy, i) => {
      if (!isObject(policy) || isPlainDocument(policy.PolicyDocument)) return policy;
      const name = typeof policy.PolicyName === 'string' ? `"${policy.PolicyName}"` : String(i + 1);
      return { ...policy, PolicyDocument: readDocument(policy.PolicyDocument, `${path}, inline policy ${name}`, warn) };
    });
  }
  return copy ?? properties;
}

/** Whether an inline policy's document is written other than as an object (a JSON string, an intrinsic). */
function isWrittenAsString(policy: unknown): boolean {
  return isObject(policy) && policy.PolicyDocument !== undefined && !isPlainDocument(policy.PolicyDocument);
}

/** Whether a document is written as an object (not a string, not an intrinsic function that makes one). */
function isPlainDocument(value: unknown): boolean {
  return isObject(value) && intrinsicName(value) === undefined;
}

/** A policy document as an object, or undefined with a warning when it cannot be read. */
function readDocument(value: unknown, where: string, warn: (message: string) => void): unknown {
  if (value === NO_VALUE) return undefined;
  if (isPlainDocument(value)) return value;
  const reading = readPolicyJson(value);
  if (reading.document) return reading.document;
  if (!isAbsent(reading)) warn(`${where} cannot be read: ${reading.problem}. Its statements were not checked`);
  return undefined;
}

/**
 * The roles of one template, each in its first variant (the one with every condition true): for reports and
 * tests that look at a role's shape rather than its findings.
 */
export function rolesInTemplate(template: CfnTemplate): RoleUnderCheck[] {
  const roles: RoleUnderCheck[] = [];
  for (const modeled of new RoleModel([{ file: 'template', template }]).roles()) {
    if (modeled.variants.length > 0) roles.push(modeled.variants[0].role);
  }
  return roles;
}
