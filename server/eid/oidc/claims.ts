/**
 * The names the Swedish OpenID Connect Profile (oidc.se, "Attribute Specification for the Swedish OpenID Connect
 * Profile") gives the scopes, claims and levels of assurance that an e-ID broker speaks: what this server asks
 * for and reads, and what the bundled test provider gives.
 */
export const SCOPE_PERSON_NUMBER = 'https://id.oidc.se/scope/naturalPersonNumber';
export const SCOPE_PERSON_INFO = 'https://id.oidc.se/scope/naturalPersonInfo';

/** A Swedish personnummer (12 digits). */
export const CLAIM_PERSONAL_NUMBER = 'https://id.oidc.se/claim/personalIdentityNumber';
/** A samordningsnummer (12 digits, day of birth + 60). */
export const CLAIM_COORDINATION_NUMBER = 'https://id.oidc.se/claim/coordinationNumber';
/** Which e-ID the broker used (the identity provider behind it). */
export const CLAIM_AUTHN_PROVIDER = 'https://id.oidc.se/claim/authnProvider';

/** Levels of assurance (the Swedish eID Framework's): LoA3 for Swedish e-IDs, eIDAS substantial and high for foreign ones. */
export const LOA3 = 'http://id.elegnamnden.se/loa/1.0/loa3';
export const EIDAS_SUBSTANTIAL = 'http://id.elegnamnden.se/loa/1.0/eidas-sub';
export const EIDAS_HIGH = 'http://id.elegnamnden.se/loa/1.0/eidas-high';

/**
 * Signing through the broker (oidc.se, "Signature Extension for OpenID Connect"): the scope that makes a login a
 * signature, the request parameter that carries what is signed (a JWT signed with the client's key), and the claim
 * in the ID token that carries the signature the citizen's e-ID made.
 */
export const SCOPE_SIGN = 'https://id.oidc.se/scope/sign';
export const PARAM_SIGN_REQUEST = 'https://id.oidc.se/param/signRequest';
export const CLAIM_USER_SIGNATURE = 'https://id.oidc.se/claim/userSignature';

/**
 * A foreign e-ID through the Swedish eIDAS connector (Sweden Connect, "OpenID Connect Claims and Scopes Specification
 * for Sweden Connect"): the scope that asks for the eIDAS identity, and its claims — the provisional identifier (prid,
 * "DE:8976543432") every foreign login has, how long it is expected to last, and the identifier the foreign eIDAS
 * node gave. The country is the Swedish profile's general claim.
 */
export const SCOPE_EIDAS_IDENTITY = 'https://id.swedenconnect.se/scope/eidasNaturalPersonIdentity';
export const CLAIM_PRID = 'https://id.swedenconnect.se/claim/prid';
export const CLAIM_PRID_PERSISTENCE = 'https://id.swedenconnect.se/claim/pridPersistence';
export const CLAIM_EIDAS_PERSON_IDENTIFIER = 'https://id.swedenconnect.se/claim/eidasPersonIdentifier';
export const CLAIM_COUNTRY = 'https://id.oidc.se/claim/country';
