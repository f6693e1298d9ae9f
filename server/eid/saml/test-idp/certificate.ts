import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';

/** A key and its self-signed certificate, PEM: what a SAML entity signs and decrypts with, and publishes. */
export interface KeyAndCertificate {
  /** PKCS#8. */
  key: string;
  cert: string;
}

/**
 * A key pair and a self-signed certificate for it, made in memory: the test IdP's own, and this server's when it
 * runs against the test IdP without SAML_SP_KEY and SAML_SP_CERT. SAML federations trust a certificate as
 * registered (in metadata), not by its chain, so self-signed is what real ones are too.
 */
export function selfSignedCertificate(commonName: string): KeyAndCertificate {
  // Node's own (native) key generation: forge's pure-JS one takes seconds.
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const forgeKey = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString());
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(forgeKey.n, forgeKey.e);
  // A positive serial: a leading 0x01 keeps the top bit clear.
  cert.serialNumber = '01' + randomBytes(15).toString('hex');
  const now = Date.now();
  cert.validity.notBefore = new Date(now - 60 * 60 * 1000);
  cert.validity.notAfter = new Date(now + 2 * 365 * 24 * 60 * 60 * 1000);
  const subject = [{ name: 'commonName', value: commonName }, { name: 'organizationName', value: 'e-service-kit (test)' }];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    // Signing (messages, assertions) and key encipherment (the key of an encrypted assertion).
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
  ]);
  cert.sign(forgeKey, forge.md.sha256.create());
  return {
    key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    cert: forge.pki.certificateToPem(cert),
  };
}
