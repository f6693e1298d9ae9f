import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { describe, it } from 'node:test';
import { startServer } from '../support/start-server.mjs';

describe('stopping the server', () => {
  it('ends within seconds of SIGTERM, even with a browser’s keep-alive connection open that had a request under way', async () => {
    const server = await startServer();
    const { hostname, port } = new URL(server.url);
    const socket = connect(Number(port), hostname);
    await new Promise((resolve) => socket.once('connect', resolve));
    // A request under way when the stop begins: its headers read, its body not yet all sent.
    socket.write('POST /api/cases HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\nContent-Type: application/json\r\nX-Requested-With: e-service-kit\r\nContent-Length: 2\r\n\r\n{');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const answered = new Promise<string>((resolve) => socket.once('data', (chunk) => resolve(chunk.toString())));
    const started = Date.now();
    const stopped = server.stop();
    await new Promise((resolve) => setTimeout(resolve, 300));
    socket.write('}');
    assert.match(await answered, /^HTTP\/1\.1 [2-4]\d\d/, 'the request under way is answered');
    await stopped;
    const seconds = (Date.now() - started) / 1000;
    socket.destroy();
    assert.ok(seconds < 12, `stopped after ${seconds.toFixed(1)} s (the keep-alive connection must not hold it)`);
  });
});
