import type { FastifyRequest } from 'fastify';
import { BankIdConnectionError, BankIdError } from '../eid/bankid-client.js';
import { problem, ProblemError } from '../problem.js';

/**
 * BankID's refusals as problem+json, the same for logging in, signing and cosigning: BankID's
 * `errorCode` goes along as an extension member, which the widgets map to BankID's recommended
 * user messages (RFA4, RFA5, RFA22).
 */

/**
 * Calls BankID; its errors become problem+json with BankID's `errorCode` as an extension
 * member, which the widget maps to the recommended user message (RFA4, RFA5, RFA22).
 */
export async function bankId<T>(request: FastifyRequest, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof BankIdError) {
      request.log.warn({ errorCode: error.errorCode, httpStatus: error.httpStatus }, 'BankID refused a call');
      throw bankIdProblem(error.errorCode);
    }
    if (error instanceof BankIdConnectionError) {
      request.log.error({ err: { type: error.name, message: error.message } }, 'BankID could not be reached');
      throw bankIdProblem('internalError');
    }
    throw error;
  }
}

const BANKID_STATUS: Record<string, number> = {
  alreadyInProgress: 409,
  tooManyRequests: 429,
  requestTimeout: 503,
  maintenance: 503,
  internalError: 503,
};

export function bankIdProblem(errorCode: string): ProblemError {
  const status = BANKID_STATUS[errorCode] ?? 502;
  const title =
    errorCode === 'alreadyInProgress'
      ? 'A BankID login or signing is already in progress'
      : status === 503 || status === 429
        ? 'BankID cannot be used right now: try again in a while'
        : 'BankID refused the request';
  return new ProblemError({ ...problem(status, 'bankid', title, `BankID errorCode: ${errorCode}`), errorCode });
}

