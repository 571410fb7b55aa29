import { append, CfnObject, isObject, NONE, renderList, renderString } from './cfn-value';
import { FederatedDescriber } from './federated-provider';
import { isAllow, PolicySource, PolicyStatement, readStatements, Subject, TemplatePath } from './policy-document';
import { awsManagedPolicy } from '../iam/managed-policies';

export type { CfnTemplate } from './template';

/**
 * The trust policy's place under a role's path. Paths are made with `concat`, which makes an array of the exact size:
 * an array literal with a spread (`[...path, 'Properties']`) grows one and takes about two and a half times the memory,
 * for every role of every run.
 */
const TRUST_POLICY_PATH: readonly string[] = ['Properties', 'AssumeRolePolicyDocument'];

/** A customer managed policy (`AWS::IAM::ManagedPolicy`) attached to the role. */
export interface AttachedManagedPolicy {
  readonly logicalId: string;
  readonly document: unknown;
  /** Where its document is written. */
  readonly subject?: Subject;
  /** How the policy is named in messages, when not `managed policy <logicalId>` (another stack's policy). */
  readonly description?: string;
}

/** Something the role model could not read about a role, reported by the rule of the same name. */
export interface ModelWarning {
  /** The rule that reports it: `UnreadablePolicyDocument` or `ConditionCombinationsLimited`. */
  readonly rule: 'UnreadablePolicyDocument' | 'ConditionCombinationsLimited';
  /** What could not be read and why, for the finding's message. */
  readonly message: string;
}

/** Everything the rules read about one role as IAM will see it: its own properties and every policy that reaches it. */
export interface RoleUnderCheck {
  /** The role's logical id in its template. */
  readonly logicalId: string;
  /** The path of the resource that makes the role in its template (`['Resources', id]`; a SAM function's for its implicit role). */
  readonly path: TemplatePath;
  /** The role's `Properties` as deployed: `Fn::If` branches chosen, policy documents written as JSON strings parsed. */
  readonly properties: CfnObject;
  /** Statements of `AssumeRolePolicyDocument`. */
  readonly trustStatements: readonly PolicyStatement[];
  /** Statements of every permission policy: inline, `AWS::IAM::Policy`, `AWS::IAM::RolePolicy` and `AWS::IAM::ManagedPolicy`. */
  readonly permissionStatements: readonly PolicyStatement[];
  /** The `Allow` statements of the trust policy (read once; most rules look at nothing else). */
  readonly trustAllowStatements: readonly PolicyStatement[];
  /** The `Allow` statements of the permission policies. */
  readonly permissionAllowStatements: readonly PolicyStatement[];
  /** Every `Allow` statement, trust policy first. */
  readonly allowStatements: readonly PolicyStatement[];
  /** Inline policies: the role's `Policies`, and `AWS::IAM::Policy` and `AWS::IAM::RolePolicy` resources attached to it. */
  readonly inlinePolicies: readonly PolicySource[];
  /** Customer managed policies defined in the templates read and attached to the role. */
  readonly managedPolicies: readonly AttachedManagedPolicy[];
  /** Every managed policy ARN attached: `ManagedPolicyArns` plus attached `AWS::IAM::ManagedPolicy` resources. */
  readonly managedPolicyArns: readonly string[];
  /**
   * Tells what a placeholder such as `{{cfn:Ref:GitHubProvider}}` in a `Federated` principal is, when the
   * provider is defined in the same template.
   */
  readonly describeFederated?: FederatedDescriber;
  /** The role's tags, key to rendered value. */
  readonly tags: ReadonlyMap<string, string>;
  /** Every resource of the template the role is in, for rules that look beyond the role (its alert rule). */
  readonly templateResources: CfnObject;
  /** What the role model could not read about this role. */
  readonly modelWarnings: readonly ModelWarning[];
  /** Whether a rendered `Resource` entry names an administrator role of the templates read; absent when there is none. */
  readonly administratorRole?: (resource: string) => boolean;
  /** Whether an alert rule of any template read watches `AssumeRole` calls of a role by this literal name (lower-cased). */
  readonly assumeRoleAlertedByName?: (name: string) => boolean;
}

/** The policies that reach a role from outside its own properties. */
export interface Attachments {
  /** `AWS::IAM::Policy` and `AWS::IAM::RolePolicy` documents. */
  readonly inline: readonly PolicySource[];
  /** Customer managed policies attached by `Roles` or named in `ManagedPolicyArns`. */
  readonly managed: readonly AttachedManagedPolicy[];
}

/** What else a role's view is built with; every field may be left out. */
export interface RoleContext {
  /** The path of the resource that makes the role. @default ['Resources', logicalId] */
  readonly path?: TemplatePath;
  readonly attached?: Attachments;
  readonly describeFederated?: FederatedDescriber;
  readonly templateResources?: CfnObject;
  readonly modelWarnings?: readonly ModelWarning[];
  readonly administratorRole?: (resource: string) => boolean;
  readonly assumeRoleAlertedByName?: (name: string) => boolean;
}

/**
 * Builds the view of one role that rules read, from its properties as deployed (policy documents already
 * objects: see `readPolicyJson`) and the policies attached to it.
 */
