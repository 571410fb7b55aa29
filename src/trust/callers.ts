import { substituteVariables } from './condition-operators';
import { accountOf, Caller, TrustRequest } from './request';
import { listOf, TrustDocument } from './statements';

/**
 * The callers a trust policy is about, generated from it: for each principal an `Allow` names, a caller that should
 * get in (with the condition values the trust pins), and its near misses: another account, another role of the same
 * account, each pinned condition key missing or with another value. With the STS actions a caller may ask for
 * (`sts:AssumeRole`, `sts:TagSession`, `sts:SetSourceIdentity`, `sts:SetContext`, or the federated ones), these are
 * the requests whose decisions a reviewer wants to see, and that a baseline is compared on.
 */

/** The most requests made for one role: a trust policy of IAM's maximum size names far fewer. */
const MAX_REQUESTS = 512;

const IAM_ACTIONS = ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity', 'sts:SetContext'];
const OTHER_ACCOUNT = '999988887777';

/** A request with what it is: the intended caller, or which near miss. */
export interface GeneratedRequest {
  readonly request: TrustRequest;
  /** In words: `arn:aws:iam::444455556666:role/Caller, sts:AssumeRole, with sts:ExternalId = a1b2`, `..., without sts:ExternalId`. */
  readonly description: string;
}

/** The intended callers and their near misses of a trust policy (as deployed: literal values). */
export function generatedRequests(document: TrustDocument): GeneratedRequest[] {
  const requests = new Map<string, GeneratedRequest>();
  const add = (caller: Caller, action: string, context: Record<string, string[]>) => {
    if (requests.size >= MAX_REQUESTS) return;
    const request: TrustRequest = { action, caller, context };
    const description = describeRequest(request);
    if (!requests.has(description)) requests.set(description, { request, description });
  };
  for (const statement of document.statements) {
    if (statement.Effect !== 'Allow') continue;
    const conditions = pinnedContext(statement.Condition);
    for (const named of callersOf(statement.Principal)) { // a NotPrincipal names no caller to generate
      const caller = pinnedCaller(named, conditions);
      const pinned = withVariablesFilled(conditions, caller);
      for (const action of actionsFor(caller)) {
        add(caller, action, pinned);
        for (const near of nearCallers(caller)) add(near, action, pinned);
        for (const key of Object.keys(pinned)) {
          const without = { ...pinned };
          delete without[key];
          add(caller, action, without);
          add(caller, action, { ...pinned, [key]: ['near-miss'] });
        }
      }
    }
  }
  return [...requests.values()];
}

function actionsFor(caller: Caller): readonly string[] {
  if (caller.kind !== 'federated') return IAM_ACTIONS;
  return [caller.provider.includes(':saml-provider/') ? 'sts:AssumeRoleWithSAML' : 'sts:AssumeRoleWithWebIdentity', 'sts:TagSession'];
}

/** A caller for each principal value: a role of a named account, the named role or user, the service or provider; someone for `*`. */
function callersOf(principal: unknown): Caller[] {
  if (principal === '*') return [{ kind: 'aws', arn: `arn:aws:iam::${OTHER_ACCOUNT}:role/Anyone` }];
  if (typeof principal !== 'object' || principal === null) return [];
  const callers: Caller[] = [];
  for (const [kind, raw] of Object.entries(principal as Record<string, unknown>)) {
    for (const value of listOf(raw)) {
      if (kind === 'Service') callers.push({ kind: 'service', service: value });
      else if (kind === 'Federated') callers.push({ kind: 'federated', provider: value });
      else if (kind === 'AWS') callers.push(awsCaller(value));
    }
  }
  return callers;
}

function awsCaller(value: string): Caller {
  if (value === '*') return { kind: 'aws', arn: `arn:aws:iam::${OTHER_ACCOUNT}:role/Anyone` };
  const account = /^\d{12}$/.test(value) ? value : /^arn:[^:]+:iam::(\d{12}):root$/.exec(value)?.[1];
  return { kind: 'aws', arn: account !== undefined ? `arn:aws:iam::${account}:role/Caller` : value };
}

