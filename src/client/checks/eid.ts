import * as v from 'valibot';
import type { OrderState, SessionState, StartLoginResponse } from '../../contract/eid.js';
import { check } from './check.js';

/** The answers of the login's calls (src/contract/eid.ts), as the browser checks them. */

const SessionUser = v.looseObject({ name: v.string(), givenName: v.string(), surname: v.string() });

export const StartLoginResponseCheck = check<StartLoginResponse>(v.looseObject({
  orderRef: v.string(),
  autoStartToken: v.optional(v.string()),
}));

export const OrderStateCheck = check<OrderState>(v.looseObject({
  status: v.picklist(['pending', 'failed', 'complete']),
  hintCode: v.optional(v.string()),
  qrData: v.optional(v.string()),
  user: v.optional(SessionUser),
}));

// `eid` and `eidSigns` pass through unchecked (a loose object keeps them): only the signing steps read them, and they
// check them there (broker-signing.ts), so that a page without them does not carry their checks.
export const SessionStateCheck = check<SessionState>(v.looseObject({
  authenticated: v.boolean(),
  user: v.optional(SessionUser),
  idleExpiresAt: v.optional(v.string()),
  absoluteExpiresAt: v.optional(v.string()),
  idleSecondsLeft: v.optional(v.number()),
  idleTimeoutSeconds: v.optional(v.number()),
}));
