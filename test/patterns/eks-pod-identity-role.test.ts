import { App, CfnResource, Stack, Validations, aws_iam as iam } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { EksPodIdentityRole, EksPodIdentityRoleProps } from '../../src';
import { checkTemplate } from '../../src/checks/engine';
import { ACCOUNT, assumeRoleDecision } from '../support/iam-simulator';

const CLUSTER_ARN = `arn:aws:eks:eu-west-1:${ACCOUNT}:cluster/rides-prod`;

function build(props: Partial<EksPodIdentityRoleProps> = {}): { stack: Stack; role: EksPodIdentityRole } {
  const stack = new Stack(new App(), 'Stack', { env: { account: ACCOUNT, region: 'eu-west-1' } });
  const role = new EksPodIdentityRole(stack, 'Role', { clusterName: 'rides-prod', namespace: 'payments', serviceAccount: 'ledger', ...props });
  return { stack, role };
}

const roleOf = (stack: Stack) => Object.values(Template.fromStack(stack).findResources('AWS::IAM::Role'))[0].Properties;

describe('EksPodIdentityRole', () => {
  test('matches the snapshot: the role and its pod identity association', () => {
    expect(Template.fromStack(build().stack).toJSON()).toMatchSnapshot();
  });

  test('trusts pods.eks.amazonaws.com with AssumeRole and TagSession only, for the cluster, namespace and service account', () => {
    expect(roleOf(build().stack).AssumeRolePolicyDocument.Statement).toEqual([{
      Effect: 'Allow',
      Principal: { Service: 'pods.eks.amazonaws.com' },
      Action: ['sts:AssumeRole', 'sts:TagSession'],
      Condition: {
        StringEquals: {
          'aws:RequestTag/eks-cluster-arn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:eks:eu-west-1:${ACCOUNT}:cluster/rides-prod`]] },
          'aws:RequestTag/kubernetes-namespace': 'payments',
          'aws:RequestTag/kubernetes-service-account': 'ledger',
        },
      },
    }]);
  });

  test('creates the association, unless told not to; no rule objects', () => {
    const { stack } = build();
    Template.fromStack(stack).hasResourceProperties('AWS::EKS::PodIdentityAssociation', { ClusterName: 'rides-prod', Namespace: 'payments', ServiceAccount: 'ledger' });
    expect(checkTemplate(Template.fromStack(stack).toJSON(), { deployingAccount: ACCOUNT })).toEqual([]);
    const without = build({ createAssociation: false });
    expect(without.role.association).toBeUndefined();
    Template.fromStack(without.stack).resourceCountIs('AWS::EKS::PodIdentityAssociation', 0);
  });

  test.each<[string, Partial<EksPodIdentityRoleProps>, RegExp]>([
    ['neither cluster nor clusterName', { clusterName: undefined }, /cluster, clusterName: give exactly one/],
    ['a namespace wildcard', { namespace: '*' }, /namespace: "\*" is not valid; a namespace is a Kubernetes name/],
    ['a service account with capitals', { serviceAccount: 'Ledger' }, /serviceAccount: "Ledger" is not valid/],
    ['a malformed cluster name', { clusterName: 'rides prod' }, /clusterName: "rides prod" is not valid; an EKS cluster name/],
  ])('rejects %s', (_name, props, message) => {
    expect(() => build(props)).toThrow(message);
  });

  test('the simulator allows the agent\'s session for the service account and denies another service account, namespace or cluster', async () => {
    const trust = roleOf(build().stack).AssumeRolePolicyDocument;
    const request = (tags: Record<string, string>) => ({
      principal: 'pods.eks.amazonaws.com',
      context: {
        'aws:RequestTag/eks-cluster-arn': CLUSTER_ARN,
        'aws:RequestTag/kubernetes-namespace': 'payments',
        'aws:RequestTag/kubernetes-service-account': 'ledger',
        'aws:TagKeys': ['eks-cluster-arn', 'kubernetes-namespace', 'kubernetes-service-account'],
        ...tags,
      },
    });
    expect(await assumeRoleDecision(trust, request({}))).toBe('Allowed');
    expect(await assumeRoleDecision(trust, { ...request({}), action: 'sts:TagSession' })).toBe('Allowed');
    expect(await assumeRoleDecision(trust, request({ 'aws:RequestTag/kubernetes-service-account': 'reports' }))).toBe('ImplicitlyDenied');
    expect(await assumeRoleDecision(trust, request({ 'aws:RequestTag/kubernetes-namespace': 'default' }))).toBe('ImplicitlyDenied');
    expect(await assumeRoleDecision(trust, request({ 'aws:RequestTag/eks-cluster-arn': `arn:aws:eks:eu-west-1:${ACCOUNT}:cluster/rides-dev` }))).toBe('ImplicitlyDenied');
  });

  test.each<[string, (role: EksPodIdentityRole) => void, RegExp]>([
    ['a statement for ec2.amazonaws.com', (role) => role.assumeRolePolicy!.addStatements(new iam.PolicyStatement({
      actions: ['sts:AssumeRole'], principals: [new iam.ServicePrincipal('ec2.amazonaws.com')],
    })), /EksPodIdentityRole promises that its trust trusts only pods.eks.amazonaws.com, but trust policy, statement 2 breaks it/],
    ['the service account condition deleted', (role) => (role.node.defaultChild as CfnResource)
      .addPropertyOverride('AssumeRolePolicyDocument.Statement.0.Condition.StringEquals.aws:RequestTag/kubernetes-service-account', undefined),
    /promises that its trust names the service account \(the kubernetes-service-account session tag\) in every statement/],
  ])('keeps its promise after an escape hatch: %s is an error', (_name, change, message) => {
    const { stack, role } = build();
    change(role);
    Validations.of(role).acknowledge({ id: 'cdk-iam-role-patterns:PatternInvariant', reason: 'no acknowledgement silences an invariant' });
    expect(() => Template.fromStack(stack)).toThrow(message);
  });
});
