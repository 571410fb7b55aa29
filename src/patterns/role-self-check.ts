import { App, CfnCondition, CfnElement, CfnMapping, CfnParameter, CfnResource, Stack, Stage, Token, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { Finding } from '../checks/engine';
import { RULE_ID_PREFIX } from '../checks/rule';
import { JudgedFinding, RoleVerdict } from '../checks/verdict';
import { ModeledRole, RoleModel } from '../role-model/model';
import { firstUserFrame } from '../user-frames';

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
  const template = { Resources: {}, Conditions: {}, Mappings: {}, Parameters: {} } as Required<TemplateFragment>;
  const logicalIds = new Map<CfnElement, string>();
  fragments.forEach((fragment, i) => {
    keepForSynthesis(elements[i], fragment);
    for (const logicalId in fragment.Resources) logicalIds.set(elements[i], logicalId);
    Object.assign(template.Resources, fragment.Resources);
    Object.assign(template.Conditions, fragment.Conditions);
    Object.assign(template.Mappings, fragment.Mappings);
    Object.assign(template.Parameters, fragment.Parameters);
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
  readonly Mappings?: Record<string, unknown>;
  readonly Parameters?: Record<string, unknown>;
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

/**
 * The types of resource that reach a role from elsewhere in its stack: policies attached by any route, and the
 * alert rules that watch a break-glass role.
 */
/**
 * The resources of a stack its pattern roles' model reads besides the roles: the policies that reach them, the
 * break-glass alert rules, and the CfnJson values that hold condition keys with tokens.
 */
const STACK_TYPES: ReadonlySet<string> = new Set(['AWS::IAM::Policy', 'AWS::IAM::RolePolicy', 'AWS::IAM::ManagedPolicy', 'AWS::Events::Rule', 'Custom::AWSCDKCfnJson']);

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
    stack.node.addValidation({ validate: () => { stackModels.delete(stack); forgetDeferredErrors(stack); return []; } });
  }
  roles.add(role);
}

/**
 * The role model of a stack's pattern roles, built once per validation: the roles, and every policy, alert
 * rule, CfnJson value, condition, mapping and parameter of the stack rendered as the template will hold them, so a role sees what RoleChecks and
 * the CLI see of it in its stack (a `CfnRolePolicy`, a `CfnPolicy` naming it, a `ManagedPolicy` with
 * `roles: [role]`, a `fromRoleArn` or `fromRoleName` attachment).
 */
function stackModel(stack: Stack): ReadonlyMap<CfnElement, ModeledRole> {
  const known = stackModels.get(stack);
  if (known) return known;
  // a role's resource removed from the tree (node.tryRemoveChild) is not rendered: the pattern reports the removal itself
  const elements: CfnElement[] = [...patternRoles.get(stack) ?? []].filter((role) => role.node.scope?.node.tryFindChild(role.node.id) === role);
  for (const child of stack.node.findAll()) {
    if (CfnElement.isCfnElement(child) && Stack.of(child) === stack
      && (child instanceof CfnCondition || child instanceof CfnMapping || child instanceof CfnParameter
        || CfnResource.isCfnResource(child) && STACK_TYPES.has(child.cfnResourceType))) {
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

/**
 * Reports a pattern role's verdict on its construct: errors are returned for `node.addValidation` (they fail
 * synth with the construct's path); reported warnings become acknowledgeable warnings. When RoleChecks runs on the
 * app, it reports both itself, with everything else it finds, in one report: the warnings with its options
 * (`warningsAsErrors`, `disabledRules`), from the same verdict, and the errors as they are (no option of RoleChecks
 * silences a pattern's error). Errors wait for RoleChecks only when the role's stage is the app RoleChecks is
 * registered on: CDK runs validation plugins only when the app is synthesized, so an error of a role in a nested
 * stage (which can be synthesized alone) is returned here.
 */
export function reportVerdict(scope: IConstruct, role: CfnResource, verdict: RoleVerdict): string[] {
  const warnHere = !roleChecksRunsOn(scope);
  const errorsWait = roleChecksReportsErrorsOf(scope);
  const errors: string[] = [];
  for (const finding of verdict.findings) {
    if (finding.outcome !== 'reported') continue;
    if (finding.severity === 'error' && errorsWait) {
      deferError(role, finding, `${finding.message}${creationSite(role, finding)}`);
    } else if (finding.severity === 'error') {
      errors.push(`${finding.message} [${finding.ruleId}]${creationSite(role, finding)}`);
    } else if (warnHere) {
      Validations.of(scope).addWarning(finding.ruleId, `${finding.message}${creationSite(role, finding)}`);
    }
  }
  return errors;
}

/** A pattern role's error that RoleChecks reports in its report: the role, the finding, and its message with where the user's code made it. */
export interface DeferredPatternError {
  readonly role: CfnResource;
  readonly finding: JudgedFinding;
  readonly message: string;
}

/** The errors of each stack's pattern roles waiting for RoleChecks, from the stack's last validation. */
const deferredErrors = new WeakMap<Stack, DeferredPatternError[]>();

function deferError(role: CfnResource, finding: JudgedFinding, message: string): void {
  const stack = Stack.of(role);
  const errors = deferredErrors.get(stack) ?? [];
  errors.push({ role, finding, message });
  deferredErrors.set(stack, errors);
}

/** Forgets the errors a stack's last validation left (each validation defers them afresh). */
export function forgetDeferredErrors(stack: Stack): void {
  deferredErrors.delete(stack);
}

/** Takes the errors of a stack's pattern roles that wait for RoleChecks (each is reported once). */
export function takeDeferredErrors(stack: Stack): DeferredPatternError[] {
  const errors = deferredErrors.get(stack) ?? [];
  deferredErrors.delete(stack);
  return errors;
}

/**
 * Whether RoleChecks is registered on the app that is the construct's own stage, and the app fails synthesis on a
 * plugin's errors (CDK's default; an app that sets `@aws-cdk/core:failSynthOnValidationErrors` to false only
 * writes the report, and a pattern's error must still fail it): see `reportVerdict`.
 */
function roleChecksReportsErrorsOf(scope: IConstruct): boolean {
  const stage = Stage.of(scope);
  if (stage === undefined || !App.isApp(stage) || !pluginsOf(stage).some((plugin) => plugin.name === RULE_ID_PREFIX)) return false;
  const failOnErrors: unknown = stage.node.tryGetContext(FAIL_SYNTH_ON_VALIDATION_ERRORS);
  return failOnErrors !== false && failOnErrors !== 'false';
}

/** CDK's context key that decides whether a validation plugin's errors fail synthesis (default true). */
const FAIL_SYNTH_ON_VALIDATION_ERRORS = '@aws-cdk/core:failSynthOnValidationErrors';

/** Whether a RoleChecks plugin is registered on a stage above the construct (its name is the rules' prefix). */
function roleChecksRunsOn(scope: IConstruct): boolean {
  for (let node: IConstruct | undefined = scope; node; node = node.node.scope) {
    if (Stage.isStage(node) && pluginsOf(node).some((plugin) => plugin.name === RULE_ID_PREFIX)) return true;
  }
  return false;
}

/** The validation plugins registered on a stage (`Validations.of(stage).addPlugins`, or the deprecated stage prop). */
function pluginsOf(stage: Stage): ReadonlyArray<{ readonly name: string }> {
  const registered = (stage as unknown as { _validationPlugins?: ReadonlyArray<{ readonly name: string }> })._validationPlugins;
  return registered ?? stage.policyValidationBeta1;
}

/**
 * Where the user's code made what a finding is about, as CDK recorded it: the policy its subject is in (its
 * first `addToPolicy`, or its `new`), else the role; empty when CDK recorded no stack (CDK_DISABLE_STACK_TRACE).
 */
function creationSite(role: CfnResource, finding: Finding): string {
  // looked up by the id the message names, not searched for: a stack may hold thousands of policies
  const path = finding.subject?.file === undefined ? finding.subject?.path : undefined;
  const named = path?.[0] === 'Resources' && typeof path[1] === 'string' ? path[1] : undefined;
  const element: CfnElement = (named !== undefined && stackPolicies.get(Stack.of(role))?.get(named)) || role;
  const frame = firstUserFrame(element.creationStack);
  return frame ? ` (${element === role ? 'role' : 'policy'} created at ${frame.replace(/^.*\((.*)\)$/, '$1')})` : '';
}