export function roleUnderCheck(logicalId: string, properties: CfnObject, context: RoleContext = {}): RoleUnderCheck {
  const path = context.path ?? ['Resources', logicalId];
  const managedPolicies = context.attached?.managed ?? NONE;
  const inlinePolicies = concat(ownInlinePolicies(properties.Policies, path), context.attached?.inline ?? NONE);
  const managedPolicyArns = concat(renderList(properties.ManagedPolicyArns), unlistedPolicyArns(managedPolicies, properties.ManagedPolicyArns));
  const permissionSources = concat(concat(inlinePolicies, managedPolicySources(managedPolicies)), awsManagedPolicySources(managedPolicyArns, path));
  const trustStatements = readStatements({
    description: 'trust policy',
    document: properties.AssumeRolePolicyDocument,
    subject: { path: path.concat(TRUST_POLICY_PATH) },
  });
  const permissionStatements = permissionSources.length === 1 ? readStatements(permissionSources[0]) : permissionSources.flatMap(readStatements);
  const trustAllowStatements = allowsOf(trustStatements);
  const permissionAllowStatements = allowsOf(permissionStatements);
  return {
    logicalId,
    path,
    properties,
    trustStatements,
    permissionStatements,
    trustAllowStatements,
    permissionAllowStatements,
    allowStatements: concat(trustAllowStatements, permissionAllowStatements),
    inlinePolicies,
    managedPolicies,
    managedPolicyArns,
    describeFederated: context.describeFederated,
    tags: tagsOf(properties.Tags),
    templateResources: context.templateResources ?? {},
    modelWarnings: context.modelWarnings ?? NONE,
    administratorRole: context.administratorRole,
    assumeRoleAlertedByName: context.assumeRoleAlertedByName,
  };
}

/** Placeholders for the attached managed policies that `ManagedPolicyArns` does not already name. */
function unlistedPolicyArns(managedPolicies: readonly AttachedManagedPolicy[], managedPolicyArns: unknown): readonly string[] {
  if (managedPolicies.length === 0) return NONE;
  return managedPolicies.filter((policy) => !isReferencedIn(policy.logicalId, managedPolicyArns)).map((policy) => `{{cfn:Ref:${policy.logicalId}}}`);
}

/**
 * What the AWS managed policies among the ARNs allow, as far as the permission rules act on it (see
 * `iam/managed-policies.ts`): `IAMFullAccess` is read as `iam:*` on `*`, `AdministratorAccess` as `*` on `*`.
 */
function awsManagedPolicySources(arns: readonly string[], rolePath: TemplatePath): readonly PolicySource[] {
  let sources: PolicySource[] | undefined;
  arns.forEach((arn, i) => {
    const policy = arn.includes(':iam::aws:policy/') ? awsManagedPolicy(arn) : undefined;
    if (!policy || policy.document.Statement.length === 0) return;
    const subject = { path: rolePath.concat(['Properties', 'ManagedPolicyArns', i]) };
    sources = append(sources, { description: `AWS managed policy ${policy.name}`, document: policy.document, awsManaged: true, subject });
  });
  return sources ?? NONE;
}

/** The documents of the attached managed policies, described for messages. */
function managedPolicySources(managedPolicies: readonly AttachedManagedPolicy[]): readonly PolicySource[] {
  if (managedPolicies.length === 0) return NONE;
  return managedPolicies.map((policy) => ({ description: policy.description ?? `managed policy ${policy.logicalId}`, document: policy.document, subject: policy.subject }));
}

/** Both lists in one; one of them itself when the other is empty (this runs for every role). */
export function concat<T>(first: readonly T[], second: readonly T[]): readonly T[] {
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

function ownInlinePolicies(raw: unknown, rolePath: TemplatePath): readonly PolicySource[] {
  if (!Array.isArray(raw) || raw.length === 0) return NONE;
  let policies: PolicySource[] | undefined;
  for (let i = 0; i < raw.length; i++) { // a loop, not forEach: this runs for every role, and a callback is an allocation
    const policy: unknown = raw[i];
    if (!isObject(policy)) continue;
    const description = typeof policy.PolicyName === 'string' ? `inline policy "${policy.PolicyName}"` : `inline policy ${(policies?.length ?? 0) + 1}`;
    policies = append(policies, { description, document: policy.PolicyDocument, subject: { path: rolePath.concat(['Properties', 'Policies', i, 'PolicyDocument']) } });
  }
  return policies ?? NONE;
}

/** The `Allow` statements: the list itself when every statement allows (the usual case, and no copy). */
function allowsOf(statements: readonly PolicyStatement[]): readonly PolicyStatement[] {
  return statements.every(isAllow) ? statements : statements.filter(isAllow);
}

function isReferencedIn(logicalId: string, managedPolicyArns: unknown): boolean {
  return Array.isArray(managedPolicyArns)
    && managedPolicyArns.some((arn) => isObject(arn) && (arn.Ref === logicalId || isGetAttOf(arn['Fn::GetAtt'], logicalId)));
}

function isGetAttOf(arg: unknown, logicalId: string): boolean {
  return Array.isArray(arg) ? arg[0] === logicalId : typeof arg === 'string' && arg.split('.')[0] === logicalId;
}
