import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createPki, type SimulatorPki } from './certs.js';
import { BankIdSimulator } from './simulator.js';

/**
 * The BankID simulator as a process of its own (`npm run bankid-simulator`), for several server
 * instances: each talks to this one simulator as they would all talk to BankID, so an order started
 * through one instance is collected through another. Its certificates are kept in a folder, so the
 * instances' settings hold across its restarts.
 *
 *   BANKID_SIMULATOR_PORT        the RP API (HTTPS), default 0: a free port
 *   BANKID_SIMULATOR_ADMIN_PORT  the test app and control API (HTTP), default 0
 *   BANKID_SIMULATOR_HOST        default 127.0.0.1
 *   BANKID_SIMULATOR_DIR         where the certificates are kept, default data/bankid-simulator
 */

function port(name: string): number {
  const raw = process.env[name] ?? '0';
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value > 65535) {
    console.error(`${name} must be a whole number from 0 to 65535, not "${raw}"`);
    process.exit(1);
  }
  return value;
}

/** The simulator's PKI from the folder, or a new one written there (the key files readable only by this user). */
function keptPki(dir: string): SimulatorPki {
  const file = join(dir, 'pki.json');
  if (existsSync(file)) {
    const kept = JSON.parse(readFileSync(file, 'utf8')) as Omit<SimulatorPki, 'clientPfx'> & { clientPfx: string };
    return { ...kept, clientPfx: Buffer.from(kept.clientPfx, 'base64') };
  }
  mkdirSync(dir, { recursive: true });
  const pki = createPki();
  writeFileSync(file, JSON.stringify({ ...pki, clientPfx: pki.clientPfx.toString('base64') }), { mode: 0o600 });
  writeFileSync(join(dir, 'client.p12'), pki.clientPfx, { mode: 0o600 });
  writeFileSync(join(dir, 'passphrase'), pki.passphrase, { mode: 0o600 });
  writeFileSync(join(dir, 'ca.pem'), pki.caCert);
  chmodSync(dir, 0o700);
  return pki;
}

const dir = resolve(process.env.BANKID_SIMULATOR_DIR ?? 'data/bankid-simulator');
const pki = keptPki(dir);
const simulator = await BankIdSimulator.start({
  host: process.env.BANKID_SIMULATOR_HOST ?? '127.0.0.1',
  port: port('BANKID_SIMULATOR_PORT'),
  adminPort: port('BANKID_SIMULATOR_ADMIN_PORT'),
  pki,
});
const shutdown = async () => {
  await simulator.close();
  process.exit(0);
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);

console.log(`\nThe BankID simulator is running at ${simulator.baseUrl} (BankID's RP API v6.0)`);
console.log('Start every server instance with:');
console.log(`  BANKID_URL=${simulator.baseUrl} BANKID_PFX_PATH=${join(dir, 'client.p12')} BANKID_PASSPHRASE=${pki.passphrase} BANKID_CA_PATH=${join(dir, 'ca.pem')}`);
console.log(`Play the BankID app at ${simulator.adminUrl}/sim/\n`);
