import { randomUUID } from 'node:crypto';
import * as schemaValidator from '@authenio/samlify-xmllint-wasm';
import samlify, { type IdentityProviderInstance, type ServiceProviderInstance } from 'samlify';
import {
  ATTR_COUNTRY, ATTR_DATE_OF_BIRTH, ATTR_DISPLAY_NAME, ATTR_EIDAS_PERSON_IDENTIFIER, ATTR_GIVEN_NAME, ATTR_PERSONAL_IDENTITY_NUMBER, ATTR_PRID,
  ATTR_PRID_PERSISTENCE, ATTR_SURNAME, ATTRNAME_FORMAT_URI, NAMEID_TRANSIENT, STATUS_AUTHN_FAILED, STATUS_RESPONDER, STATUS_SUCCESS,
} from '../attributes.js';
import type { KeyAndCertificate } from './certificate.js';

/**
 * What the test IdP reads and writes, with samlify (an IdP and an SP of its own, configured from the two sides'
 * certificates): the AuthnRequest parsed, schema-validated and its signature verified, and the Response —
 * assertion signed, then encrypted to the SP's certificate, then the whole response signed — or a refusal. Exported
 * for the tests too, which make answers that must be refused with the same code (another key, another audience,
 * an assertion left unencrypted).
 */

// samlify validates every message it parses against the SAML schemas, and refuses to parse without a validator.
samlify.setSchemaValidator(schemaValidator);

const { binding } = samlify.Constants.namespace;
const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
/** AES-GCM for the assertion, RSA-OAEP for its key: what the Swedish eID Framework's algorithm profile asks for. */
const AES256_GCM = 'http://www.w3.org/2009/xmlenc11#aes256-gcm';
/** How long an assertion may be presented: a few minutes, as IdPs give. */
const ASSERTION_MINUTES = 5;

export interface SamlEntitiesOptions {
  idpEntityId: string;
  /** The IdP's SingleSignOnService (HTTP-Redirect): where AuthnRequests come, the Destination they must name. */
  ssoUrl: string;
  idpKeys: KeyAndCertificate;
  spEntityId: string;
  /** The SP's certificate: its AuthnRequests' signatures are verified with it, assertions are encrypted to it. */
  spCert: string;
  acsUrl: string;
  /** false: the assertion goes unencrypted (for a test that the SP refuses it). */
  encryptAssertions?: boolean;
}

export interface SamlEntities {
  idp: IdentityProviderInstance;
  sp: ServiceProviderInstance;
  idpKeys: KeyAndCertificate;
  ssoUrl: string;
}

/**
 * The person a Response vouches for. Only the attributes with a value are released: without a personnummer (a
 * foreign e-ID whose holder has none) there is no personalIdentityNumber, and without `eidas` no eIDAS attributes.
 */
export interface AssertedPerson {
  personalNumber?: string | undefined;
  name: string;
  givenName: string;
  surname: string;
  /** A foreign e-ID's identity, as the Swedish eIDAS connector releases it. */
  eidas?: EidasIdentity | undefined;
}

/** The eIDAS attributes of a foreign e-ID: its prid and that prid's persistence, the foreign node's identifier, and more. */
export interface EidasIdentity {
  prid: string;
  pridPersistence: string;
  eidasPersonIdentifier: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  /** YYYY-MM-DD. */
  dateOfBirth: string;
}

type FlowResult = Awaited<ReturnType<IdentityProviderInstance['parseLoginRequest']>>;

/** An AuthnRequest the IdP took: samlify's parse (for InResponseTo), and what it asks for. */
export interface AuthnRequestInfo {
  parsed: FlowResult;
  id: string;
  /** RequestedAuthnContext's AuthnContextClassRef(s): the levels of assurance asked for. */
  loa: string[];
  relayState?: string | undefined;
  /** The e-ID the citizen chose, as the SP's hint beside the request (`eid`). */
  eid?: string | undefined;
}

/** The framework's attributes, in the Response template (samlify fills `{attr…}` from the tag values). */
const ATTRIBUTES = [
  { name: ATTR_PERSONAL_IDENTITY_NUMBER, valueTag: 'personalIdentityNumber' },
  { name: ATTR_DISPLAY_NAME, valueTag: 'displayName' },
  { name: ATTR_GIVEN_NAME, valueTag: 'givenName' },
  { name: ATTR_SURNAME, valueTag: 'sn' },
  { name: ATTR_PRID, valueTag: 'prid' },
  { name: ATTR_PRID_PERSISTENCE, valueTag: 'pridPersistence' },
  { name: ATTR_EIDAS_PERSON_IDENTIFIER, valueTag: 'eidasPersonIdentifier' },
  { name: ATTR_COUNTRY, valueTag: 'c' },
  { name: ATTR_DATE_OF_BIRTH, valueTag: 'dateOfBirth' },
].map((attribute) => ({ ...attribute, nameFormat: ATTRNAME_FORMAT_URI, valueXsiType: 'xs:string' }));

