import { Rule } from './rule';

/** A rule as reports and documentation list it: findings the verdict or a pattern makes, not a check of the engine. */
export type RuleDescription = Pick<Rule, 'name' | 'severity' | 'description'>;

/** A pattern's trust no longer keeps what the pattern promises (an escape hatch changed it). */
export const PATTERN_INVARIANT: RuleDescription = {
  name: 'PatternInvariant',
  severity: 'error',
  description: 'A role pattern\'s trust no longer keeps what the pattern promises (its principals, MFA, the conditions its props asked for), '
    + 'most likely because an escape hatch changed it.',
};

/** A pattern record on a role that does not keep that pattern's terms. */
export const PATTERN_RECORD_NOT_KEPT: RuleDescription = {
  name: 'PatternRecordNotKept',
  severity: 'error',
  description: 'The role\'s Metadata says a pattern of this library made it, but its trust does not keep that pattern\'s terms (or names no '
    + 'pattern of the library), so the record counts for nothing: a record written or left on another role must not relax its verdict.',
};

/** The warnings the patterns raise of themselves, from their props; recorded in the template so every door reports them. */
export const PATTERN_WARNINGS: readonly RuleDescription[] = [
  warning('LambdaLogGroupScope', 'A LambdaExecutionRole without a function name may write logs to every /aws/lambda/* log group of its account and region.'),
  warning('BreakGlassSessionOverOneHour', 'A BreakGlassRole\'s maximum session is over 1 hour.'),
  warning('BreakGlassAccountNotChecked', 'A BreakGlassRole in an env-agnostic stack: whether its trusted principals are of the account it is deployed to could not be checked.'),
  warning('BreakGlassWithoutSourceIdentity', 'A BreakGlassRole with requireSourceIdentity off: CloudTrail shows the role session, not the human.'),
  warning('BreakGlassAlertingOff', 'A BreakGlassRole with alerting off raises no alert here when it is used.'),
  warning('CrossAccountSessionOverOneHour', 'A CrossAccountRole\'s maximum session is over 1 hour, which role chaining caps at 1 hour anyway.'),
  warning('SamlCertificateExpiresSoon', 'A signing certificate of the SAML provider\'s metadata document has expired or expires soon.'),
];

/** Every finding the verdict and the patterns make besides the engine's rules. */
export const VERDICT_RULES: readonly RuleDescription[] = [PATTERN_INVARIANT, PATTERN_RECORD_NOT_KEPT, ...PATTERN_WARNINGS];

function warning(name: string, description: string): RuleDescription {
  return { name, severity: 'warning', description };
}
