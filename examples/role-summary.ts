import { AlertDoor, assumeRoleAlerts, doorsByLiteralRoleName, isBreakGlass, literalRoleName, watchingRules } from '../src/checks/break-glass';
import { parseFederatedPrincipal } from '../src/checks/principals';
import { hasPlaceholder, readable, renderString } from '../src/role-model/cfn-value';
import { ConditionTest, PolicyStatement } from '../src/role-model/policy-document';
import { RoleUnderCheck } from '../src/role-model/role-under-check';

/** What a role trusts, in words a reviewer reads at a glance. */
export interface RoleSummary {
  /** One entry per trusted principal: `Service lambda.amazonaws.com`, `AWS 444455556666`. */
  readonly trusts: string[];
  /** One entry per condition test on the trust: `StringEquals sts:ExternalId = vendor-1`. */
  readonly conditions: string[];
  /** The actions the trust allows. */
  readonly actions: string[];
  /** The maximum session, such as `1h`, or `1h (default)`. */
  readonly maxSession: string;
  /** The EventBridge rules in the template that alert on the role's AssumeRole events. */
  readonly alerts: string[];
  /** The conditions that matter most, in a word or two each: `MFA`, `aud=sts.amazonaws.com`, `ExternalId`. */
  readonly keyConditions: string[];
}

/** How a break-glass role's use and changes are alerted, as the templates read show it. */
export interface BreakGlassAlerting {
  /** The regions whose assumptions alert: the role's own (when its rule is there) and those whose rules forward them. */
  readonly regions: string[];
  /** What the rules of the role's template watch: `AssumeRole`, `console`, `changes`. */
  readonly doors: AlertDoor[];
  /**
   * Whether changes to the role alert: its template watches them, and IAM's events reach that rule (the role's region
   * is us-east-1, or a template in us-east-1 forwards them).
   */
  readonly changes: boolean;
}

/** A template of the assembly, with the region it deploys to. */
export interface RegionalTemplate {
  readonly region?: string;
  readonly resources: Record<string, unknown>;
}

/** The region whose EventBridge receives IAM's events in the commercial partition. */
const IAM_EVENTS_REGION = 'us-east-1';

/**
 * How a break-glass role is alerted: the doors its template's rules watch, the regions whose rules send its
 * `AssumeRole` events (its own, and every other template's rule that names it), and whether changes alert.
 * Undefined for a role that is not tagged break-glass.
 */
export function summarizeAlerting(role: RoleUnderCheck, home: RegionalTemplate, others: readonly RegionalTemplate[]): BreakGlassAlerting | undefined {
  if (!isBreakGlass(role)) return undefined;
  const doors = [...new Set(watchingRules(role).map((rule) => rule.door))];
  const name = literalRoleName(role);
  const forwarding = name === undefined ? [] : others.filter((other) => other !== home).map((other) => ({
    region: other.region,
    doors: (doorsByLiteralRoleName(other.resources).get(name) ?? []).map((rule) => rule.door),
  }));
  const regions = [
    ...doors.includes('AssumeRole') && home.region ? [home.region] : [],
    ...forwarding.filter((other) => other.doors.includes('AssumeRole') && other.region).map((other) => other.region!),
  ];
  const changesArrive = home.region === IAM_EVENTS_REGION
    || forwarding.some((other) => other.region === IAM_EVENTS_REGION && other.doors.includes('changes'));
  return { regions: [...new Set(regions)], doors, changes: doors.includes('changes') && changesArrive };
}

/** The order key conditions are listed in: what keeps people out first, long values last. */
const PRIORITY = ['MFA', 'SourceIdentity', 'ExternalId', 'until', 'org=', 'aud=', 'amr=', 'sub=', 'repository_id=', 'job_workflow_ref=', 'CN=', 'OU=', 'O=',
  'trust anchor=', 'cluster=',
  'namespace=', 'serviceAccount=', 'PrincipalArn='];

