import { ArnFormat, Stack, Token, aws_eks as eks, aws_iam as iam } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { PrincipalSet, TrustConditions } from './principal-set';
import { required, Shapes, shapesOf } from './prop-shapes';
import { RolePattern } from './role-pattern';
import { RolePatternProps } from './role-pattern-props';
import { checkPatternProps, ROLE_PATTERN_SHAPES, rolePropsFrom } from './role-pattern-validation';
import { literalValues } from './unresolved';
import { onlyPrincipals, pinsWrittenValues } from '../checks/trust-invariants';
import { POD_IDENTITY_SERVICE, POD_IDENTITY_TAGS } from '../iam/service-principals';

/** Properties of an EksPodIdentityRole. Give `cluster` or `clusterName`. */
export interface EksPodIdentityRoleProps extends RolePatternProps {
  /**
   * The name of the EKS cluster whose pods may assume the role (a token is fine).
   * @default - the name of `cluster`
   */
  readonly clusterName?: string;

  /**
   * The EKS cluster whose pods may assume the role.
   * @default - give `clusterName`
   */
  readonly cluster?: eks.ICluster;

  /** The Kubernetes namespace of the pods, such as `payments`. */
  readonly namespace: string;

  /** The Kubernetes service account of the pods, such as `ledger`. */
  readonly serviceAccount: string;

  /**
   * Whether to create the `AWS::EKS::PodIdentityAssociation` that gives the service account this role (the
   * cluster needs the EKS Pod Identity Agent add-on).
   * @default true
   */
  readonly createAssociation?: boolean;
}

const KUBERNETES_NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
const CLUSTER_NAME = /^[0-9A-Za-z][A-Za-z0-9\-_]{0,99}$/;

const POD_IDENTITY_SHAPES = shapesOf<EksPodIdentityRoleProps>({
  ...ROLE_PATTERN_SHAPES,
  clusterName: Shapes.string,
  cluster: Shapes.cluster,
  namespace: required(Shapes.string),
  serviceAccount: required(Shapes.string),
  createAssociation: Shapes.boolean,
});

/**
 * A role for the pods of one Kubernetes service account on one EKS cluster, through EKS Pod Identity: trusted by
 * `pods.eks.amazonaws.com` with `sts:AssumeRole` and `sts:TagSession` only, and only for sessions the agent tags
 * with this cluster, namespace and service account. Creates the pod identity association. Prefer it to IRSA
 * (`WebIdentityProvider.eksServiceAccount`) on EKS clusters that run the Pod Identity Agent: no OIDC provider per
 * cluster, and one role can serve several clusters.
 *
 * @example
 * new EksPodIdentityRole(this, 'LedgerRole', {
 *   clusterName: 'rides-prod',
 *   namespace: 'payments',
 *   serviceAccount: 'ledger',
 * });
 */
export class EksPodIdentityRole extends RolePattern {
  /** The pod identity association, unless `createAssociation` is false. */
  public readonly association?: eks.CfnPodIdentityAssociation;

  /**
   * @param scope the scope of the role
   * @param id the id of the role
   * @param props the cluster, namespace and service account, and the role's properties
   */
  constructor(scope: Construct, id: string, props: EksPodIdentityRoleProps) {
    super(scope, id, podIdentityRoleProps(scope, id, props), props.checkLimits);
    this._requireOfEveryTrustStatement(
      onlyPrincipals('Service', (value) => value === POD_IDENTITY_SERVICE, `trusts only ${POD_IDENTITY_SERVICE}`),
      pinsWrittenValues(POD_IDENTITY_TAGS.clusterArn, literalValues([clusterArnOf(scope, props)]),
        'names the cluster (the eks-cluster-arn session tag) in every statement'),
      pinsWrittenValues(POD_IDENTITY_TAGS.namespace, literalValues([props.namespace]),
        'names the namespace (the kubernetes-namespace session tag) in every statement'),
      pinsWrittenValues(POD_IDENTITY_TAGS.serviceAccount, literalValues([props.serviceAccount]),
        'names the service account (the kubernetes-service-account session tag) in every statement'));
    if (props.createAssociation ?? true) {
      this.association = new eks.CfnPodIdentityAssociation(this, 'Association', {
        clusterName: clusterNameOf(props),
        namespace: props.namespace,
        serviceAccount: props.serviceAccount,
        roleArn: this.roleArn,
      });
    }
  }
}

function podIdentityRoleProps(scope: Construct, id: string, props: EksPodIdentityRoleProps): iam.RoleProps {
  const checked = checkPatternProps('EksPodIdentityRole', scope, id, props, POD_IDENTITY_SHAPES);
  props = checked.props;
  const errors = checked.errors;
  if ((props.cluster === undefined) === (props.clusterName === undefined)) {
    errors.addConflict('cluster, clusterName: give exactly one, such as clusterName: \'rides-prod\'');
  }
  errors.checkPattern('clusterName', props.clusterName, CLUSTER_NAME, 'an EKS cluster name is 1 to 100 letters, digits, "-" and "_", starting with a letter or digit');
  errors.checkPattern('namespace', props.namespace, KUBERNETES_NAME, 'a namespace is a Kubernetes name (lowercase letters, digits, "-"), without wildcards');
  errors.checkPattern('serviceAccount', props.serviceAccount, KUBERNETES_NAME,
    'a service account is a Kubernetes name (lowercase letters, digits, "-", "."), without wildcards');
  errors.throwIfAny();
  const conditions: TrustConditions = {
    StringEquals: {
      [POD_IDENTITY_TAGS.clusterArn]: clusterArnOf(scope, props),
      [POD_IDENTITY_TAGS.namespace]: props.namespace,
      [POD_IDENTITY_TAGS.serviceAccount]: props.serviceAccount,
    },
  };
  const trust = new PrincipalSet('Service', [POD_IDENTITY_SERVICE], conditions, ['sts:AssumeRole', 'sts:TagSession']);
  const names = Token.isUnresolved(props.namespace) || Token.isUnresolved(props.serviceAccount) ? '' : ` ${props.namespace}/${props.serviceAccount}`;
  return rolePropsFrom(props, trust, `EKS Pod Identity role (cdk-iam-role-patterns EksPodIdentityRole): service account${names} of one cluster.`);
}

function clusterNameOf(props: EksPodIdentityRoleProps): string {
  return props.cluster?.clusterName ?? props.clusterName!;
}

/** The cluster's ARN, which the agent's eks-cluster-arn tag holds: it names the account and region too. */
function clusterArnOf(scope: Construct, props: EksPodIdentityRoleProps): string {
  if (props.cluster) return props.cluster.clusterArn;
  return Stack.of(scope).formatArn({ service: 'eks', resource: 'cluster', resourceName: props.clusterName, arnFormat: ArnFormat.SLASH_RESOURCE_NAME });
}
