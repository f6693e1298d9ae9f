import { createConnection } from 'node:net';
import type { Database } from '../../../server/store/database.js';

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * One HTTP/1.1 request over a socket, with the request target exactly as given: `/%61pi/cases`,
 * `http://evil.example/api/cases`, `/api/cases#x` reach the server unchanged (inject() and fetch
 * would tidy some of them up first).
 */
export function wire(port: number, method: string, target: string, headers: Record<string, string> = {}, body: Buffer | string = ''): Promise<WireResponse> {
  const payload = Buffer.isBuffer(body) ? body : Buffer.from(body);
  const head = [`${method} ${target} HTTP/1.1`, `Host: 127.0.0.1:${port}`, 'Connection: close',
    ...(method === 'GET' || method === 'HEAD' ? [] : [`Content-Length: ${payload.length}`]),
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`)].join('\r\n');
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = createConnection({ port, host: '127.0.0.1' }, () => {
      // Not end(): a half-closed socket may be dropped before a slow answer is written. Connection: close ends it.
      socket.write(Buffer.concat([Buffer.from(`${head}\r\n\r\n`), payload]));
    });
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [top = '', ...rest] = text.split('\r\n\r\n');
      const [statusLine = '', ...lines] = top.split('\r\n');
      const status = Number(statusLine.split(' ')[1]);
      if (!Number.isInteger(status)) return reject(new Error(`no HTTP answer to ${method} ${target}: ${JSON.stringify(text.slice(0, 200))}`));
      const parsed: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(':');
        parsed[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({ status, headers: parsed, body: rest.join('\r\n\r\n') });
    });
  });
}

/**
 * A digest of every row of every table: equal before and after means nothing was stored, changed or deleted.
 * Not rate_limits: it counts every request to a limited route, refused or not, as it must.
 */
export async function fingerprint(db: Database): Promise<Record<string, string>> {
  const { rows: tables } = await db.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> 'rate_limits' ORDER BY table_name`);
  const result: Record<string, string> = {};
  for (const { name } of tables) {
    const { rows } = await db.query<{ digest: string }>(
      `SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS digest FROM "${name}" t`);
    result[name] = rows[0]!.digest;
  }
  return result;
}
