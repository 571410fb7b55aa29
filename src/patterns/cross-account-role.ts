import { CfnOutput, Stack, Token, aws_iam as iam } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { checkPrincipalArnsCanMatch, isEveryUserOrRole, principalArnParts } from './principal-arns';
import { accountRoots, accountsOf, principalArnOperator, PrincipalSet, TrustConditions } from './principal-set';
import { PropErrors } from './prop-errors';
import { Shapes, shapesOf } from './prop-shapes';
import { hasOnlyPseudoParameterTokens, namesOwnAccountByToken } from './pseudo-parameters';
import { RolePattern } from './role-pattern';
import { RolePatternProps, SessionTagOptions } from './role-pattern-props';
import { checkPatternProps, ROLE_PATTERN_SHAPES, rolePropsFrom } from './role-pattern-validation';
import { SESSION_TAG_SHAPES, sessionTagConditions, TAG_SESSION } from './session-tags';
import { isListToken, literalValues, wholeListAsString } from './unresolved';
import { DEFAULT_LIMITS } from '../checks/limits';
import { policySize } from '../checks/policy-size';
import { onlyPrincipals, pinsWrittenValues, requiresMfaInvariant, TrustInvariant } from '../checks/trust-invariants';

/** Properties of a CrossAccountRole. Give at least one of `trustedAccounts`, `trustedPrincipalArns`, `organizationId`. */
export interface CrossAccountRoleProps extends RolePatternProps, SessionTagOptions {
  /**
   * The 12-digit ids of the accounts whose principals may assume the role (their administrators decide who).
   * With `trustedPrincipalArns`, only those principals of these accounts may.
   * @default - the accounts of `trustedPrincipalArns`, or every account of `organizationId`
   */
  readonly trustedAccounts?: string[];

  /**
   * ARNs of the roles or users that may assume the role, such as `arn:aws:iam::444455556666:role/Uploader`
   * (a wildcard in the path or name is allowed). They are enforced with an `aws:PrincipalArn` condition on
   * their accounts, which keeps working when a principal is deleted and created again.
   * @default - every principal of the trusted accounts
   */
  readonly trustedPrincipalArns?: string[];

  /**
   * The AWS Organizations id (`o-` and 10 to 32 lowercase letters or digits) whose accounts may assume the
   * role, enforced with `aws:PrincipalOrgID`.
   * @default - no organization condition
   */
  readonly organizationId?: string;

  /**
   * Organization paths (`o-abc1234567/r-ab12/ou-ab12-11111111/*`) that narrow `organizationId` to some
   * organizational units, enforced with `ForAnyValue:StringLike aws:PrincipalOrgPaths`.
   * @default - the whole organization
   */
  readonly organizationPaths?: string[];

  /**
   * The external id the vendor gave you, required in `sts:ExternalId`: 2 to 1,224 characters of letters,
   * digits and `+=,.@:/-`. The vendor generates it, one per customer; it is not a secret.
   * @default - no external id (required when `thirdParty` is true)
   */
  readonly externalId?: string;

  /**
   * Whether a third party (a vendor acting for many customers) assumes the role. Then `externalId` is required.
   * @default false
   */
  readonly thirdParty?: boolean;

  /**
   * Whether callers must have signed in with MFA (`Bool aws:MultiFactorAuthPresent true`), for humans.
   * @default false
   */
  readonly requireMfa?: boolean;

  /**
   * Whether to add stack outputs with the role ARN and the console switch-role URL.
   * @default true
   */
  readonly outputs?: boolean;
}

const ACCOUNT_ID = /^\d{12}$/;
const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;
const ORGANIZATION_PATH = /^o-[a-z0-9]{10,32}\/r-[a-z0-9]{4,32}(\/[\w*?-]+)*\/?\*?$/;
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;

const CROSS_ACCOUNT_SHAPES = shapesOf<CrossAccountRoleProps>({
  ...ROLE_PATTERN_SHAPES,
  trustedAccounts: Shapes.stringList,
  trustedPrincipalArns: Shapes.stringList,
  organizationId: Shapes.string,
  organizationPaths: Shapes.stringList,
  externalId: Shapes.string,
  thirdParty: Shapes.boolean,
  requireMfa: Shapes.boolean,
  outputs: Shapes.boolean,
  ...SESSION_TAG_SHAPES,
});

