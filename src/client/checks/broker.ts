import * as v from 'valibot';
import type { StartBrokerLoginResponse } from '../../contract/eid.js';
import { check } from './check.js';

/**
 * The answers of the e-ID broker's calls (src/contract/eid.ts), as the browser checks them — with the validators
 * the kit's other checks use already, so that this adds no code to what every widget loads: the e-IDs are kept to
 * the ones the kit knows, and the broker's address to a web page, where they are used (broker-choice.ts).
 */

export const LoginMethodsCheck = check<{ bankId: boolean; broker: string[] }>(v.looseObject({
  bankId: v.boolean(),
  broker: v.array(v.string()),
}));

export const StartBrokerLoginResponseCheck = check<StartBrokerLoginResponse>(v.looseObject({ authorizationUrl: v.string() }));
