import { assumeRoleAlerts } from './break-glass';
import { hasPlaceholder, readable, renderString } from './cfn-value';
import { ConditionTest, isAllow, PolicyStatement } from './policy-document';
import { parseFederatedPrincipal } from './principals';
import { RoleUnderCheck } from './role-under-check';

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
  const allows = role.trustStatements.filter(isAllow);
  const unique = (values: string[]) => [...new Set(values)];
  const seconds = renderString(role.properties.MaxSessionDuration);
  const maxSession = seconds === undefined ? '1h (default)'
    : hasPlaceholder(seconds) ? readable(seconds) : formatSeconds(Number(seconds));
  return {
    trusts: unique(allows.flatMap((statement) => principalsOf(statement, role))),
    conditions: unique(allows.flatMap((statement) => statement.conditions.map(describeCondition))),
    actions: unique(allows.flatMap((statement) => statement.actions)),
    maxSession,
    alerts: assumeRoleAlerts(role),
  };
}

function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return String(seconds);
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.round((seconds % 3600) / 60);
  return minutes === 0 ? `${hours}h` : `${hours}h${minutes}m`;
}
