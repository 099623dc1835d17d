import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type Stripe from 'stripe';

export interface ReceivedWebhook {
  /** Date.now() when the body had arrived. */
  at: number;
  /** The body exactly as sent: what stripe.webhooks.constructEvent verifies. */
  raw: string;
  headers: http.IncomingHttpHeaders;
  event: Stripe.Event;
}

/**
 * A webhook endpoint on loopback for tests: records every POST and answers with the status
 * `answer` gives (200 by default). close() also drops kept-alive connections.
 */
export async function webhookReceiver(answer: (n: number, event: Stripe.Event) => number = () => 200) {
  const received: ReceivedWebhook[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const event = JSON.parse(raw) as Stripe.Event;
      received.push({ at: Date.now(), raw, headers: req.headers, event });
      res.writeHead(answer(received.length, event), { 'content-type': 'application/json' }).end('{"received":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`,
    received,
    of: (type: string, objectId: string) => received.filter((r) => r.event.type === type && (r.event.data.object as { id?: string }).id === objectId),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
