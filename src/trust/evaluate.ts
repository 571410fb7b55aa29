import { conditionHolds, ContextValues } from './condition-operators';
import { principalNames } from './principal-match';
import { accountOf, TrustRequest } from './request';
import { listOf, trustDocument } from './statements';
import { actionMatches } from '../iam/glob';

/**
 * Who can assume a role, proven by evaluation rather than read from the policy's shape: a trust policy and one
 * request give a decision, as IAM's policy evaluation logic gives it for a resource-based policy (IAM User Guide,
 * "Policy evaluation logic"): an explicit `Deny` that applies wins; otherwise an `Allow` that applies allows;
 * otherwise the request is implicitly denied. A statement applies when its action (or `NotAction`), its principal
 * (or `NotPrincipal`) and every condition test apply. The caller's own identity policy is taken to allow the call,
 * so the trust policy alone decides. The project's own evaluator: no runtime dependency on a policy simulator.
 */

export type TrustOutcome = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';

/** The decision, and why. */
export interface TrustDecision {
  readonly allowed: boolean;
  readonly outcome: TrustOutcome;
  /** In words: the statement that allowed or denied, or that none applied. */
  readonly reason: string;
  /** The index of the deciding statement, when one decided. */
  readonly statement?: number;
}

/** Evaluates a trust policy document (as deployed: literal values) for one request. */
export function evaluateTrust(document: unknown, request: TrustRequest): TrustDecision {
  const statements = trustDocument(document).statements;
  const context = contextOf(request);
  let allowedBy: number | undefined;
  for (let i = 0; i < statements.length; i++) {
    const statement = statements[i];
    if (!applies(statement, request, context)) continue;
    if (statement.Effect === 'Deny') return { allowed: false, outcome: 'ExplicitlyDenied', reason: `statement ${describe(statement, i)} denies it`, statement: i };
    if (statement.Effect === 'Allow' && allowedBy === undefined) allowedBy = i;
  }
  if (allowedBy !== undefined) return { allowed: true, outcome: 'Allowed', reason: `statement ${describe(statements[allowedBy], allowedBy)} allows it`, statement: allowedBy };
  return { allowed: false, outcome: 'ImplicitlyDenied', reason: 'no statement allows it' };
}

type Statement = Readonly<Record<string, unknown>>;

function describe(statement: Statement, index: number): string {
  return `${index + 1}${typeof statement.Sid === 'string' ? ` (Sid "${statement.Sid}")` : ''}`;
}

function applies(statement: Statement, request: TrustRequest, context: ContextValues): boolean {
  if (statement.Action !== undefined ? !listOf(statement.Action).some((pattern) => actionMatches(pattern, request.action))
    : statement.NotAction === undefined || listOf(statement.NotAction).some((pattern) => actionMatches(pattern, request.action))) return false;
  if (statement.Principal !== undefined ? !principalNames(statement.Principal, request.caller)
    : statement.NotPrincipal === undefined || principalNames(statement.NotPrincipal, request.caller)) return false;
  return conditionsHold(statement.Condition, context);
}

function conditionsHold(condition: unknown, context: ContextValues): boolean {
  if (condition === undefined) return true;
  if (typeof condition !== 'object' || condition === null || Array.isArray(condition)) return false;
  for (const [operator, tests] of Object.entries(condition as Record<string, unknown>)) {
    if (typeof tests !== 'object' || tests === null || Array.isArray(tests)) return false;
    for (const [key, values] of Object.entries(tests as Record<string, unknown>)) {
      if (!conditionHolds(operator, key, valuesOf(values), context)) return false;
    }
  }
  return true;
}

function valuesOf(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.filter((item) => ['string', 'number', 'boolean'].includes(typeof item)).map(String);
}

/**
 * The request context by lower-case key, with what AWS derives from an IAM caller when the request does not say:
 * `aws:PrincipalArn` (a role session's role), `aws:PrincipalAccount`, and an IAM user's `aws:username`.
 */
export function contextOf(request: TrustRequest): ContextValues {
  const context = new Map<string, readonly string[]>();
  for (const [key, values] of Object.entries(request.context ?? {})) context.set(key.toLowerCase(), values);
  const caller = request.caller;
  if (caller.kind === 'aws') {
    const derive = (key: string, value: string | undefined) => { if (value !== undefined && !context.has(key)) context.set(key, [value]); };
    derive('aws:principalarn', principalArnOf(caller.arn));
    derive('aws:principalaccount', accountOf(caller.arn));
    derive('aws:username', /:user\/(?:.*\/)?([^/]+)$/.exec(caller.arn)?.[1]);
  }
  return context;
}

/** `aws:PrincipalArn` of a caller: a role session's is its role's ARN (without the path, which the session ARN does not carry). */
function principalArnOf(arn: string): string | undefined {
  const session = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\//.exec(arn);
  if (session) return `arn:${session[1]}:iam::${session[2]}:role/${session[3]}`;
  if (/^\d{12}$/.test(arn)) return `arn:aws:iam::${arn}:root`;
  return arn;
}
