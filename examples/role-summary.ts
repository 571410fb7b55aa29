import { assumeRoleAlerts } from '../src/checks/break-glass';
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

/** The order key conditions are listed in: what keeps people out first, long values last. */
const PRIORITY = ['MFA', 'SourceIdentity', 'ExternalId', 'until', 'org=', 'aud=', 'amr=', 'sub=', 'repository_id=', 'job_workflow_ref=', 'cluster=',
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
