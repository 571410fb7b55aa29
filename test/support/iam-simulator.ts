import { dirname, join } from 'path';
import { loadPolicy } from '@cloud-copilot/iam-policy';
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

/**
 * A break-glass request: the principal, with fresh MFA, naming itself as source identity, at a time inside the
 * glass's window; `overrides` change any key.
 */
export function breakGlassRequest(principal: string, overrides: Record<string, string> = {}): AssumeRequest {
  const name = principal.split('/').pop()!;
  return {
    principal,
    context: {
      'aws:PrincipalArn': principal,
      'aws:username': name,
      'aws:MultiFactorAuthPresent': 'true',
      'aws:MultiFactorAuthAge': '600',
      'sts:SourceIdentity': name,
      'aws:CurrentTime': '2026-12-24T03:00:00Z',
      ...overrides,
    },
  };
}

/** A request of EKS Pod Identity's agent for a pod of the `ledger` service account of the cluster `prod`, in a namespace. */
export function podIdentityRequest(namespace: string): AssumeRequest {
  return {
    principal: 'pods.eks.amazonaws.com',
    context: {
      'aws:RequestTag/eks-cluster-arn': `arn:aws:eks:eu-west-1:${ACCOUNT}:cluster/prod`,
      'aws:RequestTag/kubernetes-namespace': namespace,
      'aws:RequestTag/kubernetes-service-account': 'ledger',
      'aws:SourceAccount': ACCOUNT,
      'aws:SourceArn': `arn:aws:eks:eu-west-1:${ACCOUNT}:cluster/prod`,
    },
  };
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
 * The caller's own identity policy allows the action, so only the trust policy decides.
 *
 * `runSimulation` validates the request and drops context keys it does not list for the action, among them
 * every OIDC issuer's `aud` and `sub` (`token.actions.githubusercontent.com:sub`). A verdict without them
 * proves nothing, so when it dropped any, the same request is evaluated by the simulator's core engine,
 * which honours every key (`runUnsafeSimulation` would too, but in 0.1.173 it fails on any resource policy).
 */
export async function assumeRoleDecision(trustPolicy: unknown, request: AssumeRequest): Promise<string> {
  // The simulator lets only principals ending in amazonaws.com rely on the trust policy alone; any other caller
  // (an IAM principal, or a web identity provider such as accounts.google.com, which has no identity policy at
  // all) also needs an identity policy that allows the call. Giving the caller `sts:*` leaves the trust policy
  // as the only thing that decides.
  const callerNeedsIdentityPolicy = request.principal !== 'anonymous' && !request.principal.endsWith('amazonaws.com');
  // runSimulation knows OIDC condition keys only for issuers without a path (oidc.circleci.com/org/<id>:sub is
  // refused); the core engine evaluates them as given, as for the keys runSimulation drops
  const issuerWithPath = Object.keys(request.context ?? {}).some((key) => /^[^:]*\/[^:]*:/.test(key) && !/^oidc\.eks\./.test(key));
  if (issuerWithPath) return coreEngineDecision(resolveForSimulation(trustPolicy), request, callerNeedsIdentityPolicy);
  const result = await runSimulation({
    request: {
      principal: request.principal === 'anonymous' ? anonymousPrincipal : request.principal,
      action: request.action ?? 'sts:AssumeRole',
      resource: { resource: `arn:aws:iam::${ACCOUNT}:role/simulated`, accountId: ACCOUNT },
      contextVariables: request.context ?? {},
    },
    identityPolicies: callerNeedsIdentityPolicy
      ? [{ name: 'caller', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:*', Resource: '*' }] } }]
      : [],
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: resolveForSimulation(trustPolicy),
  }, {});
  if (result.resultType === 'error') throw new Error(`simulation failed: ${JSON.stringify(result.errors)}`);
  if (result.resultType !== 'single') throw new Error(`unexpected simulation result ${result.resultType}`);
  const ignored = result.result.ignoredContextKeys ?? [];
  if (ignored.length === 0) return result.overallResult;
  return coreEngineDecision(resolveForSimulation(trustPolicy), request, callerNeedsIdentityPolicy);
}

/** The simulator's core engine, which evaluates every context key as given (not exported by the package). */
const engineDirectory = dirname(require.resolve('@cloud-copilot/iam-simulate'));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const engine = (file: string) => require(join(engineDirectory, file));

export function coreEngineDecision(trustPolicy: unknown, request: AssumeRequest, callerNeedsIdentityPolicy: boolean): string {
  const { authorize } = engine('core_engine/CoreSimulatorEngine.js');
  const { AwsRequestImpl } = engine('request/request.js');
  const { RequestContextImpl } = engine('requestContext.js');
  const { DiscoveryContextKeyConstraints } = engine('context_keys/discoveryContextKeyConstraints.js');
  const callerPolicy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:*', Resource: '*' }] };
  const analysis = authorize({
    request: new AwsRequestImpl(request.principal, { resource: `arn:aws:iam::${ACCOUNT}:role/simulated`, accountId: ACCOUNT },
      request.action ?? 'sts:AssumeRole', new RequestContextImpl(request.context ?? {})),
    sessionPolicy: undefined,
    identityPolicies: callerNeedsIdentityPolicy ? [loadPolicy(callerPolicy, { name: 'caller' })] : [],
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: loadPolicy(trustPolicy as any, { name: 'trust' }),
    permissionBoundaries: undefined,
    vpcEndpointPolicies: undefined,
    simulationParameters: { simulationMode: 'Strict', discoveryContextKeyConstraints: new DiscoveryContextKeyConstraints([]) },
    serviceSettings: { s3: {} },
  });
  return analysis.result;
}
