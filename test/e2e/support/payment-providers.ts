import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSwedbankPaySimulator, type SwedbankPaySimulator } from '../../../server/payments/providers/swedbank-pay/simulator.js';
import { startSwishSimulator, type SwishSimulator } from '../../../server/payments/providers/swish/simulator.js';

/**
 * Swedbank Pay and Swish as the server meets them in production: other processes, reached by their address
 * and, for Swish, with a merchant certificate from files. Here they are the simulators, started in the test's
 * own process, so that they outlive a server the test kills, and the test can play the payer and change how
 * they call back.
 */
export interface PaymentProviders {
  swedbank: SwedbankPaySimulator;
  swish: SwishSimulator;
  /** The server's settings that point at them (SWEDBANK_PAY_URL…, SWISH_URL…). */
  env: Record<string, string>;
  close(): Promise<void>;
}

export async function startPaymentProviders(): Promise<PaymentProviders> {
  const swedbank = await startSwedbankPaySimulator();
  const swish = await startSwishSimulator();
  const dir = await mkdtemp(join(tmpdir(), 'esk-swish-'));
  await writeFile(join(dir, 'merchant.p12'), swish.merchant.pfx);
  await writeFile(join(dir, 'ca.pem'), swish.merchant.ca);
  return {
    swedbank,
    swish,
    env: {
      SWEDBANK_PAY_URL: swedbank.url, SWEDBANK_PAY_TOKEN: swedbank.token, SWEDBANK_PAY_PAYEE_ID: swedbank.payeeId,
      SWEDBANK_PAY_PAYEE_NAME: 'Exempelby kommun',
      SWISH_URL: swish.url, SWISH_CERT: join(dir, 'merchant.p12'), SWISH_PASSPHRASE: swish.merchant.passphrase,
      SWISH_CA: join(dir, 'ca.pem'), SWISH_NUMBER: swish.merchant.payeeAlias,
    },
    async close() {
      await Promise.all([swedbank.close(), swish.close()]);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
