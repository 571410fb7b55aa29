/**
 * The pieces the rules' documentation examples share (docs/rules.md shows them; a test runs every rule over its
 * examples): a vendor's trust with an external id, a break-glass trust and its alert, the usual GitHub, Cognito and
 * SAML trusts, a scoped read.
 */

/** A vendor's account, trusted with the external id it gave you. */
export const VENDOR_TRUST = {
  Effect: 'Allow',
  Principal: { AWS: 'arn:aws:iam::444455556666:root' },
  Action: 'sts:AssumeRole',
  Condition: { StringEquals: { 'sts:ExternalId': '8f14e45f-ceea-467f-a0e6-e1d2c3b4a596' } },
};

/** The service desk's users of this account, with or without MFA. */
export function breakGlassTrust(mfa: boolean): Record<string, unknown> {
  const condition: Record<string, unknown> = { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:user/servicedesk/*' } };
  if (mfa) condition.Bool = { 'aws:MultiFactorAuthPresent': 'true' };
  return { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:AssumeRole', Condition: condition };
}

/** The tag that marks a break-glass role. */
export const BREAK_GLASS_TAGS = { Tags: [{ Key: 'break-glass', Value: 'true' }] };

/** An EventBridge rule on the role's CloudTrail AssumeRole events (the role is `Role`). */
export const ASSUME_ROLE_ALERT = {
  Alert: {
    Type: 'AWS::Events::Rule',
    Properties: {
      EventPattern: {
        'source': ['aws.sts'],
        'detail-type': ['AWS API Call via CloudTrail'],
        'detail': {
          eventSource: ['sts.amazonaws.com'],
          eventName: ['AssumeRole'],
          requestParameters: { roleArn: [{ 'Fn::GetAtt': ['Role', 'Arn'] }] },
        },
      },
    },
  },
};

/** Identities of one Cognito identity pool, authenticated or guests. */
export function cognitoTrust(amr: 'authenticated' | 'unauthenticated'): Record<string, unknown> {
  return {
    Effect: 'Allow',
    Principal: { Federated: 'cognito-identity.amazonaws.com' },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: {
      'StringEquals': { 'cognito-identity.amazonaws.com:aud': 'eu-west-1:11111111-2222-3333-4444-555555555555' },
      'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': amr },
    },
  };
}

/** GitHub Actions tokens for sts.amazonaws.com, with a subject pattern when given. */
export function githubTrust(subject?: string, claims: Record<string, string> = {}): Record<string, unknown> {
  const pinned: Record<string, string> = {};
  for (const [claim, value] of Object.entries(claims)) pinned[`token.actions.githubusercontent.com:${claim}`] = value;
  const condition: Record<string, unknown> = { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', ...pinned } };
  if (subject !== undefined) condition.StringLike = { 'token.actions.githubusercontent.com:sub': subject };
  return {
    Effect: 'Allow',
    Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com' },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: condition,
  };
}

/** Staff of a corporate IdP through the AWS sign-in endpoint, with the action given. */
export function samlTrust(action: string): Record<string, unknown> {
  return {
    Effect: 'Allow',
    Principal: { Federated: 'arn:aws:iam::111122223333:saml-provider/Corporate' },
    Action: action,
    Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } },
  };
}

/** Reading the objects of one bucket. */
export const READ_REPORTS = { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' };

/** A trust anchor of IAM Roles Anywhere, for the examples. */
const ROLES_ANYWHERE_ANCHOR = 'arn:aws:rolesanywhere:eu-west-1:111122223333:trust-anchor/0a1b2c3d-4e5f-6789-abcd-ef0123456789';

/** A trust in IAM Roles Anywhere: with no conditions, the trust anchor only (`anchor`), or the anchor and the certificate's common name (`pinned`). */
export function rolesAnywhereTrust(narrowed: 'none' | 'anchor' | 'pinned'): Record<string, unknown> {
  const condition = narrowed === 'none' ? undefined : {
    ArnEquals: { 'aws:SourceArn': ROLES_ANYWHERE_ANCHOR },
    ...narrowed === 'pinned' ? { StringEquals: { 'aws:PrincipalTag/x509Subject/CN': 'backup-agent.onprem.example' } } : {},
  };
  return {
    Effect: 'Allow',
    Principal: { Service: 'rolesanywhere.amazonaws.com' },
    Action: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'],
    ...condition ? { Condition: condition } : {},
  };
}
