import { principalValues } from '../../role-model/policy-document';
import { narrows } from '../conditions';
import { Rule } from '../rule';

/** The session tags EKS Pod Identity sets that name the pod's namespace and service account (Amazon EKS User Guide). */
const SCOPE_TAGS = ['aws:RequestTag/kubernetes-namespace', 'aws:RequestTag/kubernetes-service-account'];

/**
 * A trust in `pods.eks.amazonaws.com` without the namespace and service-account session tags lets a pod of any
 * service account, in any cluster of the account that has an association with the role, assume it; AWS's
 * documented narrowing is `aws:RequestTag/kubernetes-namespace` and `aws:RequestTag/kubernetes-service-account`.
 */
export const PodIdentityUnscoped: Rule = {
  name: 'PodIdentityUnscoped',
  severity: 'warning',
  description: 'An EKS Pod Identity trust should name the namespace and service account (kubernetes-namespace and kubernetes-service-account session tags).',
  check({ role }, report) {
    for (const statement of role.trustAllowStatements) {
      if (statement.conditionsUnreadable || !principalValues(statement, 'Service').includes('pods.eks.amazonaws.com')) continue;
      const missing = SCOPE_TAGS.filter((key) => !narrows(statement, key));
      if (missing.length === 0) continue;
      report(`${statement.location} trusts pods.eks.amazonaws.com with no condition on ${missing.join(' or ')}, so the pods of any service account `
        + 'that a pod identity association in this account gives the role can assume it. Add StringEquals conditions on '
        + 'aws:RequestTag/kubernetes-namespace and aws:RequestTag/kubernetes-service-account (and aws:RequestTag/eks-cluster-arn), '
        + 'or use EksPodIdentityRole.', statement.subject);
    }
  },
};
