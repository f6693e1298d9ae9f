import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';

/**
 * The simulator's own small PKI, made in memory at start: a CA, a server certificate
 * for localhost and 127.0.0.1 signed by it, and a relying-party client certificate
 * signed by it, handed out as PKCS#12 (pfx + passphrase) like the one BankID issues.
 */
export interface SimulatorPki {
  /** PEM of the CA: the relying party trusts it for the server, the server for clients. */
  caCert: string;
  serverKey: string;
  serverCert: string;
  /** The relying party's certificate and key, PKCS#12, protected with `passphrase`. */
  clientPfx: Buffer;
  passphrase: string;
  clientCert: string;
}

export function createPki(options: { organisation?: string; clientName?: string } = {}): SimulatorPki {
  const organisation = options.organisation ?? 'BankID-simulatorn (e-service-kit)';
  const now = new Date();
  const notBefore = new Date(now.getTime() - 60 * 60 * 1000);
  const notAfter = new Date(now.getTime() + 2 * 365 * 24 * 60 * 60 * 1000);

  const ca = keyPair();
  const caCert = certificate({
    subject: [{ name: 'commonName', value: 'Test BankID Simulator CA' }, { name: 'organizationName', value: organisation }],
    publicKey: ca.publicKey,
    signer: ca.privateKey,
    notBefore,
    notAfter,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
      { name: 'subjectKeyIdentifier' },
    ],
  });

  const server = keyPair();
  const serverCert = certificate({
    subject: [{ name: 'commonName', value: 'localhost' }, { name: 'organizationName', value: organisation }],
    issuer: caCert,
    publicKey: server.publicKey,
    signer: ca.privateKey,
    notBefore,
    notAfter,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }, { type: 7, ip: '::1' }] },
    ],
  });

  const client = keyPair();
  const clientCert = certificate({
    subject: [
      { name: 'commonName', value: options.clientName ?? 'FP Testcert e-service-kit' },
      { name: 'organizationName', value: 'Exempelby kommun' },
      { name: 'countryName', value: 'SE' },
    ],
    issuer: caCert,
    publicKey: client.publicKey,
    signer: ca.privateKey,
    notBefore,
    notAfter,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', clientAuth: true },
    ],
  });

  const passphrase = randomBytes(12).toString('base64url');
  // AES-256 (PBES2) rather than forge's default 3DES, so OpenSSL 3 reads it without the legacy provider.
  const p12 = forge.pkcs12.toPkcs12Asn1(client.privateKey, [clientCert, caCert], passphrase, {
    algorithm: 'aes256',
    friendlyName: 'relying party',
  });
  const clientPfx = Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary');

  return {
    caCert: forge.pki.certificateToPem(caCert),
    serverKey: forge.pki.privateKeyToPem(server.privateKey),
    serverCert: forge.pki.certificateToPem(serverCert),
    clientPfx,
    passphrase,
    clientCert: forge.pki.certificateToPem(clientCert),
  };
}

function keyPair(): { publicKey: forge.pki.rsa.PublicKey; privateKey: forge.pki.rsa.PrivateKey } {
  // Node's own (native) key generation: forge's pure-JS one takes seconds.
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const forgeKey = forge.pki.privateKeyFromPem(pem);
  return { privateKey: forgeKey, publicKey: forge.pki.setRsaPublicKey(forgeKey.n, forgeKey.e) };
}

interface CertificateSpec {
  subject: forge.pki.CertificateField[];
  issuer?: forge.pki.Certificate;
  publicKey: forge.pki.PublicKey;
  signer: forge.pki.rsa.PrivateKey;
  notBefore: Date;
  notAfter: Date;
  extensions: object[];
}

function certificate(spec: CertificateSpec): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = spec.publicKey;
  // A positive serial: a leading 0x01 keeps the top bit clear.
  cert.serialNumber = '01' + randomBytes(15).toString('hex');
  cert.validity.notBefore = spec.notBefore;
  cert.validity.notAfter = spec.notAfter;
  cert.setSubject(spec.subject);
  cert.setIssuer(spec.issuer ? spec.issuer.subject.attributes : spec.subject);
  cert.setExtensions(spec.extensions);
  cert.sign(spec.signer, forge.md.sha256.create());
  return cert;
}
