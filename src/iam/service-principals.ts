/** The service principals and session tags the patterns trust, in IAM's own words. */

/** The service principals a Lambda function's role trusts (Lambda@Edge adds edgelambda; Lambda Developer Guide, "Lambda@Edge"). */
export const LAMBDA_SERVICES: readonly string[] = ['lambda.amazonaws.com', 'edgelambda.amazonaws.com'];

/** The service principal of the EKS Pod Identity Agent (Amazon EKS User Guide, "Create IAM role with trust policy required by EKS Pod Identity"). */
export const POD_IDENTITY_SERVICE = 'pods.eks.amazonaws.com';

/**
 * The session tags the agent sets when it assumes the role (Amazon EKS User Guide, "Enable or disable session
 * tags"), which the trust tests with `aws:RequestTag/<tag>`.
 */
export const POD_IDENTITY_TAGS = {
  clusterArn: 'aws:RequestTag/eks-cluster-arn',
  namespace: 'aws:RequestTag/kubernetes-namespace',
  serviceAccount: 'aws:RequestTag/kubernetes-service-account',
} as const;

/** The service principal of IAM Roles Anywhere (IAM Roles Anywhere User Guide, "Trust model", role trusts). */
export const ROLES_ANYWHERE_SERVICE = 'rolesanywhere.amazonaws.com';

/**
 * The principal tags Roles Anywhere sets from the authenticating certificate's subject (IAM Roles Anywhere User Guide,
 * "Trust model"), which a trust tests with `aws:PrincipalTag/<tag>`.
 */
export const CERTIFICATE_SUBJECT_TAGS = {
  commonName: 'aws:PrincipalTag/x509Subject/CN',
  organizationalUnit: 'aws:PrincipalTag/x509Subject/OU',
  organization: 'aws:PrincipalTag/x509Subject/O',
} as const;

/**
 * The principal tag Roles Anywhere sets from the common name of the certificate's issuer (IAM Roles Anywhere User Guide,
 * "Attribute mapping and trust policy"): it narrows a trust anchor that holds several CAs to one of them. It pins no
 * subject: every certificate that CA issued has it.
 */
export const CERTIFICATE_ISSUER_COMMON_NAME_TAG = 'aws:PrincipalTag/x509Issuer/CN';
