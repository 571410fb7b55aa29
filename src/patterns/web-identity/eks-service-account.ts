import { Construct } from 'constructs';
import { BoundWebIdentityProvider } from './binding';
import { ISSUER_URL, issuerOf, oidcPrincipal, oidcProviderArn, STS_AUDIENCE } from './oidc-trust';
import { EksServiceAccountProviderProps } from './provider-props';
import { PropErrors } from '../prop-errors';
import { isUnresolved } from '../unresolved';

const KUBERNETES_NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

/** The trust of a Kubernetes service account of an EKS cluster (IRSA). */
export function bindEksServiceAccount(
  props: EksServiceAccountProviderProps, scope: Construct, id: string, errors: PropErrors,
): BoundWebIdentityProvider {
  if (props.cluster === undefined && props.oidcIssuer === undefined) {
    errors.addConflict('provider.cluster, provider.oidcIssuer: give one, such as oidcIssuer: "oidc.eks.eu-west-1.amazonaws.com/id/5C0FFEE"');
  }
  if (props.oidcIssuer !== undefined && !isUnresolved(props.oidcIssuer) && !ISSUER_URL.test(props.oidcIssuer.replace(/^(?!https:\/\/)/i, 'https://'))) {
    errors.add('provider.oidcIssuer', props.oidcIssuer,
      'an issuer is the cluster\'s OpenID Connect issuer URL, with or without https://, such as "oidc.eks.eu-west-1.amazonaws.com/id/5C0FFEE"');
  }
  errors.checkPattern('provider.namespace', props.namespace, KUBERNETES_NAME, 'a namespace is a Kubernetes name (lowercase letters, digits, "-"), without wildcards');
  errors.checkPattern('provider.serviceAccount', props.serviceAccount, KUBERNETES_NAME,
    'a service account is a Kubernetes name (lowercase letters, digits, "-", "."), without wildcards');
  const clusterProvider = props.cluster?.openIdConnectProvider;
  const issuer = issuerOf(props.oidcIssuer ?? clusterProvider?.openIdConnectProviderIssuer ?? '');
  const provider = props.oidcProvider?.openIdConnectProviderArn ?? clusterProvider?.openIdConnectProviderArn
      ?? oidcProviderArn(scope, issuer, [STS_AUDIENCE], {});
  const subject = `system:serviceaccount:${props.namespace}:${props.serviceAccount}`;
  return {
    principal: oidcPrincipal(scope, id, provider, issuer, [{ claim: 'aud', values: [STS_AUDIENCE] }, { claim: 'sub', values: [subject] }]),
    description: `EKS service account ${props.namespace}/${props.serviceAccount}`,
  };
}
