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
  docs: {
    why: 'EKS Pod Identity assumes the role for any pod it is associated with; without the namespace and service-account tags, an '
      + 'association made for another service account also gets it.',
    fix: 'Test `aws:RequestTag/kubernetes-namespace` and `aws:RequestTag/kubernetes-service-account` (and the cluster ARN) in the '
      + 'trust, as `EksPodIdentityRole` does.',
    insecure: { trust: [{ Effect: 'Allow', Principal: { Service: 'pods.eks.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'] }] },
    secure: {
      trust: [
        {
          Effect: 'Allow',
          Principal: { Service: 'pods.eks.amazonaws.com' },
          Action: ['sts:AssumeRole', 'sts:TagSession'],
          Condition: {
            StringEquals: {
              'aws:RequestTag/eks-cluster-arn': 'arn:aws:eks:eu-west-1:111122223333:cluster/prod',
              'aws:RequestTag/kubernetes-namespace': 'payments',
              'aws:RequestTag/kubernetes-service-account': 'ledger',
            },
          },
        },
      ],
    },
  },
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
