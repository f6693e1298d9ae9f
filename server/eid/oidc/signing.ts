import { problem, ProblemError } from '../../problem.js';
import type { BrokerSignatureRecord, BrokerSigner } from '../../services/signing.js';
import { sha256 } from '../../sessions/store.js';
import { newChecks, type BrokerSignature, type OidcBroker } from './broker.js';
import type { OidcEid } from './config.js';

/**
 * Signing through the e-ID broker with the Signature Extension of the Swedish OpenID Connect profile: a round trip
 * to the broker's page like a login's (the same oidc_logins row, checks and callback), that names the signing it
 * answers (signing_order_ref). The text and the digest of the answers go in the signRequest; the broker's
 * userSignature and the ID token that carries it come back and are kept with the case as BankID's signature is.
 */

/** The cookie that binds a signing's round trip to the browser that started it (as esk_eid does a login's). */
export const SIGNING_BINDING_COOKIE = 'esk_sign';
/** How the citizen comes back to the page: `esk-signing=<orderRef>`, the signing to ask about. */
export const SIGNING_RESULT_PARAMETER = 'esk-signing';

export interface BrokerSigningOptions {
  broker: OidcBroker;
  /** OIDC_SIGN_EIDS. */
  signEids: readonly OidcEid[];
  now: () => Date;
}

export function brokerSigner({ broker, signEids, now }: BrokerSigningOptions): BrokerSigner {
  return {
    signs: (eid) => (signEids as readonly string[]).includes(eid),
    async begin(tx, trip) {
      const checks = await newChecks();
      const url = await broker.signingUrl(trip.eid as OidcEid, checks, {
        tbsData: trip.tbsData, message: trip.message, personalNumber: trip.personalNumber,
      }).catch(() => {
        throw new ProblemError(problem(503, 'eid-broker-unavailable', trip.lang === 'en'
          ? 'Signing with that e-ID does not work right now. Try again in a while.'
          : 'Det går inte att skriva under med den e-legitimationen just nu. Försök igen om en stund.'));
      });
      await tx.query(
        `INSERT INTO oidc_logins (state_sha256, binding_sha256, nonce, code_verifier, eid, return_url, created_at, signing_order_ref)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [sha256(checks.state), sha256(trip.binding), checks.nonce, checks.codeVerifier, trip.eid, trip.returnUrl, now().toISOString(), trip.orderRef]);
      return url.href;
    },
  };
}

/** The broker's signature as a signing keeps it until its case is made: as it came, its time as JSON holds one. */
export function signatureRecord({ signedAt, ...signature }: BrokerSignature): BrokerSignatureRecord {
  return { ...signature, signedAt: signedAt.toISOString() };
}