/**
 * An Attribute left with no AttributeValue: samlify drops the value of a tag given as undefined, and an IdP does not
 * release what it does not have, so the attribute goes too.
 */
const VALUELESS_ATTRIBUTE = /<saml:Attribute\b[^>]*><\/saml:Attribute>/g;

/** samlify's Response template with the AuthnStatement the framework requires (its level of assurance) in place. */
const LOGIN_RESPONSE_TEMPLATE = samlify.SamlLib.defaultLoginResponseTemplate.context.replace('{AuthnStatement}',
  '<saml:AuthnStatement AuthnInstant="{AuthnInstant}" SessionIndex="{SessionIndex}"><saml:AuthnContext>'
  + '<saml:AuthnContextClassRef>{AuthnContextClassRef}</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>');

/** A Response that is no login: a status only, signed (SAML core 3.2.2). */
const REFUSAL_TEMPLATE = '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"'
  + ' ID="{ID}" Version="2.0" IssueInstant="{IssueInstant}" Destination="{Destination}" InResponseTo="{InResponseTo}">'
  + '<saml:Issuer>{Issuer}</saml:Issuer><samlp:Status><samlp:StatusCode Value="{StatusCode}"><samlp:StatusCode Value="{SubStatusCode}"/></samlp:StatusCode>'
  + '<samlp:StatusMessage>{StatusMessage}</samlp:StatusMessage></samlp:Status></samlp:Response>';

export function samlEntities(options: SamlEntitiesOptions): SamlEntities {
  const idp = samlify.IdentityProvider({
    entityID: options.idpEntityId,
    privateKey: options.idpKeys.key,
    signingCert: options.idpKeys.cert,
    singleSignOnService: [{ Binding: binding.redirect, Location: options.ssoUrl }],
    nameIDFormat: [NAMEID_TRANSIENT],
    wantAuthnRequestsSigned: true,
    requestSignatureAlgorithm: RSA_SHA256,
    isAssertionEncrypted: options.encryptAssertions ?? true,
    loginResponseTemplate: { context: LOGIN_RESPONSE_TEMPLATE, attributes: ATTRIBUTES },
    // Not in samlify's settings type, read from the entity's settings all the same (libsaml.encryptAssertion).
    ...({ dataEncryptionAlgorithm: AES256_GCM } as object),
  });
  const sp = samlify.ServiceProvider({
    entityID: options.spEntityId,
    signingCert: options.spCert,
    encryptCert: options.spCert,
    authnRequestsSigned: true,
    // Both signatures, as the SP requires them: the assertion's (inside the encryption) and the response's.
    wantAssertionsSigned: true,
    wantMessageSigned: true,
    assertionConsumerService: [{ Binding: binding.post, Location: options.acsUrl }],
  });
  return { idp, sp, idpKeys: options.idpKeys, ssoUrl: options.ssoUrl };
}

/**
 * An AuthnRequest as it came on HTTP-Redirect: its signature verified over the query as sent (SAML bindings
 * 3.4.4.1: SAMLRequest, RelayState and SigAlg, URL-encoded as received), from the SP, for this IdP and its ACS.
 */
export async function readAuthnRequest(entities: SamlEntities, url: URL): Promise<AuthnRequestInfo> {
  const raw = new Map(url.search.slice(1).split('&').map((part) => [part.slice(0, part.indexOf('=')), part] as const));
  const octetString = ['SAMLRequest', 'RelayState', 'SigAlg'].map((name) => raw.get(name)).filter(Boolean).join('&');
  const query = Object.fromEntries(url.searchParams);
  const parsed = await entities.idp.parseLoginRequest(entities.sp, 'redirect', { query, octetString });
  const request = parsed.extract.request as Record<string, string> | undefined;
  if (!request?.id) throw new Error('the AuthnRequest has no ID');
  if (parsed.extract.issuer !== entities.sp.entityMeta.getEntityID()) throw new Error('the AuthnRequest is not from the SP');
  if (request.destination !== entities.ssoUrl) throw new Error('the AuthnRequest is not for this IdP');
  if (request.assertionConsumerServiceUrl && request.assertionConsumerServiceUrl !== entities.sp.entityMeta.getAssertionConsumerService('post')) {
    throw new Error('the AuthnRequest asks for an ACS the SP did not register');
  }
  const { loa } = samlify.Extractor.extract(parsed.samlContent, [
    { key: 'loa', localPath: ['AuthnRequest', 'RequestedAuthnContext', 'AuthnContextClassRef'], attributes: [] },
  ]);
  return {
    parsed,
    id: request.id,
    loa: [loa ?? []].flat().filter((value): value is string => typeof value === 'string'),
    relayState: url.searchParams.get('RelayState') ?? undefined,
    eid: url.searchParams.get('eid') ?? undefined,
  };
}

