import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { BankIdClient, BankIdConnectionError } from '../../server/eid/bankid-client.js';
import { createPki } from '../../server/eid/simulator/certs.js';

/**
 * BankID's API over a kept-alive connection that the other side closes just as the client reuses it — what a
 * server does with an idle connection at its keep-alive timeout: the request never reached it, so the client sends
 * it once more on a new connection. A connection dropped on its first request is not asked again.
 */
describe('the BankID client on a kept-alive connection', () => {
  const pki = createPki();
  let server: Server;
  let client: BankIdClient;
  let requests = 0;
  /** drop: every request dropped; reused: a connection's second request dropped. */
  let mode: 'reused' | 'drop' = 'reused';
  const served = new WeakSet<Socket>();

  before(async () => {
    server = createServer({ key: pki.serverKey, cert: pki.serverCert, ca: pki.caCert, requestCert: true, rejectUnauthorized: false }, (request, response) => {
      requests++;
      if (mode === 'drop' || served.has(request.socket)) return void request.socket.destroy();
      served.add(request.socket);
      request.resume();
      request.on('end', () => response.writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ orderRef: `order-${requests}`, autoStartToken: 'a', qrStartToken: 'q', qrStartSecret: 's' })));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    client = new BankIdClient({ baseUrl: `https://127.0.0.1:${(server.address() as AddressInfo).port}`, pfx: pki.clientPfx, passphrase: pki.passphrase, ca: pki.caCert });
  });
  after(async () => {
    client.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it('sends a request again on a new connection when the kept-alive one is reset as it is reused', async () => {
    requests = 0;
    assert.equal((await client.auth({ endUserIp: '192.0.2.1' })).orderRef, 'order-1');
    // The same connection again: dropped; asked once more on a new one, which answers.
    assert.equal((await client.auth({ endUserIp: '192.0.2.1' })).orderRef, 'order-3');
    assert.equal(requests, 3);
  });

  it('does not ask again when a new connection is dropped: BankID could not be reached', async () => {
    client.close();
    client = new BankIdClient({ baseUrl: `https://127.0.0.1:${(server.address() as AddressInfo).port}`, pfx: pki.clientPfx, passphrase: pki.passphrase, ca: pki.caCert });
    mode = 'drop';
    requests = 0;
    await assert.rejects(client.auth({ endUserIp: '192.0.2.1' }), BankIdConnectionError);
    assert.equal(requests, 1);
  });
});
