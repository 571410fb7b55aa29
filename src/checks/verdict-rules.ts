import { Rule, RuleDocs } from './rule';
import { breakGlassTrust } from './rules/examples';

/** A rule as reports and documentation list it: findings the verdict or a pattern makes, not a check of the engine. */
export type RuleDescription = Pick<Rule, 'name' | 'severity' | 'description' | 'docs'>;

/** A pattern's trust no longer keeps what the pattern promises (an escape hatch changed it). */
export const PATTERN_INVARIANT: RuleDescription = {
  name: 'PatternInvariant',
  severity: 'error',
  description: 'A role pattern\'s trust no longer keeps what the pattern promises (its principals, MFA, the conditions its props asked for), '
    + 'most likely because an escape hatch changed it.',
  docs: {
    why: 'The pattern\'s checks and its record vouch for a trust it no longer has: whoever the changed statement lets in gets the role.',
    fix: 'Undo the escape hatch (assumeRolePolicy.addStatements, addOverride or addPropertyOverride on the trust policy), or use iam.Role for a different trust.',
    code: {
      insecure: "const role = new BreakGlassRole(stack, 'Admin', { trustedPrincipalArns: [servicedesk], alertEmails: [oncall] });\n"
        + "(role.node.defaultChild as iam.CfnRole).addPropertyDeletionOverride('AssumeRolePolicyDocument.Statement.0.Condition.Bool');",
      secure: "new BreakGlassRole(stack, 'Admin', { trustedPrincipalArns: [servicedesk], alertEmails: [oncall] });",
    },
  },
};

/** A pattern record on a role that does not keep that pattern's terms. */
export const PATTERN_RECORD_NOT_KEPT: RuleDescription = {
  name: 'PatternRecordNotKept',
  severity: 'error',
  description: 'The role\'s Metadata says a pattern of this library made it, but its trust does not keep that pattern\'s terms (or names no '
    + 'pattern of the library), so the record counts for nothing: a record written or left on another role must not relax its verdict.',
  docs: {
    why: 'Anyone can write a record into a template; if it counted, it could turn an administrator role open to everyone into one that passes.',
    fix: 'Make the role with the pattern the record names and undo any escape hatch that changed its trust, or remove the record from the role\'s Metadata.',
    insecure: {
      trust: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }],
      metadata: { 'cdk-iam-role-patterns': { pattern: 'BreakGlassRole', acknowledged: { 'cdk-iam-role-patterns:WildcardPrincipal': 'forged' } } },
    },
    secure: { trust: [breakGlassTrust(true)], metadata: { 'cdk-iam-role-patterns': { pattern: 'BreakGlassRole' } } },
  },
};

/** A warning a pattern raises from its props: its message is made from the data the pattern records. */
export interface PatternWarning extends RuleDescription {
  /** The message, from the data recorded with the warning (`{ duration: '2 hours' }`). */
  message(data: Readonly<Record<string, string>>): string;
}

