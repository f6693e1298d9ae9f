import type { CompletionData } from './bankid-client.js';
import type { BankIdOrders } from './orders.js';

/** Where a sign order stands for the browser polling it, or BankID's completion to act on. */
export type OrderProgress =
  | { status: 'pending'; hintCode: string; qrData?: string }
  | { status: 'failed'; hintCode: string }
  | { status: 'complete'; completion: CompletionData };

/**
 * Collects an order (at most every 2 s, see BankIdOrders) and says it as the signing endpoints
 * answer: BankID's hint codes for the RFA messages, the current QR code on another device, and
 * a gone order as expired. Shared by signing a case and cosigning one.
 */
export async function orderProgress(orders: BankIdOrders, orderRef: string, withQr: boolean): Promise<OrderProgress> {
  const state = await orders.collect(orderRef);
  if (!state) return { status: 'failed', hintCode: 'expiredTransaction' };
  switch (state.status) {
    case 'pending': {
      const qrData = withQr ? await orders.qrData(orderRef) : null;
      return { status: 'pending', hintCode: state.hintCode ?? 'outstandingTransaction', ...(qrData ? { qrData } : {}) };
    }
    case 'failed':
      return { status: 'failed', hintCode: state.hintCode ?? 'unknown' };
    case 'cancelled':
      return { status: 'failed', hintCode: 'cancelled' };
    case 'complete':
      return { status: 'complete', completion: state.completion! };
  }
}
