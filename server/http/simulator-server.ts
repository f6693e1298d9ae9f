import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Server as HttpsServer } from 'node:https';

/**
 * What every bundled stand-in for a service outside our reach (the BankID simulator, the OIDC test provider, the SAML
 * test IdP, the Swedbank Pay and Swish simulators) needs of a plain Node HTTP server: a request body read with a limit,
 * and a close that does not wait for kept-alive connections.
 */

/** The body as text; a body over `maxBytes` is refused (and its connection dropped) rather than held in memory. */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Stops listening and ends the connections still open (a browser's kept-alive ones would hold close() for minutes). */
export function closeServer(server: HttpServer | HttpsServer | undefined): Promise<void> {
  if (!server) return Promise.resolve();
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
