import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { isIP, type AddressInfo, type Server as NetServer } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { parseQrData, qrTime, verifyQrAuthCode } from '../qr.js';
import type { BankIdClientOptions } from '../bankid-client.js';
import { createPki, type SimulatorPki } from './certs.js';
import { ocspResponse, signatureXml } from './evidence.js';
import { TEST_PERSONS, type SimPerson } from './persons.js';
import { TEST_APP_HTML } from './test-app.js';
import { readBody, closeServer } from '../../http/simulator-server.js';

/**
 * A BankID simulator that speaks the Relying Party API v6.0 wire protocol:
 *
 * - HTTPS with mutual TLS. At start it makes a CA, a server certificate for localhost and
 *   127.0.0.1, and a relying-party certificate as PKCS#12 (see `clientOptions()`).
 *   A client without a certificate from that CA gets 401 unauthorized.
 * - POST /rp/v6.0/auth, /sign, /collect, /cancel with exactly `Content-Type: application/json`
 *   (a charset parameter gets 415 unsupportedMediaType), other methods 405 methodNotAllowed,
 *   other paths 404 notFound, bad input 400 invalidParameters — each as `{ errorCode, details }`.
 * - Order life as BankID documents it: pending outstandingTransaction until the order is
 *   picked up (QR scanned / app started), then userSign (userMrtd first when requirement.mrtd),
 *   then complete or failed (userCancel, certificateErr, expiredTransaction, startFailed,
 *   cancelled). An order nobody picked up within 30 s fails with startFailed (BankID: the QR
 *   code was not scanned in time); a picked-up order not finished within 3 minutes fails
 *   with expiredTransaction. Completed orders can be collected for 3 minutes, failed ones for
 *   5 minutes; then, and after the RP cancels an order, collect says 400 invalidParameters.
 * - alreadyInProgress (400): an auth or sign with requirement.personalNumber for a person who
 *   already has a pending order. As BankID says: "The order is aborted. No order is created":
 *   the pending order fails with hintCode cancelled and no new order is made. A person who
 *   picks up a second order likewise makes their first one fail with cancelled.
 *
 * Tests drive it with `act()` / `scanQr()` and an injected clock; people use the admin API
 * (plain HTTP on 127.0.0.1, see `#admin`), which the test app page will call.
 */

export type SimAction = 'scan' | 'approve' | 'userCancel' | 'expire' | 'certificateErr' | 'startFailed';
export const SIM_ACTIONS: readonly SimAction[] = ['scan', 'approve', 'userCancel', 'expire', 'certificateErr', 'startFailed'];

export interface SimulatorOptions {
  /** Milliseconds since the epoch; tests pass a clock they move. */
  now?: () => number;
  persons?: readonly SimPerson[];
  /** Default 127.0.0.1. */
  host?: string;
  /** The HTTPS RP API port; 0 (default) picks a free one. */
  port?: number;
  /** The plain-HTTP admin port; 0 (default) picks a free one, null runs no admin server. */
  adminPort?: number | null;
  /** An existing PKI (e.g. to keep certificates across restarts); made anew by default. */
  pki?: SimulatorPki;
  startTimeoutMs?: number;
  orderLifetimeMs?: number;
  completedRetentionMs?: number;
  failedRetentionMs?: number;
  /** How many seconds a scanned QR code may lag behind (default 5) or run ahead (1). */
  qrToleranceSeconds?: { behind: number; ahead: number };
}

interface Requirement {
  pinCode?: boolean;
  mrtd?: boolean;
  cardReader?: string;
  certificatePolicies?: string[];
  personalNumber?: string;
}

interface SimOrder {
  orderRef: string;
  kind: 'auth' | 'sign';
  endUserIp: string;
  requirement: Requirement;
  userVisibleData?: string;
  userNonVisibleData?: string;
  returnUrl?: string;
  autoStartToken: string;
  qrStartToken: string;
  qrStartSecret: string;
  createdAt: number;
  pickedUpAt?: number;
  person?: SimPerson;
  status: 'pending' | 'failed' | 'complete';
  hintCode?: string;
  completionData?: Record<string, unknown>;
  endedAt?: number;
}

/** A pending or finished order as the test app page and tests see it (no secrets). */
export interface SimOrderView {
  orderRef: string;
  kind: 'auth' | 'sign';
  status: 'pending' | 'failed' | 'complete';
  hintCode: string | null;
  endUserIp: string;
  /** The text the app shows the user, decoded. */
  userVisibleText: string | null;
  requiredPersonalNumber: string | null;
  personalNumber: string | null;
  createdAt: string;
  secondsLeft: number;
}

