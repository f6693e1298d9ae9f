import type { IncomingMessage, ServerResponse } from 'node:http';
import { inputError, unsupportedMediaType, type Problem } from './problems.js';
import { readBody } from '../../../http/simulator-server.js';

/** The simulator's HTTP plumbing: media types, bodies and answers the way Swedbank Pay labels them. */

const MAX_BODY = 64 * 1024;

/**
 * v3.1 is chosen by the media type ("you must specify the API via the headers by including version=3.1":
 * Content-Type for POST, PATCH and PUT, Accept for GET). Without it Swedbank Pay would answer as v3.0/v2,
 * which this simulator does not speak. A body must be JSON.
 */
export function checkVersion(req: IncomingMessage): Problem | undefined {
  const hasBody = req.method === 'POST' || req.method === 'PATCH' || req.method === 'PUT';
  const contentType = req.headers['content-type'] ?? '';
  if (hasBody && contentType.split(';')[0]!.trim().toLowerCase() !== 'application/json') return unsupportedMediaType();
  const declared = hasBody ? [contentType] : [contentType, req.headers.accept ?? ''];
  const speaks31 = declared.some((header) => /(^|[;,\s])version\s*=\s*3\.1(\s*[;,]|\s*$)/i.test(header));
  if (speaks31) return undefined;
  return inputError([
    { name: hasBody ? 'Content-Type' : 'Accept', description: 'Send version=3.1 in the media type (application/json;version=3.1): the simulator speaks v3.1 only.' },
  ]);
}

/** A request body as text, at most 64 kB (the payer's form, a JSON request). */
export const readRequestBody = (req: IncomingMessage) => readBody(req, MAX_BODY);

export async function jsonBody(req: IncomingMessage): Promise<{ json: unknown } | { problem: Problem }> {
  try {
    return { json: JSON.parse(await readBody(req, MAX_BODY)) as unknown };
  } catch {
    return { problem: inputError([{ name: 'Body', description: 'The body is not valid JSON (or larger than 64 kB).' }]) };
  }
}


/** JSON as Swedbank Pay labels it: v3.1 for resources, problem+json for refusals. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': status >= 400 ? 'application/problem+json; charset=utf-8' : 'application/json; charset=utf-8; version=3.1',
    'api-supported-versions': '3.1',
    'content-length': Buffer.byteLength(payload),
    'cache-control': 'no-store',
  });
  res.end(payload);
}

export function sendText(res: ServerResponse, status: number, type: string, text: string): void {
  res.writeHead(status, {
    'content-type': `${type}; charset=utf-8`,
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    // The menu's URL is the order's secret: keep it out of the Referer sent to completeUrl.
    'referrer-policy': 'no-referrer',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    'x-content-type-options': 'nosniff',
  });
  res.end(text);
}

/** 303 after the form's POST: the browser GETs the merchant's page, as after Swedbank Pay's menu. */
export function redirect(res: ServerResponse, location: string): void {
  res.writeHead(303, { location, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer', 'content-length': 0 });
  res.end();
}
