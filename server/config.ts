import { readPaymentsConfig, type PaymentsConfig } from './payments/config.js';
import { readOidcConfig, type OidcConfig } from './eid/oidc/config.js';
import { readEidBroker, readSamlConfig, type EidBrokerProtocol, type SamlConfig } from './eid/saml/config.js';
/** The reference backend's settings, all from the environment, each checked with a clear error. */
export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  /** Origins of the web pages that may embed the widgets and call the API with the citizen's cookies. */
  allowedOrigins: string[];
  logLevel: string;
  /** Where the built kit (dist/) and the demo page are; unset to serve the API alone. */
  kitDir?: string;
  demoDir?: string;
  loadDemoServices: boolean;
  /** A folder of more e-service definitions (JSON) to load at start. */
  servicesDir?: string;
  trustProxy: boolean;
  /** Per client address and minute. */
  rateLimits: { casesPerMinute: number; uploadsPerMinute: number };
  /** A real BankID (RP API v6) when `url` is set; otherwise the bundled simulator runs in-process. */
  bankId: BankIdConfig;
  /** Server-side login sessions: ended after this long without activity, and at the latest after maxHours. */
  sessions: { idleMinutes: number; maxHours: number };
  /** The population-register fixture starts unreachable (REGISTER_UNAVAILABLE=1), to try the "try again later" path. */
  registerUnavailable: boolean;
  /** The company-register fixture starts unreachable (COMPANY_REGISTER_UNAVAILABLE=1): no company is listed or accepted. */
  companyRegisterUnavailable?: boolean;
  /** Bearer tokens for the officer API (OFFICER_TOKENS); empty: `npm start` makes one per municipality and prints it. */
  officerTokens: OfficerToken[];
  /** A webhook per municipality (WEBHOOKS, WEBHOOK_SECRET_<MUNICIPALITY>), told about each submitted case. */
  webhooks: WebhookConfig[];
  /** Tries before a webhook delivery is given up (WEBHOOK_MAX_ATTEMPTS). */
  webhookMaxAttempts: number;
  /** E-mail and SMS to citizens: SMTP_URL unset means the demo outbox at GET /dev/outbox. */
  notify: NotifyConfig;
  /** How often the retention job (gallring) runs (RETENTION_INTERVAL_MINUTES). */
  retentionIntervalMinutes: number;
  /** The page that opens a cosigning invitation (COSIGN_URL): the link is `${cosignUrl}?invitation=<token>`. */
  cosignUrl: string;
  /** Mina sidor (MY_PAGES_URL): a case is linked as `${myPagesUrl}?case=<id>`, e.g. when a once-per-person e-service is used again. */
  myPagesUrl: string;
  /** Card and Swish payments: which provider takes which, per municipality; a provider without its URL is the simulator. */
  payments: PaymentsConfig;
  /** EID_BROKER: how the broker's e-IDs (OIDC_EIDS) are reached, OpenID Connect (`oidc`) or SAML 2.0 (`saml`). */
  eidBroker: EidBrokerProtocol;
  /**
   * The e-ID broker for Freja eID, Telia and eIDAS (OpenID Connect); without OIDC_ISSUER the bundled test provider.
   * Its `eids` are what the widgets offer whichever protocol; with EID_BROKER=saml its `signEids` are none.
   */
  oidc: OidcConfig;
  /** The e-ID broker as a SAML 2.0 IdP (the Swedish eID Framework), used with EID_BROKER=saml; without SAML_IDP_SSO_URL the bundled test IdP. */
  saml: SamlConfig;
}

export interface OfficerToken {
  municipalityId: string;
  token: string;
}

export interface WebhookConfig {
  municipalityId: string;
  url: string;
  /** The HMAC-SHA256 key the receiver verifies X-ESK-Signature with. */
  secret: string;
}

export interface NotifyConfig {
  /** smtp://user:pass@host:587 or smtps://…:465; unset: mail goes to the demo outbox. */
  smtpUrl?: string;
  /** The From of every e-mail (MAIL_FROM). */
  mailFrom: string;
  /** Tries before an e-mail or SMS is given up (NOTIFY_MAX_ATTEMPTS). */
  maxAttempts: number;
}

export interface BankIdConfig {
  /** https://appapi2.test.bankid.com or https://appapi2.bankid.com; unset: the simulator. */
  url?: string;
  /** The relying-party certificate as PKCS#12, its passphrase, and the CA (PEM) BankID's server certificate chains to. */
  pfxPath?: string;
  passphrase?: string;
  caPath?: string;
}

