/**
 * The names the Swedish eID Framework (Tekniskt ramverk för svensk e-legitimation, "Attribute Specification for the
 * Swedish eID Framework" and its deployment profile) gives what an IdP releases and answers: what this server reads
 * from an assertion, and what the bundled test IdP puts in one. The levels of assurance are the framework's too,
 * and the same URIs the OIDC profile uses (server/eid/oidc/claims.ts).
 */
export { EIDAS_HIGH, EIDAS_SUBSTANTIAL, LOA3 } from '../oidc/claims.js';

/** personalIdentityNumber: a personnummer or samordningsnummer, 12 digits. */
export const ATTR_PERSONAL_IDENTITY_NUMBER = 'urn:oid:1.2.752.29.4.13';
/** displayName: the name to show. */
export const ATTR_DISPLAY_NAME = 'urn:oid:2.16.840.1.113730.3.1.241';
/** givenName. */
export const ATTR_GIVEN_NAME = 'urn:oid:2.5.4.42';
/** sn (surname). */
export const ATTR_SURNAME = 'urn:oid:2.5.4.4';
/** How the framework names its attributes: by URI (urn:oid:…). */
export const ATTRNAME_FORMAT_URI = 'urn:oasis:names:tc:SAML:2.0:attrname-format:uri';

/** A NameID for this login only: the personnummer attribute, not the NameID, says who logged in. */
export const NAMEID_TRANSIENT = 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient';

/** The status codes of an answer that is not a login (SAML core 3.2.2.2, and the framework's own for a cancel). */
export const STATUS_SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';
export const STATUS_RESPONDER = 'urn:oasis:names:tc:SAML:2.0:status:Responder';
export const STATUS_AUTHN_FAILED = 'urn:oasis:names:tc:SAML:2.0:status:AuthnFailed';
export const STATUS_REQUEST_DENIED = 'urn:oasis:names:tc:SAML:2.0:status:RequestDenied';
export const STATUS_CANCEL = 'http://id.elegnamnden.se/status/1.0/cancel';
