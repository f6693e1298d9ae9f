import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
}

export interface WebhookReceiver {
  /** Where to send: http://127.0.0.1:<port>/hook. */
  url: string;
  /** Every POST, in the order it came. */
  received: ReceivedWebhook[];
  /** The caseId of each POST, in order (one id twice means a case was told twice). */
  caseIds(): string[];
  close(): Promise<void>;
}

/**
 * A municipality's case system on loopback, for the webhook tests: answers each POST with the next
 * status in `answers`, then `otherwise` (204).
 */
export async function webhookReceiver(answers: number[] = [], otherwise = 204): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      response.statusCode = answers.shift() ?? otherwise;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    caseIds: () => received.map((one) => (JSON.parse(one.body) as { caseId: string }).caseId),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
