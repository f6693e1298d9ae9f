import * as z from 'zod/mini';

/**
 * Logging in with e-ID (BankID) through the backend. The browser never talks to BankID:
 * it starts an order, polls it (the backend collects from BankID at most every 2 s and
 * hands out the current animated QR code), and ends with a session cookie.
 *
 *   POST   /api/eid/login                { method }        → StartLoginResponse
 *   GET    /api/eid/orders/{orderRef}                      → OrderState  (poll about once a second)
 *   DELETE /api/eid/orders/{orderRef}                      → 204          (Cancel)
 *   GET    /api/session                                    → SessionState
 *   POST   /api/session/refresh                            → SessionState ("Fortsätt vara inloggad")
 *   DELETE /api/session                                    → 204          (Log out)
 */

/** BankID on this device (autostart) or on another device (QR code). */
export const LoginMethod = z.enum(['sameDevice', 'otherDevice']);
export type LoginMethod = z.infer<typeof LoginMethod>;

export const StartLoginRequest = z.object({ method: LoginMethod });
export type StartLoginRequest = z.infer<typeof StartLoginRequest>;

export const StartLoginResponse = z.object({
  orderRef: z.string(),
  /** Only for sameDevice: goes into bankid:///?autostarttoken=…&redirect=null */
  autoStartToken: z.optional(z.string()),
});
export type StartLoginResponse = z.infer<typeof StartLoginResponse>;

/** The e-IDs an e-ID broker offers beside BankID (OpenID Connect, server/eid/oidc/). */
export const BrokerEid = z.enum(['freja', 'telia', 'eidas']);
export type BrokerEid = z.infer<typeof BrokerEid>;

/** POST /api/eid/broker/login (also at /api/eid/oidc/login): the e-ID chosen, and the page to come back to (a page of ALLOWED_ORIGINS, or this server's). */
export const StartBrokerLoginRequest = z.object({
  eid: BrokerEid,
  returnUrl: z.url({ protocol: /^https?$/ }),
});
export type StartBrokerLoginRequest = z.infer<typeof StartBrokerLoginRequest>;

/** Where to send the citizen: the broker's page. They come back to `returnUrl` with `esk-login=done|cancelled|failed`. */
export const StartBrokerLoginResponse = z.object({ authorizationUrl: z.url() });
export type StartBrokerLoginResponse = z.infer<typeof StartBrokerLoginResponse>;

/** GET /api/eid/methods: the ways to log in this deployment offers, in the order to offer them. */
export const LoginMethods = z.object({
  bankId: z.boolean(),
  broker: z.array(BrokerEid),
  /** Those of the broker's e-IDs that can sign too (the others log in only). */
  signing: z.optional(z.array(BrokerEid)),
});
export type LoginMethods = z.infer<typeof LoginMethods>;

export const SessionUser = z.object({ name: z.string(), givenName: z.string(), surname: z.string() });
export type SessionUser = z.infer<typeof SessionUser>;

/**
 * Where an order stands. `hintCode` and `errorCode` are BankID's own; the kit maps them to
 * BankID's recommended user messages (RFA1–RFA23) in Swedish and English.
 */
export const OrderState = z.object({
  status: z.enum(['pending', 'failed', 'complete']),
  hintCode: z.optional(z.string()),
  /** For otherDevice while pending: the current animated QR data, new each second. */
  qrData: z.optional(z.string()),
  /** When complete: who logged in (the session cookie is set with this answer). */
  user: z.optional(SessionUser),
});
export type OrderState = z.infer<typeof OrderState>;

export const SessionState = z.object({
  authenticated: z.boolean(),
  user: z.optional(SessionUser),
  /** The e-ID the session was made with: `bankid`, or the broker's `freja`, `telia`, `eidas`. */
  eid: z.optional(z.string()),
  /**
   * True for a foreign e-ID without a Swedish personnummer or samordningsnummer (src/contract/person-key.ts): a
   * limited profile, which an e-service takes only if its definition says so (`withoutPersonalNumber`).
   */
  limitedProfile: z.optional(z.boolean()),
  /** Whether that e-ID can sign here (an e-service that is signed is signed with the e-ID of the login). */
  eidSigns: z.optional(z.boolean()),
  /** ISO times: when the session ends for lack of activity, and at the latest. */
  idleExpiresAt: z.optional(z.string()),
  absoluteExpiresAt: z.optional(z.string()),
  /**
   * Seconds until idleExpiresAt by the server's own clock (rounded up): the browser adds them to its
   * clock when the answer arrives, so a wrong clock on either side does not move the timeout warning.
   */
  idleSecondsLeft: z.optional(z.number()),
  /** The idle period the server last granted, in seconds (normally SESSION_IDLE_MINUTES × 60). */
  idleTimeoutSeconds: z.optional(z.number()),
});
export type SessionState = z.infer<typeof SessionState>;
