import type { Profile } from '@node-saml/node-saml';
// node-saml's own parser (xmldom with errors fatal) and XPath helpers: the envelope is read as node-saml reads it.
import { parseDomFromString, xpath } from '@node-saml/node-saml/lib/xml.js';
import { acceptedLoa, BrokerError, type BrokerIdentity } from '../oidc/broker.js';
import type { OidcEid } from '../oidc/config.js';
import { foreignPersonKey, PRID } from '../../../src/contract/person-key.js';
import {
  ATTR_COUNTRY, ATTR_DISPLAY_NAME, ATTR_GIVEN_NAME, ATTR_PERSONAL_IDENTITY_NUMBER, ATTR_PRID, ATTR_SURNAME, STATUS_AUTHN_FAILED, STATUS_CANCEL,
  STATUS_REQUEST_DENIED,
} from './attributes.js';

const PROTOCOL_NS = 'urn:oasis:names:tc:SAML:2.0:protocol';
/** The second-level status codes with which an IdP says the citizen did not go through with the login. */
const CANCEL_STATUSES = [STATUS_AUTHN_FAILED, STATUS_REQUEST_DENIED, STATUS_CANCEL];

/** What the SP reads of a Response before node-saml checks it, to refuse what node-saml would let through. */
export interface ResponseEnvelope {
  /** Every StatusCode Value, outer first: what an answer that is not a login says (read only once node-saml has refused it). */
  statusCodes: string[];
}

/**
 * The Response as the ACS must take it, beyond node-saml's checks: a SAML protocol Response, addressed to this ACS
 * (Destination, which a signed response must carry: SAML bindings 3.5.5.2), from the IdP when it names itself, and
 * with its assertion encrypted — the Swedish eID Framework's deployment profile requires it, and a plain assertion
 * would have carried the personnummer readable through the browser. An answer with no assertion (a refusal) passes:
 * node-saml turns its status into an error.
 */
export async function readResponseEnvelope(xml: string, expected: { acsUrl: string; idpEntityId: string }): Promise<ResponseEnvelope> {
  let doc: Document;
  try {
    doc = await parseDomFromString(xml);
  } catch (error) {
    throw new BrokerError(`the IdP's answer is not XML: ${(error as Error).message}`, 'failed');
  }
  const root = doc.documentElement;
  if (!root || root.localName !== 'Response' || root.namespaceURI !== PROTOCOL_NS) throw new BrokerError('the IdP\'s answer is not a SAML Response', 'failed');
  const destination = root.getAttribute('Destination');
  if (destination !== expected.acsUrl) throw new BrokerError(`the IdP's answer is addressed to ${destination ?? 'no Destination'}, not this ACS`, 'failed');
  // The profile requires the Response's Issuer (6.2): the IdP's entity id.
  const issuers = xpath.selectElements(doc, "/*[local-name()='Response']/*[local-name()='Issuer']");
  if (issuers.length !== 1 || issuers[0]!.textContent?.trim() !== expected.idpEntityId) throw new BrokerError('the IdP\'s answer does not name the IdP as its issuer', 'failed');
  if (xpath.selectElements(doc, "/*[local-name()='Response']/*[local-name()='Assertion']").length > 0) {
    throw new BrokerError('the IdP\'s answer carries its assertion unencrypted', 'failed');
  }
  const statusCodes = xpath.selectAttributes(doc, "/*[local-name()='Response']/*[local-name()='Status']//*[local-name()='StatusCode']/@Value")
    .map((attribute) => attribute.value);
  return { statusCodes };
}

/** The error for an answer that is not a login: cancelled when the IdP says the citizen did not go through with it. */
export function refusal(envelope: ResponseEnvelope): BrokerError {
  const cancelled = envelope.statusCodes.some((code) => CANCEL_STATUSES.includes(code));
  return new BrokerError(`the IdP answered ${envelope.statusCodes.join(' / ') || 'no status'}`, cancelled ? 'cancelled' : 'failed');
}

/** An element of the assertion as node-saml gives it (xml2js): its text, its attributes and its children by local name. */
interface XmlNode {
  _?: string;
  $?: Record<string, string>;
  [child: string]: unknown;
}

