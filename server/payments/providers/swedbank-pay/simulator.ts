import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { isIP, type AddressInfo } from 'node:net';
import { CallbackSender, type CallbackSettings } from './callbacks.js';
import { menuNotFoundPage, menuPage, type MenuState } from './menu-page.js';
import { OrderBook, type Answer, type MenuOutcome, type PayerAction, type SimOrder } from './order-book.js';
import { checkVersion, jsonBody, readRequestBody, redirect, sendJson, sendText } from './http.js';
import { inputError, methodNotAllowed, notFound, systemError, unauthorized, type Problem } from './problems.js';
import { INSTRUMENT, menuUrl, remainingAmounts, representation, SUBRESOURCES, subresource, transactedTotal, type Subresource } from './representations.js';
import { checkAbort, checkPurchase, checkTransaction } from './request-checks.js';

/**
 * A Swedbank Pay simulator that speaks the Payment Order API v3.1 ("Digital Payments") over plain HTTP,
 * so the backend takes card payments end to end on a machine with no internet:
 *
 *   POST  /psp/paymentorders                          create (Purchase) → Initialized, redirect-checkout
 *   GET   /psp/paymentorders/<guid>[?$expand=…]       the payment order, sub-resources inlined on demand
 *   GET   /psp/paymentorders/<guid>/<sub-resource>    paid, failed, aborted, cancelled, reversed, urls,
 *                                                     payeeinfo, history, financialtransactions, failedattempts
 *   PATCH /psp/paymentorders/<guid>                   { paymentorder: { operation: "Abort", abortReason } }
 *   POST  /psp/paymentorders/<guid>/captures          { transaction: { description, amount, vatAmount, payeeReference } }
 *   POST  /psp/paymentorders/<guid>/reversals         the same body
 *   GET|POST /payment/menu/<token>                    the payment menu, where a tester plays the payer
 *   GET   /sim/                                       a text list of the orders, for demos
 *
 * Every /psp/ call needs `Authorization: Bearer <token>` (else 401) and `version=3.1` in its media type
 * (`Content-Type: application/json;version=3.1`, or `Accept` on a GET); bodies are checked as the API
 * checks them (request-checks.ts) and refusals are problem+json (problems.ts). State changes are POSTed
 * to the order's callbackUrl as the v3.1 callback `{ orderReference, paymentOrder: { id, instrument, number } }`.
 */

export interface SwedbankPaySimulatorOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** The merchant's access token; made anew by default. */
  token?: string;
  /** The merchant's payeeId; a fixed one by default. */
  payeeId?: string;
  callbackDelayMs?: number;
  callbackRepeats?: number;
  /** An Initialized order older than this turns Failed, like one whose time ran out. Never by default. */
  expireAfterMs?: number;
  /** Milliseconds since the epoch; tests may pass a clock they move. */
  now?: () => number;
}

/** One payment order as tests and the admin page see it. */
export interface SimOrderView {
  id: string;
  status: SimOrder['status'];
  amount: number;
  vatAmount: number;
  currency: string;
  description: string;
  payeeReference: string;
  orderReference?: string;
  language: string;
  menuUrl: string;
  created: string;
  failedAttempts: number;
  captured: number;
  reversed: number;
}

