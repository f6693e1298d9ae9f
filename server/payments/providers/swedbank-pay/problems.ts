import { randomUUID } from 'node:crypto';

/**
 * Swedbank Pay's problem messages, as the simulator sends them. The Payment Order API answers every
 * refusal as `application/problem+json` (RFC 7807) with its own `problems` list:
 *
 *   { "type": "https://api.payex.com/psp/errordetail/paymentorders/inputerror",
 *     "title": "Error in input data", "status": 400,
 *     "instance": "https://api.payex.com/psp/probleminstance/…",
 *     "detail": "Input validation failed, error description in problems node!",
 *     "problems": [{ "name": "…", "description": "…" }] }
 *
 * (developer.swedbankpay.com, checkout-v3 "Problems" and _includes/problems/problems.md.) `type` is the
 * one field the docs say to build logic on; its last path segment is what the client calls the code.
 */

export interface FieldProblem {
  /** The field, header or entity that was wrong ("PaymentOrder.Amount", "PayeeReference"). */
  name: string;
  description: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  problems: FieldProblem[];
}

const ERROR_DETAIL = 'https://api.payex.com/psp/errordetail/';

function problem(type: string, title: string, status: number, detail: string, problems: FieldProblem[] = []): Problem {
  return { type: ERROR_DETAIL + type, title, status, instance: `https://api.payex.com/psp/probleminstance/${randomUUID()}`, detail, problems };
}

/** 400: a field is missing or wrong; the list says which (the API's most common answer). */
export function inputError(problems: FieldProblem[]): Problem {
  return problem('paymentorders/inputerror', 'Error in input data', 400, 'Input validation failed, error description in problems node!', problems);
}

/** 401: no bearer token, or one the simulator did not issue. */
export function unauthorized(): Problem {
  return problem('unauthorized', 'Unauthorized', 401, 'The access token is missing or not valid for this merchant.', [
    { name: 'Authorization', description: 'Send Authorization: Bearer <access token>.' },
  ]);
}

/** 403: the request is valid but the payment order is not in a state that allows it (docs: "forbidden"). */
export function forbidden(detail: string): Problem {
  return problem('paymentorders/forbidden', 'Forbidden', 403, detail);
}

export function notFound(what: string): Problem {
  return problem('paymentorders/notfound', 'Not found', 404, `${what} could not be found.`);
}

export function methodNotAllowed(method: string): Problem {
  return problem('paymentorders/methodnotallowed', 'Method not allowed', 405, `${method} is not allowed on this resource.`);
}

export function unsupportedMediaType(): Problem {
  return problem('paymentorders/unsupportedmediatype', 'Unsupported media type', 415, 'The body must be JSON.', [
    { name: 'Content-Type', description: 'Send Content-Type: application/json;version=3.1.' },
  ]);
}

export function systemError(): Problem {
  return problem('systemerror', 'System error', 500, 'An unexpected error occurred.');
}

/** What the payment menu records for a declined card (the card problem type `carddeclined`, 403). */
export function cardDeclined(): Problem {
  return problem('creditcard/carddeclined', 'Operation failed', 403, 'Unable to complete Authorization transaction, look at problem node!', [
    { name: 'ExternalResponse', description: 'REJECTED_BY_ACQUIRER-card declined, response-code: 05' },
  ]);
}

/**
 * What an expired payment order carries in `failed.problem`. The docs do not describe how a payment
 * order runs out of time, so this type is the simulator's own; the client does not depend on it.
 */
export function expired(afterMs: number): Problem {
  return problem('paymentorders/paymentorderexpired', 'Operation failed', 403, 'The payment order expired before the payer completed it.', [
    { name: 'PaymentOrder', description: `Not completed within ${afterMs} ms.` },
  ]);
}
