import type * as oidc from 'openid-client';
import { foreignPersonKey, isForeignPersonKey, PRID, pridOf } from '../../../src/contract/person-key.js';
import { CLAIM_AUTHN_PROVIDER, CLAIM_COORDINATION_NUMBER, CLAIM_COUNTRY, CLAIM_PERSONAL_NUMBER, CLAIM_PRID } from './claims.js';
import type { OidcEid } from './config.js';

/** The person the broker vouches for, as a session records them. */
export interface BrokerIdentity {
  /** The personnummer or samordningsnummer; for a foreign e-ID without either, `eidas:<prid>` (src/contract/person-key.ts). */
  personalNumber: string;
  name: string;
  givenName: string;
  surname: string;
  /** The level of assurance (the ID token's acr). */
  loa?: string | undefined;
  /** The identity provider behind the broker, as it named it. */
  authnProvider?: string | undefined;
  /** A foreign e-ID's country (ISO 3166-1 alpha-2), as its claims or prid name it. */
  country?: string | undefined;
}

/** The broker refused, or its answer did not hold (state, nonce, PKCE, the ID token's signature, issuer, audience, expiry). */
export class BrokerError extends Error {
  constructor(message: string, readonly code: 'cancelled' | 'failed' | 'noPersonalNumber') {
    super(message);
    this.name = 'BrokerError';
  }
}

/**
 * The claim that names the one person who may sign: a personnummer's, a samordningsnummer's (day of birth + 60), or
 * for a foreign e-ID the prid's.
 */
export function numberClaim(key: string): { claim: string; value: string } {
  const prid = pridOf(key);
  if (prid) return { claim: CLAIM_PRID, value: prid };
  return { claim: Number(key.slice(6, 8)) > 60 ? CLAIM_COORDINATION_NUMBER : CLAIM_PERSONAL_NUMBER, value: key };
}

/**
 * The person in the Swedish profile's claims: a personnummer or a samordningsnummer, and the name. A foreign e-ID
 * (eIDAS) without either is named by its prid (Sweden Connect's claim): a limited profile, which each e-service
 * takes or refuses as its definition says. Any other e-ID without a Swedish number is refused.
 */
export function identityOf(claims: oidc.IDToken, eid: OidcEid): BrokerIdentity {
  const text = (name: string) => (typeof claims[name] === 'string' ? (claims[name] as string) : '');
  const number = text(CLAIM_PERSONAL_NUMBER) || text(CLAIM_COORDINATION_NUMBER);
  const prid = text(CLAIM_PRID);
  let key: string;
  if (/^\d{12}$/.test(number)) key = number;
  else if (eid === 'eidas' && !number && PRID.test(prid)) key = foreignPersonKey(prid);
  else throw new BrokerError('the ID token names no Swedish personnummer or samordningsnummer', 'noPersonalNumber');
  const givenName = text('given_name');
  const surname = text('family_name');
  const country = isForeignPersonKey(key) ? (/^[A-Z]{2}$/.test(text(CLAIM_COUNTRY)) ? text(CLAIM_COUNTRY) : prid.slice(0, 2)) : undefined;
  return {
    personalNumber: key,
    givenName,
    surname,
    name: text('name') || `${givenName} ${surname}`.trim(),
    loa: typeof claims.acr === 'string' ? claims.acr : undefined,
    authnProvider: text(CLAIM_AUTHN_PROVIDER) || undefined,
    ...(country ? { country } : {}),
  };
}
