import { CfnResource, Stack, Token, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { acknowledgedRules } from '../acknowledgements';
import { checkTemplate, EngineOptions, Finding } from '../checks/engine';
import { RoleCheckLimits } from './role-pattern-props';

/**
 * Renders CloudFormation resources the way the stack will write them: with escape-hatch overrides applied
 * and tokens resolved: each resource's `Resources` section, keyed by its logical id. Uses the same
 * `_toCloudFormation` the stack calls when it synthesizes its template, and keeps each rendering for that
 * synthesis (see `keepForSynthesis`), so a role is rendered once per synth.
 */
export function renderResources(stack: Stack, resources: CfnResource[]): Array<Record<string, unknown>> {
  for (const resource of resources) kept.delete(resource); // render afresh: the construct may have changed since an earlier synth
  // One resolve call for all of them: CDK records a performance measure for each outermost Stack.resolve call.
  const fragments = stack.resolve(resources.map((resource) => cfnElement(resource)._toCloudFormation())) as
    Array<{ Resources?: Record<string, unknown> }>;
  return fragments.map((fragment, i) => {
    keepForSynthesis(resources[i], fragment);
    return fragment.Resources ?? {};
  });
}

interface CfnElementInternals {
  _toCloudFormation(): object;
}

function cfnElement(resource: CfnResource): CfnElementInternals {
  return resource as unknown as CfnElementInternals;
}

/** Renderings made during validation, each waiting for the one synthesis that follows it in the same `synth()`. */
const kept = new Map<CfnResource, object>();
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
function keepForSynthesis(resource: CfnResource, fragment: object): void {
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
  /** The resources checked with it: its policies (`AWS::IAM::Policy`, `AWS::IAM::ManagedPolicy`) and alert rules. */
  readonly policies: CfnResource[];
  readonly limits?: RoleCheckLimits;
  /** Rules whose errors this pattern reports as warnings. */
  readonly relaxedRules: ReadonlySet<string>;
}

/** Runs the engine over one role's own resources, exactly as the template will hold them. */
export function selfCheckFindings(input: SelfCheckInput): Finding[] {
  const stack = Stack.of(input.role);
  const severityOverrides: Record<string, 'warning'> = {};
  for (const rule of input.relaxedRules) severityOverrides[rule] = 'warning';
  const options: EngineOptions = {
    limits: { ...input.limits },
    deployingAccount: Token.isUnresolved(stack.account) ? undefined : stack.account,
    severityOverrides,
  };
  const [role, ...policies] = renderResources(stack, [input.role, ...input.policies]);
  const logicalId = Object.keys(role)[0];
  const resources = Object.assign({}, role, ...policies) as Record<string, unknown>;
  return checkTemplate({ Resources: resources }, options).filter((finding) => finding.resource === logicalId);
}

/**
 * Reports findings on a construct: errors are returned for `node.addValidation` (they fail synth with the
 * construct's path), warnings become acknowledgeable warnings unless already acknowledged with a reason.
 */
export function reportFindings(scope: IConstruct, findings: Finding[]): string[] {
  const acknowledged = acknowledgedRules(scope);
  const errors: string[] = [];
  for (const finding of findings) {
    if (finding.severity === 'error') {
      errors.push(`${finding.message} [${finding.ruleId}]`);
    } else if (!acknowledged.has(finding.ruleId)) {
      Validations.of(scope).addWarning(finding.ruleId, finding.message);
    }
  }
  return errors;
}