/** A scripted action that makes no sense now (order not pending, wrong person…). */
export class SimulatorError extends Error {
  override readonly name = 'SimulatorError';
  constructor(
    readonly code: 'noSuchOrder' | 'notPending' | 'personRequired' | 'unknownPerson' | 'personNotAllowed' | 'notPickedUp' | 'badQr',
    message: string,
  ) {
    super(message);
  }
}

interface ApiAnswer {
  status: number;
  body: unknown;
}

const API = /^\/rp\/v6\.0\/(auth|sign|collect|cancel)$/;
const MAX_BODY = 256 * 1024;

export class BankIdSimulator {
  readonly pki: SimulatorPki;
  readonly persons: readonly SimPerson[];
  readonly #now: () => number;
  readonly #orders = new Map<string, SimOrder>();
  readonly #startTimeout: number;
  readonly #lifetime: number;
  readonly #completedRetention: number;
  readonly #failedRetention: number;
  readonly #qrTolerance: { behind: number; ahead: number };
  #api?: HttpsServer;
  #admin?: HttpServer;
  #baseUrl = '';
  #adminUrl: string | null = null;

  constructor(options: SimulatorOptions = {}) {
    this.pki = options.pki ?? createPki();
    this.persons = options.persons ?? TEST_PERSONS;
    this.#now = options.now ?? Date.now;
    this.#startTimeout = options.startTimeoutMs ?? 30_000;
    this.#lifetime = options.orderLifetimeMs ?? 180_000;
    this.#completedRetention = options.completedRetentionMs ?? 180_000;
    this.#failedRetention = options.failedRetentionMs ?? 300_000;
    this.#qrTolerance = options.qrToleranceSeconds ?? { behind: 5, ahead: 1 };
  }

  /** Makes a simulator and starts its servers. */
  static async start(options: SimulatorOptions = {}): Promise<BankIdSimulator> {
    const simulator = new BankIdSimulator(options);
    await simulator.listen(options);
    return simulator;
  }