export interface SwedbankPaySimulator {
  /** The API's base: http://127.0.0.1:<port>. */
  url: string;
  token: string;
  payeeId: string;
  /** Change at run time: applies to callbacks of events from then on. */
  settings: CallbackSettings;
  orders(): SimOrderView[];
  /** Plays the payer without the page: what the menu's buttons do. Throws for an unknown id. */
  pay(id: string, outcome: PayerAction): MenuOutcome;
  /** Resolves when every callback due so far has been sent. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_PAYEE_ID = '7d5c4a9e-3b1f-4e62-9a8d-2c6f0b1e5a73';
const API_PATH = /^\/psp\/paymentorders(?:\/([0-9a-f-]{36})(?:\/([a-z]+))?)?\/?$/;
const MENU_PATH = /^\/payment\/menu\/([0-9a-f]{48})$/;

export async function startSwedbankPaySimulator(options: SwedbankPaySimulatorOptions = {}): Promise<SwedbankPaySimulator> {
  const token = options.token ?? randomBytes(32).toString('hex');
  const payeeId = options.payeeId ?? DEFAULT_PAYEE_ID;
  const sender = new CallbackSender({ callbackDelayMs: options.callbackDelayMs ?? 0, callbackRepeats: options.callbackRepeats ?? 1 });
  const book = new OrderBook({
    now: options.now ?? Date.now,
    ...(options.expireAfterMs === undefined ? {} : { expireAfterMs: options.expireAfterMs }),
    onEvent: (order, number) => {
      const { callbackUrl } = order.request.urls;
      const { orderReference } = order.request.payeeInfo;
      // Callback v3.1: "the callback will only contain the paymentOrder node" (with orderReference if given).
      if (callbackUrl) sender.send(callbackUrl, { ...(orderReference ? { orderReference } : {}), paymentOrder: { id: order.id, instrument: INSTRUMENT, number } });
    },
  });

  const server = createServer((req, res) => {
    serve(req, res).catch(() => {
      if (!res.headersSent) sendJson(res, 500, systemError());
      else res.destroy();
    });
  });

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://simulator');
    if (url.pathname.startsWith('/psp/')) {
      const answer = await apiAnswer(req, url);
      return sendJson(res, answer.status, answer.body);
    }
    const menu = MENU_PATH.exec(url.pathname);
    if (menu) return serveMenu(req, res, menu[1]!);
    if (req.method === 'GET' && (url.pathname === '/sim' || url.pathname === '/sim/')) return sendText(res, 200, 'text/plain', adminText());
    if (req.method === 'GET' && url.pathname === '/payment/core/js/px.payment.client.js') {
      return sendText(res, 200, 'application/javascript', '// The Swedbank Pay simulator has no Seamless View: send the payer to the redirect-checkout href.\n');
    }
    sendText(res, 404, 'text/plain', 'Not found\n');
  }

  async function apiAnswer(req: IncomingMessage, url: URL): Promise<Answer> {
    if (req.headers.authorization !== `Bearer ${token}`) return problem(unauthorized());
    const match = API_PATH.exec(url.pathname);
    if (!match) return problem(notFound('The resource'));
    const [, guid, segment] = match;
    const method = req.method ?? 'GET';
    const versionProblem = checkVersion(req);
    if (versionProblem) return problem(versionProblem);
    const expand = new Set((url.searchParams.get('$expand') ?? '').toLowerCase().split(',').map((name) => name.trim()).filter(Boolean));

    if (!guid) {
      if (method !== 'POST') return problem(methodNotAllowed(method));
      const body = await jsonBody(req);
      if ('problem' in body) return problem(body.problem);
      const checked = checkPurchase(body.json, payeeId);
      if ('problems' in checked) return problem(inputError(checked.problems));
      return expanded(book.create(checked.ok, req.headers['user-agent'] ?? ''), expand);
    }
    const order = book.find(guid);
    if (!order) return problem(notFound(`The payment order /psp/paymentorders/${guid}`));

    if (!segment) {
      if (method === 'GET') return { status: 200, body: representation(order, book.baseUrl, expand) };
      if (method !== 'PATCH') return problem(methodNotAllowed(method));
      const body = await jsonBody(req);
      if ('problem' in body) return problem(body.problem);
      const checked = checkAbort(body.json);
      if ('problems' in checked) return problem(inputError(checked.problems));
      return expanded(book.abort(order, checked.ok.abortReason), expand);
    }
    if (segment === 'captures' || segment === 'reversals') {
      if (method !== 'POST') return problem(methodNotAllowed(method));
      const body = await jsonBody(req);
      if ('problem' in body) return problem(body.problem);
      const checked = checkTransaction(body.json);
      if ('problems' in checked) return problem(inputError(checked.problems));
      return expanded(segment === 'captures' ? book.capture(order, checked.ok) : book.reverse(order, checked.ok), expand);
    }
    const name = (Object.keys(SUBRESOURCES) as Subresource[]).find((key) => SUBRESOURCES[key] === segment);
    if (!name) return problem(notFound('The resource'));
    if (method !== 'GET') return problem(methodNotAllowed(method));
    return { status: 200, body: { paymentOrder: order.id, [name]: subresource(order, name) } };
  }

  /** "The expand parameter is available to all API requests": a successful POST or PATCH answers expanded too. */
  function expanded(answer: Answer, expand: ReadonlySet<string>): Answer {
    if (answer.status !== 200 || expand.size === 0) return answer;
    const id = (answer.body as { paymentOrder: { id: string } }).paymentOrder.id;
    const order = book.find(id);
    return order ? { status: 200, body: representation(order, book.baseUrl, expand) } : answer;
  }

