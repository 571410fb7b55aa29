import { ActionResourceMismatch } from './action-resource-mismatch';
import { AllowWithNotAction } from './allow-with-not-action';
import { BreakGlassAlertForgeable } from './break-glass-alert-forgeable';
import { BreakGlassWithoutAlert } from './break-glass-without-alert';
import { CognitoUnauthenticatedWrite } from './cognito-unauthenticated-write';
import { ConditionCombinationsLimited } from './condition-combinations-limited';
import { CrossAccountWithoutCondition } from './cross-account-without-condition';
import { ElevatedRoleWithoutMfa } from './elevated-role-without-mfa';
import { FederatedActionMismatch } from './federated-action-mismatch';
import { ForAllValuesSingleValuedKey } from './for-all-values-single-valued-key';
import { FullAdministratorAccess } from './full-administrator-access';
import { InlinePoliciesSize } from './inline-policies-size';
import { ManagedPoliciesPerRole } from './managed-policies-per-role';
import { ManagedPolicySize } from './managed-policy-size';
import { MaxSessionDurationRange } from './max-session-duration-range';
import { MfaBoolIfExists } from './mfa-bool-if-exists';
import { NotPrincipalWithAllow } from './not-principal-with-allow';
import { PassRoleOnEveryResource } from './pass-role-on-every-resource';
import { PodIdentityUnscoped } from './pod-identity-unscoped';
import { PrivilegeEscalation } from './privilege-escalation';
import { RoleNameFormat } from './role-name-format';
import { RolePathFormat } from './role-path-format';
import { RolesAnywhereSubjectUnpinned } from './roles-anywhere-subject-unpinned';
import { RolesAnywhereWithoutSourceArn } from './roles-anywhere-without-source-arn';
import { SamlAudience } from './saml-audience';
import { ServiceWideWildcardAction } from './service-wide-wildcard-action';
import { TrustAllowsEveryStsAction } from './trust-allows-every-sts-action';
import { TrustPolicySize } from './trust-policy-size';
import { UnknownAction } from './unknown-action';
import { UnreadablePolicyDocument } from './unreadable-policy-document';
import { UnreadableTrustCondition } from './unreadable-trust-condition';
import { WeakExternalId } from './weak-external-id';
import { WebIdentityAudience } from './web-identity-audience';
import { WebIdentitySubject } from './web-identity-subject';
import { WebIdentitySubjectWholeOwner } from './web-identity-subject-whole-owner';
import { WebIdentitySubjectWorkflowOnly } from './web-identity-subject-workflow-only';
import { WebIdentityTokenAudience } from './web-identity-token-audience';
import { WildcardPrincipal } from './wildcard-principal';
import { WildcardResource } from './wildcard-resource';
import { WildcardWithoutLikeOperator } from './wildcard-without-like-operator';
import { Rule } from '../rule';

/** Every rule, trust policy first, then permissions, then IAM's formats and limits. */
export const ALL_RULES: readonly Rule[] = [
  WildcardPrincipal,
  NotPrincipalWithAllow,
  FederatedActionMismatch,
  WebIdentityAudience,
  WebIdentitySubject,
  WebIdentitySubjectWholeOwner,
  WebIdentitySubjectWorkflowOnly,
  PodIdentityUnscoped,
  RolesAnywhereWithoutSourceArn,
  RolesAnywhereSubjectUnpinned,
  SamlAudience,
  CrossAccountWithoutCondition,
  WeakExternalId,
  UnreadableTrustCondition,
  TrustAllowsEveryStsAction,
  MfaBoolIfExists,
  ElevatedRoleWithoutMfa,
  BreakGlassWithoutAlert,
  BreakGlassAlertForgeable,
  ForAllValuesSingleValuedKey,
  WildcardWithoutLikeOperator,
  CognitoUnauthenticatedWrite,
  FullAdministratorAccess,
  PassRoleOnEveryResource,
  PrivilegeEscalation,
  WebIdentityTokenAudience,
  AllowWithNotAction,
  ServiceWideWildcardAction,
  WildcardResource,
  UnknownAction,
  ActionResourceMismatch,
  RoleNameFormat,
  RolePathFormat,
  MaxSessionDurationRange,
  TrustPolicySize,
  InlinePoliciesSize,
  ManagedPolicySize,
  ManagedPoliciesPerRole,
  UnreadablePolicyDocument,
  ConditionCombinationsLimited,
];
