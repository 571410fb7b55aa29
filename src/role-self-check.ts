import { CfnResource, Stack, Token, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { acknowledgedRules } from './acknowledgements';
import { checkTemplate, EngineOptions, Finding } from './checks/engine';
import { RoleCheckLimits } from './role-pattern-props';

/**
 * Renders CloudFormation resources the way the stack will write them: with escape-hatch overrides applied
 * and tokens resolved. Uses the same `_toCloudFormation` the stack calls when it synthesizes its template.
 */
export function renderResources(stack: Stack, resources: CfnResource[]): Record<string, unknown> {
  const rendered: Record<string, unknown> = {};
  for (const resource of resources) {
    const fragment = stack.resolve((resource as unknown as { _toCloudFormation(): unknown })._toCloudFormation()) as
      { Resources?: Record<string, unknown> };
    Object.assign(rendered, fragment.Resources ?? {});
  }
  return rendered;
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
  const logicalId = stack.resolve(input.role.logicalId) as string;
  const severityOverrides: Record<string, 'warning'> = {};
  for (const rule of input.relaxedRules) severityOverrides[rule] = 'warning';
  const options: EngineOptions = {
    limits: { ...input.limits },
    deployingAccount: Token.isUnresolved(stack.account) ? undefined : stack.account,
    severityOverrides,
  };
  const resources = renderResources(stack, [input.role, ...input.policies]);
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
