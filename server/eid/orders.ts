import type { Queryable } from '../store/database.js';
import type { AuthRequest, BankIdApi, CompletionData, SignRequest } from './bankid-client.js';
import { qrDataAt } from './qr.js';

/**
 * BankID orders kept in the database (table bankid_orders, migration 003), so that any
 * server instance can collect an order another instance started. BankID asks relying
 * parties to collect every two seconds: `collect` asks BankID at most that often per
 * order, however many browsers or instances ask us, and returns the stored state in
 * between. qrStartSecret stays in the database; only QR strings made from it go out.
 */

export type OrderKind = 'auth' | 'sign';
export type OrderStatus = 'pending' | 'failed' | 'complete' | 'cancelled';

/** An order as it may be shown to the rest of the server: no qrStartSecret. */
export interface OrderState {
  orderRef: string;
  kind: OrderKind;
  status: OrderStatus;
  hintCode: string | null;
  completion: CompletionData | null;
  startedAt: Date;
  lastCollectAt: Date | null;
}

export interface StartedOrder {
  orderRef: string;
  kind: OrderKind;
  /** For the same-device flow: bankid:///?autostarttoken=…&redirect=null */
  autoStartToken: string;
  /** The first QR string (time 0). */
  qrData: string;
}

export interface OrdersOptions {
  /** The clock: tests pass their own. */
  now?: () => Date;
  /** The least time between two collects of one order at BankID (default 2000 ms). */
  collectIntervalMs?: number;
}

interface OrderRow {
  order_ref: string;
  kind: OrderKind;
  qr_start_token: string;
  qr_start_secret: string;
  started_at: Date | string;
  last_collect_at: Date | string | null;
  status: OrderStatus;
  hint_code: string | null;
  completion: CompletionData | string | null;
}

const COLUMNS = 'order_ref, kind, qr_start_token, qr_start_secret, started_at, last_collect_at, status, hint_code, completion';

export class BankIdOrders {
  readonly #now: () => Date;
  readonly #interval: number;

  constructor(
    private readonly db: Queryable,
    private readonly bankId: BankIdApi,
    options: OrdersOptions = {},
  ) {
    this.#now = options.now ?? (() => new Date());
    this.#interval = options.collectIntervalMs ?? 2000;
  }

  startAuth(request: AuthRequest): Promise<StartedOrder> {
    return this.#start('auth', () => this.bankId.auth(request));
  }

  /**
   * `tx`: store the order in this transaction (a signing start holding its Idempotency-Key's row,
   * server/services/signing-keys.ts), so the order and what it belongs to are stored together.
   */
  startSign(request: SignRequest, tx?: Queryable): Promise<StartedOrder> {
    return this.#start('sign', () => this.bankId.sign(request), tx ?? this.db);
  }

  async #start(kind: OrderKind, call: () => ReturnType<BankIdApi['auth']>, db: Queryable = this.db): Promise<StartedOrder> {
    const order = await call();
    // The QR time counts from when BankID answered: that is the nearest we know to its own start.
    const startedAt = this.#now();
    await db.query(
      `INSERT INTO bankid_orders (order_ref, kind, qr_start_token, qr_start_secret, started_at, status, hint_code)
       VALUES ($1, $2, $3, $4, $5, 'pending', 'outstandingTransaction')`,
      [order.orderRef, kind, order.qrStartToken, order.qrStartSecret, startedAt],
    );
    return {
      orderRef: order.orderRef,
      kind,
      autoStartToken: order.autoStartToken,
      qrData: qrDataAt({ qrStartToken: order.qrStartToken, qrStartSecret: order.qrStartSecret, startedAt }, startedAt),
    };
  }

  /** The stored state, without asking BankID; null for an unknown order. */
  async get(orderRef: string): Promise<OrderState | null> {
    const row = await this.#row(orderRef);
    return row ? toState(row) : null;
  }

  /** The QR string for now, or null when the order is unknown or no longer pending. */
  async qrData(orderRef: string): Promise<string | null> {
    const row = await this.#row(orderRef);
    if (!row || row.status !== 'pending') return null;
    return qrDataAt({ qrStartToken: row.qr_start_token, qrStartSecret: row.qr_start_secret, startedAt: toDate(row.started_at) }, this.#now());
  }

  /**
   * The order's state, asking BankID only if nobody did in the last two seconds. Whoever
   * moves last_collect_at forward (one atomic UPDATE) asks; everyone else gets the stored state.
   * Errors from BankID (BankIdError, BankIdConnectionError) are thrown as they are.
   */
  async collect(orderRef: string): Promise<OrderState | null> {
    const now = this.#now();
    const due = new Date(now.getTime() - this.#interval);
    const { rows } = await this.db.query<OrderRow>(
      `UPDATE bankid_orders SET last_collect_at = $2
       WHERE order_ref = $1 AND status = 'pending' AND (last_collect_at IS NULL OR last_collect_at <= $3)
       RETURNING ${COLUMNS}`,
      [orderRef, now, due],
    );
    if (rows.length === 0) return this.get(orderRef);

    const answer = await this.bankId.collect(orderRef);
    const completion = answer.status === 'complete' ? answer.completionData : null;
    const hintCode = answer.status === 'complete' ? null : answer.hintCode;
    const updated = await this.db.query<OrderRow>(
      `UPDATE bankid_orders SET status = $2, hint_code = $3, completion = $4
       WHERE order_ref = $1 AND status = 'pending'
       RETURNING ${COLUMNS}`,
      [orderRef, answer.status, hintCode, completion === null ? null : JSON.stringify(completion)],
    );
    // Cancelled by someone else meanwhile: their state wins.
    return updated.rows[0] ? toState(updated.rows[0]) : this.get(orderRef);
  }

  /** Cancels a pending order at BankID and marks it cancelled. Returns false when it was not pending. */
  async cancel(orderRef: string): Promise<boolean> {
    const { rows } = await this.db.query<{ order_ref: string }>(
      `UPDATE bankid_orders SET status = 'cancelled', hint_code = NULL
       WHERE order_ref = $1 AND status = 'pending' RETURNING order_ref`,
      [orderRef],
    );
    if (rows.length === 0) return false;
    await this.bankId.cancel(orderRef);
    return true;
  }

  /** Removes orders created before `before` (for a cleanup job). Returns how many. */
  async deleteOlderThan(before: Date): Promise<number> {
    const { rows } = await this.db.query('DELETE FROM bankid_orders WHERE created_at < $1 RETURNING order_ref', [before]);
    return rows.length;
  }

  async #row(orderRef: string): Promise<OrderRow | undefined> {
    const { rows } = await this.db.query<OrderRow>(`SELECT ${COLUMNS} FROM bankid_orders WHERE order_ref = $1`, [orderRef]);
    return rows[0];
  }
}

function toState(row: OrderRow): OrderState {
  return {
    orderRef: row.order_ref,
    kind: row.kind,
    status: row.status,
    hintCode: row.hint_code,
    completion: typeof row.completion === 'string' ? (JSON.parse(row.completion) as CompletionData) : row.completion,
    startedAt: toDate(row.started_at),
    lastCollectAt: row.last_collect_at === null ? null : toDate(row.last_collect_at),
  };
}

function toDate(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value);
}
