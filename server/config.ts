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
  };
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