  async listen(options: Pick<SimulatorOptions, 'host' | 'port' | 'adminPort'> = {}): Promise<void> {
    const host = options.host ?? '127.0.0.1';
    this.#api = createHttpsServer(
      {
        key: this.pki.serverKey,
        cert: this.pki.serverCert,
        ca: this.pki.caCert,
        requestCert: true,
        // We check the client ourselves, to answer 401 like BankID instead of dropping the connection.
        rejectUnauthorized: false,
        minVersion: 'TLSv1.2',
      },
      (req, res) => void this.#serveApi(req, res),
    );
    const apiPort = await listenOn(this.#api, options.port ?? 0, host);
    this.#baseUrl = `https://${urlHost(host)}:${apiPort}`;
    if (options.adminPort !== null) {
      this.#admin = createHttpServer((req, res) => void this.#serveAdmin(req, res));
      const adminPort = await listenOn(this.#admin, options.adminPort ?? 0, host);
      this.#adminUrl = `http://${urlHost(host)}:${adminPort}`;
    }
  }

  /** https://127.0.0.1:<port> — the RP API is under /rp/v6.0/. */
  get baseUrl(): string {
    return this.#baseUrl;
  }

  /** http://127.0.0.1:<port> — the control API is under /sim/. */
  get adminUrl(): string | null {
    return this.#adminUrl;
  }

  /** Everything a relying-party client needs to talk to this simulator. */
  clientOptions(): BankIdClientOptions {
    return { baseUrl: this.#baseUrl, pfx: this.pki.clientPfx, passphrase: this.pki.passphrase, ca: this.pki.caCert };
  }

  async close(): Promise<void> {
    await Promise.all([closeServer(this.#api), closeServer(this.#admin)]);
  }

  // ── The RP API ────────────────────────────────────────────────────────────

  /** One RP API call, without HTTP: what the HTTPS server answers. */
  handle(method: 'auth' | 'sign' | 'collect' | 'cancel', body: unknown): ApiAnswer {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return invalid('Invalid body');
    const input = body as Record<string, unknown>;
    switch (method) {
      case 'auth':
      case 'sign':
        return this.#startOrder(method, input);
      case 'collect':
        return this.#collect(input);
      case 'cancel':
        return this.#cancel(input);
    }
  }

  #startOrder(kind: 'auth' | 'sign', input: Record<string, unknown>): ApiAnswer {
    const { endUserIp, requirement, userVisibleData, userNonVisibleData, userVisibleDataFormat, returnUrl, returnRisk } = input;
    if (typeof endUserIp !== 'string' || isIP(endUserIp) === 0) return invalid('Invalid endUserIp');
    const checked = checkRequirement(requirement);
    if (typeof checked === 'string') return invalid(checked);
    if (kind === 'sign' && userVisibleData === undefined) return invalid('Invalid userVisibleData');
    if (userVisibleData !== undefined && !isBase64(userVisibleData, 1500)) return invalid('Invalid userVisibleData');
    if (userNonVisibleData !== undefined && !isBase64(userNonVisibleData, 200_000)) return invalid('Invalid userNonVisibleData');
    if (userVisibleDataFormat !== undefined && userVisibleDataFormat !== 'simpleMarkdownV1') return invalid('Invalid userVisibleDataFormat');
    if (returnUrl !== undefined && (typeof returnUrl !== 'string' || !URL.canParse(returnUrl))) return invalid('Invalid returnUrl');
    if (returnRisk !== undefined && typeof returnRisk !== 'boolean') return invalid('Invalid returnRisk');

    if (checked.personalNumber) {
      const running = this.#pendingFor(checked.personalNumber);
      if (running.length > 0) {
        for (const order of running) this.#fail(order, 'cancelled');
        return { status: 400, body: { errorCode: 'alreadyInProgress', details: 'Order already in progress for pno' } };
      }
    }

    const order: SimOrder = {
      orderRef: randomUUID(),
      kind,
      endUserIp,
      requirement: checked,
      autoStartToken: randomUUID(),
      qrStartToken: randomUUID(),
      qrStartSecret: randomUUID(),
      createdAt: this.#now(),
      status: 'pending',
      hintCode: 'outstandingTransaction',
    };
    if (typeof userVisibleData === 'string') order.userVisibleData = userVisibleData;
    if (typeof userNonVisibleData === 'string') order.userNonVisibleData = userNonVisibleData;
    if (typeof returnUrl === 'string') order.returnUrl = returnUrl;
    this.#orders.set(order.orderRef, order);
    return {
      status: 200,
      body: { orderRef: order.orderRef, autoStartToken: order.autoStartToken, qrStartToken: order.qrStartToken, qrStartSecret: order.qrStartSecret },
    };
  }

  #collect(input: Record<string, unknown>): ApiAnswer {
    if (typeof input.orderRef !== 'string') return invalid('Invalid orderRef');
    const order = this.#order(input.orderRef);
    if (!order) return invalid('No such order');
    if (order.status === 'complete') {
      return { status: 200, body: { orderRef: order.orderRef, status: 'complete', completionData: order.completionData } };
    }
    return { status: 200, body: { orderRef: order.orderRef, status: order.status, hintCode: order.hintCode } };
  }

  #cancel(input: Record<string, unknown>): ApiAnswer {
    if (typeof input.orderRef !== 'string') return invalid('Invalid orderRef');
    const order = this.#order(input.orderRef);
    if (!order || order.status !== 'pending') return invalid('No such order');
    this.#orders.delete(order.orderRef);
    return { status: 200, body: {} };
  }

  // ── The user's side: scripted or from the admin API ─────────────────────────

  /** What a user does in the BankID app (or what time does to an order). */
  act(orderRef: string, step: { action: SimAction; personalNumber?: string }): SimOrderView {
    const order = this.#order(orderRef);
    if (!order) throw new SimulatorError('noSuchOrder', `No order ${orderRef}`);
    if (order.status !== 'pending') throw new SimulatorError('notPending', `Order ${orderRef} is ${order.status} (${order.hintCode ?? ''})`);
    switch (step.action) {
      case 'scan':
        this.#pickUp(order, this.#person(step.personalNumber));
        break;
      case 'approve':
        if (!order.person) this.#pickUp(order, this.#person(step.personalNumber));
        else if (step.personalNumber && step.personalNumber !== order.person.personalNumber) {
          throw new SimulatorError('personNotAllowed', 'Another person picked up this order');
        }
        this.#complete(order);
        break;
      case 'userCancel':
        this.#fail(order, 'userCancel');
        break;
      case 'expire':
        this.#fail(order, 'expiredTransaction');
        break;
      case 'certificateErr':
        if (!order.person && step.personalNumber) this.#pickUp(order, this.#person(step.personalNumber));
        this.#fail(order, 'certificateErr');
        break;
      case 'startFailed':
        this.#fail(order, 'startFailed');
        break;
    }
    return this.#view(order);
  }

  /** The BankID app scans an animated QR code: checks its HMAC and that it is current, then picks up the order. */
  scanQr(qrData: string, personalNumber: string): SimOrderView {
    const parsed = parseQrData(qrData);
    if (!parsed) throw new SimulatorError('badQr', 'Not a BankID QR code');
    const order = [...this.#orders.values()].find((candidate) => candidate.qrStartToken === parsed.qrStartToken);
    if (!order || !this.#order(order.orderRef)) throw new SimulatorError('noSuchOrder', 'No order for this QR code');
    if (!verifyQrAuthCode(order.qrStartSecret, parsed.time, parsed.qrAuthCode)) throw new SimulatorError('badQr', 'The QR code is not signed with this order’s secret');
    const elapsed = qrTime(order.createdAt, this.#now());
    if (parsed.time < elapsed - this.#qrTolerance.behind || parsed.time > elapsed + this.#qrTolerance.ahead) {
      throw new SimulatorError('badQr', `The QR code is for second ${parsed.time}, the order is at second ${elapsed}`);
    }
    return this.act(order.orderRef, { action: 'scan', personalNumber });
  }

  /** The BankID app is started on the same device with this autoStartToken. */
  openWithAutoStartToken(autoStartToken: string, personalNumber: string): SimOrderView {
    const order = [...this.#orders.values()].find((candidate) => candidate.autoStartToken === autoStartToken);
    if (!order || !this.#order(order.orderRef)) throw new SimulatorError('noSuchOrder', 'No order for this autostart token');
    return this.act(order.orderRef, { action: 'scan', personalNumber });
  }

  /** Orders still pending, oldest first (for the test app page). */
  pendingOrders(): SimOrderView[] {
    return [...this.#orders.keys()]
      .map((orderRef) => this.#order(orderRef))
      .filter((order): order is SimOrder => order?.status === 'pending')
      .sort((a, b) => a.createdAt - b.createdAt)
      .map((order) => this.#view(order));
  }

  /** One order's state, or null when it is gone. */
  order(orderRef: string): SimOrderView | null {
    const order = this.#order(orderRef);
    return order ? this.#view(order) : null;
  }

  #person(personalNumber: string | undefined): SimPerson {
    if (!personalNumber) throw new SimulatorError('personRequired', 'Say which test person (personalNumber) acts');
    const person = this.persons.find((candidate) => candidate.personalNumber === personalNumber);
    if (!person) throw new SimulatorError('unknownPerson', `${personalNumber} is not one of the simulator's test persons`);
    return person;
  }

  #pickUp(order: SimOrder, person: SimPerson): void {
    if (order.person) throw new SimulatorError('notPending', 'The order was already picked up');
    const { personalNumber, certificatePolicies } = order.requirement;
    if (personalNumber && personalNumber !== person.personalNumber) {
      throw new SimulatorError('personNotAllowed', `The order is for ${personalNumber} only`);
    }
    if (certificatePolicies && !certificatePolicies.includes(person.certificatePolicy)) {
      throw new SimulatorError('personNotAllowed', `${person.name}'s BankID does not meet the order's certificatePolicies`);
    }
    // One order per person at a time: the older one is cancelled.
    for (const other of this.#pendingFor(person.personalNumber)) if (other !== order) this.#fail(other, 'cancelled');
    order.person = person;
    order.pickedUpAt = this.#now();
    order.hintCode = order.requirement.mrtd ? 'userMrtd' : 'userSign';
  }

  #complete(order: SimOrder): void {
    const person = order.person!;
    const now = new Date(this.#now());
    const evidence = {
      kind: order.kind,
      person,
      userVisibleData: order.userVisibleData,
      userNonVisibleData: order.userNonVisibleData,
      certificatePolicies: order.requirement.certificatePolicies,
      pinCode: order.requirement.pinCode,
      signerKeyPem: this.pki.serverKey,
      signerCertPem: this.pki.serverCert,
      now,
    };
    order.status = 'complete';
    order.hintCode = undefined;
    order.endedAt = now.getTime();
    order.completionData = {
      user: { personalNumber: person.personalNumber, name: person.name, givenName: person.givenName, surname: person.surname },
      device: { ipAddress: person.deviceIp, uhi: person.uhi },
      bankIdIssueDate: person.bankIdIssueDate,
      ...(order.requirement.mrtd ? { stepUp: { mrtd: true } } : {}),
      signature: signatureXml(evidence),
      ocspResponse: ocspResponse(evidence),
    };
  }

  #fail(order: SimOrder, hintCode: string): void {
    order.status = 'failed';
    order.hintCode = hintCode;
    order.endedAt = this.#now();
  }

  /** Pending orders that belong to this person: picked up by them, or required to be theirs. */
  #pendingFor(personalNumber: string): SimOrder[] {
    return [...this.#orders.keys()]
      .map((orderRef) => this.#order(orderRef))
      .filter((order): order is SimOrder =>
        order?.status === 'pending' &&
        (order.person?.personalNumber === personalNumber || order.requirement.personalNumber === personalNumber));
  }

  /** The order after letting time act on it; undefined once it is gone. */
  #order(orderRef: string): SimOrder | undefined {
    const order = this.#orders.get(orderRef);
    if (!order) return undefined;
    const now = this.#now();
    if (order.status === 'pending') {
      if (!order.person && now - order.createdAt >= this.#startTimeout) {
        this.#fail(order, 'startFailed');
        order.endedAt = order.createdAt + this.#startTimeout;
      } else if (now - order.createdAt >= this.#lifetime) {
        this.#fail(order, 'expiredTransaction');
        order.endedAt = order.createdAt + this.#lifetime;
      }
    }
    if (order.endedAt !== undefined) {
      const keep = order.status === 'complete' ? this.#completedRetention : this.#failedRetention;
      if (now - order.endedAt > keep) {
        this.#orders.delete(orderRef);
        return undefined;
      }
    }
    return order;
  }

  #view(order: SimOrder): SimOrderView {
    return {
      orderRef: order.orderRef,
      kind: order.kind,
      status: order.status,
      hintCode: order.hintCode ?? null,
      endUserIp: order.endUserIp,
      userVisibleText: order.userVisibleData ? Buffer.from(order.userVisibleData, 'base64').toString('utf8') : null,
      requiredPersonalNumber: order.requirement.personalNumber ?? null,
      personalNumber: order.person?.personalNumber ?? null,
      createdAt: new Date(order.createdAt).toISOString(),
      secondsLeft: order.status === 'pending'
        ? Math.max(0, Math.ceil(((order.person ? this.#lifetime : this.#startTimeout) - (this.#now() - order.createdAt)) / 1000))
        : 0,
    };
  }

  // ── HTTP ───────────────────────────────────────────────────────────────────

  async #serveApi(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const answer = await this.#apiAnswer(req);
    sendJson(res, answer.status, answer.body);
  }

  async #apiAnswer(req: IncomingMessage): Promise<ApiAnswer> {
    if (!(req.socket as TLSSocket).authorized) {
      return error(401, 'unauthorized', 'RP does not have access to the service: no valid client certificate');
    }
    const path = new URL(req.url ?? '/', 'https://simulator').pathname;
    const match = API.exec(path);
    if (!match) return error(404, 'notFound', 'An erroneously URL path was used');
    if (req.method !== 'POST') return error(405, 'methodNotAllowed', 'Only http method POST is allowed');
    const type = (req.headers['content-type'] ?? '').trim().toLowerCase();
    if (type !== 'application/json') {
      return error(415, 'unsupportedMediaType', 'Content-Type must be application/json, without a charset parameter');
    }
    let body: unknown;
    try {
      const text = await readBody(req, MAX_BODY);
      body = JSON.parse(text);
    } catch {
      return invalid('Invalid JSON');
    }
    try {
      return this.handle(match[1] as 'auth' | 'sign' | 'collect' | 'cancel', body);
    } catch (cause) {
      // BankID says no more than this; whoever runs the simulator needs the cause.
      console.error(`BankID simulator: ${match[1]} failed:`, cause);
      return error(500, 'internalError', 'Internal technical error in the BankID system');
    }
  }

  /**
   * The control API (plain HTTP, bound to 127.0.0.1 by default):
   *   GET  /sim/                                 the test app: a page to play the BankID app by hand
   *   GET  /sim/persons                          the test persons
   *   GET  /sim/orders                           pending orders
   *   GET  /sim/orders/:orderRef                 one order
   *   POST /sim/orders/:orderRef/:action         { "personalNumber": "…" } — action is one of SIM_ACTIONS
   *   POST /sim/qr                               { "qrData": "bankid.…", "personalNumber": "…" }
   * POSTs need Content-Type: application/json, so a web page elsewhere cannot drive it without CORS.
   * Errors: 404 { error: "noSuchOrder" }, 409 { error, message } for actions that do not fit, 400 for bad input.
   */
  async #serveAdmin(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const path = new URL(req.url ?? '/', 'http://simulator').pathname;
      if (req.method === 'GET' && (path === '/sim' || path === '/sim/')) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        return void res.end(TEST_APP_HTML);
      }
      if (req.method === 'GET' && path === '/sim/persons') return sendJson(res, 200, this.persons);
      if (req.method === 'GET' && path === '/sim/orders') return sendJson(res, 200, this.pendingOrders());
      const one = /^\/sim\/orders\/([\w-]+)$/.exec(path);
      if (req.method === 'GET' && one) {
        const view = this.order(one[1]!);
        return view ? sendJson(res, 200, view) : sendJson(res, 404, { error: 'noSuchOrder' });
      }
      const action = /^\/sim\/orders\/([\w-]+)\/(\w+)$/.exec(path);
      if (req.method === 'POST' && (action || path === '/sim/qr')) {
        if ((req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase() !== 'application/json') {
          return sendJson(res, 415, { error: 'unsupportedMediaType' });
        }
        const text = await readBody(req, MAX_BODY);
        const body = (text ? JSON.parse(text) : {}) as { personalNumber?: unknown; qrData?: unknown };
        const personalNumber = typeof body.personalNumber === 'string' ? body.personalNumber : undefined;
        if (action) {
          if (!SIM_ACTIONS.includes(action[2] as SimAction)) return sendJson(res, 404, { error: 'noSuchAction', actions: SIM_ACTIONS });
          return sendJson(res, 200, this.act(action[1]!, { action: action[2] as SimAction, personalNumber }));
        }
        if (typeof body.qrData !== 'string' || !personalNumber) return sendJson(res, 400, { error: 'badRequest', message: 'qrData and personalNumber are needed' });
        return sendJson(res, 200, this.scanQr(body.qrData, personalNumber));
      }
      return sendJson(res, 404, { error: 'notFound' });
    } catch (cause) {
      if (cause instanceof SimulatorError) {
        return sendJson(res, cause.code === 'noSuchOrder' ? 404 : 409, { error: cause.code, message: cause.message });
      }
      if (cause instanceof SyntaxError) return sendJson(res, 400, { error: 'badRequest', message: 'Invalid JSON' });
      return sendJson(res, 500, { error: 'internalError' });
    }
  }
}

function checkRequirement(value: unknown): Requirement | string {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'Invalid requirement';
  const requirement = value as Record<string, unknown>;
  const result: Requirement = {};
  for (const key of ['pinCode', 'mrtd'] as const) {
    if (requirement[key] === undefined) continue;
    if (typeof requirement[key] !== 'boolean') return `Invalid requirement.${key}`;
    result[key] = requirement[key];
  }
  if (requirement.cardReader !== undefined) {
    if (requirement.cardReader !== 'class1' && requirement.cardReader !== 'class2') return 'Invalid requirement.cardReader';
    result.cardReader = requirement.cardReader;
  }
  if (requirement.certificatePolicies !== undefined) {
    const policies = requirement.certificatePolicies;
    if (!Array.isArray(policies) || policies.length === 0 || !policies.every((oid) => typeof oid === 'string' && /^\d+(\.\d+)+$/.test(oid))) {
      return 'Invalid requirement.certificatePolicies';
    }
    result.certificatePolicies = policies as string[];
  }
  if (requirement.personalNumber !== undefined) {
    if (typeof requirement.personalNumber !== 'string' || !/^\d{12}$/.test(requirement.personalNumber)) return 'Invalid requirement.personalNumber';
    result.personalNumber = requirement.personalNumber;
  }
  return result;
}

function isBase64(value: unknown, maxLength: number): value is string {
  return typeof value === 'string' && value.length >= 1 && value.length <= maxLength && value.length % 4 === 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(value);
}

function invalid(details: string): ApiAnswer {
  return error(400, 'invalidParameters', details);
}

function error(status: number, errorCode: string, details: string): ApiAnswer {
  return { status, body: { errorCode, details } };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), 'cache-control': 'no-store' });
  res.end(payload);
}


function listenOn(server: NetServer, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}


function urlHost(host: string): string {
  return isIP(host) === 6 ? `[${host}]` : host;
}
