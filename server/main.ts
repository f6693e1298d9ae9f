import { buildApp } from './app.js';
import { ConfigError, readConfig } from './config.js';
import { startAttachmentCleanup } from './jobs/attachment-cleanup.js';
import { startSessionCleanup } from './jobs/session-cleanup.js';
import { loadDefinitions, readDemoDefinitions } from './services/definitions.js';
import { connectBankId } from './sessions/index.js';
import { openDatabase } from './store/database.js';
import { migrate } from './store/migrate.js';

/** Starts the reference backend: database, migrations, demo e-services, HTTP. */
async function main(): Promise<void> {
  const config = readConfig();
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrate(db);
  if (config.loadDemoServices) await loadDefinitions(db, await readDemoDefinitions());
  if (config.servicesDir) await loadDefinitions(db, await readDemoDefinitions(config.servicesDir));

  // BANKID_URL unset: the bundled simulator, on free ports of 127.0.0.1, with the client certificate it made.
  const bankId = await connectBankId(config.bankId);
  const app = await buildApp({ config, db, bankId: bankId.api });
  startAttachmentCleanup(db, app.log);
  startSessionCleanup(db, app.log);
  const shutdown = async () => {
    await app.close();
    await bankId.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);

  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const where = config.databaseUrl ? 'PostgreSQL' : config.dataDir === ':memory:' ? 'PGlite in memory' : `PGlite in ${config.dataDir}`;
  console.log(`\ne-service-kit is running at http://localhost:${port}/  (database: ${where})`);
  if (bankId.simulator) {
    console.log(`BankID: the simulator (BANKID_URL is unset). Play the BankID app at ${bankId.simulator.adminUrl}/sim/`);
  } else {
    console.log(`BankID: ${config.bankId.url}`);
  }
  console.log('');
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `Configuration error: ${error.message}` : error);
  process.exit(1);
});
