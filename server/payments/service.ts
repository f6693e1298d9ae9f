import { randomUUID } from 'node:crypto';
import type { PaymentMethod, PaymentState, PaymentStatus, StartPaymentRequest } from '../../src/contract/payments.js';
import type { Language } from '../../src/contract/text.js';
import { queueCosignerReceipts } from '../cosigning/receipt.js';
import { queueCaseSent, NO_WEBHOOKS, type CaseSentOutbox } from '../outbox/case-sent.js';
import { ProblemError } from '../problem.js';
import { changeStatus } from '../services/case-status.js';
import type { Database, Queryable } from '../store/database.js';
import { paymentProblems } from './problems.js';
import { PaymentProviderError, type PaymentProvider, type PaymentReading } from './provider.js';
import type { PaymentProviders } from './providers.js';
import { checkCaseAccess, type CaseAccess } from './access.js';

/** An attempt's row. */
export interface PaymentRow {
  id: string;
  case_id: string;
  reference: string;
  provider: PaymentProvider['id'];
  method: PaymentMethod;
  provider_ref: string | null;
  amount: number;
  vat_amount: number;
  currency: string;
  state: PaymentState | 'starting' | 'duplicate';
  redirect_url: string | null;
  swish_token: string | null;
  error_code: string | null;
  paid_at: Date | string | null;
  captured_at: Date | string | null;
  created_at: Date | string;
  /** Where the provider tells about it, and about its refunds. */
  callback_url: string | null;
}

/** States in which the provider may still change its mind: the server keeps asking. */
const OPEN = new Set(['starting', 'pending']);

/** How soon the reconciliation job asks the provider about an attempt nobody has heard of. */
const CHECK_AFTER_MS = 60_000;
/** How long a refund on its way is left before it is read again, and after how long it is given up. */
const REFUND_RECHECK_MS = 10_000;
const REFUND_GIVE_UP_MS = 7 * 24 * 3_600_000;

/** A start that never got the provider's answer (the server stopped in between) is given up after this. */
const STARTING_GIVEN_UP_MS = 10 * 60_000;

/**
 * An attempt still pending after this is stopped at the provider: nobody is paying it any more (a card page
 * left open, a Swish request never answered), and the citizen starts another if they come back.
 */
const PENDING_GIVEN_UP_MS = 60 * 60_000;

/** Swish numbers as the provider takes them: 46 and nine digits after the 0. */
function swishAlias(mobile: string): string {
  const digits = mobile.replace(/\D/g, '');
  return digits.startsWith('46') ? digits : `46${digits.replace(/^0/, '')}`;
}

export interface PaymentServiceOptions {
  db: Database;
  providers: PaymentProviders;
  outbox?: CaseSentOutbox;
  now?: () => Date;
  /** Where the service says what went wrong with a provider (the app's log). */
  log?: { warn(object: object, message: string): void; error(object: object, message: string): void };
}

/**
 * Paying a case: each attempt is started at the municipality's provider for the method the citizen chose,
 * and its outcome is only ever what the provider says when asked (`read`) — on the browser's return, on
 * the provider's callback, or by the reconciliation job, whichever comes first; every one of them comes
 * to `settle`, which is idempotent. A paid case is sent in the same transaction that records the payment
 * (its receipt and webhook through the outbox); an attempt paid after another already was is given back.
 */
export class PaymentService {
  readonly #db: Database;
  readonly #providers: PaymentProviders;
  readonly #outbox: CaseSentOutbox;
  readonly #now: () => Date;
  readonly #log: NonNullable<PaymentServiceOptions['log']>;

  constructor(options: PaymentServiceOptions) {
    this.#db = options.db;
    this.#providers = options.providers;
    this.#outbox = options.outbox ?? NO_WEBHOOKS;
    this.#now = options.now ?? (() => new Date());
    this.#log = options.log ?? { warn: () => {}, error: () => {} };
  }

