import * as forge from 'node-forge';

const keys = new Map<number, forge.pki.rsa.KeyPair>();

/** An RSA key pair of the given size, made once per test run (node-forge, offline). */
function keyPair(bits: number): forge.pki.rsa.KeyPair {
  let pair = keys.get(bits);
  if (!pair) {
    pair = forge.pki.rsa.generateKeyPair({ bits, e: 0x10001 });
    keys.set(bits, pair);
  }
  return pair;
}

/** A self-signed certificate, base64 DER, valid until `notAfter`. */
export function certificate(notAfter: Date, bits = 2048, notBefore = new Date(notAfter.getTime() - 400 * 24 * 3600 * 1000)): string {
  const pair = keyPair(bits);
  const cert = forge.pki.createCertificate();
  cert.publicKey = pair.publicKey;
  cert.serialNumber = '01';
  cert.validity.notBefore = notBefore;
  cert.validity.notAfter = notAfter;
  const subject = [{ name: 'commonName', value: 'idp.ride-co.example' }];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.sign(pair.privateKey, forge.md.sha256.create());
  return forge.util.encode64(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes());
}

/** SAML 2.0 IdP metadata with the given signing certificates (base64 DER). */
export function idpMetadata(certificates: string[], entityId = 'https://idp.ride-co.example/adfs/services/trust'): string {
  const keyDescriptors = certificates.map((cert) => `
    <KeyDescriptor use="signing">
      <ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>${cert}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>
    </KeyDescriptor>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="${entityId}">
  <IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">${keyDescriptors}
    <SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://idp.ride-co.example/adfs/ls/"/>
  </IDPSSODescriptor>
</EntityDescriptor>
`;
}