const childrenOf = (nodes: XmlNode[], name: string): XmlNode[] =>
  nodes.flatMap((node) => (Array.isArray(node[name]) ? (node[name] as XmlNode[]) : []));

/** What the assertion must answer: the e-ID asked for, at this ACS, by a login made after the request (ForceAuthn). */
export interface AssertionExpectations {
  eid: OidcEid;
  acsUrl: string;
  /** When the AuthnRequest was made, less the clock skew allowed. */
  authenticatedAfter: Date;
}

/**
 * The person in an assertion node-saml has verified (signature, issuer's certificate, InResponseTo, time, audience):
 * the framework's attributes, and the level of assurance of its AuthnContextClassRef checked against those accepted
 * for the e-ID asked for. Beyond node-saml, as the framework's deployment profile asks (6.3.2, 6.3.4, 6.3.5): the
 * bearer confirmation's Recipient is this ACS, and the citizen authenticated for this request, not on an earlier
 * session of the IdP (AuthnInstant after the request: it asked ForceAuthn).
 *
 * The person is named by a personnummer or samordningsnummer (personalIdentityNumber). A foreign e-ID (eIDAS) whose
 * holder has neither is named by the prid the Swedish eIDAS connector releases, `eidas:<prid>`, with the country: a
 * limited profile, which each e-service takes or refuses as its definition says. Any other e-ID without a Swedish
 * number is refused, as is a number that is not one (a malformed personalIdentityNumber does not fall back to a prid).
 */
export function identityOf(profile: Profile, expected: AssertionExpectations): BrokerIdentity {
  const assertion = (profile.getAssertion?.() as { Assertion?: XmlNode } | undefined)?.Assertion;
  const nodes = assertion ? [assertion] : [];
  const confirmations = childrenOf(childrenOf(childrenOf(nodes, 'Subject'), 'SubjectConfirmation'), 'SubjectConfirmationData');
  if (!confirmations.some((data) => data.$?.Recipient === expected.acsUrl)) throw new BrokerError('the assertion is not for this ACS (Recipient)', 'failed');
  const statements = childrenOf(nodes, 'AuthnStatement');
  const authnInstant = Date.parse(statements[0]?.$?.AuthnInstant ?? '');
  if (statements.length !== 1 || !(authnInstant >= expected.authenticatedAfter.getTime())) {
    throw new BrokerError('the assertion holds no authentication made for this request (AuthnStatement, AuthnInstant)', 'failed');
  }
  const classRefs = childrenOf(childrenOf(statements, 'AuthnContext'), 'AuthnContextClassRef').map((ref) => ref._?.trim());
  const loa = classRefs.length === 1 ? classRefs[0] : undefined;
  if (!loa || !acceptedLoa(expected.eid).includes(loa)) {
    throw new BrokerError(`the login's level of assurance (AuthnContextClassRef ${classRefs.join(', ') || 'none'}) is not one asked for`, 'failed');
  }
  const attributes = (profile.attributes ?? {}) as Record<string, unknown>;
  // A single value each: one released twice is not one person's.
  const text = (name: string) => (typeof attributes[name] === 'string' ? (attributes[name] as string).trim() : '');
  const number = text(ATTR_PERSONAL_IDENTITY_NUMBER);
  const prid = text(ATTR_PRID);
  let key: string;
  let country: string | undefined;
  if (/^\d{12}$/.test(number)) key = number;
  else if (expected.eid === 'eidas' && !number && PRID.test(prid)) {
    key = foreignPersonKey(prid);
    // The prid begins with the country too: c, when released, says it on its own.
    country = /^[A-Z]{2}$/.test(text(ATTR_COUNTRY)) ? text(ATTR_COUNTRY) : prid.slice(0, 2);
  } else throw new BrokerError('the assertion names no Swedish personnummer or samordningsnummer', 'noPersonalNumber');
  const givenName = text(ATTR_GIVEN_NAME);
  const surname = text(ATTR_SURNAME);
  return {
    personalNumber: key, givenName, surname, name: text(ATTR_DISPLAY_NAME) || `${givenName} ${surname}`.trim(), loa, ...(country ? { country } : {}),
  };
}
