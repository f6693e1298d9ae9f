import type { FastifyError, FastifyInstance } from 'fastify';
import { problem, ProblemError, sendProblem } from '../problem.js';
import { isDatabaseUnavailable } from '../store/unavailable.js';

/** Every error leaves as problem+json; nothing of a request's content reaches the log. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | ProblemError, request, reply) => {
    if (error instanceof ProblemError) return sendProblem(reply, error.body);
    switch (error.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return sendProblem(reply, problem(413, 'body-too-large', 'The request body is too large', `At most ${app.initialConfig.bodyLimit} bytes.`));
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return sendProblem(reply, problem(415, 'unsupported-media-type', 'Send the body as application/json'));
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return sendProblem(reply, problem(400, 'invalid-body', 'The request body is empty'));
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
        return sendProblem(reply, problem(400, 'invalid-json', 'The request body is not valid JSON'));
    }
    if (error.statusCode && error.statusCode < 500) {
      return sendProblem(reply, problem(error.statusCode, 'bad-request', error.message));
    }
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: { type: error.name, code: error.code, message: error.message } }, 'database unavailable');
      reply.header('Retry-After', '5');
      return sendProblem(reply, problem(503, 'database-unavailable', 'The service is unavailable for a moment',
        'Nothing was stored. Try again in a few seconds.'));
    }
    request.log.error({ err: { type: error.name, code: error.code, message: error.message, stack: error.stack } }, 'request failed');
    return sendProblem(reply, problem(500, 'internal', 'Something went wrong on the server', 'Nothing was stored. Try again in a moment.'));
  });

  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, problem(404, 'not-found', 'Not found', `${request.method} ${request.url.split('?')[0]}`)),
  );
}
