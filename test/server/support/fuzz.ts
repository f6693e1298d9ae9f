import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { SubmitCaseResponse } from '../../../src/contract/cases.js';
import { SESSION_COOKIE, SessionStore } from '../../../server/sessions/index.js';
import { VALID_FAULT_REPORT } from '../../support/backend.js';
import { type Browser, person, startWorld, type World } from './browser.js';
import { caseBody, testService } from './definitions.js';

/**
 * Property-based fuzzing of the whole HTTP API, as the OpenAPI document lists it: every operation with
 * path parameters, query strings, headers and bodies built from nasty values (NUL, lone surrogates,
 * huge and tiny numbers, dates outside 0001–9999, deep nesting, wrong types), logged in and not, through
 * `app.inject` on the real app and database. A request fails the run when it answers 5xx, or when it
 * is refused (4xx) and yet a table gained or lost a row.
 */

export interface FuzzOptions {
  /** How many requests (fast-check runs). */
  runs: number;
  /** fast-check's seed, to repeat a run; random by default. */
  seed?: number;
}

export interface FuzzReport {
  database: string;
  requests: number;
  /** How many answers had each status. */
  statuses: Record<string, number>;
  /** Operations in the OpenAPI document, and how many of them the run called. */
  operations: number;
  operationsCalled: number;
  durationMs: number;
  seed: number;
  /** The first request that failed (5xx, or a refusal that stored something), as fast-check found it. */
  failure?: string;
}

interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  template: string;
  pathParams: string[];
  queryParams: string[];
  hasBody: boolean;
}

const ANNA = person('Anna');
const OFFICER_TOKEN = `${'f'.repeat(24)}-fuzz-officer-token`;

// --- nasty values -----------------------------------------------------------------------

const NASTY_TEXT = [
  '', ' ', '\u0000', 'a\u0000b', '\ud800', '\udfff', 'x\ud83d', '\ude00y', '\ude00\ud83d', '\ud83d\ude00', '\ufffd', '\u202e',
  '\r\n', '\t', '%00', '\\u0000', '+275760-09-13', '-271821-04-20', '0000-01-01', '-000001-01-01', '9999-12-31', '10000-01-01',
  '0001-01-01', '+275760-09-13T00:00:00.000Z', '0000-01-01T00:00:00.000Z', '2026-02-30', '2147483648', '-2147483649',
  '9007199254740993', '1e308', '1e400', 'NaN', 'Infinity', '-0', "'; DROP TABLE cases; --", '__proto__', 'constructor',
  'prototype', '../../etc/passwd', '<script>alert(1)</script>', 'Ω≈ç√∫', 'felanmalan', 'sv', 'en', 'otherDevice', 'email',
  '00000000-0000-4000-8000-000000000000', 'FEL-2026-00001', '19121212-1212', 'a@b.se', 'x'.repeat(300),
];
const NASTY_NUMBERS = [
  0, -0, 1, -1, 0.5, 2 ** 31 - 1, 2 ** 31, -(2 ** 31) - 1, 2 ** 32, 2 ** 53, Number.MAX_SAFE_INTEGER + 2, 1e21, 1e308, -1e308,
  5e-324, Number.MAX_VALUE, 8.64e15, -8.64e15, 8.64e15 + 1,
];

const text = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY_TEXT) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 12_000 }).map((n) => 'å'.repeat(n)) },
);
const number = fc.oneof(fc.constantFrom(...NASTY_NUMBERS), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }));
const leaf = fc.oneof(text, number, fc.boolean(), fc.constant(null));
const { json } = fc.letrec<{ json: unknown }>((tie) => ({
  json: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('json'), { maxLength: 5 }),
    fc.dictionary(text, tie('json'), { maxKeys: 5 }),
  ),
}));

/** What HTTP can carry in a header (Node reads header bytes as latin1; NUL, CR and LF never arrive). */
const headerText = fc.oneof(
  fc.constantFrom('', ' ', '0', '-1', '2147483648', 'sv', 'en', 'en-GB,en;q=0.9', 'fi', '*', 'x'.repeat(200), 'å\u00ff', 'e-service-kit'),
  fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).map((code) => String.fromCharCode(code)), maxLength: 40 }),
);

