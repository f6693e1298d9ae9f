import type { Problem } from '../contract/problem.js';

/** The backend answered with problem+json: `problem.errors` names the fields to fix. */
export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.title);
    this.name = 'ProblemError';
  }
}

/** The backend could not be reached at all (offline, DNS, CORS refused, server down). */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('The e-service backend could not be reached', { cause });
    this.name = 'NetworkError';
  }
}

/** The backend answered something the contract does not allow. */
export class ContractError extends Error {
  constructor(what: string, readonly status: number) {
    super(`The backend's answer to ${what} does not follow the contract (HTTP ${status})`);
    this.name = 'ContractError';
  }
}