/**
 * A role that principals of other accounts assume: a partner's application, a vendor (with an ExternalId),
 * or the accounts of your organization. Every trusted principal is in one statement, narrowed by the
 * conditions you ask for (principal ARNs, organization, ExternalId, MFA).
 *
 * @example
 * const vendor = new CrossAccountRole(this, 'VendorAudit', {
 *   trustedAccounts: ['444455556666'],
 *   thirdParty: true,
 *   externalId: '8f14e45f-ceea-467f-a0e6-e1d2c3b4a596',
 *   managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('SecurityAudit')],
 * });
 */
export class CrossAccountRole extends RolePattern {
  private readonly rolePath: string;
  private switchRoleUrlMade?: string;

  /**
   * @param scope the scope of the role
   * @param id the id of the role
   * @param props who may assume the role, and under which conditions
   */
  constructor(scope: Construct, id: string, props: CrossAccountRoleProps) {
    super(scope, id, crossAccountRoleProps(scope, id, props), props.checkLimits);
    this._requireOfEveryTrustStatement(...crossAccountInvariants(props));
    checkTrustPolicyFits(this, props);
    this.warnIfSessionOverOneHour('CrossAccountSessionOverOneHour', props.maxSessionDuration);
    this.rolePath = (props.path ?? '/').replace(/^\//, '');
    if (props.outputs ?? true) {
      new CfnOutput(this, 'RoleArn', { value: this.roleArn, description: 'The ARN the trusted principals assume' });
      new CfnOutput(this, 'SwitchRoleUrl', { value: this.switchRoleUrl, description: 'Console URL that switches to this role' });
    }
  }

  /** The console URL that switches to this role: `https://signin.aws.amazon.com/switchrole?roleName=...&account=...`. */
  public get switchRoleUrl(): string {
    // Made on first read: the role name in it is a token that costs a little to make, and most apps never read it.
    return this.switchRoleUrlMade ??=
      `https://signin.aws.amazon.com/switchrole?roleName=${this.rolePath}${this.roleName}&account=${Stack.of(this).account}`;
  }
}

/** What every trust statement keeps: AWS principals only, and each condition the props asked for. */
function crossAccountInvariants(props: CrossAccountRoleProps): TrustInvariant[] {
  const invariants = [onlyPrincipals('AWS', () => true, 'trusts only IAM principals of other accounts')];
  if (props.externalId !== undefined) {
    invariants.push(pinsWrittenValues('sts:ExternalId', literalValues([props.externalId]), 'requires the external id in every statement'));
  }
  if (props.trustedPrincipalArns?.length) {
    invariants.push(pinsWrittenValues('aws:PrincipalArn', literalValues(props.trustedPrincipalArns),
      'names the trusted principals (aws:PrincipalArn) in every statement, as given in trustedPrincipalArns'));
  }
  if (props.organizationId !== undefined) {
    invariants.push(pinsWrittenValues('aws:PrincipalOrgID', literalValues([props.organizationId]), 'requires the organization (aws:PrincipalOrgID) in every statement'));
  }
  if (props.requireMfa) invariants.push(requiresMfaInvariant('requires MFA in every statement'));
  return invariants;
}

function crossAccountRoleProps(scope: Construct, id: string, props: CrossAccountRoleProps): iam.RoleProps {
  const checked = checkPatternProps('CrossAccountRole', scope, id, props, CROSS_ACCOUNT_SHAPES);
  props = checked.props;
  const errors = checked.errors;
  checkWho(scope, props, errors);
  checkConditions(props, errors);
  const tagConditions = sessionTagConditions(props, errors);
  errors.throwIfAny();
  return rolePropsFrom(props, trustedPrincipal(props, tagConditions), `Cross-account role (cdk-iam-role-patterns CrossAccountRole): ${describeTrust(props)}.`);
}

function checkWho(scope: Construct, props: CrossAccountRoleProps, errors: PropErrors): void {
  const accounts = props.trustedAccounts ?? [];
  const arns = props.trustedPrincipalArns ?? [];
  if (accounts.length === 0 && arns.length === 0 && props.organizationId === undefined) {
    errors.addConflict('trustedAccounts, trustedPrincipalArns, organizationId: give at least one, such as trustedAccounts: [\'444455556666\']');
  }
  errors.refuseMixedListToken('trustedAccounts', accounts);
  errors.refuseMixedListToken('trustedPrincipalArns', arns);
  const ownAccount = Stack.of(scope).account;
  const isOwn = (account: string) => !Token.isUnresolved(ownAccount) && account === ownAccount;
  for (const account of literalValues(accounts)) {
    if (account === '*') errors.add('trustedAccounts', account, 'trusting every account is not cross-account access; name 12-digit account ids, or use organizationId');
    else if (!ACCOUNT_ID.test(account)) errors.add('trustedAccounts', account, 'an account id is 12 digits, such as "444455556666"');
    else if (isOwn(account)) errors.add('trustedAccounts', account, 'that is the stack\'s own account; trust other accounts here, and principals of this account with iam.Role');
  }
  if (accounts.some(namesOwnAccountByToken)) {
    errors.add('trustedAccounts', 'Aws.ACCOUNT_ID',
      'that is the stack\'s own account, whichever it is deployed to; trust other accounts here, and principals of this account with iam.Role');
  }
  for (const arn of arns.filter(namesOwnAccountByToken)) {
    errors.add('trustedPrincipalArns', arn.replace(/\$\{Token\[[^\]]*\]\}/g, '${Aws.ACCOUNT_ID}'),
      'that principal is in the stack\'s own account, whichever it is deployed to; trust other accounts\' principals here');
  }
  checkPrincipalArnsCanMatch(scope, 'trustedPrincipalArns', arns, errors);
  for (const arn of literalValues(arns)) {
    const parts = principalArnParts(arn);
    if (!parts || parts.type === 'group') {
      errors.add('trustedPrincipalArns', arn, 'a principal ARN names a role or user, such as "arn:aws:iam::444455556666:role/Uploader"');
    } else if (isOwn(parts.account)) {
      errors.add('trustedPrincipalArns', arn, 'that principal is in the stack\'s own account; trust other accounts\' principals here');
    } else if (isEveryUserOrRole(arn)) {
      errors.add('trustedPrincipalArns', arn, `that is every ${parts.type} of account ${parts.account}, the same as trusting the whole account; `
        + `narrow it by path, such as "arn:${parts.partition}:iam::${parts.account}:${parts.type}/partner-uploads/*", or name the ${parts.type}s`);
    } else if (accounts.length > 0 && !isListToken(accounts) && !accounts.includes(parts.account)) {
      errors.add('trustedPrincipalArns', arn, `its account ${parts.account} is not in trustedAccounts; add the account, or remove the ARN`);
    }
  }
}

