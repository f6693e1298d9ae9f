import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { config, locales } from 'zod/mini';
import { ServiceDefinition, type ServiceSummary } from '../../src/contract/definition.js';
import type { Database } from '../store/database.js';

// zod/mini carries no messages of its own ("Invalid input"): the server, not the browser bundle, loads the English ones,
// so that a refused definition says what is wrong ("Too small: expected number to be >=1").
config(locales.en());

const DEMO_DIR = fileURLToPath(new URL('../demo-services/', import.meta.url));

/**
 * Reads and validates every definition in a folder; a broken file stops the start with the file's path and each
 * mistake on a line of its own, at its JSON path (`steps[2].fields[0].pattern: …`), so that whoever wrote it can go
 * straight there.
 */
export async function readDemoDefinitions(folder = DEMO_DIR): Promise<ServiceDefinition[]> {
  const dir = folder.endsWith('/') ? folder : `${folder}/`;
  const files = (await readdir(dir)).filter((name) => name.endsWith('.json')).sort();
  return Promise.all(
    files.map(async (file) => {
      let json: unknown;
      try {
        json = JSON.parse(await readFile(dir + file, 'utf8'));
      } catch (error) {
        throw new Error(`${dir + file} is not JSON: ${(error as Error).message}`);
      }
      const result = ServiceDefinition.safeParse(json);
      if (!result.success) {
        const mistakes = result.error.issues.map((issue) => `\n  ${jsonPath(issue.path) || '(the whole file)'}: ${issue.message}`);
        throw new Error(`${dir + file} is not a valid e-service definition:${mistakes.join('')}`);
      }
      return result.data;
    }),
  );
}

/** ["steps", 2, "fields", 0, "pattern"] → steps[2].fields[0].pattern */
const jsonPath = (path: readonly PropertyKey[]) =>
  path.map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index ? '.' : ''}${String(key)}`)).join('');

/** Stores each definition version once; versions already stored are left as they are. */
export async function loadDefinitions(db: Database, definitions: ServiceDefinition[]): Promise<void> {
  for (const definition of definitions) {
    await db.query(
      `INSERT INTO service_definitions (service_id, version, municipality_id, definition)
       VALUES ($1, $2, $3, $4) ON CONFLICT (service_id, version) DO NOTHING`,
      [definition.id, definition.version, definition.municipality.id, JSON.stringify(definition)],
    );
  }
}

export class DefinitionStore {
  /**
   * A stored version never changes (loadDefinitions adds versions and leaves stored ones as they are), so each
   * is read once per instance instead of once per request. Frozen: every request shares the one object.
   */
  readonly #versions = new Map<string, Promise<ServiceDefinition | undefined>>();

  constructor(private readonly db: Database) {}

  async latest(serviceId: string): Promise<ServiceDefinition | undefined> {
    const { rows } = await this.db.query<{ definition: ServiceDefinition }>(
      `SELECT definition FROM service_definitions WHERE service_id = $1 ORDER BY version DESC LIMIT 1`,
      [serviceId],
    );
    return rows[0]?.definition;
  }

  version(serviceId: string, version: number): Promise<ServiceDefinition | undefined> {
    const key = `${serviceId}\n${version}`;
    let found = this.#versions.get(key);
    if (!found) {
      found = this.db.query<{ definition: ServiceDefinition }>(
        `SELECT definition FROM service_definitions WHERE service_id = $1 AND version = $2`,
        [serviceId, version],
      ).then(({ rows }) => rows[0] && deepFreeze(rows[0].definition));
      this.#versions.set(key, found);
      // Not there (yet: another instance may store it) or not read: asked of the database again next time.
      found.then((definition) => definition ?? this.#versions.delete(key), () => this.#versions.delete(key));
    }
    return found;
  }

  async list(): Promise<ServiceSummary[]> {
    const { rows } = await this.db.query<{ definition: ServiceDefinition }>(
      `SELECT DISTINCT ON (service_id) definition FROM service_definitions ORDER BY service_id, version DESC`,
    );
    return rows.map(({ definition: d }) => ({
      id: d.id,
      version: d.version,
      municipality: d.municipality,
      title: d.title,
      description: d.description,
      login: d.login,
    }));
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
