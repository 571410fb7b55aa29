import { CfnResource, Stack, Stage, Token } from 'aws-cdk-lib';
import { describeCombination } from './role-model/fn-if';
import { RoleVariant, RoleModel } from './role-model/model';
import { CfnTemplate } from './role-model/template';
import { callerOf } from './trust/caller';
import { evaluateTrust } from './trust/evaluate';
import { deployedDocument, DeploymentValues } from './trust/render';

/** A request to assume a role, for `RoleAssertions`. */
export interface AssumeRoleRequest {
  /**
   * The STS action.
   * @default 'sts:AssumeRole'
   */
  readonly action?: string;

  /**
   * Who calls: an account id, an IAM ARN (a role, a user, a role session, an account root), an AWS service principal
   * (`lambda.amazonaws.com`), or a federated provider (its IAM ARN, or `cognito-identity.amazonaws.com`,
   * `accounts.google.com`, `graph.facebook.com`, `www.amazon.com`).
   */
  readonly principal: string;

  /**
   * The request's context keys with one value each: `{ 'sts:ExternalId': '...', 'aws:MultiFactorAuthPresent': 'true' }`.
   * `aws:PrincipalArn`, `aws:PrincipalAccount` and an IAM user's `aws:username` are filled in from the principal unless given.
   * @default - none
   */
  readonly context?: { [key: string]: string };

  /**
   * The request's context keys with several values each: `{ 'aws:TagKeys': ['project', 'team'] }`.
   * @default - none
   */
  readonly multiValueContext?: { [key: string]: string[] };
}

/** Whether a request gets in, and why. */
export interface AssumeRoleDecision {
  /** Whether the trust policy allows the request (under some deployment, for a role whose trust depends on conditions). */
  readonly allowed: boolean;
  /** Why: the statement that allowed or denied it, or that none applies (for a role with conditions, under which). */
  readonly reason: string;
}

interface NamedRole {
  readonly logicalId: string;
  readonly variants: readonly RoleVariant[];
}

/**
 * Proves who can assume the roles of a stack, in your tests: each request is evaluated against the role's trust
 * policy as the stack's template holds it (escape hatches included), by the library's own evaluator, which follows
 * IAM's policy evaluation logic (an explicit Deny wins, then an Allow, else denied, with every condition operator). The
 * caller's own identity policy is taken to allow the call, so the trust policy alone decides.
 *
 * @example
 * const stack = new Stack(new App(), 'Partners', { env: { account: '111122223333', region: 'eu-west-1' } });
 * new CrossAccountRole(stack, 'VendorAudit', { trustedAccounts: ['777788889999'], thirdParty: true, externalId: '3f2b8c1e-6a47-4d2e-9b1c-0e5f7a9d2c41' });
 * const roles = RoleAssertions.fromStack(stack);
 * roles.assertAllowed('VendorAudit', { principal: 'arn:aws:iam::777788889999:role/Auditor', context: { 'sts:ExternalId': '3f2b8c1e-6a47-4d2e-9b1c-0e5f7a9d2c41' } });
 * roles.assertDenied('VendorAudit', { principal: 'arn:aws:iam::777788889999:role/Auditor' });
 */
export class RoleAssertions {
  /**
   * Reads the roles of a stack (synthesizing its app if needed).
   * @param stack the stack whose roles the assertions name
   */
  public static fromStack(stack: Stack): RoleAssertions {
    const stage = Stage.of(stack);
    if (!stage) throw new Error(`RoleAssertions.fromStack: the stack ${stack.node.path} is in no App or Stage; add it to an App before asserting`);
    const template = stage.synth({ force: true }).getStackArtifact(stack.artifactId).template as CfnTemplate;
    const names = new Map<string, string>();
    for (const child of stack.node.findAll()) {
      if (!CfnResource.isCfnResource(child) || child.cfnResourceType !== 'AWS::IAM::Role' || Stack.of(child) !== stack) continue;
      const logicalId = stack.resolve(child.logicalId) as string;
      const relative = child.node.path.slice(stack.node.path.length + 1);
      names.set(relative, logicalId);
      if (relative.endsWith('/Resource')) names.set(relative.slice(0, -'/Resource'.length), logicalId);
    }
    const account = Token.isUnresolved(stack.account) ? undefined : stack.account;
    const values: DeploymentValues = {
      account,
      region: Token.isUnresolved(stack.region) ? undefined : stack.region,
      partition: Token.isUnresolved(stack.partition) ? undefined : stack.partition,
    };
    return new RoleAssertions(template, names, values);
  }