/** Bodies no serializer writes: escapes, broken JSON, deep nesting. */
const RAW_BODIES = [
  '', '{', 'null', '[]', '"\\ud800"', '{"a":"\\u0000"}', '{"answers":{"x":"\\ud800"}}', '{"serviceVersion":1e400}',
  '{"__proto__":{"admin":true}}', '{"body":"\\u0000"}', '\u0000', '{"answers":{"\\u0000":"x"}}',
];
const rawBody = fc.oneof(
  fc.constantFrom(...RAW_BODIES),
  fc.integer({ min: 10, max: 20_000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
  fc.integer({ min: 10, max: 5_000 }).map((depth) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
);

/** Percent-encodes like a client that writes UTF-8 even for half a surrogate pair (WTF-8), as browsers' URLs may. */
function encode(value: string): string {
  let out = '';
  for (const char of value) {
    const code = char.codePointAt(0)!;
    if (code >= 0xd800 && code <= 0xdfff) out += [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    else out += encodeURIComponent(char);
  }
  return out;
}

/** Sets `value` at a path of a JSON value (a new object; the template stays). */
function mutate(template: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  // An array keeps being one for its own indexes; another key (a text such as "2147483648") makes it an object.
  const asArray = Array.isArray(template) && (typeof head === 'number' || /^\d{1,3}$/.test(head!));
  const copy = (asArray ? [...(template as unknown[])] : { ...(template as object) }) as Record<string | number, unknown>;
  copy[head!] = mutate((template as Record<string | number, unknown>)?.[head!], rest, value);
  return copy;
}

/** Every path into a JSON value: its members' and its own. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const own = [prefix];
  if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) own.push(...paths(child, [...prefix, Array.isArray(value) ? Number(key) : key]));
  }
  return own;
}

// --- the world the requests run in ------------------------------------------------------

interface Known {
  values: Record<string, string[]>;
  bodies: Record<string, unknown[]>;
}

async function prepare(world: World): Promise<{ anna: Browser; known: Known }> {
  const anna = await world.loggedIn(ANNA);
  const sent = (await anna.submit(caseBody('fuzz'))).json<SubmitCaseResponse>();
  const draft = await anna.createDraft({ serviceId: 'fuzz', serviceVersion: 1, answers: { skola: 'Norr' } });
  const upload = (await anna.upload('serviceId=fuzz&fieldId=intyg')).json<{ id: string }>();
  const login = (await world.browser().send('POST', '/api/eid/login', { method: 'otherDevice' })).json<{ orderRef: string }>();
  const { caseId, caseNumber } = sent.receipt;
  const draftBody = { serviceId: 'fuzz', serviceVersion: 1, answers: { skola: 'Norr', ovrigt: 'Hej' }, stepId: 'forsta' };
  return {
    anna,
    known: {
      values: {
        serviceId: ['fuzz', 'felanmalan', 'fuzz-signed', 'bostadsanpassning', 'forskoleplats'],
        caseId: [caseId], draftId: [draft.id], attachmentId: [upload.id], id: [upload.id], orderRef: [login.orderRef],
        caseNumber: [caseNumber], requestId: [randomUUID()],
        version: ['1', '2', '3'], limit: ['1', '20', '100'], cursor: [], status: ['submitted', 'closed'],
        since: ['2026-01-01T00:00:00Z'], messageFor: [caseId], fieldId: ['intyg'],
      },
      bodies: {
        'POST /api/cases': [VALID_FAULT_REPORT, caseBody('fuzz', { skola: 'Norr', ovrigt: 'Hej' }, { draftId: draft.id })],
        'POST /api/signatures': [{ ...caseBody('fuzz-signed'), method: 'otherDevice' }],
        'POST /api/drafts': [draftBody],
        'PUT /api/drafts/{draftId}': [{ ...draftBody, version: 1 }],
        'POST /api/eid/login': [{ method: 'otherDevice' }, { method: 'sameDevice' }],
        'POST /api/my/cases/{caseId}/messages': [{ body: 'Hej, här är svaret.', attachmentIds: [] }],
        'PUT /api/my/profile': [{ email: 'anna@exempel.se', phone: '070-123 45 67', notifyBy: 'email' }],
        'POST /api/cosigning/open': [{ token: 'x'.repeat(43) }],
        'POST /api/my/cases/{caseId}/cosigning/{requestId}/invitation': [{ email: 'erik@exempel.se' }],
        'POST /api/cosigning/requests/{requestId}/signatures': [{ method: 'otherDevice' }],
        'POST /api/officer/cases/{caseId}/status': [{ status: 'inProgress', note: 'Vi tittar på det.' }],
        'POST /api/officer/cases/{caseId}/messages': [{ body: 'Hej från handläggaren.' }],
      },
    },
  };
}

function operationsOf(document: { paths: Record<string, Record<string, { parameters?: { name: string; in: string }[]; requestBody?: unknown }>> }): Operation[] {
  const operations: Operation[] = [];
  for (const [template, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'delete'].includes(method)) continue;
      const parameters = operation.parameters ?? [];
      operations.push({
        method: method.toUpperCase() as Operation['method'],
        template,
        pathParams: [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!),
        queryParams: parameters.filter((parameter) => parameter.in === 'query').map((parameter) => parameter.name),
        hasBody: operation.requestBody !== undefined || method === 'post' || method === 'put',
      });
    }
  }
  return operations;
}

/** One request as fast-check builds it. */
interface Case {
  operation: Operation;
  path: Record<string, string>;
  query: [string, string][];
  who: 'anonymous' | 'citizen' | 'officer' | 'both';
  headers: Record<string, string>;
  body: { kind: 'none' } | { kind: 'json'; value: unknown } | { kind: 'raw'; text: string } | { kind: 'multipart'; fileName: string };
}

function caseArbitrary(operations: Operation[], known: Known): fc.Arbitrary<Case> {
  const value = (name: string) => {
    const own = known.values[name] ?? [];
    return own.length > 0
      ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...own) }, { weight: 1, arbitrary: fc.uuid() }, { weight: 2, arbitrary: text })
      : fc.oneof(fc.uuid(), text);
  };
  const rarely = (arbitrary: fc.Arbitrary<string>) => fc.oneof({ weight: 19, arbitrary: fc.constant(null) }, { weight: 1, arbitrary });
  const header = (usual: string[]) => fc.option(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...usual) }, { weight: 1, arbitrary: headerText }), { freq: 4 });
  return fc.constantFrom(...operations).chain((operation) => {
    const templates = known.bodies[`${operation.method} ${operation.template}`] ?? [{}];
    const body: fc.Arbitrary<Case['body']> = !operation.hasBody
      ? fc.oneof({ weight: 9, arbitrary: fc.constant({ kind: 'none' as const }) }, { weight: 1, arbitrary: json.map((v) => ({ kind: 'json' as const, value: v })) })
      : fc.oneof(
        { weight: 2, arbitrary: fc.constantFrom(...templates).map((v) => ({ kind: 'json' as const, value: v })) },
        {
          weight: 6,
          arbitrary: fc.constantFrom(...templates).chain((template) => {
            const points = paths(template);
            return fc.tuple(fc.constantFrom(...points), fc.oneof(json, leaf), fc.option(text, { freq: 3 })).map(([at, replacement, extraKey]) => ({
              kind: 'json' as const,
              value: mutate(template, extraKey === null ? at : [...at, extraKey], replacement),
            }));
          }),
        },
        { weight: 2, arbitrary: json.map((v) => ({ kind: 'json' as const, value: v })) },
        { weight: 1, arbitrary: rawBody.map((t) => ({ kind: 'raw' as const, text: t })) },
        ...(operation.template === '/api/attachments'
          ? [{ weight: 3, arbitrary: text.map((fileName) => ({ kind: 'multipart' as const, fileName })) }]
          : []),
      );
    return fc.record({
      operation: fc.constant(operation),
      path: fc.record(Object.fromEntries(operation.pathParams.map((name) => [name, value(name)]))) as fc.Arbitrary<Record<string, string>>,
      query: fc.tuple(
        fc.tuple(...operation.queryParams.map((name) => fc.option(value(name), { freq: 2 }).map((v) => (v === null ? [] : [[name, v] as [string, string]])))),
        fc.array(fc.tuple(text, text), { maxLength: 2 }),
      ).map(([own, extra]) => [...own.flat(), ...extra]),
      who: fc.constantFrom('anonymous', 'citizen', 'citizen', 'officer', 'both'),
      headers: fc.record({
        'x-requested-with': header(['e-service-kit']),
        origin: header(['https://www.exempelby.se', 'https://elak.example', 'null']),
        'idempotency-key': header([randomUUID(), 'fuzz-key-0000000000000001']),
        'accept-language': header(['sv', 'en']),
        'x-receipt-token': header(['x'.repeat(43)]),
        'content-type': header(['application/json', 'application/json; charset=utf-8', 'text/plain', 'multipart/form-data']),
        // Rarely: a cookie or a bearer token of the sender's own making, in place of the real one.
        cookie: rarely(headerText.map((value) => `esk_session=${value}; esk_eid=${value}`)),
        authorization: rarely(headerText.map((value) => `Bearer ${value}`)),
      }, { requiredKeys: [] }).map((headers) => Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== null)) as Record<string, string>),
      body,
    });
  });
}

