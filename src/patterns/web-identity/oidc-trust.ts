import { Aws, CfnJson, Names, Stack, Token, aws_iam as iam } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { PropErrors } from '../prop-errors';
import { Shapes, shapesOf } from '../prop-shapes';
import { isListToken } from '../unresolved';
import type { OidcProviderOptions } from './provider-props';

/** The shapes of `OidcProviderOptions`, which every OIDC provider's props extend. */
export const OIDC_PROVIDER_SHAPES = shapesOf<OidcProviderOptions>({ oidcProvider: Shapes.oidcProvider, createOidcProvider: Shapes.boolean });

export const WEB_IDENTITY_ACTION = 'sts:AssumeRoleWithWebIdentity';
/** The audience of GitHub Actions tokens for AWS (aws-actions/configure-aws-credentials) and of EKS service account tokens. */
export const STS_AUDIENCE = 'sts.amazonaws.com';
/** A host name, without scheme or path. */
export const HOST = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;
export const ISSUER_URL = /^https:\/\/[a-z0-9.-]+(:\d+)?(\/[\w.~-]+)*\/?$/i;
const FILTER_VALUE = /^[^\s:]{1,255}$/;

/** A condition on one claim of the token: `<issuer>:<claim>` must be one of the values. */
export interface ClaimTest {
  readonly claim: string;
  readonly values: string[];
}

/** Checks the values of a filter that becomes part of a subject: no spaces or `:` (the subject's separator), no list token. */
export function checkFilterValues(prop: string, values: string[] | undefined, errors: PropErrors): void {
  errors.refuseListTokenElements(prop, values, 'each value becomes part of a subject (sub) CDK writes at synth; give the values, or string tokens');
  for (const value of values ?? []) errors.checkPattern(prop, value, FILTER_VALUE, 'a filter value has no spaces or ":", such as "main" or "release/*"');
}

/** Checks that a list has at least one value, and no empty or spaced one. */
export function checkNonEmpty(prop: string, values: string[], errors: PropErrors): void {
  if (values.length === 0) errors.add(prop, values, 'give at least one');
  for (const value of values) errors.checkPattern(prop, value, /^\S+$/, 'a value is not empty and has no spaces');
}

/** The issuer as IAM writes it in condition keys: no scheme, no trailing slash. */
export function issuerOf(url: string): string {
  return Token.isUnresolved(url) ? url : url.replace(/^https:\/\//i, '').replace(/\/+$/, '');
}

/** The ARN of the IAM OIDC provider of an issuer: given, created once per stack, or imported by its well-known ARN. */
export function oidcProviderArn(scope: Construct, issuer: string, audiences: string[], options: OidcProviderOptions): string {
  if (options.oidcProvider) return options.oidcProvider.openIdConnectProviderArn;
  if (!options.createOidcProvider) return `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:oidc-provider/${issuer}`;
  const stack = Stack.of(scope);
  const id = `OidcProvider${Token.isUnresolved(issuer) ? Names.uniqueId(scope) : issuer.replace(/[^A-Za-z0-9]/g, '')}`;
  const existing = stack.node.tryFindChild(id) as iam.OidcProviderNative | undefined;
  return (existing ?? new iam.OidcProviderNative(stack, id, { url: `https://${issuer}`, clientIds: audiences })).openIdConnectProviderArn;
}

/** The operator for a claim's values: StringLike when any value holds a wildcard (or is known only at deployment), else StringEquals. */
function operatorFor(values: string[]): string {
  return isListToken(values) || values.some((value) => /[*?]/.test(value)) ? 'StringLike' : 'StringEquals';
}

/**
 * The federated principal of an OIDC provider with `aud`, `sub` and any further claim conditions, all in one
 * statement (IAM ANDs them): each claim under StringEquals, or StringLike when one of its values holds a
 * wildcard. When the issuer is a token, the condition keys are one too, and CloudFormation needs them in a CfnJson
 * (the role model reads its value, so the checks read these conditions as written).
 */
export function oidcPrincipal(scope: Construct, id: string, provider: string, issuer: string, claims: ClaimTest[]): iam.IPrincipal {
  const tests: Record<string, Record<string, unknown>> = {};
  for (const { claim, values } of claims) {
    const operator = claim === 'aud' ? 'StringEquals' : operatorFor(values);
    tests[operator] = { ...tests[operator], [`${issuer}:${claim}`]: values };
  }
  if (!Token.isUnresolved(issuer)) return new iam.FederatedPrincipal(provider, tests, WEB_IDENTITY_ACTION);
  const conditions: Record<string, unknown> = {};
  for (const [operator, keys] of Object.entries(tests)) {
    conditions[operator] = new CfnJson(scope, `${id}${operator}Condition`, { value: keys });
  }
  return new iam.FederatedPrincipal(provider, conditions, WEB_IDENTITY_ACTION);
}