  private readonly roles = new Map<string, NamedRole>();

  private constructor(template: CfnTemplate, private readonly names: ReadonlyMap<string, string>, private readonly values: DeploymentValues) {
    for (const modeled of new RoleModel([{ file: 'stack', template, deployingAccount: values.account }]).roles()) {
      this.roles.set(modeled.logicalId, { logicalId: modeled.logicalId, variants: modeled.variants });
    }
  }

  /** The names a role can be given by: each role's construct path relative to the stack, and its logical id. */
  public get roleNames(): string[] {
    return [...new Set([...this.names.keys(), ...this.roles.keys()])].sort();
  }

  /**
   * Whether the request gets in, and why.
   * @param role the role's construct path relative to the stack (`'Partners/PartnerUploadRole'`) or its logical id
   * @param request who asks, for what, with which context
   */
  public evaluate(role: string, request: AssumeRoleRequest): AssumeRoleDecision {
    const decisions = this.decisions(role, request);
    const allowing = decisions.find((decision) => decision.allowed);
    return allowing ?? decisions[0];
  }

  /**
   * Throws, with the reason, unless the request gets in (under every deployment, for a role whose trust depends on conditions).
   * @param role the role's construct path relative to the stack, or its logical id
   * @param request who asks, for what, with which context
   */
  public assertAllowed(role: string, request: AssumeRoleRequest): void {
    const denied = this.decisions(role, request).find((decision) => !decision.allowed);
    if (denied) throw new Error(`expected ${request.principal} to be allowed ${request.action ?? 'sts:AssumeRole'} on ${role}, but it is denied: ${denied.reason}`);
  }

  /**
   * Throws, with the reason, if the request gets in (under any deployment, for a role whose trust depends on conditions).
   * @param role the role's construct path relative to the stack, or its logical id
   * @param request who asks, for what, with which context
   */
  public assertDenied(role: string, request: AssumeRoleRequest): void {
    const allowed = this.decisions(role, request).find((decision) => decision.allowed);
    if (allowed) throw new Error(`expected ${request.principal} to be denied ${request.action ?? 'sts:AssumeRole'} on ${role}, but it is allowed: ${allowed.reason}`);
  }

  /** The decision under each variant of the role. */
  private decisions(role: string, request: AssumeRoleRequest): AssumeRoleDecision[] {
    const found = this.roles.get(this.names.get(role) ?? role);
    if (!found) throw new Error(`RoleAssertions: no role "${role}" in the stack; name a role by its construct path or logical id: ${this.roleNames.join(', ')}`);
    const caller = callerOf(request.principal);
    if (!caller) {
      throw new Error(`RoleAssertions: principal "${request.principal}" is not one STS knows; give an account id, an IAM ARN, `
        + 'a service principal such as lambda.amazonaws.com, or a federated provider\'s ARN or name');
    }
    const context: Record<string, string[]> = {};
    for (const [key, value] of Object.entries(request.context ?? {})) context[key] = [value];
    for (const [key, values] of Object.entries(request.multiValueContext ?? {})) context[key] = values;
    return found.variants.map((variant) => {
      const document = deployedDocument(variant.role.properties.AssumeRolePolicyDocument, this.values);
      const decision = evaluateTrust(document, { action: request.action ?? 'sts:AssumeRole', caller, context });
      const when = variant.when ? ` (when ${describeCombination(variant.when)})` : '';
      return { allowed: decision.allowed, reason: `${decision.reason}${when}` };
    });
  }
}
