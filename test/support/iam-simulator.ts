import { anonymousPrincipal, runSimulation } from '@cloud-copilot/iam-simulate';

/** The account the test stacks deploy into when the simulator needs one. */
export const ACCOUNT = '111122223333';

/**
 * Resolves the intrinsics of a synthesized policy the way deployment would in `ACCOUNT`, in the `aws`
 * partition and us-east-1. Any other intrinsic fails the test: the simulator must see what IAM would.
 */
export function resolveForSimulation(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(resolveForSimulation);
  if (typeof value !== 'object' || value === null) return value;
  const object = value as Record<string, unknown>;
  if (object.Ref === 'AWS::Partition') return 'aws';
  if (object.Ref === 'AWS::AccountId') return ACCOUNT;
  if (object.Ref === 'AWS::Region') return 'us-east-1';
  if (object.Ref === 'AWS::URLSuffix') return 'amazonaws.com';
  if (Array.isArray(object['Fn::Join'])) {
    const [separator, parts] = object['Fn::Join'] as [string, unknown[]];
    return parts.map(resolveForSimulation).join(separator);
  }
  const keys = Object.keys(object);
  if (keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'))) {
    throw new Error(`cannot resolve ${JSON.stringify(value)} for the simulator`);
  }
  return Object.fromEntries(keys.map((key) => [key, resolveForSimulation(object[key])]));
}

/** A request to assume a role. */
export interface AssumeRequest {
  /** The caller: an ARN, a service principal, a federated provider, or `anonymous` for `*`. */
  readonly principal: string;
  /** @default sts:AssumeRole */
  readonly action?: string;
  /** Request context keys. Every key must be one the simulator honours, or the simulation throws. */
  readonly context?: Record<string, string | string[]>;
}

/**
 * Evaluates the trust policy of a role for one request with the iam-simulate policy simulator.
 * The caller's own identity policy allows the action, so only the trust policy decides. Throws when the
 * simulator ignored a context key, since the verdict would then prove nothing.
 */
export async function assumeRoleDecision(trustPolicy: unknown, request: AssumeRequest): Promise<string> {
  const callerIsIamPrincipal = request.principal.startsWith('arn:');
  const result = await runSimulation({
    request: {
      principal: request.principal === 'anonymous' ? anonymousPrincipal : request.principal,
      action: request.action ?? 'sts:AssumeRole',
      resource: { resource: `arn:aws:iam::${ACCOUNT}:role/simulated`, accountId: ACCOUNT },
      contextVariables: request.context ?? {},
    },
    identityPolicies: callerIsIamPrincipal
      ? [{ name: 'caller', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:*', Resource: '*' }] } }]
      : [],
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: resolveForSimulation(trustPolicy),
  }, {});
  if (result.resultType === 'error') throw new Error(`simulation failed: ${JSON.stringify(result.errors)}`);
  if (result.resultType !== 'single') throw new Error(`unexpected simulation result ${result.resultType}`);
  const ignored = result.result.ignoredContextKeys ?? [];
  if (ignored.length > 0) throw new Error(`the simulator ignored context keys ${ignored.join(', ')}`);
  return result.overallResult;
}
