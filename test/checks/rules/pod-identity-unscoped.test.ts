import { PodIdentityUnscoped } from '../../../src/checks/rules/pod-identity-unscoped';
import { findingsOf, trustStatement } from '../fixtures';

const pods = (condition?: Record<string, unknown>) => trustStatement({
  Principal: { Service: 'pods.eks.amazonaws.com' },
  Action: ['sts:AssumeRole', 'sts:TagSession'],
  ...(condition ? { Condition: condition } : {}),
});

describe('PodIdentityUnscoped', () => {
  test('warns on a Pod Identity trust without the namespace and service-account session tags (the documented minimal trust)', () => {
    const findings = findingsOf(PodIdentityUnscoped, { trust: [pods()] });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'warning' });
    expect(findings[0].message).toMatch(/trusts pods.eks.amazonaws.com with no condition on aws:RequestTag\/kubernetes-namespace or aws:RequestTag\/kubernetes-service-account/);
  });

  test('warns when only the namespace is named', () => {
    const findings = findingsOf(PodIdentityUnscoped, { trust: [pods({ StringEquals: { 'aws:RequestTag/kubernetes-namespace': 'payments' } })] });
    expect(findings[0].message).toMatch(/no condition on aws:RequestTag\/kubernetes-service-account,/);
  });

  test('stays quiet when both are named, and on other services', () => {
    const scoped = pods({ StringEquals: { 'aws:RequestTag/kubernetes-namespace': 'payments', 'aws:RequestTag/kubernetes-service-account': 'ledger' } });
    expect(findingsOf(PodIdentityUnscoped, { trust: [scoped, trustStatement({ Principal: { Service: 'lambda.amazonaws.com' } })] })).toEqual([]);
  });

  test('a wildcard service account is no narrowing', () => {
    const wide = pods({ StringEquals: { 'aws:RequestTag/kubernetes-namespace': 'payments' }, StringLike: { 'aws:RequestTag/kubernetes-service-account': '*' } });
    expect(findingsOf(PodIdentityUnscoped, { trust: [wide] })).toHaveLength(1);
  });
});