export class ConfigError extends Error {}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be a whole number from 0 to 65535, not "${env.PORT}"`);
  }
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const fail = (message: string): never => {
    throw new ConfigError(message);
  };
  const eidBroker = readEidBroker(env, fail);
  // Before the OIDC settings: beside EID_BROKER=saml, an OIDC setting is refused as such.
  const saml = readSamlConfig(env, eidBroker, fail);
  const oidc = readOidcConfig(env, fail);
  return {
    port,
    host: env.HOST ?? 'localhost',
    dataDir: env.DATA_DIR ?? './data',
    databaseUrl,
    allowedOrigins: parseOrigins(env.ALLOWED_ORIGINS ?? ''),
    logLevel: env.LOG_LEVEL ?? 'info',
    kitDir: env.KIT_DIR ?? 'dist',
    demoDir: env.DEMO_DIR ?? 'demo',
    loadDemoServices: env.LOAD_DEMO_SERVICES !== 'false',
    servicesDir: env.SERVICES_DIR?.trim() || undefined,
    trustProxy: env.TRUST_PROXY === 'true',
    rateLimits: {
      casesPerMinute: positiveInt(env, 'RATE_LIMIT_CASES_PER_MINUTE', 20),
      uploadsPerMinute: positiveInt(env, 'RATE_LIMIT_UPLOADS_PER_MINUTE', 60),
    },
    bankId: readBankIdConfig(env),
    sessions: readSessionConfig(env),
    registerUnavailable: env.REGISTER_UNAVAILABLE === '1' || env.REGISTER_UNAVAILABLE === 'true',
    companyRegisterUnavailable: env.COMPANY_REGISTER_UNAVAILABLE === '1' || env.COMPANY_REGISTER_UNAVAILABLE === 'true',
    officerTokens: parseOfficerTokens(env.OFFICER_TOKENS ?? ''),
    webhooks: parseWebhooks(env),
    webhookMaxAttempts: positiveInt(env, 'WEBHOOK_MAX_ATTEMPTS', 10),
    notify: {
      smtpUrl: readSmtpUrl(env),
      mailFrom: env.MAIL_FROM?.trim() || 'E-tjänster <no-reply@localhost>',
      maxAttempts: positiveInt(env, 'NOTIFY_MAX_ATTEMPTS', 8),
    },
    retentionIntervalMinutes: positiveInt(env, 'RETENTION_INTERVAL_MINUTES', 60),
    cosignUrl: readPageUrl(env, 'COSIGN_URL', '/medsignera.html', port),
    // Linked from a page only (never from an e-mail): on this server's own demo pages a path will do, whatever the port.
    myPagesUrl: env.MY_PAGES_URL?.trim() || parseOrigins(env.ALLOWED_ORIGINS ?? '').length ? readPageUrl(env, 'MY_PAGES_URL', '/mina-sidor.html', port) : '/mina-sidor.html',
    payments: readPaymentsConfig(env, (message) => {
      throw new ConfigError(message);
    }),
    eidBroker,
    // Signing through the broker is the OIDC profile's Signature Extension: through a SAML broker its e-IDs only log in.
    oidc: eidBroker === 'saml' ? { ...oidc, signEids: [] } : oidc,
    saml,
  };
}

/**
 * A page of the municipality's site the server links to: COSIGN_URL (where an invitation's link
 * leads) and MY_PAGES_URL (Mina sidor). By default the public origin's /medsignera.html and
 * /mina-sidor.html: the first of ALLOWED_ORIGINS (the municipality's site), or this server itself.
 */
function readPageUrl(env: NodeJS.ProcessEnv, name: 'COSIGN_URL' | 'MY_PAGES_URL', path: string, port: number): string {
  const raw = env[name]?.trim();
  if (!raw) {
    const origin = parseOrigins(env.ALLOWED_ORIGINS ?? '')[0] ?? `http://localhost:${port}`;
    return `${origin}${path}`;
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be an address such as https://www.kommun.se${path.replace('.html', '')}, not "${raw}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ConfigError(`${name} must start with https:// (or http:// for a local demo)`);
  if (url.hash) throw new ConfigError(`${name} must not have a #fragment`);
  if (url.search) throw new ConfigError(`${name} must not have a ?query: the server adds its own`);
  return raw;
}

const MUNICIPALITY_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
const MIN_SECRET_LENGTH = 32;

/** "exempelby:<token>,grannby:<token>"; a municipality may have several tokens (one per system). */
export function parseOfficerTokens(list: string): OfficerToken[] {
  return list.split(',').map((item) => item.trim()).filter(Boolean).map((item) => {
    const colon = item.indexOf(':');
    const municipalityId = item.slice(0, colon).trim();
    const token = item.slice(colon + 1).trim();
    if (colon < 1 || !MUNICIPALITY_ID.test(municipalityId)) {
      throw new ConfigError('OFFICER_TOKENS must read "exempelby:<token>,grannby:<token>" (municipality id, colon, token)');
    }
    if (token.length < MIN_SECRET_LENGTH || /\s/.test(token)) {
      throw new ConfigError(`OFFICER_TOKENS: the token for ${municipalityId} must be at least ${MIN_SECRET_LENGTH} characters without spaces (e.g. openssl rand -hex 32)`);
    }
    return { municipalityId, token };
  });
}

