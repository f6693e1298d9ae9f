import { createHash, createSign, randomBytes, X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import type { SimPerson } from './persons.js';

/**
 * What a completed order carries as evidence, shaped like BankID's: `signature` is base64 of
 * an XML-DSig document with a bankIdSignedData object, `ocspResponse` is base64 of a DER
 * OCSPResponse (RFC 6960). Both are really signed, but with the simulator's server key,
 * not a user's: they look and parse like the real thing and prove nothing.
 */
export interface EvidenceInput {
  kind: 'auth' | 'sign';
  person: SimPerson;
  userVisibleData?: string;
  userNonVisibleData?: string;
  certificatePolicies?: string[];
  pinCode?: boolean;
  signerKeyPem: string;
  signerCertPem: string;
  now: Date;
}

export function signatureXml(input: EvidenceInput): string {
  const certBase64 = input.signerCertPem.replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, '');
  const policies = input.certificatePolicies?.length ? input.certificatePolicies : [input.person.certificatePolicy];
  const signedData =
    '<bankIdSignedData xmlns="http://www.bankid.com/signature/v1.0.0/types" Id="bidSignedData">' +
    (input.userVisibleData ? `<usrVisibleData charset="UTF-8" visible="wysiwys">${input.userVisibleData}</usrVisibleData>` : '') +
    (input.userNonVisibleData ? `<usrNonVisibleData>${input.userNonVisibleData}</usrNonVisibleData>` : '') +
    `<srvInfo><name>${escapeXml(Buffer.from('cn=FP Testcert e-service-kit,name=Exempelby kommun,o=Exempelby kommun').toString('base64'))}</name>` +
    `<nonce>${randomBytes(20).toString('base64')}</nonce><displayName>${Buffer.from('Exempelby kommun').toString('base64')}</displayName></srvInfo>` +
    `<clientInfo><funcId>${input.kind === 'sign' ? 'Signing' : 'Identification'}</funcId><version>${Buffer.from('Personal=7.14.0.18&BankID_exe=7.14.0.18&plattform=ios&os_version=17.5&uhi=' + input.person.uhi).toString('base64')}</version>` +
    `<env><ai><type>SU9T</type><deviceInfo>MTcuNQ==</deviceInfo><uhi>${input.person.uhi}</uhi><fsib>0</fsib><utb>cs1</utb>` +
    `<requirement>${policies.map((policy) => `<condition><type>CertificatePolicies</type><value>${escapeXml(policy)}</value></condition>`).join('')}</requirement>` +
    `<uauth>${input.pinCode ? 'pin' : 'bio'}</uauth><tb>true</tb></ai></env></clientInfo></bankIdSignedData>`;
  const digest = createHash('sha256').update(signedData).digest('base64');
  const signedInfo =
    '<SignedInfo xmlns="http://www.w3.org/2000/09/xmldsig#">' +
    '<CanonicalizationMethod Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"></CanonicalizationMethod>' +
    '<SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"></SignatureMethod>' +
    '<Reference Type="http://www.bankid.com/signature/v1.0.0/types" URI="#bidSignedData">' +
    '<Transforms><Transform Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"></Transform></Transforms>' +
    `<DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"></DigestMethod><DigestValue>${digest}</DigestValue></Reference>` +
    '</SignedInfo>';
  const signatureValue = createSign('sha256').update(signedInfo).sign(input.signerKeyPem, 'base64');
  const xml =
    '<?xml version="1.0" encoding="UTF-8" standalone="no"?>' +
    '<Signature xmlns="http://www.w3.org/2000/09/xmldsig#">' +
    signedInfo +
    `<SignatureValue>${signatureValue}</SignatureValue>` +
    `<KeyInfo Id="KeyInfo"><X509Data><X509Certificate>${certBase64}</X509Certificate></X509Data></KeyInfo>` +
    `<Object>${signedData}</Object></Signature>`;
  return Buffer.from(xml, 'utf8').toString('base64');
}

const asn1 = forge.asn1;
const T = forge.asn1.Type;
const C = forge.asn1.Class;

