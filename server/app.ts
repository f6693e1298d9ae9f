import { existsSync } from 'node:fs';
import { isForeignPersonKey } from '../src/contract/person-key.js';
import { resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import type { ServerConfig } from './config.js';
import { checkedWithRegister } from './registry/prefill.js';
import { caseSentOutbox } from './outbox/case-sent.js';
import { loadLanguage } from '../src/i18n/index.js';
import { registerErrorHandling } from './http/errors.js';
import { badAddress, refuseUnstorableParameters } from './http/params.js';
import { registerRateLimit } from './http/rate-limit.js';
import { registerSecurity } from './http/security.js';
import type { DevOutbox } from './notify/channels.js';
import { devOutboxRoutes } from './notify/outbox-page.js';
import { officerRoutes } from './officer/routes.js';
import { openApiDocument } from './openapi.js';
import { attachmentRoutes } from './routes/attachments.js';
import { caseRoutes } from './routes/cases.js';
import { draftRoutes } from './routes/drafts.js';
import { myPagesRoutes } from './routes/my-pages.js';
import { DatabaseBlobStore } from './attachments/db-store.js';
import { CasePdfs } from './documents/case-pdfs.js';
import { DraftService } from './services/drafts.js';
import { MessageService } from './services/messages.js';
import { MyCasesService } from './services/my-cases.js';
import { signingRoutes } from './routes/signing.js';
import { serviceRoutes } from './routes/services.js';
import { prefillRoutes } from './routes/prefill.js';
import { FixtureRegister } from './registry/fixture.js';
import type { PopulationRegister } from './registry/register.js';
import { CaseService } from './services/cases.js';
import { SigningService } from './services/signing.js';
import { BankIdOrders } from './eid/orders.js';
import { cosignRoutes } from './cosigning/routes.js';
import { CosignService } from './cosigning/service.js';
import { DefinitionStore } from './services/definitions.js';
import type { BankIdApi } from './eid/bankid-client.js';
import type { OidcBroker } from './eid/oidc/broker.js';
import { lazyBankId, registerLogin } from './sessions/index.js';
import type { Database } from './store/database.js';
import { connectPayments, type PaymentProviders } from './payments/providers.js';
import { paymentRoutes } from './payments/routes.js';
import { PaymentService } from './payments/service.js';
import { FixtureCompanyRegister } from './companies/providers/fixture.js';
import type { CompanyRegister } from './companies/register.js';
import { companyRoutes } from './companies/routes.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The payments (server/payments/): main.ts runs their reconciliation job. */
    payments: PaymentService;
    /** The company register the app asks (server/companies/): the tests make the fixture unreachable through it. */
    companies: CompanyRegister;
  }
}

export const VERSION = '0.1.0';
/** Answers to a long form fit easily; anything larger is refused before parsing. */
export const JSON_BODY_LIMIT = 256 * 1024;

export interface AppOptions {
  config: ServerConfig;
  db: Database;
  now?: () => Date;
  /** Where the JSON log lines go (tests read them); standard output by default. */
  logStream?: NodeJS.WritableStream;
  /** The BankID to log in with; by default the one config.bankId names (the simulator when BANKID_URL is unset). */
  bankId?: BankIdApi;
  /** The population register; by default the fixture (unreachable when config.registerUnavailable). */
  register?: PopulationRegister;
  /** The company register (Bolagsverket's firmatecknare); by default the fixture (server/companies/providers/fixture.ts). */
  companies?: CompanyRegister;
  /** The demo outbox shown at GET /dev/outbox (only without SMTP_URL); main.ts sends the demo's mail there. */
  devOutbox?: DevOutbox;
  /** The payment providers; by default those config.payments names (each simulator started when first used). */
  payments?: PaymentProviders;
  /** The e-ID broker (OpenID Connect); by default the one config.oidc names (the test provider when OIDC_ISSUER is unset). */
  broker?: OidcBroker;
}

