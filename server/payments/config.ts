import type { PaymentMethod } from '../../src/contract/payments.js';
import type { PaymentProvider } from './provider.js';

export type ProviderId = PaymentProvider['id'];

/**
 * Which provider takes which way of paying, per municipality, and how to reach each provider. A provider
 * without its URL is the bundled simulator, started with the server (as BankID's is without BANKID_URL).
 */
export interface PaymentsConfig {
  /** Per municipality id ('*' for every other): the provider of card payments and of Swish. */
  routes: Record<string, Partial<Record<PaymentMethod, ProviderId>>>;
  /** Swedbank Pay's Payment Order API (SWEDBANK_PAY_URL, SWEDBANK_PAY_TOKEN, SWEDBANK_PAY_PAYEE_ID, SWEDBANK_PAY_PAYEE_NAME). */
  swedbankPay?: { url: string; token: string; payeeId: string; payeeName?: string | undefined };
  /** Swish for merchants (SWISH_URL, SWISH_CERT: the merchant certificate as PKCS#12, SWISH_PASSPHRASE, SWISH_CA, SWISH_NUMBER). */
  swish?: { url: string; pfxPath: string; passphrase: string; caPath: string; payeeAlias: string };
  /**
   * How the bundled simulators call back (PAYMENT_SIMULATOR_CALLBACK_DELAY_MS, PAYMENT_SIMULATOR_CALLBACK_REPEATS):
   * late or more than once, to try the server as a provider in a bad mood would — 0 repeats: never.
   */
  simulator: { callbackDelayMs: number; callbackRepeats: number };
}

/** By default every municipality takes cards through Swedbank Pay and Swish through its own Swish agreement. */
export const DEFAULT_ROUTES: PaymentsConfig['routes'] = { '*': { card: 'swedbank-pay', swish: 'swish' } };

const PROVIDERS: readonly ProviderId[] = ['swedbank-pay', 'swish'];

/**
 * PAYMENTS="exempelby:card=swedbank-pay,swish=swish;annanby:card=swedbank-pay,swish=swedbank-pay" — a
 * municipality listed takes only the methods it names (Swish through Swedbank Pay's payment menu is
 * `swish=swedbank-pay`); '*' stands for the others. `fail` throws the server's configuration error.
 */
export function readPaymentsConfig(env: NodeJS.ProcessEnv, fail: (message: string) => never): PaymentsConfig {
  const routes = env.PAYMENTS?.trim() ? parseRoutes(env.PAYMENTS, fail) : DEFAULT_ROUTES;
  const config: PaymentsConfig = {
    routes,
    simulator: {
      callbackDelayMs: wholeNumber(env, 'PAYMENT_SIMULATOR_CALLBACK_DELAY_MS', 0, 600_000, fail),
      callbackRepeats: wholeNumber(env, 'PAYMENT_SIMULATOR_CALLBACK_REPEATS', 1, 10, fail),
    },
  };
  const swedbankUrl = env.SWEDBANK_PAY_URL?.trim();
  if (swedbankUrl) {
    const token = env.SWEDBANK_PAY_TOKEN?.trim();
    const payeeId = env.SWEDBANK_PAY_PAYEE_ID?.trim();
    if (!token || !payeeId) fail('SWEDBANK_PAY_URL is set: set SWEDBANK_PAY_TOKEN and SWEDBANK_PAY_PAYEE_ID too (from Swedbank Pay\'s merchant portal)');
    config.swedbankPay = { url: httpsUrl('SWEDBANK_PAY_URL', swedbankUrl, fail), token, payeeId, payeeName: env.SWEDBANK_PAY_PAYEE_NAME?.trim() || undefined };
  }
  const swishUrl = env.SWISH_URL?.trim();
  if (swishUrl) {
    const missing = ['SWISH_CERT', 'SWISH_PASSPHRASE', 'SWISH_CA', 'SWISH_NUMBER'].filter((name) => !env[name]?.trim());
    if (missing.length) fail(`SWISH_URL is set: set ${missing.join(', ')} too (the merchant certificate from the bank)`);
    if (!/^123\d{7}$/.test(env.SWISH_NUMBER!.trim())) fail(`SWISH_NUMBER must be the municipality's Swish number, 123 and seven digits, not "${env.SWISH_NUMBER}"`);
    config.swish = {
      url: httpsUrl('SWISH_URL', swishUrl, fail), pfxPath: env.SWISH_CERT!.trim(), passphrase: env.SWISH_PASSPHRASE!,
      caPath: env.SWISH_CA!.trim(), payeeAlias: env.SWISH_NUMBER!.trim(),
    };
  }
  return config;
}

function parseRoutes(list: string, fail: (message: string) => never): PaymentsConfig['routes'] {
  const routes: PaymentsConfig['routes'] = {};
  for (const entry of list.split(';').map((part) => part.trim()).filter(Boolean)) {
    const match = /^([a-z*][a-z0-9-]*|\*):(.+)$/.exec(entry);
    if (!match) fail(`PAYMENTS: "${entry}" is not municipality:card=provider,swish=provider`);
    const methods: Partial<Record<PaymentMethod, ProviderId>> = {};
    for (const pair of match[2]!.split(',').map((part) => part.trim())) {
      const [method, provider] = pair.split('=').map((part) => part?.trim());
      if (method !== 'card' && method !== 'swish') fail(`PAYMENTS: "${method}" in "${entry}" is no way of paying: card or swish`);
      if (!PROVIDERS.includes(provider as ProviderId)) fail(`PAYMENTS: "${provider}" in "${entry}" is no provider: swedbank-pay or swish`);
      if (method === 'card' && provider === 'swish') fail(`PAYMENTS: Swish takes no cards ("${entry}"): card=swedbank-pay`);
      methods[method] = provider as ProviderId;
    }
    routes[match[1]!] = methods;
  }
  return routes;
}

function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, max: number, fail: (message: string) => never): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > max) fail(`${name} must be a whole number from 0 to ${max}, not "${raw}"`);
  return value;
}

function httpsUrl(name: string, value: string, fail: (message: string) => never): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    fail(`${name} must be an address such as https://api.payex.com, not "${value}"`);
  }
  // Plain http only to this machine: a simulator started beside the server (as the end-to-end tests do).
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) fail(`${name} must use https: the provider is only reached over TLS`);
  return url.href.replace(/\/$/, '');
}
