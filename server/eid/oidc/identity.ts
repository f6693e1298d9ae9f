import type * as oidc from 'openid-client';
import { CLAIM_AUTHN_PROVIDER, CLAIM_COORDINATION_NUMBER, CLAIM_PERSONAL_NUMBER } from './claims.js';

/** The person the broker vouches for, as a session records them. */
export interface BrokerIdentity {
  personalNumber: string;
  name: string;
  givenName: string;
  surname: string;
  /** The level of assurance (the ID token's acr). */
  loa?: string | undefined;
  /** The identity provider behind the broker, as it named it. */
  authnProvider?: string | undefined;
}

/** The broker refused, or its answer did not hold (state, nonce, PKCE, the ID token's signature, issuer, audience, expiry). */
export class BrokerError extends Error {
  constructor(message: string, readonly code: 'cancelled' | 'failed' | 'noPersonalNumber') {
    super(message);
    this.name = 'BrokerError';
  }
}

/** The claim that carries a number: a samordningsnummer (day of birth + 60) is not a personnummer. */
export function numberClaim(number: string): string {
  return Number(number.slice(6, 8)) > 60 ? CLAIM_COORDINATION_NUMBER : CLAIM_PERSONAL_NUMBER;
}

/** The person in the Swedish profile's claims: a personnummer or a samordningsnummer, and the name. */
export function identityOf(claims: oidc.IDToken): BrokerIdentity {
  const number = claims[CLAIM_PERSONAL_NUMBER] ?? claims[CLAIM_COORDINATION_NUMBER];
  if (typeof number !== 'string' || !/^\d{12}$/.test(number)) {
    throw new BrokerError('the ID token names no Swedish personnummer or samordningsnummer', 'noPersonalNumber');
  }
  const text = (name: string) => (typeof claims[name] === 'string' ? (claims[name] as string) : '');
  const givenName = text('given_name');
  const surname = text('family_name');
  return {
    personalNumber: number,
    givenName,
    surname,
    name: text('name') || `${givenName} ${surname}`.trim(),
    loa: typeof claims.acr === 'string' ? claims.acr : undefined,
    authnProvider: text(CLAIM_AUTHN_PROVIDER) || undefined,
  };
}