/**
 * A login: the Response (base64, for the HTTP-POST binding) that vouches for the person at that level of assurance.
 * `authenticatedAt`: when the citizen authenticated, if not now (an IdP that answers from a session of its own).
 */
export async function loginResponse(
  entities: SamlEntities, request: AuthnRequestInfo, person: AssertedPerson, loa: string, authenticatedAt?: Date,
): Promise<string> {
  const { idp, sp } = entities;
  const now = new Date();
  const until = new Date(now.getTime() + ASSERTION_MINUTES * 60_000).toISOString();
  const acsUrl = String(sp.entityMeta.getAssertionConsumerService('post'));
  const response = await idp.createLoginResponse(sp, { extract: request.parsed.extract }, 'post', {}, {
    relayState: request.relayState,
    // Sign the assertion, encrypt it, then sign the response: both signatures hold on what the SP receives.
    encryptThenSign: true,
    customTagReplacement: (template) => {
      const id = newId();
      return {
        id,
        context: samlify.SamlLib.replaceTagsByValue(template, {
          ID: id,
          AssertionID: newId(),
          Destination: acsUrl,
          Audience: sp.entityMeta.getEntityID(),
          SubjectRecipient: acsUrl,
          Issuer: idp.entityMeta.getEntityID(),
          IssueInstant: now.toISOString(),
          StatusCode: STATUS_SUCCESS,
          ConditionsNotBefore: now.toISOString(),
          ConditionsNotOnOrAfter: until,
          SubjectConfirmationDataNotOnOrAfter: until,
          NameIDFormat: NAMEID_TRANSIENT,
          NameID: newId(),
          InResponseTo: request.id,
          AuthnInstant: (authenticatedAt ?? now).toISOString(),
          SessionIndex: newId(),
          AuthnContextClassRef: loa,
          attrPersonalIdentityNumber: person.personalNumber,
          attrDisplayName: person.name,
          attrGivenName: person.givenName,
          attrSn: person.surname,
          attrPrid: person.eidas?.prid,
          attrPridPersistence: person.eidas?.pridPersistence,
          attrEidasPersonIdentifier: person.eidas?.eidasPersonIdentifier,
          attrC: person.eidas?.country,
          attrDateOfBirth: person.eidas?.dateOfBirth,
        }).replace(VALUELESS_ATTRIBUTE, ''),
      };
    },
  });
  return response.context;
}

/** No login: Responder with AuthnFailed (the citizen cancelled), signed by the IdP; base64, for the HTTP-POST binding. */
export function refusalResponse(entities: SamlEntities, request: AuthnRequestInfo, message: string): string {
  const { idp, sp } = entities;
  const xml = samlify.SamlLib.replaceTagsByValue(REFUSAL_TEMPLATE, {
    ID: newId(),
    IssueInstant: new Date().toISOString(),
    Destination: String(sp.entityMeta.getAssertionConsumerService('post')),
    InResponseTo: request.id,
    Issuer: idp.entityMeta.getEntityID(),
    StatusCode: STATUS_RESPONDER,
    SubStatusCode: STATUS_AUTHN_FAILED,
    StatusMessage: message,
  });
  return samlify.SamlLib.constructSAMLSignature({
    rawSamlMessage: xml,
    isMessageSigned: true,
    privateKey: entities.idpKeys.key,
    signingCert: String(idp.entityMeta.getX509Certificate('signing')),
    signatureAlgorithm: RSA_SHA256,
    signatureConfig: { prefix: 'ds', location: { reference: "/*[local-name(.)='Response']/*[local-name(.)='Issuer']", action: 'after' } },
  });
}

/** SAML IDs are xs:ID: they must not start with a digit. */
const newId = () => `_${randomUUID()}`;
