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

// What the Swedish eIDAS connector releases for a foreign e-ID ("eIDAS Constructed Attributes" and the natural
// person's attributes): a holder without a Swedish number is named by the prid (src/contract/person-key.ts).
/** prid: the provisional identifier, "country:identifier" (DE:a7f3c91e0b2d4e58). */
export const ATTR_PRID = 'urn:oid:1.2.752.201.3.4';
/** pridPersistence: A (the identifier lasts), B or C (it may change). */
export const ATTR_PRID_PERSISTENCE = 'urn:oid:1.2.752.201.3.5';
/** eidasPersonIdentifier: the identifier the foreign eIDAS node gave, as it gave it. */
export const ATTR_EIDAS_PERSON_IDENTIFIER = 'urn:oid:1.2.752.201.3.7';
/** c: the country, ISO 3166-1 alpha-2. */
export const ATTR_COUNTRY = 'urn:oid:2.5.4.6';
/** dateOfBirth: YYYY-MM-DD. */
export const ATTR_DATE_OF_BIRTH = 'urn:oid:1.3.6.1.5.5.7.9.1';

/** How the framework names its attributes: by URI (urn:oid:…). */
export const ATTRNAME_FORMAT_URI = 'urn:oasis:names:tc:SAML:2.0:attrname-format:uri';

/** A NameID for this login only: the personnummer (or prid) attribute, not the NameID, says who logged in. */
export const NAMEID_TRANSIENT = 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient';

/** The status codes of an answer that is not a login (SAML core 3.2.2.2, and the framework's own for a cancel). */
export const STATUS_SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';
export const STATUS_RESPONDER = 'urn:oasis:names:tc:SAML:2.0:status:Responder';
export const STATUS_AUTHN_FAILED = 'urn:oasis:names:tc:SAML:2.0:status:AuthnFailed';
export const STATUS_REQUEST_DENIED = 'urn:oasis:names:tc:SAML:2.0:status:RequestDenied';
export const STATUS_CANCEL = 'http://id.elegnamnden.se/status/1.0/cancel';