/** The environment name of a municipality's webhook secret: WEBHOOK_SECRET_EXEMPELBY, WEBHOOK_SECRET_NORRA_BYN. */
export function webhookSecretName(municipalityId: string): string {
  return `WEBHOOK_SECRET_${municipalityId.toUpperCase().replace(/-/g, '_')}`;
}

/** WEBHOOKS="exempelby=https://…,grannby=https://…", each with its WEBHOOK_SECRET_<MUNICIPALITY>. */
export function parseWebhooks(env: NodeJS.ProcessEnv): WebhookConfig[] {
  const seen = new Set<string>();
  return (env.WEBHOOKS ?? '').split(',').map((item) => item.trim()).filter(Boolean).map((item) => {
    const equals = item.indexOf('=');
    const municipalityId = item.slice(0, equals).trim();
    const raw = item.slice(equals + 1).trim();
    if (equals < 1 || !MUNICIPALITY_ID.test(municipalityId)) {
      throw new ConfigError('WEBHOOKS must read "exempelby=https://…,grannby=https://…" (municipality id, =, URL)');
    }
    if (seen.has(municipalityId)) throw new ConfigError(`WEBHOOKS names ${municipalityId} twice`);
    seen.add(municipalityId);
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new ConfigError(`WEBHOOKS: "${raw}" (for ${municipalityId}) is not a URL`);
    }
    const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
      throw new ConfigError(`WEBHOOKS: the URL for ${municipalityId} must use https:// (http:// only to localhost)`);
    }
    const secretName = webhookSecretName(municipalityId);
    const secret = env[secretName] ?? '';
    if (secret.length < MIN_SECRET_LENGTH) {
      throw new ConfigError(`WEBHOOKS has a URL for ${municipalityId}, so ${secretName} must be set to a secret of at least ${MIN_SECRET_LENGTH} characters`);
    }
    return { municipalityId, url: url.href, secret };
  });
}

function readSmtpUrl(env: NodeJS.ProcessEnv): string | undefined {
  const raw = env.SMTP_URL?.trim();
  if (!raw) return undefined;
  if (!/^smtps?:\/\/[^/]/.test(raw)) throw new ConfigError('SMTP_URL must read smtp://user:password@host:587 or smtps://user:password@host:465');
  return raw;
}

function readBankIdConfig(env: NodeJS.ProcessEnv): BankIdConfig {
  const url = env.BANKID_URL?.trim() || undefined;
  const pfxPath = env.BANKID_PFX_PATH?.trim() || undefined;
  const caPath = env.BANKID_CA_PATH?.trim() || undefined;
  const passphrase = env.BANKID_PASSPHRASE;
  if (!url) {
    const stray = (['BANKID_PFX_PATH', 'BANKID_PASSPHRASE', 'BANKID_CA_PATH'] as const).filter((name) => env[name]);
    if (stray.length > 0) {
      throw new ConfigError(`${stray.join(', ')} ${stray.length === 1 ? 'is' : 'are'} set but BANKID_URL is not: set BANKID_URL too, or unset them to use the BankID simulator`);
    }
    return {};
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError(`BANKID_URL must be a URL such as https://appapi2.test.bankid.com, not "${url}"`);
  }
  if (parsed.protocol !== 'https:') throw new ConfigError(`BANKID_URL must use https://, not "${url}"`);
  if (!pfxPath) throw new ConfigError('BANKID_URL is set, so BANKID_PFX_PATH must name the relying-party certificate (PKCS#12, .p12/.pfx)');
  if (!caPath) throw new ConfigError("BANKID_URL is set, so BANKID_CA_PATH must name the PEM file of the CA BankID's server certificate chains to");
  return { url: parsed.origin, pfxPath, passphrase: passphrase ?? '', caPath };
}

function readSessionConfig(env: NodeJS.ProcessEnv): ServerConfig['sessions'] {
  const idleMinutes = positiveInt(env, 'SESSION_IDLE_MINUTES', 20);
  const maxHours = positiveInt(env, 'SESSION_MAX_HOURS', 8);
  if (idleMinutes > maxHours * 60) {
    throw new ConfigError(`SESSION_IDLE_MINUTES (${idleMinutes}) must not be longer than SESSION_MAX_HOURS (${maxHours} h)`);
  }
  return { idleMinutes, maxHours };
}

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new ConfigError(`${name} must be a whole number of at least 1, not "${raw}"`);
  return value;
}

export function parseOrigins(list: string): string[] {
  return list
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
    .map((item) => {
      let origin: string;
      try {
        origin = new URL(item).origin;
      } catch {
        throw new ConfigError(`ALLOWED_ORIGINS: "${item}" is not an origin such as https://www.kommun.se`);
      }
      if (origin !== item.replace(/\/$/, '') || origin === 'null') {
        throw new ConfigError(`ALLOWED_ORIGINS: "${item}" must be just scheme, host and port, such as https://www.kommun.se`);
      }
      return origin;
    });
}