/** Another account's role of the same name, and another role of the same account. */
function nearCallers(caller: Caller): Caller[] {
  if (caller.kind !== 'aws') return [];
  const match = /^arn:([^:]+):(iam|sts)::(\d{12}):(.*)$/.exec(caller.arn);
  if (!match) return [];
  const [, partition, service, account, rest] = match;
  const others: Caller[] = [];
  if (account !== OTHER_ACCOUNT) others.push({ kind: 'aws', arn: `arn:${partition}:${service}::${OTHER_ACCOUNT}:${rest}` });
  others.push({ kind: 'aws', arn: `arn:${partition}:iam::${account}:role/NearMiss` });
  return others;
}

/**
 * The caller the conditions pin, when they name one of the principal's account by `aws:PrincipalArn`: a trust to an
 * account root that lets in only `user/servicedesk/*` is about a service-desk user, not any role of the account.
 */
function pinnedCaller(caller: Caller, context: Record<string, string[]>): Caller {
  const arn = context['aws:PrincipalArn']?.[0];
  if (caller.kind !== 'aws' || arn === undefined || !/^arn:[^:]+:iam::\d{12}:(user|role)\//.test(arn)) return caller;
  return accountOf(arn) === accountOf(caller.arn) ? { kind: 'aws', arn } : caller;
}

/** The pinned values with their policy variables (`${aws:username}`) filled in from the caller and the other pinned values. */
function withVariablesFilled(context: Record<string, string[]>, caller: Caller): Record<string, string[]> {
  const values = new Map(Object.entries(context).map(([key, list]) => [key.toLowerCase(), list] as const));
  const user = caller.kind === 'aws' ? /:user\/(?:.*\/)?([^/]+)$/.exec(caller.arn)?.[1] : undefined;
  if (user !== undefined && !values.has('aws:username')) values.set('aws:username', [user]);
  const filled: Record<string, string[]> = {};
  for (const [key, list] of Object.entries(context)) {
    // the keys AWS derives from the caller follow the caller (and its near misses), never a pinned value
    if (DERIVED_KEYS.has(key.toLowerCase())) continue;
    filled[key] = list.map((value) => substituteVariables(value, values) ?? value);
  }
  return filled;
}

const DERIVED_KEYS: ReadonlySet<string> = new Set(['aws:principalarn', 'aws:principalaccount', 'aws:username']);

/** A value that meets each positive test of a condition block (one per key). */
function pinnedContext(condition: unknown): Record<string, string[]> {
  const context: Record<string, string[]> = {};
  if (typeof condition !== 'object' || condition === null) return context;
  for (const [operator, tests] of Object.entries(condition as Record<string, unknown>)) {
    if (typeof tests !== 'object' || tests === null) continue;
    for (const [key, raw] of Object.entries(tests as Record<string, unknown>)) {
      const first = (Array.isArray(raw) ? raw : [raw]).find((value) => ['string', 'number', 'boolean'].includes(typeof value));
      const value = first === undefined ? undefined : meeting(operator, String(first));
      if (value !== undefined && !(key in context)) context[key] = [value];
    }
  }
  return context;
}

/** A request value that meets `operator` against a policy value; undefined when the operator is met by absence. */
function meeting(operator: string, value: string): string | undefined {
  const base = operator.replace(/^For(All|Any)Values:/i, '').replace(/IfExists$/i, '').toLowerCase();
  if (base.includes('not') || base === 'null') return undefined; // met when the key is missing or differs: no value to give
  if (base.endsWith('like')) return value.replace(/[*?]/g, 'x');
  if (base === 'numericlessthan') return String(Number(value) - 1);
  if (base === 'numericgreaterthan') return String(Number(value) + 1);
  if (base === 'datelessthan') return new Date(Date.parse(value) - 1000).toISOString();
  if (base === 'dategreaterthan') return new Date(Date.parse(value) + 1000).toISOString();
  return value;
}

export function describeRequest(request: TrustRequest): string {
  const caller = request.caller.kind === 'aws' ? request.caller.arn : request.caller.kind === 'service' ? request.caller.service : request.caller.provider;
  const context = Object.entries(request.context ?? {}).map(([key, values]) => `${key} = ${values.join('|')}`).sort();
  return `${caller} ${request.action}${context.length > 0 ? ` with ${context.join(', ')}` : ''}`;
}