export async function buildApp({
  config, db, now, logStream, bankId, broker, devOutbox, payments, register = new FixtureRegister({ unavailable: config.registerUnavailable }),
  companies = new FixtureCompanyRegister({ unavailable: config.companyRegisterUnavailable ?? false }),
}: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    bodyLimit: JSON_BODY_LIMIT,
    trustProxy: config.trustProxy,
    frameworkErrors: badAddress,
    logger: {
      level: config.logLevel,
      ...(logStream ? { stream: logStream } : {}),
      // Method, path and status only: no query strings, headers, IP addresses or bodies.
      serializers: {
        req: (req) => ({ method: req.method, path: req.url.split('?')[0] }),
        res: (res) => ({ statusCode: res.statusCode }),
      },
    },
  });

  // The browser fetches the English texts when it needs them; the server answers in either language from the start.
  await loadLanguage('en');
  registerErrorHandling(app);
  refuseUnstorableParameters(app);
  await registerSecurity(app, config.allowedOrigins);
  await registerRateLimit(app, db);
  // One BankID for logging in and signing (connected on first use unless given).
  let bankIdApi = bankId;
  if (!bankIdApi) {
    const lazy = lazyBankId(config.bankId);
    app.addHook('onClose', () => lazy.close());
    bankIdApi = lazy;
  }
  const { brokerSigning } = await registerLogin(app, { config, db, now, bankId: bankIdApi, broker });

  const definitions = new DefinitionStore(db);
  // What the population register says wins over what the browser sent (prefilled answers,
  // children in custody): checked again on receipt, for a logged-in citizen.
  // The receipt and the municipality's webhook are written with the case (server/outbox/).
  const outbox = caseSentOutbox(config.webhooks);
  const cases = new CaseService(db, definitions, {
    now,
    outbox,
    companies,
    beforeCreate: (definition, values, personalNumber, lang) =>
      // A foreign e-ID's limited profile (src/contract/person-key.ts) is unknown to the register: nothing to ask it.
      personalNumber && !isForeignPersonKey(personalNumber)
        ? checkedWithRegister(definition, values, personalNumber, register, lang)
        : Promise.resolve({ answers: values }),
  });
  const orders = new BankIdOrders(db, bankIdApi, { now });
  const drafts = new DraftService(db, cases, now);
  // Flerpartssignering: a case the others must sign too waits for them (server/cosigning/).
  const cosigning = new CosignService({
    db, drafts, orders, register, companies, cosignUrl: config.cosignUrl, now, outbox,
    onMismatch: (orderRef) => app.log.warn({ orderRef }, 'BankID signer is not the logged-in cosigner: not signed'),
  });
  const signing = new SigningService({
    db, cases, orders, now, cosigning, broker: brokerSigning,
    onMismatch: (orderRef) => app.log.warn({ orderRef }, 'BankID signer is not the logged-in person: no case made'),
  });

  app.get('/api/health', async () => {
    await db.query('SELECT 1');
    return { status: 'ok', database: db.engine };
  });
  const openapi = openApiDocument(VERSION);
  app.get('/api/openapi.json', { config: { cache: 'public' } }, async () => openapi);
  serviceRoutes(app, definitions);
  prefillRoutes(app, { definitions, register, db, myPagesUrl: config.myPagesUrl, now });
  // The PDF of a sent case (server/documents/): for the receipt, Mina sidor and the officer API.
  const pdfs = new CasePdfs(db, register, now);
  caseRoutes(app, cases, config.rateLimits.casesPerMinute, pdfs);
  signingRoutes(app, { signing, startsPerMinute: config.rateLimits.casesPerMinute, allowedOrigins: config.allowedOrigins });
  await attachmentRoutes(app, { db, definitions, now, uploadsPerMinute: config.rateLimits.uploadsPerMinute, companies });
  // Mina sidor: drafts, the citizen's cases and messages, profile and export.
  const myCases = new MyCasesService(db, new DatabaseBlobStore(db), now, register, companies);
  // The companies a person may act for (server/companies/).
  companyRoutes(app, companies);
  app.decorate('companies', companies);
  draftRoutes(app, drafts);
  cosignRoutes(app, { cosigning, perMinute: config.rateLimits.casesPerMinute });
  myPagesRoutes(app, { db, myCases, messages: new MessageService(db, myCases, now), now, messagesPerMinute: config.rateLimits.casesPerMinute, pdfs });

  let providers = payments;
  if (!providers) {
    const own = connectPayments(config.payments);
    app.addHook('onClose', () => own.close());
    providers = own;
  }
  const paymentService = new PaymentService({ db, providers, outbox, now, log: app.log });
  app.decorate('payments', paymentService);
  paymentRoutes(app, { payments: paymentService, allowedOrigins: config.allowedOrigins, perMinute: config.rateLimits.casesPerMinute });

  await officerRoutes(app, { db, now, tokens: config.officerTokens, payments: paymentService, pdfs });
  if (devOutbox && !config.notify.smtpUrl) devOutboxRoutes(app, devOutbox);

  await serveStatic(app, config);
  return app;
}

async function serveStatic(app: FastifyInstance, config: ServerConfig): Promise<void> {
  const kitDir = config.kitDir && resolve(config.kitDir);
  if (kitDir && existsSync(kitDir)) {
    await app.register(fastifyStatic, {
      root: kitDir,
      prefix: '/kit/',
      // Module scripts are fetched with CORS: any page may load the kit.
      setHeaders: (res) => res.header('Access-Control-Allow-Origin', '*'),
    });
  }
  const demoDir = config.demoDir && resolve(config.demoDir);
  if (demoDir && existsSync(demoDir)) {
    await app.register(fastifyStatic, { root: demoDir, prefix: '/', decorateReply: false });
  }
}
