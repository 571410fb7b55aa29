import { Duration, Token, aws_iam as iam } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { PropErrors } from './prop-errors';

/** What a role may mint AWS-signed web identity tokens for (IAM outbound identity federation). */
export interface WebIdentityTokenProps {
  /**
   * The audiences the role may request tokens for: the `aud` claim the external service checks, such as
   * `https://api.example.com`. One to ten, as `GetWebIdentityToken` accepts.
   */
  readonly audiences: string[];

  /**
   * The longest token lifetime the role may request (`sts:DurationSeconds`), from 1 minute to 1 hour. Callers must
   * pass `DurationSeconds` (up to this) in each request: a request without it carries no duration to compare.
   * @default Duration.minutes(5), the lifetime GetWebIdentityToken gives by default
   */
  readonly maxDuration?: Duration;
}

/** The shortest and longest token lifetime `GetWebIdentityToken` accepts ("GetWebIdentityToken", AWS STS API Reference). */
const MIN_SECONDS = 60;
const MAX_SECONDS = 3600;
const MAX_AUDIENCES = 10;

/**
 * Grants for IAM outbound identity federation: a role's workload asks STS (`GetWebIdentityToken`, on a regional
 * endpoint) for a token AWS signs, and presents it to an external service that trusts the account's issuer.
 */
export class WebIdentityTokens {
  /**
   * Allows a role to mint tokens only for the audiences named and only as long-lived as `maxDuration`: `sts:GetWebIdentityToken`
   * with `ForAllValues:StringEquals sts:IdentityTokenAudience`, the key present, and `NumericLessThanEquals sts:DurationSeconds`, the
   * condition keys the IAM User Guide documents for outbound identity federation ("Controlling access with IAM policies").
   * @param grantee the role or other principal
   * @param props the audiences and the longest lifetime
   */
  public static grant(grantee: iam.IGrantable, props: WebIdentityTokenProps): iam.Grant {
    const seconds = checkTokenProps(props, grantee instanceof Construct ? grantee.node.path : '');
    return iam.Grant.addToPrincipal({
      grantee,
      actions: ['sts:GetWebIdentityToken'],
      resourceArns: ['*'],
      conditions: {
        'ForAllValues:StringEquals': { 'sts:IdentityTokenAudience': [...props.audiences] },
        'Null': { 'sts:IdentityTokenAudience': 'false' },
        'NumericLessThanEquals': { 'sts:DurationSeconds': seconds },
      },
    });
  }

  private constructor() {}
}

/** The audiences (1 to 10, literal, none `*`) and the lifetime in seconds (60 to 3600), or an error naming the prop. */
function checkTokenProps(props: WebIdentityTokenProps, path: string): number {
  const errors = new PropErrors('WebIdentityTokens.grant', path);
  const audiences = props.audiences ?? [];
  if (!Array.isArray(audiences) || audiences.length === 0 || audiences.length > MAX_AUDIENCES) {
    errors.add('audiences', audiences, 'one to ten audiences the external services check, such as ["https://api.example.com"]');
  }
  for (const audience of Array.isArray(audiences) ? audiences : []) {
    if (typeof audience !== 'string' || Token.isUnresolved(audience)) continue;
    if (audience.length === 0 || audience.length > 1000 || audience.includes('*')) {
      errors.add('audiences', audience, 'an exact audience of 1 to 1000 characters, such as "https://api.example.com" (a wildcard would allow any service)');
    }
  }
  const seconds = props.maxDuration?.toSeconds({ integral: false }) ?? 300;
  if (!Token.isUnresolved(seconds) && (!Number.isInteger(seconds) || seconds < MIN_SECONDS || seconds > MAX_SECONDS)) {
    errors.add('maxDuration', props.maxDuration!.toHumanString(), 'whole seconds from Duration.minutes(1) to Duration.hours(1), such as Duration.minutes(5)');
  }
  errors.throwIfAny();
  return seconds;
}