  /** POST /api/cases/{caseId}/payments: a new attempt for a case that waits for its payment. */
  async start(
    caseId: string, access: CaseAccess, request: StartPaymentRequest, callbackBase: string, lang: Language, payerUserAgent?: string,
  ): Promise<PaymentStatus> {
    const held = await checkCaseAccess(this.#db, caseId, access, lang);
    if (held.status !== 'awaitingPayment' || !held.fee) {
      if (await this.#paid(caseId)) throw new ProblemError(paymentProblems.alreadyPaid(lang));
      throw new ProblemError(paymentProblems.nothingToPay(lang));
    }
    const methods = held.definition.fee?.methods ?? ['card', 'swish'];
    const provider = methods.includes(request.method) ? this.#providers.for(held.definition.municipality.id, request.method) : undefined;
    if (!provider) throw new ProblemError(paymentProblems.methodUnavailable(lang, request.method));
    const fee = held.fee;
    const id = randomUUID();
    // 30 letters and digits: what both providers take as a reference, also with a letter before it (capture, refund).
    const reference = id.replace(/-/g, '').slice(0, 29);
    const now = this.#now();
    const callbackUrl = `${callbackBase}/api/payments/${id}/callback`;
    await this.#db.query(
      `INSERT INTO payments (id, case_id, reference, provider, method, amount, vat_amount, currency, state, created_at, updated_at, check_after, callback_url)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'starting', $9, $9, $10, $11)`,
      [id, caseId, reference, provider.id, request.method, fee.amount, fee.vatAmount, fee.currency, now.toISOString(),
        new Date(now.getTime() + STARTING_GIVEN_UP_MS).toISOString(), callbackUrl],
    );
    try {
      const started = await provider.start({
        reference, amount: fee.amount, vatAmount: fee.vatAmount, currency: 'SEK',
        description: held.definition.fee!.description[held.lang], orderReference: held.caseNumber, lang: held.lang,
        urls: {
          complete: request.returnUrl, cancel: request.returnUrl,
          callback: callbackUrl, host: [new URL(request.returnUrl).origin],
        },
        ...(request.payerMobile ? { payerAlias: swishAlias(request.payerMobile) } : {}),
        ...(payerUserAgent ? { payerUserAgent } : {}),
      });
      await this.#db.query(
        `UPDATE payments SET state = 'pending', provider_ref = $2, redirect_url = $3, swish_token = $4, updated_at = $5, check_after = $6
          WHERE id = $1 AND state = 'starting'`,
        [id, started.providerRef, started.redirectUrl ?? null, started.swishToken ?? null, now.toISOString(),
          new Date(this.#now().getTime() + CHECK_AFTER_MS).toISOString()],
      );
    } catch (error) {
      if (!(error instanceof PaymentProviderError)) throw error;
      await this.#db.query(`UPDATE payments SET state = 'failed', error_code = $2, updated_at = $3 WHERE id = $1`,
        [id, error.code ?? null, this.#now().toISOString()]);
      this.#log.warn({ paymentId: id, provider: provider.id, status: error.status, code: error.code }, 'payment provider refused a payment');
      // The payer's own number refused (not a Swish user, malformed): the citizen can correct it.
      if (error.code === 'BE18' || error.code === 'ACMT03' || error.code === 'ACMT01') throw new ProblemError(paymentProblems.payerNotSwish(lang));
      throw new ProblemError(paymentProblems.providerUnavailable(lang));
    }
    return this.status(id, access, lang, { read: false });
  }

  /**
   * GET /api/payments/{id}: the attempt as it stands, asking the provider first while it is open. The browser
   * polls this while the citizen pays, and calls it once on coming back from the provider's page.
   */
  async status(paymentId: string, access: CaseAccess, lang: Language, options: { read?: boolean } = {}): Promise<PaymentStatus> {
    const first = await this.#row(paymentId);
    if (!first) throw new ProblemError(paymentProblems.notFound(lang));
    await checkCaseAccess(this.#db, first.case_id, access, lang, () => paymentProblems.notFound(lang));
    const row = options.read === false ? first : await this.settle(paymentId).catch((error: unknown) => {
      // The provider away for a moment: the attempt stays as it was, and the next poll asks again.
      if (error instanceof PaymentProviderError) return first;
      throw error;
    });
    return toStatus(row ?? first);
  }

  /**
   * The provider's word on an attempt, made the case's: paid sends the case (once), an end that is not paid
   * closes the attempt (another may follow), still pending changes nothing. Safe to call any number of times,
   * from anywhere, at once: the attempt's row is locked, and only an open attempt changes.
   */
  async settle(paymentId: string): Promise<PaymentRow | undefined> {
    const row = await this.#row(paymentId);
    if (!row || !OPEN.has(row.state)) return row;
    if (!row.provider_ref) {
      // Started but never answered (the server stopped while asking): given up once nobody can still be paying.
      if (row.state === 'starting' && this.#now().getTime() - new Date(row.created_at).getTime() > STARTING_GIVEN_UP_MS) {
        await this.#db.query(`UPDATE payments SET state = 'failed', error_code = 'notStarted', updated_at = $2, check_after = NULL WHERE id = $1 AND state = 'starting'`,
          [paymentId, this.#now().toISOString()]);
      }
      return this.#row(paymentId);
    }
    const provider = this.#providers.byId(row.provider);
    const reading = await provider.read(row.provider_ref);
    const now = this.#now();
    if (reading.state === 'pending' && now.getTime() - new Date(row.created_at).getTime() > PENDING_GIVEN_UP_MS) {
      await provider.abort(row.provider_ref);
      return this.settle(paymentId);
    }
    if (reading.state === 'pending') {
      // Still open, perhaps after a card was declined on the provider's page (the payer may try another there).
      await this.#db.query(`UPDATE payments SET check_after = $2, error_code = $3 WHERE id = $1 AND state IN ('starting', 'pending')`,
        [paymentId, new Date(now.getTime() + CHECK_AFTER_MS).toISOString(), reading.errorCode ?? null]);
      return this.#row(paymentId);
    }
    if (reading.state !== 'paid') {
      await this.#db.query(
        `UPDATE payments SET state = $2, error_code = $3, updated_at = $4, check_after = NULL WHERE id = $1 AND state IN ('starting', 'pending')`,
        [paymentId, reading.state, reading.errorCode ?? null, now.toISOString()]);
      return this.#row(paymentId);
    }
    if (reading.amount !== row.amount || reading.currency !== row.currency) {
      // Never the case's fee: nothing is sent, and the municipality has to look at it.
      this.#log.error({ paymentId, expected: row.amount, read: reading.amount, currency: reading.currency }, 'payment amount differs from the fee');
      await this.#db.query(
        `UPDATE payments SET state = 'failed', error_code = 'amountMismatch', updated_at = $2, check_after = NULL WHERE id = $1 AND state IN ('starting', 'pending')`,
        [paymentId, now.toISOString()]);
      return this.#row(paymentId);
    }
    const outcome = await this.#db.transaction((tx) => this.#recordPaid(tx, row, reading, now));
    // Finished at once if the provider answers; else by the reconciliation job (check_after is now).
    await this.finish(paymentId).catch((error: unknown) => {
      if (!(error instanceof PaymentProviderError)) throw error;
    });
    if (outcome === 'duplicate') this.#log.warn({ paymentId, caseId: row.case_id }, 'a case paid twice: the second payment is given back');
    return this.#row(paymentId);
  }

  /** In one transaction: the attempt paid, and the case sent — or, paid already by another attempt, this one a duplicate. */
  async #recordPaid(tx: Queryable, row: PaymentRow, reading: PaymentReading, now: Date): Promise<'paid' | 'duplicate' | 'settled'> {
    const { rows } = await tx.query<{ state: string }>('SELECT state FROM payments WHERE id = $1 FOR UPDATE', [row.id]);
    if (!OPEN.has(rows[0]?.state ?? '')) return 'settled';
    const { rows: cases } = await tx.query<{ status: string }>('SELECT status FROM cases WHERE id = $1 FOR UPDATE', [row.case_id]);
    const paidAt = (reading.paidAt ?? now).toISOString();
    const details = [reading.instrument ?? null, reading.paymentReference ?? null, paidAt, now.toISOString()];
    if (cases[0]?.status !== 'awaitingPayment') {
      await tx.query(
        `UPDATE payments SET state = 'duplicate', instrument = $2, payment_reference = $3, paid_at = $4, updated_at = $5, check_after = $5 WHERE id = $1`,
        [row.id, ...details]);
      return 'duplicate';
    }
    await tx.query(
      `UPDATE payments SET state = 'paid', instrument = $2, payment_reference = $3, paid_at = $4, updated_at = $5, check_after = $5 WHERE id = $1`,
      [row.id, ...details]);
    await changeStatus(tx, row.case_id, 'submitted', 'citizen', now);
    await tx.query('UPDATE cases SET submitted_at = $2 WHERE id = $1', [row.case_id, now.toISOString()]);
    await queueCaseSent(tx, row.case_id, now, this.#outbox);
    // A cosigned case is paid after everyone signed: they get the receipt now that it is sent.
    await queueCosignerReceipts(tx, row.case_id, now);
    return 'paid';
  }

  /**
   * What is left after the provider said paid: the money taken (a card is only reserved until captured),
   * and a duplicate given back in full. Each step is recorded, so the reconciliation job finishes what a
   * stop or an unreachable provider left undone.
   */
  async finish(paymentId: string): Promise<void> {
    const row = await this.#row(paymentId);
    if (!row || !row.provider_ref || (row.state !== 'paid' && row.state !== 'duplicate')) return;
    const provider = this.#providers.byId(row.provider);
    if (!row.captured_at) {
      await provider.capture(row.provider_ref, {
        amount: row.amount, vatAmount: row.vat_amount, reference: `C${row.reference}`, description: 'Capture',
      });
      await this.#db.query('UPDATE payments SET captured_at = $2 WHERE id = $1 AND captured_at IS NULL', [paymentId, this.#now().toISOString()]);
    }
    if (row.state === 'duplicate' && !(await this.#refundDuplicate(row, provider))) return;
    await this.#db.query('UPDATE payments SET check_after = NULL WHERE id = $1', [paymentId]);
  }

  /** Gives a duplicate back in full, once (its reference is its own); true when the provider has done so. */
  async #refundDuplicate(row: PaymentRow, provider: PaymentProvider): Promise<boolean> {
    const reference = `R${row.reference}`;
    const now = this.#now().toISOString();
    await this.#db.query(
      `INSERT INTO payment_refunds (id, payment_id, reference, amount, vat_amount, state, reason, requested_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, 'pending', 'paid twice', 'system', $6, $6) ON CONFLICT (reference) DO NOTHING`,
      [randomUUID(), row.id, reference, row.amount, row.vat_amount, now]);
    const { rows } = await this.#db.query<{ state: string; provider_ref: string | null }>(
      'SELECT state, provider_ref FROM payment_refunds WHERE reference = $1', [reference]);
    const kept = rows[0];
    if (kept?.state === 'refunded') return true;
    // The provider refused it: not asked again every round — the officer API shows it failed, to be given back by hand.
    if (kept?.state === 'failed') {
      this.#log.error({ paymentId: row.id, reference }, 'a payment made twice could not be given back: refund it by hand');
      return true;
    }
    // Asked already and on its way: read back by the refunds' round (#refreshRefunds), never asked for twice.
    if (kept?.provider_ref) return false;
    const refund = await provider.refund(row.provider_ref!, {
      amount: row.amount, vatAmount: row.vat_amount, reference, description: 'Dubbel betalning - paid twice', callbackUrl: row.callback_url ?? '',
    });
    await this.#db.query(`UPDATE payment_refunds SET state = $2, provider_ref = $3, error_code = $4, updated_at = $5 WHERE reference = $1 AND state = 'pending'`,
      [reference, refund.state, refund.providerRef, refund.errorCode ?? null, this.#now().toISOString()]);
    return refund.state === 'refunded';
  }

  /**
   * The reconciliation job's round: every open attempt due for a look is read from the provider (a callback
   * that never came, a server that stopped between the payment and the case), and every paid attempt not
   * yet captured or given back is finished. Returns how many attempts it settled or finished.
   */
  async reconcile(limit = 50, options: { all?: boolean } = {}): Promise<number> {
    const now = this.#now();
    // As the server starts, every attempt with anything left to do, however recently it was looked at: one paid
    // while the server was down is sent at once.
    const due = options.all ? new Date('9999-12-31T00:00:00Z') : now;
    // Claimed by moving their time on: another instance's round at the same moment takes others (SKIP LOCKED).
    const { rows } = await this.#db.query<{ id: string }>(
      `UPDATE payments SET check_after = $2 WHERE id IN (
         SELECT id FROM payments WHERE check_after <= $1 ORDER BY check_after LIMIT $3 FOR UPDATE SKIP LOCKED)
       RETURNING id`,
      [due.toISOString(), new Date(now.getTime() + CHECK_AFTER_MS).toISOString(), limit]);
    let done = 0;
    for (const { id } of rows) {
      try {
        const before = await this.#row(id);
        const after = OPEN.has(before?.state ?? '') ? await this.settle(id) : before;
        if (after?.state === 'paid' || after?.state === 'duplicate') await this.finish(id);
        if (after && after.state !== before?.state) done++;
      } catch (error) {
        // One provider away must not stop the others: this one is looked at again next round (its time was moved on).
        this.#log.warn({ paymentId: id, err: (error as Error).message }, 'payment reconciliation: asked again later');
      }
    }
    return done + (await this.#refreshRefunds(limit, options.all ? due : new Date(now.getTime() - REFUND_RECHECK_MS)));
  }

  /**
   * Refunds the provider answered as on their way, read again until they end (Swish pays a refund after a while):
   * the officer API and the receipt then say refunded, or failed. Claimed as the attempts are, by moving their time on.
   */
  async #refreshRefunds(limit: number, due: Date): Promise<number> {
    const now = this.#now();
    const { rows } = await this.#db.query<{ id: string; reference: string; provider_ref: string; provider: string; payment_ref: string; created_at: Date | string }>(
      `WITH claimed AS (
         UPDATE payment_refunds SET updated_at = $2 WHERE id IN (
           SELECT id FROM payment_refunds WHERE state = 'pending' AND provider_ref IS NOT NULL AND updated_at <= $1
            ORDER BY updated_at LIMIT $3 FOR UPDATE SKIP LOCKED)
         RETURNING id, payment_id, reference, provider_ref, created_at)
       SELECT c.id, c.reference, c.provider_ref, c.created_at, p.provider, p.provider_ref AS payment_ref FROM claimed c JOIN payments p ON p.id = c.payment_id`,
      [due.toISOString(), now.toISOString(), limit]);
    let ended = 0;
    for (const row of rows) {
      try {
        const reading = await this.#providers.byId(row.provider as PaymentProvider['id']).readRefund(row.payment_ref, { reference: row.reference, refundRef: row.provider_ref });
        if (reading.state === 'pending') {
          // Never heard the end of: after a week it is failed, for the municipality to see to by hand.
          if (now.getTime() - new Date(row.created_at).getTime() < REFUND_GIVE_UP_MS) continue;
          this.#log.error({ refundId: row.id }, 'refund: still not made after a week; marked failed');
          reading.state = 'failed';
          reading.errorCode = 'timedOut';
        }
        await this.#db.query(`UPDATE payment_refunds SET state = $2, error_code = $3, updated_at = $4 WHERE id = $1 AND state = 'pending'`,
          [row.id, reading.state, reading.errorCode ?? null, this.#now().toISOString()]);
        ended++;
      } catch (error) {
        this.#log.warn({ refundId: row.id, err: (error as Error).message }, 'refund: read again later');
      }
    }
    return ended;
  }

  /**
   * POST /api/officer/cases/{id}/refunds: gives back the whole or a part of what the case was paid — never more
   * than is left (refunds on their way count). The refund is recorded before the provider is asked, so a
   * refund that the provider did not answer is not asked for a second time by mistake: its reference is its own.
   */
  async refund(caseId: string, request: { amount?: number | undefined; reason: string }): Promise<{ id: string; amount: number; vatAmount: number; state: 'pending' | 'refunded' | 'failed' }> {
    const id = randomUUID();
    const reference = `R${id.replace(/-/g, '').slice(0, 29)}`;
    const now = this.#now().toISOString();
    const payment = await this.#db.transaction(async (tx) => {
      const { rows } = await tx.query<PaymentRow>(`SELECT * FROM payments WHERE case_id = $1 AND state = 'paid' FOR UPDATE`, [caseId]);
      const paid = rows[0];
      if (!paid) throw new ProblemError(paymentProblems.notPaid('en'));
      const { rows: given } = await tx.query<{ total: string | number }>(
        `SELECT COALESCE(sum(amount), 0) AS total FROM payment_refunds WHERE payment_id = $1 AND state IN ('pending', 'refunded')`, [paid.id]);
      const left = paid.amount - Number(given[0]!.total);
      const amount = request.amount ?? left;
      if (amount < 1 || amount > left) throw new ProblemError(paymentProblems.refundTooLarge('en', left));
      const vatAmount = Math.round((amount * paid.vat_amount) / paid.amount);
      await tx.query(
        `INSERT INTO payment_refunds (id, payment_id, reference, amount, vat_amount, state, reason, requested_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, 'pending', $6, 'officer', $7, $7)`,
        [id, paid.id, reference, amount, vatAmount, request.reason, now]);
      return { paid, amount, vatAmount };
    });
    const provider = this.#providers.byId(payment.paid.provider);
    try {
      if (!payment.paid.captured_at) await this.finish(payment.paid.id);
      const refund = await provider.refund(payment.paid.provider_ref!, {
        amount: payment.amount, vatAmount: payment.vatAmount, reference, description: 'Återbetalning - refund', callbackUrl: payment.paid.callback_url ?? '',
      });
      await this.#db.query(`UPDATE payment_refunds SET state = $2, provider_ref = $3, error_code = $4, updated_at = $5 WHERE id = $1 AND state = 'pending'`,
        [id, refund.state, refund.providerRef, refund.errorCode ?? null, this.#now().toISOString()]);
      return { id, amount: payment.amount, vatAmount: payment.vatAmount, state: refund.state };
    } catch (error) {
      if (!(error instanceof PaymentProviderError)) throw error;
      // Refused or unreachable: recorded as failed, so the amount is free to be asked for again.
      await this.#db.query(`UPDATE payment_refunds SET state = 'failed', error_code = $2, updated_at = $3 WHERE id = $1`,
        [id, error.code ?? error.message.slice(0, 100), this.#now().toISOString()]);
      this.#log.warn({ refundId: id, caseId, status: error.status, code: error.code }, 'payment provider refused a refund');
      return { id, amount: payment.amount, vatAmount: payment.vatAmount, state: 'failed' };
    }
  }

  async #paid(caseId: string): Promise<boolean> {
    const { rows } = await this.#db.query(`SELECT 1 FROM payments WHERE case_id = $1 AND state = 'paid'`, [caseId]);
    return rows.length > 0;
  }

  async #row(paymentId: string): Promise<PaymentRow | undefined> {
    const { rows } = await this.#db.query<PaymentRow>('SELECT * FROM payments WHERE id = $1', [paymentId]);
    return rows[0];
  }
}

function toStatus(row: PaymentRow): PaymentStatus {
  // 'starting' is pending to the browser; 'duplicate' was paid (the case is paid, this money goes back).
  const state: PaymentState = row.state === 'starting' ? 'pending' : row.state === 'duplicate' ? 'paid' : row.state;
  return {
    paymentId: row.id, caseId: row.case_id, method: row.method, state, amount: row.amount,
    ...(state === 'pending' && row.redirect_url ? { redirectUrl: row.redirect_url } : {}),
    ...(state === 'pending' && row.swish_token ? { swishToken: row.swish_token } : {}),
    ...(row.error_code ? { errorCode: row.error_code } : {}),
  };
}