/** The session tags EKS Pod Identity sets, by the short name a reviewer knows them by. */
const POD_IDENTITY_TAGS: Record<string, string> = {
  'aws:requesttag/eks-cluster-arn': 'cluster',
  'aws:requesttag/eks-cluster-name': 'cluster',
  'aws:requesttag/kubernetes-namespace': 'namespace',
  'aws:requesttag/kubernetes-service-account': 'serviceAccount',
};

function priority(label: string): number {
  const index = PRIORITY.findIndex((prefix) => label.startsWith(prefix));
  return index < 0 ? PRIORITY.length : index;
}

/** A short label for a condition test that decides who gets in. */
function keyCondition(test: ConditionTest): string {
  const values = test.values.map(readable).join('|');
  const key = test.key;
  if (key === 'aws:multifactorauthpresent') return test.ifExists ? 'MFA (IfExists!)' : 'MFA';
  if (key === 'aws:multifactorauthage') return `MFA age<${values}s`;
  if (key === 'sts:externalid') return 'ExternalId';
  if (key === 'sts:sourceidentity') return 'SourceIdentity';
  if (key === 'aws:currenttime') return `until ${values}`;
  if (key === 'aws:principalorgid') return `org=${values}`;
  if (key === 'aws:principalarn') return `PrincipalArn=${values}`;
  const subjectField = /^aws:principaltag\/x509subject\/(cn|ou|o)$/.exec(key);
  if (subjectField) return `${subjectField[1].toUpperCase()}=${values}`;
  if (key === 'aws:sourcearn' && /:trust-anchor\/|TrustAnchor/.test(values)) return `trust anchor=${values}`;
  if (POD_IDENTITY_TAGS[key]) return `${POD_IDENTITY_TAGS[key]}=${values.replace(/^arn:[^:]*:eks:[^:]*:[^:]*:cluster\//, '')}`;
  const claim = /:(aud|sub|amr|app_id|sub_type|repository_id|job_workflow_ref|enterprise_id|actor|actor_id)$/.exec(key);
  return claim ? `${claim[1]}=${values}` : test.keyAsWritten;
}

function describeCondition(test: ConditionTest): string {
  return `${test.operator} ${test.keyAsWritten} = ${test.values.map(readable).join(' | ')}`;
}

function principalsOf(statement: PolicyStatement, role: RoleUnderCheck): string[] {
  const entries: string[] = [];
  for (const [type, values] of statement.principal ?? []) {
    for (const value of values) entries.push(type === '*' ? '*' : `${type} ${describePrincipal(type, value, role)}`);
  }
  return entries;
}

/** A principal value in words; a provider defined in the template is named by its issuer. */
function describePrincipal(type: string, value: string, role: RoleUnderCheck): string {
  if (type !== 'Federated') return readable(value);
  const federated = parseFederatedPrincipal(value, role.describeFederated);
  if (!hasPlaceholder(value)) return value;
  if (federated.kind === 'oidc' && federated.issuer !== undefined) return `oidc-provider/${federated.issuer}`;
  return federated.kind === 'saml' ? `saml-provider ${readable(value)}` : readable(value);
}

/** Summarizes the Allow statements of a role's trust policy and its session limit. */
export function summarizeRole(role: RoleUnderCheck): RoleSummary {
  const allows = role.trustAllowStatements;
  const unique = (values: string[]) => [...new Set(values)];
  const seconds = renderString(role.properties.MaxSessionDuration);
  const maxSession = seconds === undefined ? '1h (default)'
    : hasPlaceholder(seconds) ? readable(seconds) : formatSeconds(Number(seconds));
  return {
    trusts: unique(allows.flatMap((statement) => principalsOf(statement, role))),
    conditions: unique(allows.flatMap((statement) => statement.conditions.map(describeCondition))),
    actions: unique(allows.flatMap((statement) => statement.actions)),
    maxSession,
    alerts: [...assumeRoleAlerts(role)],
    keyConditions: unique(allows.flatMap((statement) => statement.conditions.map(keyCondition))).sort((a, b) => priority(a) - priority(b)),
  };
}

function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return String(seconds);
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.round((seconds % 3600) / 60);
  return minutes === 0 ? `${hours}h` : `${hours}h${minutes}m`;
}
