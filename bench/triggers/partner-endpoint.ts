import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { z } from 'zod';

/** One delivery as the partner saw it. */
export interface Receipt {
  /** The hook path it was POSTed to (one per trigger). */
  hook: string;
  /** The `webhook-id` header: the same on every attempt of one event. */
  webhookId: string;
  /** When the whole body had arrived (epoch ms, sub-ms precision). */
  receivedAt: number;
  /** The verified payload's fields the bench matches on; null when the signature failed. */
  event: { id: string; applicationRemoteId: string; stage: string } | null;
  verifyError: string | null;
}

/** A partner's webhook endpoints on loopback, one path per trigger, each with its own secret. */
export interface PartnerEndpoint {
  /** The URL to give the trigger watching `hook`. */
  urlFor(hook: string): string;
  /** The signing secret createStageTrigger answered for the trigger posting to `hook`. */
  setSecret(hook: string, secret: string): void;
  /** How long to wait before answering 200 (0 answers at once). */
  setAnswerDelay(ms: number): void;
  readonly receipts: readonly Receipt[];
  /** Called on every receipt, verified or not, before the answer. */
  onReceipt(listener: (receipt: Receipt) => void): void;
  /** The most deliveries in flight at once (received, not yet answered) since the last call. */
  takePeakInFlight(): number;
  close(): Promise<void>;
}

/** The fields of `StageWebhookBody` (src/triggers/stage-events.ts) the bench needs. */
const StageEntered = z.object({
  type: z.literal('application.stage_entered'),
  id: z.string(),
  application: z.object({ remoteId: z.string(), stage: z.string() }),
});

/**
 * Verifies every delivery with the `standardwebhooks` package (an implementation independent of
 * the app's) and answers 400 when it does not verify, as a partner would; a verified one is
 * answered 200 after the configured delay.
 */
export async function startPartnerEndpoint(): Promise<PartnerEndpoint> {
  const secrets = new Map<string, Webhook>();
  const receipts: Receipt[] = [];
  const listeners: ((receipt: Receipt) => void)[] = [];
  let answerDelayMs = 0;
  let inFlight = 0;
  let peakInFlight = 0;

  const handle = (req: IncomingMessage, res: ServerResponse, body: string): void => {
    const hook = /^\/hooks\/([\w-]+)$/.exec(req.url ?? '')?.[1] ?? '';
    const header = (name: string): string => String(req.headers[name] ?? '');
    const receipt: Receipt = {
      hook,
      webhookId: header('webhook-id'),
      receivedAt: performance.timeOrigin + performance.now(),
      event: null,
      verifyError: null,
    };
    try {
      const verifier = secrets.get(hook);
      if (!verifier) throw new Error(`no secret for hook "${hook}"`);
      const payload = StageEntered.parse(
        verifier.verify(body, {
          'webhook-id': receipt.webhookId,
          'webhook-timestamp': header('webhook-timestamp'),
          'webhook-signature': header('webhook-signature'),
        }),
      );
      receipt.event = {
        id: payload.id,
        applicationRemoteId: payload.application.remoteId,
        stage: payload.application.stage,
      };
    } catch (error) {
      receipt.verifyError = error instanceof Error ? error.message : String(error);
    }
    receipts.push(receipt);
    for (const listener of listeners) listener(receipt);
    const answer = (): void => {
      res.writeHead(receipt.event ? 200 : 400).end();
    };
    if (receipt.event && answerDelayMs > 0) setTimeout(answer, answerDelayMs);
    else answer();
  };

  const server = createServer((req, res) => {
    peakInFlight = Math.max(peakInFlight, ++inFlight);
    res.once('close', () => inFlight--);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    urlFor: (hook) => `${base}/hooks/${hook}`,
    setSecret: (hook, secret) => secrets.set(hook, new Webhook(secret)),
    setAnswerDelay: (ms) => (answerDelayMs = ms),
    receipts,
    onReceipt: (listener) => listeners.push(listener),
    takePeakInFlight: () => {
      const peak = peakInFlight;
      peakInFlight = inFlight;
      return peak;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