function checkConditions(props: CrossAccountRoleProps, errors: PropErrors): void {
  errors.checkPattern('organizationId', props.organizationId, ORGANIZATION_ID, 'an organization id is "o-" and 10 to 32 lowercase letters or digits, such as "o-a1b2c3d4e5"');
  errors.refuseMixedListToken('organizationPaths', props.organizationPaths);
  for (const path of literalValues(props.organizationPaths)) {
    if (props.organizationId === undefined) {
      errors.add('organizationPaths', path, 'organization paths narrow organizationId; give organizationId too');
    } else if (!ORGANIZATION_PATH.test(path) || (!Token.isUnresolved(props.organizationId) && !path.startsWith(`${props.organizationId}/`))) {
      errors.add('organizationPaths', path, `an organization path starts with the organization id and its root, such as "${props.organizationId}/r-ab12/ou-ab12-11111111/*"`);
    }
  }
  errors.checkPattern('externalId', props.externalId, EXTERNAL_ID, 'an external id is 2 to 1224 characters of letters, digits and +=,.@:/- (no spaces)');
  if (props.thirdParty && props.externalId === undefined) {
    errors.add('externalId', undefined, 'a third party (thirdParty: true) must present the external id it generated for you; set externalId');
  }
}

/** Every trusted principal in one statement, with the conditions the props ask for. */
function trustedPrincipal(props: CrossAccountRoleProps, tagConditions: TrustConditions): iam.IPrincipal {
  const conditions: TrustConditions = { ...tagConditions };
  const add = (operator: string, key: string, value: unknown) => { conditions[operator] = { ...conditions[operator], [key]: value }; };
  const arns = props.trustedPrincipalArns ?? [];
  if (arns.length > 0) add(principalArnOperator(arns), 'aws:PrincipalArn', arns);
  if (props.organizationId !== undefined) add('StringEquals', 'aws:PrincipalOrgID', props.organizationId);
  if (props.organizationPaths?.length) add('ForAnyValue:StringLike', 'aws:PrincipalOrgPaths', props.organizationPaths);
  if (props.externalId !== undefined) add('StringEquals', 'sts:ExternalId', props.externalId);
  if (props.requireMfa) add('Bool', 'aws:MultiFactorAuthPresent', 'true');
  return new PrincipalSet('AWS', awsPrincipals(props), conditions, props.sessionTags ? ['sts:AssumeRole', TAG_SESSION] : ['sts:AssumeRole']);
}

