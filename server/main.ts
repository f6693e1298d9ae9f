import { buildApp } from './app.js';
import { ConfigError, readConfig } from './config.js';
import { startAttachmentCleanup } from './jobs/attachment-cleanup.js';
import { newHolderId } from './jobs/lease.js';
import { startCosignDeadline } from './jobs/cosign-deadline.js';
import { startNotifyDelivery } from './jobs/notify-delivery.js';
import { startPaymentReconcile } from './jobs/payment-reconcile.js';
import { connectPayments } from './payments/providers.js';
import { startRetention } from './jobs/retention.js';
import { startWebhookDelivery } from './jobs/webhook-delivery.js';
import { DevOutbox, type Mailer, SmtpMailer } from './notify/channels.js';
import { forgetDemoTokens, makeDemoTokens } from './officer/auth.js';
import { startSessionCleanup } from './jobs/session-cleanup.js';
import { loadDefinitions, readDemoDefinitions } from './services/definitions.js';
import { connectBankId } from './sessions/index.js';
import { openDatabase, type Queryable } from './store/database.js';
import { migrate } from './store/migrate.js';

/** How long requests under way may take to finish when the server is told to stop. */
const SHUTDOWN_GRACE_MS = 5_000;

/** Starts the reference backend: database, migrations, demo e-services, HTTP. */
async function main(): Promise<void> {
  const config = readConfig();
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrate(db);
  if (config.loadDemoServices) await loadDefinitions(db, await readDemoDefinitions());
  if (config.servicesDir) await loadDefinitions(db, await readDemoDefinitions(config.servicesDir));
  // The officer API's tokens: those OFFICER_TOKENS lists (checked by this instance, never stored; stored demo
  // tokens are forgotten), or for the demo a new one per municipality, stored as a hash and printed below.
  if (config.officerTokens.length > 0) await forgetDemoTokens(db);
  const demoTokens = config.officerTokens.length > 0 ? [] : await makeDemoTokens(db, await municipalities(db));

  // BANKID_URL unset: the bundled simulator, on free ports of 127.0.0.1, with the client certificate it made.
  const bankId = await connectBankId(config.bankId);
  // Without SMTP_URL, e-mail and SMS go to the demo outbox at /dev/outbox; SMS always do (no gateway is bundled).
  const outbox = new DevOutbox();
  // Card and Swish: the providers PAYMENTS names; one without its URL is its simulator, on free ports of 127.0.0.1.
  const payments = connectPayments(config.payments);
  const app = await buildApp({ config, db, bankId: bankId.api, devOutbox: outbox, payments });
  startAttachmentCleanup(db, app.log);
  startSessionCleanup(db, app.log);
  // Retention and the cosigning deadline take a lease in the database: one instance at a time runs them.
  // The outbox's workers run on every instance, each notification and webhook claimed by one.
  const holder = newHolderId();
  const mailer: Mailer = config.notify.smtpUrl ? new SmtpMailer(config.notify.smtpUrl, config.notify.mailFrom) : outbox;
  const jobs = [
    startRetention(db, app.log, { intervalMinutes: config.retentionIntervalMinutes, holder }),
    startWebhookDelivery(db, app.log, { webhooks: config.webhooks, maxAttempts: config.webhookMaxAttempts }),
    startNotifyDelivery(db, app.log, { mailer, sms: outbox, maxAttempts: config.notify.maxAttempts }),
    startCosignDeadline(db, app.log, { cosignUrl: config.cosignUrl, holder }),
    startPaymentReconcile(app.payments, app.log),
  ];
  const shutdown = async () => {
    await Promise.all(jobs.map((job) => job.stop()));
    mailer.close?.();
    // Requests under way get a few seconds to finish; then every connection is closed, also a
    // browser's keep-alive connection that went idle after close() began (which would hold it open).
    setTimeout(() => app.server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
    await app.close();
    await bankId.close();
    await payments.close();
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
  const payerPages = await payments.simulatorPages();
  const eids = config.oidc.eids.map((eid) => ({ freja: 'Freja eID', telia: 'Telia', eidas: 'eIDAS' })[eid]).join(', ');
  if (eids && config.eidBroker === 'saml') {
    console.log(config.saml.idp
      ? `${eids}: the e-ID broker's SAML IdP at ${config.saml.idp.ssoUrl}`
      : `${eids}: the bundled SAML test IdP (SAML_IDP_SSO_URL is unset), where you pick a test person at each login`);
  } else if (eids) {
    console.log(config.oidc.issuer
      ? `${eids}: the e-ID broker at ${config.oidc.issuer}`
      : `${eids}: the bundled test OpenID provider (OIDC_ISSUER is unset), where you pick a test person at each login`);
  }
  if (payerPages['swedbank-pay']) console.log(`Card payments: the Swedbank Pay simulator (SWEDBANK_PAY_URL is unset). Its payment orders: ${payerPages['swedbank-pay']}`);
  if (payerPages.swish) console.log(`Swish: the Swish simulator (SWISH_URL is unset). Play the payer's Swish app at ${payerPages.swish}`);
  for (const { municipalityId, token } of demoTokens) {
    console.log(`Officer API for ${await municipalityName(db, municipalityId)}: Bearer ${token}  (GET http://localhost:${port}/api/officer/cases)`);
  }
  if (!config.notify.smtpUrl) console.log(`E-mail and SMS: the demo outbox at http://localhost:${port}/dev/outbox (SMTP_URL is unset)`);
  console.log('');
}

/** The municipalities of the loaded e-services. */
async function municipalities(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ municipality_id: string }>('SELECT DISTINCT municipality_id FROM service_definitions ORDER BY municipality_id');
  return rows.map((row) => row.municipality_id);
}

async function municipalityName(db: Queryable, municipalityId: string): Promise<string> {
  const { rows } = await db.query<{ name: string }>(
    `SELECT definition->'municipality'->'name'->>'sv' AS name FROM service_definitions WHERE municipality_id = $1 LIMIT 1`, [municipalityId]);
  return rows[0]?.name ?? municipalityId;
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `Configuration error: ${error.message}` : error);
  process.exit(1);
});
