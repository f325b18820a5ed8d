import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/**
 * A partner app's webhook endpoint on loopback. It checks every delivery's signature with the
 * `standardwebhooks` verifier (an implementation independent of ours) and can be told to answer
 * 500, 429 with Retry-After, 410, or to hang.
 */
export type PartnerAnswer =
  | { status: 200 | 204 | 500 | 503 | 410 }
  | { status: 429; retryAfterSeconds: number }
  | { hang: true };

export interface ReceivedDelivery {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The verified payload, or null when the signature did not verify. */
  verified: Record<string, unknown> | null;
  verifyError: string | null;
  answeredWith: number | null;
  at: number;
}

export interface PartnerReceiver {
  url: string;
  received: ReceivedDelivery[];
  /** Deliveries whose signature verified. */
  verified(): ReceivedDelivery[];
  /** Answers for the next deliveries, in order; then 200. */
  script(...answers: PartnerAnswer[]): void;
  setSecret(secret: string): void;
  until(check: (received: ReceivedDelivery[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startPartnerReceiver(): Promise<PartnerReceiver> {
  const received: ReceivedDelivery[] = [];
  const answers: PartnerAnswer[] = [];
  let secret: string | null = null;
  const hanging = new Set<() => void>();
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      let verified: Record<string, unknown> | null = null;
      let verifyError: string | null = null;
      try {
        if (!secret) throw new Error('no secret set');
        verified = new Webhook(secret).verify(body, {
          'webhook-id': String(req.headers['webhook-id'] ?? ''),
          'webhook-timestamp': String(req.headers['webhook-timestamp'] ?? ''),
          'webhook-signature': String(req.headers['webhook-signature'] ?? ''),
        }) as Record<string, unknown>;
      } catch (error) {
        verifyError = (error as Error).message;
      }
      const answer = answers.shift() ?? { status: 200 };
      const entry: ReceivedDelivery = {
        path: req.url ?? '',
        headers: req.headers,
        body,
        verified,
        verifyError,
        answeredWith: 'status' in answer ? answer.status : null,
        at: Date.now(),
      };
      received.push(entry);
      if ('hang' in answer) {
        hanging.add(() => res.destroy());
        return;
      }
      const headers: Record<string, string> =
        answer.status === 429 ? { 'retry-after': String(answer.retryAfterSeconds) } : {};
      res.writeHead(answer.status, headers);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/rediscover`;
  return {
    url,
    received,
    verified: () => received.filter((r) => r.verified !== null),
    script: (...next) => answers.push(...next),
    setSecret: (value) => (secret = value),
    until: async (check, timeoutMs = 20_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!check(received)) {
        if (Date.now() > deadline)
          throw new Error(
            `partner never saw what was expected; got ${received.length}: ${JSON.stringify(received.map((r) => [r.answeredWith, r.verifyError]))}`,
          );
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    close: async () => {
      for (const hang of hanging) hang();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(() => resolve(undefined)));
    },
  };
}
