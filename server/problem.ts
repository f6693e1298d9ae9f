import type { FastifyReply } from 'fastify';
import type { FieldProblem, Problem } from '../src/contract/problem.js';
import { PROBLEM_CONTENT_TYPE } from '../src/contract/problem.js';

/** Problem types are relative URIs documented in docs/contract.md. */
export function problem(status: number, type: string, title: string, detail?: string, errors?: FieldProblem[]): Problem {
  return { type: `/problems/${type}`, title, status, ...(detail ? { detail } : {}), ...(errors ? { errors } : {}) };
}

export function sendProblem(reply: FastifyReply, body: Problem): FastifyReply {
  return reply.code(body.status).type(PROBLEM_CONTENT_TYPE).send(body);
}

/** Thrown by services; the error handler turns it into problem+json. */
export class ProblemError extends Error {
  constructor(readonly body: Problem) {
    super(body.title);
  }
}
