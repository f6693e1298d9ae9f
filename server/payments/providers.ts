import { readFile } from 'node:fs/promises';
import type { PaymentMethod } from '../../src/contract/payments.js';
import type { PaymentsConfig, ProviderId } from './config.js';
import type { PaymentProvider } from './provider.js';
import { SwedbankPayProvider } from './providers/swedbank-pay/client.js';
import { SwishProvider } from './providers/swish/client.js';

/** The providers a server pays with: which takes a municipality's card or Swish payments, and each by its id. */
export interface PaymentProviders {
  /** The provider that takes `method` for the municipality; undefined when it takes no such payments. */
  for(municipalityId: string, method: PaymentMethod): PaymentProvider | undefined;
  byId(id: ProviderId): PaymentProvider;
  /** The simulators' pages where a tester plays the payer (none for a real provider). */
  simulatorPages(): Promise<Partial<Record<ProviderId, string>>>;
  close(): Promise<void>;
}

interface Connected {
  provider: PaymentProvider;
  payerPage?: string;
  close(): Promise<void>;
}

/**
 * The configured providers, each connected when first used: a real one from its settings, or its
 * simulator, started then (on 127.0.0.1, free ports) — so a server, or a test, that takes no payment
 * starts none.
 */
export function connectPayments(config: PaymentsConfig): PaymentProviders {
  const connecting = new Map<ProviderId, Promise<Connected>>();
  const connect = (id: ProviderId) => {
    let connected = connecting.get(id);
    if (!connected) {
      connected = id === 'swedbank-pay' ? connectSwedbankPay(config) : connectSwish(config);
      connecting.set(id, connected);
    }
    return connected;
  };
  const lazy = new Map<ProviderId, PaymentProvider>();
  const byId = (id: ProviderId): PaymentProvider => {
    let provider = lazy.get(id);
    if (!provider) {
      provider = lazyProvider(id, () => connect(id).then((connected) => connected.provider));
      lazy.set(id, provider);
    }
    return provider;
  };
  return {
    for(municipalityId, method) {
      const routes = config.routes[municipalityId] ?? config.routes['*'];
      const id = routes?.[method];
      return id ? byId(id) : undefined;
    },
    byId,
    async simulatorPages() {
      const pages: Partial<Record<ProviderId, string>> = {};
      for (const id of ['swedbank-pay', 'swish'] as const) {
        const used = Object.values(config.routes).some((routes) => Object.values(routes).includes(id));
        if (!used) continue;
        const page = (await connect(id)).payerPage;
        if (page) pages[id] = page;
      }
      return pages;
    },
    async close() {
      const all = await Promise.allSettled(connecting.values());
      await Promise.all(all.map((result) => (result.status === 'fulfilled' ? result.value.close() : undefined)));
    },
  };
}

/** A provider whose every call waits for it to be connected first. */
function lazyProvider(id: ProviderId, ready: () => Promise<PaymentProvider>): PaymentProvider {
  return {
    id,
    start: async (order) => (await ready()).start(order),
    read: async (ref) => (await ready()).read(ref),
    capture: async (ref, capture) => (await ready()).capture(ref, capture),
    refund: async (ref, refund) => (await ready()).refund(ref, refund),
    readRefund: async (ref, refund) => (await ready()).readRefund(ref, refund),
    abort: async (ref) => (await ready()).abort(ref),
  };
}

async function connectSwedbankPay(config: PaymentsConfig): Promise<Connected> {
  if (config.swedbankPay) {
    const { url, token, payeeId, payeeName } = config.swedbankPay;
    return { provider: new SwedbankPayProvider({ baseUrl: url, token, payeeId, ...(payeeName ? { payeeName } : {}) }), close: async () => {} };
  }
  const { startSwedbankPaySimulator } = await import('./providers/swedbank-pay/simulator.js');
  const simulator = await startSwedbankPaySimulator(config.simulator);
  return {
    provider: new SwedbankPayProvider({ baseUrl: simulator.url, token: simulator.token, payeeId: simulator.payeeId, payeeName: 'Exempelby kommun' }),
    payerPage: `${simulator.url}/sim/`,
    close: () => simulator.close(),
  };
}

async function connectSwish(config: PaymentsConfig): Promise<Connected> {
  if (config.swish) {
    const { url, pfxPath, passphrase, caPath, payeeAlias } = config.swish;
    const [pfx, ca] = await Promise.all([readFile(pfxPath), readFile(caPath)]);
    const provider = new SwishProvider({ baseUrl: url, payeeAlias, pfx, passphrase, ca });
    return { provider, close: async () => provider.close() };
  }
  const { startSwishSimulator } = await import('./providers/swish/simulator.js');
  const simulator = await startSwishSimulator(config.simulator);
  const { pfx, passphrase, ca, payeeAlias } = simulator.merchant;
  const provider = new SwishProvider({ baseUrl: simulator.url, payeeAlias, pfx, passphrase, ca });
  return {
    provider,
    payerPage: simulator.payerUrl,
    close: async () => {
      provider.close();
      await simulator.close();
    },
  };
}