// --- the run ----------------------------------------------------------------------------

async function rowCounts(world: World, tables: string[]): Promise<string> {
  const { rows } = await world.backend.db.query<Record<string, number>>(
    `SELECT ${tables.map((table) => `(SELECT count(*) FROM ${table})::int AS "${table}"`).join(', ')}`);
  return JSON.stringify(rows[0]);
}

function describeCase(c: Case): string {
  return JSON.stringify({ ...c, operation: `${c.operation.method} ${c.operation.template}` });
}

/**
 * Runs `runs` requests against a fresh backend (PGlite, or PostgreSQL when DATABASE_URL is set) and
 * returns what it saw. Never throws for a failed request: the report names the first one.
 */
export async function fuzzBackend(options: FuzzOptions): Promise<FuzzReport> {
  const started = performance.now();
  const world = await startWorld({
    extraDefinitions: [testService('fuzz', { login: 'optional', prefix: 'FUZ' }), testService('fuzz-signed', { signing: 'sign', prefix: 'FSG' })],
    config: { officerTokens: [{ municipalityId: 'exempelby', token: OFFICER_TOKEN }] },
  });
  try {
    const { anna, known } = await prepare(world);
    const sessions = new SessionStore(world.backend.db, { idleMinutes: 20, maxHours: 8, now: () => new Date(world.clock.now) });
    const anonymous = world.browser();
    const document = (await world.backend.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const operations = operationsOf(document);
    const { rows: tableRows } = await world.backend.db.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`);
    // rate_limits counts every request to a limited route, refused or not, as it must.
    const tables = tableRows.map((row) => row.table_name).filter((table) => table !== 'schema_migrations' && table !== 'rate_limits');
    const statuses: Record<string, number> = {};
    const called = new Set<string>();
    let requests = 0;
    let counts = await rowCounts(world, tables);

    const property = fc.asyncProperty(caseArbitrary(operations, known), async (c) => {
      // A request that logged the citizen out (DELETE /api/session) does not end the run's citizen.
      if ((c.who === 'citizen' || c.who === 'both') && !anna.cookies.has(SESSION_COOKIE)) {
        anna.cookies.set(SESSION_COOKIE, (await sessions.create(ANNA)).id);
        counts = await rowCounts(world, tables);
      }
      const browser = c.who === 'citizen' || c.who === 'both' ? anna : anonymous;
      const url = c.operation.template.replace(/\{(\w+)\}/g, (_whole, name: string) => encode(c.path[name] ?? ''));
      const query = c.query.map(([name, value]) => `${encode(name)}=${encode(value)}`).join('&');
      const headers: Record<string, string> = { ...c.headers };
      if ((c.who === 'officer' || c.who === 'both') && !headers.authorization) headers.authorization = `Bearer ${OFFICER_TOKEN}`;
      let payload: Buffer | undefined;
      if (c.body.kind === 'json') payload = Buffer.from(JSON.stringify(c.body.value) ?? 'null');
      else if (c.body.kind === 'raw') payload = Buffer.from(c.body.text);
      else if (c.body.kind === 'multipart') {
        const boundary = 'fuzzboundary0123456789';
        headers['content-type'] = `multipart/form-data; boundary=${boundary}`;
        payload = Buffer.concat([
          Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${c.body.fileName.replace(/["\r\n]/g, '')}"\r\nContent-Type: application/pdf\r\n\r\n`),
          Buffer.from('%PDF-1.4\n%%EOF\n'),
          Buffer.from(`\r\n--${boundary}--\r\n`),
        ]);
      }
      if (payload && !headers['content-type']) headers['content-type'] = 'application/json';
      const response = await browser.send(c.operation.method, query ? `${url}?${query}` : url, payload, headers);
      requests += 1;
      called.add(`${c.operation.method} ${c.operation.template}`);
      statuses[response.statusCode] = (statuses[response.statusCode] ?? 0) + 1;
      if (response.statusCode >= 500) throw new Error(`${response.statusCode} for ${describeCase(c)}: ${response.body.slice(0, 500)}`);
      const after = await rowCounts(world, tables);
      if (response.statusCode >= 400 && after !== counts) {
        throw new Error(`${response.statusCode} refused, yet rows changed ${counts} → ${after} for ${describeCase(c)}`);
      }
      counts = after;
    });
    const details = await fc.check(property, { numRuns: options.runs, ...(options.seed !== undefined ? { seed: options.seed } : {}), endOnFailure: true });
    return {
      database: world.backend.db.engine,
      requests,
      statuses: Object.fromEntries(Object.entries(statuses).sort(([a], [b]) => Number(a) - Number(b))),
      operations: operations.length,
      operationsCalled: called.size,
      durationMs: Math.round(performance.now() - started),
      seed: details.seed,
      ...(details.failed ? { failure: `${(details.errorInstance as Error | undefined)?.message ?? details.errorInstance}\n${fc.defaultReportMessage(details) ?? ''}` } : {}),
    };
  } finally {
    await world.close();
  }
}
