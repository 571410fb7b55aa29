import { Names, Token, aws_rolesanywhere as rolesanywhere } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { PropErrors } from '../prop-errors';

/** A trust anchor that the role's trust names: made here from a CA, or one that exists. */
interface AnchorSource {
  readonly kind: 'bundle' | 'acm-pca' | 'arn';
  readonly value: string;
}

const CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/;
const ACM_PCA_ARN = /^arn:aws[a-z-]*:acm-pca:[a-z0-9-]+:\d{12}:certificate-authority\/[0-9a-f-]{36}$/;
const TRUST_ANCHOR_ARN = /^arn:aws[a-z-]*:rolesanywhere:[a-z0-9-]+:\d{12}:trust-anchor\/[0-9a-f-]{36}$/;

/**
 * The IAM Roles Anywhere trust anchor whose certificates may get the role: the CA that issues the machines'
 * certificates, registered from its certificate bundle or its AWS Private CA, or a trust anchor that exists.
 */
export class RolesAnywhereTrustAnchor {
  /**
   * A trust anchor made for the role from the CA's certificate bundle (PEM): the CA that issues the servers' certificates.
   * @param pem the CA certificate, or the chain, in PEM
   */
  public static fromCertificateBundle(pem: string): RolesAnywhereTrustAnchor {
    return new RolesAnywhereTrustAnchor({ kind: 'bundle', value: pem });
  }

  /**
   * A trust anchor made for the role from an AWS Private CA.
   * @param caArn the certificate authority's ARN, such as `arn:aws:acm-pca:eu-west-1:111122223333:certificate-authority/<id>`
   */
  public static fromAcmPrivateCa(caArn: string): RolesAnywhereTrustAnchor {
    return new RolesAnywhereTrustAnchor({ kind: 'acm-pca', value: caArn });
  }

  /**
   * A trust anchor that exists (made elsewhere, shared by several roles).
   * @param trustAnchorArn its ARN, such as `arn:aws:rolesanywhere:eu-west-1:111122223333:trust-anchor/<id>`
   */
  public static fromTrustAnchorArn(trustAnchorArn: string): RolesAnywhereTrustAnchor {
    return new RolesAnywhereTrustAnchor({ kind: 'arn', value: trustAnchorArn });
  }

  private constructor(private readonly source: AnchorSource) {}

  /**
   * Checks the source (a PEM certificate, an AWS Private CA ARN, a trust anchor ARN); tokens are skipped.
   * @internal
   */
  public _check(errors: PropErrors): void {
    const { kind, value } = this.source;
    if (typeof value !== 'string' || Token.isUnresolved(value)) return;
    if (kind === 'bundle' && !CERTIFICATE.test(value)) {
      errors.add('trustAnchor', `${value.slice(0, 40)}...`, 'RolesAnywhereTrustAnchor.fromCertificateBundle takes the CA certificate in PEM, from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----');
    } else if (kind === 'acm-pca' && !ACM_PCA_ARN.test(value)) {
      errors.add('trustAnchor', value, 'RolesAnywhereTrustAnchor.fromAcmPrivateCa takes a certificate authority ARN, such as '
        + '"arn:aws:acm-pca:eu-west-1:111122223333:certificate-authority/0a1b2c3d-4e5f-6789-abcd-ef0123456789"');
    } else if (kind === 'arn' && !TRUST_ANCHOR_ARN.test(value)) {
      errors.add('trustAnchor', value, 'RolesAnywhereTrustAnchor.fromTrustAnchorArn takes a trust anchor ARN, such as '
        + '"arn:aws:rolesanywhere:eu-west-1:111122223333:trust-anchor/0a1b2c3d-4e5f-6789-abcd-ef0123456789"');
    }
  }

  /**
   * The trust anchor's ARN, making the trust anchor in the scope when it is made from a CA.
   * @internal
   */
  public _bind(scope: Construct, id: string): { readonly arn: string; readonly resource?: rolesanywhere.CfnTrustAnchor } {
    const { kind, value } = this.source;
    if (kind === 'arn') return { arn: value };
    const resource = new rolesanywhere.CfnTrustAnchor(scope, id, {
      name: `${Names.uniqueResourceName(scope, { maxLength: 180, separator: '-' })}-${id}`.slice(0, 255),
      enabled: true,
      source: kind === 'bundle'
        ? { sourceType: 'CERTIFICATE_BUNDLE', sourceData: { x509CertificateData: value } }
        : { sourceType: 'AWS_ACM_PCA', sourceData: { acmPcaArn: value } },
    });
    return { arn: resource.attrTrustAnchorArn, resource };
  }
}