  async function serveMenu(req: IncomingMessage, res: ServerResponse, menuToken: string): Promise<void> {
    const order = book.findByMenuToken(menuToken);
    if (!order) return sendText(res, 404, 'text/html', menuNotFoundPage());
    if (req.method === 'GET') {
      order.menuOpened = true;
      return sendMenu(res, 200, order, stateOf(order));
    }
    if (req.method !== 'POST') return sendText(res, 405, 'text/plain', 'Method not allowed\n');
    const action = new URLSearchParams(await readRequestBody(req)).get('action');
    if (action !== 'approve' && action !== 'decline' && action !== 'cancel') return sendMenu(res, 400, order, stateOf(order));
    const outcome = book.payerAction(order, action);
    const { completeUrl, cancelUrl } = order.request.urls;
    if (outcome === 'paid') return redirect(res, completeUrl);
    if (outcome === 'aborted') return redirect(res, cancelUrl);
    if (outcome === 'declined') return sendMenu(res, 200, order, 'declined');
    if (outcome === 'alreadyPaid') return sendMenu(res, 200, order, 'alreadyPaid');
    sendMenu(res, 200, order, stateOf(order));
  }

  function sendMenu(res: ServerResponse, status: number, order: SimOrder, state: MenuState): void {
    const { request } = order;
    const page = menuPage({
      language: request.language,
      state,
      ...(request.payeeInfo.payeeName ? { payeeName: request.payeeInfo.payeeName } : {}),
      description: request.description,
      amount: request.amount,
      currency: request.currency,
      actionUrl: menuUrl(book.baseUrl, order),
      leaveUrl: request.urls.hostUrls[0]!,
      completeUrl: request.urls.completeUrl,
      cancelUrl: request.urls.cancelUrl,
    });
    sendText(res, status, 'text/html', page);
  }

  function views(): SimOrderView[] {
    return book.all().map((order) => {
      const { request } = order;
      return {
        id: order.id,
        status: order.status,
        amount: request.amount,
        vatAmount: request.vatAmount,
        currency: request.currency,
        description: request.description,
        payeeReference: request.payeeInfo.payeeReference,
        ...(request.payeeInfo.orderReference ? { orderReference: request.payeeInfo.orderReference } : {}),
        language: request.language,
        menuUrl: menuUrl(book.baseUrl, order),
        created: new Date(order.created).toISOString(),
        failedAttempts: order.failedAttempts.length,
        captured: transactedTotal(order, 'Capture'),
        reversed: transactedTotal(order, 'Reversal'),
      };
    });
  }

  function adminText(): string {
    const oneLine = (text: string) => text.replace(/[\u0000-\u001f\u007f]+/g, ' ');
    const lines = [
      'Swedbank Pay-simulatorn (Payment Order API v3.1)',
      `API: ${book.baseUrl}   payeeId: ${payeeId}`,
      `Callbacks: after ${sender.settings.callbackDelayMs} ms, ${sender.settings.callbackRepeats} time(s) each`,
      '',
    ];
    const orders = views();
    if (orders.length === 0) lines.push('No payment orders yet.');
    for (const order of orders) {
      const left = remainingAmounts(book.find(order.id)!);
      lines.push(
        `${order.created}  ${order.status.padEnd(11)} ${(order.amount / 100).toFixed(2)} ${order.currency}  ${oneLine(order.payeeReference)}  "${oneLine(order.description)}"`,
        `  ${order.id}  failed attempts: ${order.failedAttempts}  captured: ${order.captured}  reversed: ${order.reversed}  left to capture: ${left.capture}`,
        `  menu: ${order.menuUrl}`,
      );
    }
    return `${lines.join('\n')}\n`;
  }

  const host = options.host ?? '127.0.0.1';
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
  book.baseUrl = `http://${isIP(host) === 6 ? `[${host}]` : host}:${port}`;

  return {
    url: book.baseUrl,
    token,
    payeeId,
    settings: sender.settings,
    orders: views,
    pay(id, outcome) {
      const order = book.find(id);
      if (!order) throw new Error(`No payment order ${id} in the Swedbank Pay simulator`);
      return book.payerAction(order, outcome);
    },
    idle: () => sender.idle(),
    close: () => {
      sender.close();
      book.close();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function stateOf(order: SimOrder): MenuState {
  switch (order.status) {
    case 'Initialized':
      return 'open';
    case 'Paid':
    case 'Reversed':
      return 'paid';
    case 'Aborted':
      return 'aborted';
    case 'Failed':
      return 'closed';
  }
}

function problem(body: Problem): Answer {
  return { status: body.status, body };
}