/**
 * The AWS principals of the trust: the trusted accounts' roots, or those of the principal ARNs' accounts. A
 * list token of accounts is named as it is (IAM takes a 12-digit account id as that account's root); when
 * the accounts are not known at synth, `*`, narrowed by the `aws:PrincipalArn` or `aws:PrincipalOrgID` condition.
 */
function awsPrincipals(props: CrossAccountRoleProps): string[] {
  if (isListToken(props.trustedAccounts)) return [wholeListAsString(props.trustedAccounts!)];
  const accounts = trustedAccountsOf(props);
  return accounts.length > 0 ? accountRoots(accounts) : ['*'];
}

/** The accounts to name as principals, when known at synth: the trusted accounts, or those of the principal ARNs. */
function trustedAccountsOf(props: CrossAccountRoleProps): string[] {
  if (props.trustedAccounts?.length) return [...new Set(props.trustedAccounts)];
  return isListToken(props.trustedPrincipalArns) ? [] : accountsOf(props.trustedPrincipalArns ?? []);
}

function describeTrust(props: CrossAccountRoleProps): string {
  const parts: string[] = [];
  if (props.trustedPrincipalArns?.length) parts.push(`trusts ${props.trustedPrincipalArns.length} named principal(s)`);
  else if (props.trustedAccounts?.length) parts.push(`trusts ${props.trustedAccounts.length} account(s)`);
  if (props.organizationId !== undefined) parts.push('of its organization');
  if (props.externalId !== undefined) parts.push('with an ExternalId');
  if (props.requireMfa) parts.push('with MFA');
  return parts.join(' ') || 'trusts other accounts';
}

/**
 * Fails at construction when the trust policy would exceed the configured quota, saying how many accounts fit.
 * The size is counted as IAM counts it (no white space), on the resolved trust policy. Most trust policies
 * are far below the quota, and their size before resolving already shows it: when every token in the
 * document is a pseudo parameter, the unresolved document is no smaller than the resolved one (a token's
 * string is longer than the value it is counted as, and resolving only merges statements). So only a
 * document near the quota, or one with other tokens, is resolved; each resolve costs a measure in CDK.
 */
function checkTrustPolicyFits(role: CrossAccountRole, props: CrossAccountRoleProps): void {
  const limit = props.checkLimits?.trustPolicyMaxChars ?? DEFAULT_LIMITS.trustPolicyMaxChars;
  const document = role.assumeRolePolicy?.toJSON();
  if (hasOnlyPseudoParameterTokens(document) && policySize(document) <= limit) return;
  const size = policySize(Stack.of(role).resolve(document));
  if (size <= limit) return;
  const accounts = trustedAccountsOf(props).length;
  const perAccount = policySize('arn:aws:iam::123456789012:root') + 1; // the quoted ARN and its comma
  const fit = Math.max(0, accounts - Math.ceil((size - limit) / perAccount));
  const errors = new PropErrors('CrossAccountRole', role.node.path);
  errors.add('trustedAccounts', `${accounts} accounts`, `the trust policy would be ${size} characters, over the ${limit}-character quota `
    + `(checkLimits.trustPolicyMaxChars); about ${fit} accounts fit. Trust the organization with organizationId instead, or raise the `
    + 'quota and checkLimits.trustPolicyMaxChars together');
  errors.throwIfAny();
}
