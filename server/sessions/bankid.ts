import { readFileSync } from 'node:fs';
import { BankIdClient, type BankIdApi } from '../eid/bankid-client.js';
import type { BankIdSimulator } from '../eid/simulator/index.js';
import { ConfigError, type BankIdConfig } from '../config.js';

/**
 * The BankID the server talks to: the real one (BANKID_URL with the relying-party
 * certificate) or, when BANKID_URL is unset, the bundled simulator started in-process on
 * 127.0.0.1 — its HTTPS RP API on a free port, its control API (the test app) on another —
 * with the client certificate it made. Either way the same mutual-TLS client is used.
 */
export interface BankIdConnection {
  api: BankIdApi;
  /** Only when the simulator runs. */
  simulator?: BankIdSimulator;
  close(): Promise<void>;
}

export async function connectBankId(config: BankIdConfig): Promise<BankIdConnection> {
  if (config.url) {
    const client = new BankIdClient({
      baseUrl: config.url,
      pfx: readSetting('BANKID_PFX_PATH', config.pfxPath!),
      passphrase: config.passphrase ?? '',
      ca: readSetting('BANKID_CA_PATH', config.caPath!),
    });
    return { api: client, close: async () => client.close() };
  }
  // Loaded only here: a server with the real BankID never needs the simulator (nor node-forge, which makes its certificates).
  const { BankIdSimulator } = await import('../eid/simulator/index.js');
  const simulator = await BankIdSimulator.start({ host: '127.0.0.1', port: 0, adminPort: 0 });
  const client = new BankIdClient(simulator.clientOptions());
  return {
    api: client,
    simulator,
    async close() {
      client.close();
      await simulator.close();
    },
  };
}

/**
 * A BankIdApi that connects on first use: an app that never logs anyone in (most tests)
 * never starts the simulator. `close()` ends the connection if there was one.
 */
export function lazyBankId(config: BankIdConfig): BankIdApi & { close(): Promise<void> } {
  let connection: Promise<BankIdConnection> | undefined;
  const api = async () => (await (connection ??= connectBankId(config))).api;
  return {
    auth: async (request) => (await api()).auth(request),
    sign: async (request) => (await api()).sign(request),
    collect: async (orderRef) => (await api()).collect(orderRef),
    cancel: async (orderRef) => (await api()).cancel(orderRef),
    async close() {
      if (connection) await (await connection).close();
    },
  };
}

function readSetting(name: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new ConfigError(`${name}: cannot read "${path}" (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}
