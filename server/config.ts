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
  };
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