/** The warnings the patterns raise of themselves, from their props; recorded in the template (rule and data) so every door reports them. */
export const PATTERN_WARNINGS: readonly PatternWarning[] = [
  warning('LambdaLogGroupScope', 'A LambdaExecutionRole without a function name may write logs to every /aws/lambda/* log group of its account and region.',
    () => 'the role may write logs to every /aws/lambda/* log group of this account and region, because it was given neither functionName '
      + 'nor logGroup. Pass logGroup (the function\'s log group) or functionName so the function can write only its own logs.', {
      why: 'A function that can write to every function\'s log group can forge or flood the logs of the others.',
      fix: 'Pass logGroup (the function\'s log group) or functionName.',
      code: { insecure: "new LambdaExecutionRole(stack, 'Fn');", secure: "new LambdaExecutionRole(stack, 'Fn', { functionName: 'orders' });" },
    }),
  warning('BreakGlassSessionOverOneHour', 'A BreakGlassRole\'s maximum session is over 1 hour.',
    (data) => sessionOverOneHour(data, 'a break-glass session should last as long as the fix, and role chaining caps it at 1 hour anyway'), {
      why: 'A break-glass session should last as long as the fix; a long one stays open after it, and role chaining caps it at 1 hour anyway.',
      fix: 'Use maxSessionDuration: Duration.hours(1), or acknowledge the warning with the reason.',
      code: { insecure: 'maxSessionDuration: Duration.hours(8)', secure: 'maxSessionDuration: Duration.hours(1)' },
    }),
  warning('BreakGlassAccountNotChecked', 'A BreakGlassRole in an env-agnostic stack: whether its trusted principals are of the account it is deployed to could not be checked.',
    (data) => `the stack has no account (env-agnostic), so whether the trusted principals' account ${data.accounts} is the one this role is `
      + 'deployed to could not be checked; deployed anywhere else, the role would trust another account. Give the stack env: { account }, or set '
      + 'allowOtherAccounts: true if other accounts are intended.', {
      why: 'Deployed to another account than the principals\', the role would trust a foreign account\'s users with its elevation.',
      fix: 'Give the stack env: { account }, or set allowOtherAccounts: true if other accounts are intended.',
      code: { insecure: "new Stack(app, 'Ops')", secure: "new Stack(app, 'Ops', { env: { account: '111122223333', region: 'eu-west-1' } })" },
    }),
  warning('BreakGlassWithoutSourceIdentity', 'A BreakGlassRole with requireSourceIdentity off: CloudTrail shows the role session, not the human.',
    () => 'requireSourceIdentity is off, so CloudTrail shows the role session, not the human, for whatever is done through a role chain. '
      + 'Keep it on for IAM users; acknowledge this warning for federated humans and roles, which have no aws:username.', {
      why: 'Without a source identity, what is done through a role chain cannot be traced back to the person who broke the glass.',
      fix: 'Keep requireSourceIdentity on for IAM users; acknowledge the warning for federated humans and roles, which have no aws:username.',
      code: { insecure: 'requireSourceIdentity: false', secure: '// requireSourceIdentity defaults to true' },
    }),
  warning('BreakGlassAlertingOff', 'A BreakGlassRole with alerting off raises no alert here when it is used.',
    (data) => `alerting is off (${data.reason}), so uses of this role raise no alert here. Make sure another alert covers it, and `
      + 'acknowledge this warning with where it lives.', {
      why: 'An elevation nobody is told about is the misuse break glass exists to prevent.',
      fix: 'Keep alerting on, or acknowledge the warning with where the alert that covers the role lives.',
      code: { insecure: "alerting: false, alertingDisabledReason: 'org-wide trail alerts'", secure: "alertEmails: ['oncall@example.com']" },
    }),
  warning('BreakGlassTrailAssumed', 'A BreakGlassRole whose alerts depend on a CloudTrail trail the app does not name.',
    () => 'the alerts match CloudTrail management events, which EventBridge receives only while a trail logs them (read and write, in '
      + 'every alert region), and no trail was given. Pass trail: AlertTrail.of(trail) or AlertTrail.fromTrailRef(CfnTrail.fromTrailArn(...)), '
      + 'or acknowledge this warning with where the organization\'s trail lives.', {
      why: 'Without a trail that logs management events, EventBridge receives no AssumeRole, sign-in or IAM event: every alert stays silent.',
      fix: 'Pass trail (the app\'s trail, or the organization trail imported with CfnTrail.fromTrailArn), or acknowledge the warning with where the trail lives.',
      code: {
        insecure: "new BreakGlassRole(stack, 'Admin', { trustedPrincipalArns: [servicedesk], alertEmails: [oncall] });",
        secure: "new BreakGlassRole(stack, 'Admin', { trustedPrincipalArns: [servicedesk], alertEmails: [oncall], trail: AlertTrail.fromTrailRef(orgTrail) });",
      },
    }),
  warning('RolesAnywhereSubjectOrganizationOnly', 'A RolesAnywhereRole that pins the certificate subject by its organization only.',
    (data) => `the certificate subject is pinned by its organization (O=${data.organization}) only, so every certificate the trust anchor's CA `
      + 'issued to that organization, to any machine or person, gets the role. Pin the common name or the organizational unit too.', {
      why: 'A CA issues many certificates to one organization: a pin by organization alone lets in every one of them.',
      fix: 'Pin subject.commonName (or subject.organizationalUnit), or acknowledge the warning with why every certificate of the organization may get the role.',
      code: { insecure: "subject: { organization: 'Ride Co' }", secure: "subject: { commonName: 'backup-agent.onprem.example', organization: 'Ride Co' }" },
    }),
  warning('CrossAccountSessionOverOneHour', 'A CrossAccountRole\'s maximum session is over 1 hour, which role chaining caps at 1 hour anyway.',
    (data) => sessionOverOneHour(data, 'callers that reach this role through another role (role chaining) get at most 1 hour whatever this says'), {
      why: 'Callers that come through another role get at most 1 hour whatever the role says, so the longer session misleads; for others, it widens the window of a stolen session.',
      fix: 'Use maxSessionDuration: Duration.hours(1), or acknowledge the warning with the reason.',
      code: { insecure: 'maxSessionDuration: Duration.hours(12)', secure: 'maxSessionDuration: Duration.hours(1)' },
    }),
  warning('SamlCertificateExpiresSoon', 'A signing certificate of the SAML provider\'s metadata document has expired or expires soon.',
    (data) => `the metadata document's ${data.certificate}`, {
      why: 'When the IdP\'s signing certificate expires, IAM refuses its assertions and nobody can sign in through the role.',
      fix: 'Rotate the certificate at the IdP and update the metadata document.',
      code: { insecure: "metadataDocument: iam.SamlMetadataDocument.fromFile('expiring-idp.xml')", secure: "metadataDocument: iam.SamlMetadataDocument.fromFile('idp.xml')" },
    }),
];

/** Every finding the verdict and the patterns make besides the engine's rules. */
export const VERDICT_RULES: readonly RuleDescription[] = [PATTERN_INVARIANT, PATTERN_RECORD_NOT_KEPT, ...PATTERN_WARNINGS];

function warning(name: string, description: string, message: PatternWarning['message'], docs: RuleDocs): PatternWarning {
  return { name, severity: 'warning', description, docs, message };
}

function sessionOverOneHour(data: Readonly<Record<string, string>>, why: string): string {
  return `the maximum session is ${data.duration}, more than 1 hour; ${why}. Use Duration.hours(1), or acknowledge this warning with the reason.`;
}

/** A recorded pattern warning's message, from the library's table; a rule the table does not know is named as recorded. */
export function patternWarningMessage(rule: string, data: Readonly<Record<string, string>>): string {
  const known = PATTERN_WARNINGS.find((candidate) => candidate.name === rule);
  return known ? known.message(data) : `the role pattern that made this role recorded the warning ${rule}, which this version of the library does not know`;
}
