import { CfnCondition, CfnElement, CfnResource, Stack, Token, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { acknowledgedRules } from '../acknowledgements';
import { firstUserFrame } from '../user-frames';
import { RoleCheckLimits } from './role-pattern-props';
import { checkModeledRole, Finding, policyNamedIn, relaxedOptions, roleChecker } from '../checks/engine';
import { ModeledRole, RoleModel } from '../role-model/model';

/**
 * Renders CloudFormation resources the way the stack will write them: with escape-hatch overrides applied
 * and tokens resolved: each resource's `Resources` section, keyed by its logical id. Uses the same
 * `_toCloudFormation` the stack calls when it synthesizes its template, and keeps each rendering for that
 * synthesis (see `keepForSynthesis`), so a role is rendered once per synth.
 */
export function renderResources(stack: Stack, elements: CfnElement[]): RenderedTemplate {
  for (const element of elements) kept.delete(element); // render afresh: the construct may have changed since an earlier synth
  // One resolve call for all of them: CDK records a performance measure for each outermost Stack.resolve call.
  const fragments = stack.resolve(elements.map((element) => cfnElement(element)._toCloudFormation())) as TemplateFragment[];
  const template = { Resources: {} as Record<string, unknown>, Conditions: {} as Record<string, unknown> };
  const logicalIds = new Map<CfnElement, string>();
  fragments.forEach((fragment, i) => {
    keepForSynthesis(elements[i], fragment);
    for (const logicalId in fragment.Resources) logicalIds.set(elements[i], logicalId);
    Object.assign(template.Resources, fragment.Resources);
    Object.assign(template.Conditions, fragment.Conditions);
  });
  return { template, logicalIds };
}

/** Elements rendered together: the template part they make, and each resource's logical id in it. */
export interface RenderedTemplate {
  readonly template: TemplateFragment;
  readonly logicalIds: ReadonlyMap<CfnElement, string>;
}

/** The part of a template that some elements render. */
export interface TemplateFragment {
  readonly Resources?: Record<string, unknown>;
  readonly Conditions?: Record<string, unknown>;
}

interface CfnElementInternals {
  _toCloudFormation(): object;
}

function cfnElement(element: CfnElement): CfnElementInternals {
  return element as unknown as CfnElementInternals;
}

/** Renderings made during validation, each waiting for the one synthesis that follows it in the same `synth()`. */
const kept = new Map<CfnElement, object>();
let clearingScheduled = false;

/**
 * The stack renders every resource again when it writes its template, right after validation, and nothing
 * can change a construct in between. So the rendering made for the check is handed to the stack once,
 * instead of resolving the same properties and policy documents twice (the profiler showed this second
 * rendering as the largest part of the self-check's cost). Resolving an already resolved fragment gives
 * the same fragment, so the template is the same. A rendering not taken by the end of the `synth()` call
 * (validation failed elsewhere) is dropped, so a later synth renders afresh. (Left open: a second synth in
 * the same synchronous call after a failed validation would hand the first call's rendering to CDK's search
 * for cross-stack references, which then misses references added in between.)
 */
function keepForSynthesis(resource: CfnElement, fragment: object): void {
  const element = cfnElement(resource);
  if (!Object.prototype.hasOwnProperty.call(element, '_toCloudFormation')) {
    const render = element._toCloudFormation;
    element._toCloudFormation = function keptOrRendered(this: CfnElementInternals) {
      const rendering = kept.get(resource);
      kept.delete(resource);
      return rendering ?? render.call(this);
    };
  }
  kept.set(resource, fragment);
  if (!clearingScheduled) {
    clearingScheduled = true;
    queueMicrotask(() => {
      kept.clear();
      clearingScheduled = false;
    });
  }
}

/** What one role's self-check needs. */
export interface SelfCheckInput {
  /** The role construct (findings attach to it). */
  readonly scope: IConstruct;
  /** The role's CfnRole. */
  readonly role: CfnResource;
  readonly limits?: RoleCheckLimits;
  /** Rules whose errors this pattern reports as warnings. */
  readonly relaxedRules: ReadonlySet<string>;
}

/**
 * The types of resource that reach a role from elsewhere in its stack: policies attached by any route, and the
 * alert rules that watch a break-glass role.
 */
const STACK_TYPES: ReadonlySet<string> = new Set(['AWS::IAM::Policy', 'AWS::IAM::RolePolicy', 'AWS::IAM::ManagedPolicy', 'AWS::Events::Rule']);

/** The role patterns of each stack, and the role model of its last validation. */
const patternRoles = new WeakMap<Stack, Set<CfnResource>>();
const stackModels = new WeakMap<Stack, ReadonlyMap<CfnElement, ModeledRole>>();
/** The policies of each stack's last validation, by logical id: where a finding's statement was written. */
const stackPolicies = new WeakMap<Stack, ReadonlyMap<string, CfnElement>>();

/**
 * Registers a pattern's role with its stack, so the stack's role model covers it. The stack forgets its model
 * at the start of each validation (CDK validates a stack before its children), so each synth reads the
 * constructs as they are then.
 */
export function registerPatternRole(role: CfnResource): void {
  const stack = Stack.of(role);
  let roles = patternRoles.get(stack);
  if (!roles) {
    patternRoles.set(stack, roles = new Set());
    stack.node.addValidation({ validate: () => { stackModels.delete(stack); return []; } });
  }
  roles.add(role);
}

/**
 * The role model of a stack's pattern roles, built once per validation: the roles, and every policy, alert
 * rule and condition of the stack rendered as the template will hold them, so a role sees what RoleChecks and
 * the CLI see of it in its stack (a `CfnRolePolicy`, a `CfnPolicy` naming it, a `ManagedPolicy` with
 * `roles: [role]`, a `fromRoleArn` or `fromRoleName` attachment).
 */
function stackModel(stack: Stack): ReadonlyMap<CfnElement, ModeledRole> {
  const known = stackModels.get(stack);
  if (known) return known;
  const elements: CfnElement[] = [...patternRoles.get(stack) ?? []];
  for (const child of stack.node.findAll()) {
    if (CfnElement.isCfnElement(child) && Stack.of(child) === stack
      && (child instanceof CfnCondition || CfnResource.isCfnResource(child) && STACK_TYPES.has(child.cfnResourceType))) {
      elements.push(child);
    }
  }
  const { template, logicalIds } = renderResources(stack, elements);
  const policies = new Map<string, CfnElement>();
  for (const [element, logicalId] of logicalIds) {
    if (CfnResource.isCfnResource(element) && element.cfnResourceType.startsWith('AWS::IAM::')) policies.set(logicalId, element);
  }
  stackPolicies.set(stack, policies);
  const deployingAccount = Token.isUnresolved(stack.account) ? undefined : stack.account;
  const byLogicalId = new Map<string, ModeledRole>();
  const model = new RoleModel([{ file: stack.templateFile, template, deployingAccount }]);
  for (const modeled of model.roles()) byLogicalId.set(modeled.logicalId, modeled);
  const byRole = new Map<CfnElement, ModeledRole>();
  for (const role of patternRoles.get(stack) ?? []) {
    const modeled = byLogicalId.get(logicalIds.get(role) ?? '');
    if (modeled) byRole.set(role, modeled);
  }
  stackModels.set(stack, byRole);
  return byRole;
}

/** A pattern role as its stack's role model reads it (built once per validation). */
export function modeledPatternRole(role: CfnResource): ModeledRole | undefined {
  return stackModel(Stack.of(role)).get(role);
}

/** Runs the engine over one role as the stack's role model reads it: with everything that reaches it in its stack. */
export function selfCheckFindings(input: SelfCheckInput): Finding[] {
  const stack = Stack.of(input.role);
  const options = relaxedOptions({
    limits: { ...input.limits },
    deployingAccount: Token.isUnresolved(stack.account) ? undefined : stack.account,
  }, input.relaxedRules);
  const modeled = stackModel(stack).get(input.role);
  return modeled ? checkModeledRole(roleChecker(options), modeled) : [];
}

/** What each pattern role's own check reported in its last validation, so RoleChecks reports each finding once. */
const selfReported = new WeakMap<CfnResource, ReadonlySet<string>>();

/** The key under which a finding counts as the same finding in the self-check and in RoleChecks. */
function findingKey(finding: Pick<Finding, 'ruleId' | 'message'>): string {
  return `${finding.ruleId}\u0000${finding.message}`;
}

/** Records what a pattern role's own check reported. */
export function recordSelfReported(role: CfnResource, findings: readonly Finding[]): void {
  selfReported.set(role, new Set(findings.map(findingKey)));
}

/** Whether a pattern role's own check already reported a finding in this synth (RoleChecks then leaves it out). */
export function reportedBySelfCheck(role: CfnResource, finding: Finding): boolean {
  return selfReported.get(role)?.has(findingKey(finding)) ?? false;
}

/**
 * Reports findings on a construct: errors are returned for `node.addValidation` (they fail synth with the
 * construct's path), warnings become acknowledgeable warnings unless already acknowledged with a reason.
 */
export function reportFindings(scope: IConstruct, role: CfnResource, findings: Finding[]): string[] {
  const acknowledged = acknowledgedRules(scope);
  const errors: string[] = [];
  for (const finding of findings) {
    if (finding.severity === 'error') {
      errors.push(`${finding.message} [${finding.ruleId}]${creationSite(role, finding)}`);
    } else if (!acknowledged.has(finding.ruleId)) {
      Validations.of(scope).addWarning(finding.ruleId, `${finding.message}${creationSite(role, finding)}`);
    }
  }
  return errors;
}

/**
 * Where the user's code made what a finding is about, as CDK recorded it: the policy the message names (its
 * first `addToPolicy`, or its `new`), else the role; empty when CDK recorded no stack (CDK_DISABLE_STACK_TRACE).
 */
function creationSite(role: CfnResource, finding: Finding): string {
  // looked up by the id the message names, not searched for: a stack may hold thousands of policies
  const named = policyNamedIn(finding.message);
  const element: CfnElement = (named !== undefined && stackPolicies.get(Stack.of(role))?.get(named)) || role;
  const frame = firstUserFrame(element.creationStack);
  return frame ? ` (${element === role ? 'role' : 'policy'} created at ${frame.replace(/^.*\((.*)\)$/, '$1')})` : '';
}