/** A DER OCSPResponse saying "good" for a made-up user certificate issued by the signer. */
export function ocspResponse(input: EvidenceInput): string {
  const issuer = new X509Certificate(input.signerCertPem);
  const forgeCert = forge.pki.certificateFromPem(input.signerCertPem);
  const issuerName = forge.asn1.toDer(forge.pki.distinguishedNameToAsn1(forgeCert.subject)).getBytes();
  const issuerKey = Buffer.from(issuer.publicKey.export({ type: 'pkcs1', format: 'der' }));
  const sha1 = (data: Buffer | string) => createHash('sha1').update(typeof data === 'string' ? Buffer.from(data, 'binary') : data).digest().toString('binary');
  const time = asn1.create(C.UNIVERSAL, T.GENERALIZEDTIME, false, asn1.dateToGeneralizedTime(input.now));
  const serial = '01' + createHash('sha256').update(input.person.personalNumber).digest('hex').slice(0, 30);

  const singleResponse = asn1.create(C.UNIVERSAL, T.SEQUENCE, true, [
    asn1.create(C.UNIVERSAL, T.SEQUENCE, true, [
      asn1.create(C.UNIVERSAL, T.SEQUENCE, true, [
        asn1.create(C.UNIVERSAL, T.OID, false, asn1.oidToDer('1.3.14.3.2.26').getBytes()),
        asn1.create(C.UNIVERSAL, T.NULL, false, ''),
      ]),
      asn1.create(C.UNIVERSAL, T.OCTETSTRING, false, sha1(issuerName)),
      asn1.create(C.UNIVERSAL, T.OCTETSTRING, false, sha1(issuerKey)),
      asn1.create(C.UNIVERSAL, T.INTEGER, false, forge.util.hexToBytes(serial)),
    ]),
    // certStatus good: [0] IMPLICIT NULL
    asn1.create(C.CONTEXT_SPECIFIC, 0, false, ''),
    time,
  ]);
  const tbsResponseData = asn1.create(C.UNIVERSAL, T.SEQUENCE, true, [
    // responderID byKey: [2] EXPLICIT KeyHash
    asn1.create(C.CONTEXT_SPECIFIC, 2, true, [asn1.create(C.UNIVERSAL, T.OCTETSTRING, false, sha1(issuerKey))]),
    asn1.create(C.UNIVERSAL, T.GENERALIZEDTIME, false, asn1.dateToGeneralizedTime(input.now)),
    asn1.create(C.UNIVERSAL, T.SEQUENCE, true, [singleResponse]),
  ]);
  const tbsDer = Buffer.from(asn1.toDer(tbsResponseData).getBytes(), 'binary');
  const signature = createSign('sha256').update(tbsDer).sign(input.signerKeyPem);
  const basic = asn1.create(C.UNIVERSAL, T.SEQUENCE, true, [
    tbsResponseData,
    asn1.create(C.UNIVERSAL, T.SEQUENCE, true, [
      asn1.create(C.UNIVERSAL, T.OID, false, asn1.oidToDer('1.2.840.113549.1.1.11').getBytes()),
      asn1.create(C.UNIVERSAL, T.NULL, false, ''),
    ]),
    asn1.create(C.UNIVERSAL, T.BITSTRING, false, '\x00' + signature.toString('binary')),
  ]);
  const response = asn1.create(C.UNIVERSAL, T.SEQUENCE, true, [
    asn1.create(C.UNIVERSAL, T.ENUMERATED, false, '\x00'),
    asn1.create(C.CONTEXT_SPECIFIC, 0, true, [
      asn1.create(C.UNIVERSAL, T.SEQUENCE, true, [
        asn1.create(C.UNIVERSAL, T.OID, false, asn1.oidToDer('1.3.6.1.5.5.7.48.1.1').getBytes()),
        asn1.create(C.UNIVERSAL, T.OCTETSTRING, false, asn1.toDer(basic).getBytes()),
      ]),
    ]),
  ]);
  return Buffer.from(asn1.toDer(response).getBytes(), 'binary').toString('base64');
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
