/**
 * Delivers signed webhook requests in the background, in order per receiver, with retries on a
 * scaled-down schedule (vendors wait minutes to hours; tests cannot), and logs every attempt.
 */
import { randomUUID } from 'node:crypto';

/** One attempt to deliver one webhook. */
export interface WebhookDelivery {
  id: string;
  receiverId: string;
  url: string;
  /** The vendor's event name (`applicationUpdate`, `candidate_stage_change`, `candidate.deleted`). */
  event: string;
  attempt: number;
  /** Response status, or null when the request failed (refused, timed out). */
  status: number | null;
  ok: boolean;
  error: string | null;
  requestHeaders: Record<string, string>;
  body: string;
  responseHeaders: Record<string, string>;
  responseBody: string;
  sentAt: number;
  durationMs: number;
}

export interface OutgoingWebhook {
  receiverId: string;
  url: string;
  event: string;
  body: string;
  headers: Record<string, string>;
}

/** How deliveries are retried. */
export interface WebhookRetryOptions {
  /** Attempts in total, first one included. Default 3. */
  maxAttempts?: number;
  /** Delay before retry n (1-based) is `baseDelayMs * 2^(n-1)`. Default 50. */
  baseDelayMs?: number;
  /** Per-attempt timeout. Default 5000 (SmartRecruiters expects an answer within 5 s). */
  timeoutMs?: number;
}

/** The delivery log and a way to wait for it to settle. */
export interface WebhookLog {
  readonly deliveries: readonly WebhookDelivery[];
  /** Resolves once every queued delivery (and its retries) has finished. */
  flush(): Promise<void>;
}

export interface PostResult {
  status: number | null;
  headers: Record<string, string>;
  body: string;
  error: string | null;
  durationMs: number;
}

export async function postJson(
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<PostResult> {
  const started = Date.now();
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers,
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    const responseHeaders: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      responseHeaders[name] = value;
    });
    return {
      status: response.status,
      headers: responseHeaders,
      body: text,
      error: null,
      durationMs: Date.now() - started,
    };
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return {
      status: null,
      headers: {},
      body: '',
      error: message,
      durationMs: Date.now() - started,
    };
  }
}

export class WebhookSender implements WebhookLog {
  readonly deliveries: WebhookDelivery[] = [];
  private readonly queues = new Map<string, Promise<void>>();
  private readonly pending = new Set<Promise<void>>();
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly timeoutMs: number;

  constructor(
    options: WebhookRetryOptions,
    /** Statuses the vendor never retries (Ashby: 401, 403, 404, 405, 410). */
    private readonly noRetryStatuses: ReadonlySet<number> = new Set(),
  ) {
    this.maxAttempts = options.maxAttempts ?? 3;
    this.baseDelayMs = options.baseDelayMs ?? 50;
    this.timeoutMs = options.timeoutMs ?? 5000;
  }

  /** Queues a delivery behind earlier ones to the same URL, so each receiver sees them in order. */
  send(hook: OutgoingWebhook): void {
    const previous = this.queues.get(hook.url) ?? Promise.resolve();
    const next = previous.then(() => this.deliver(hook));
    this.queues.set(hook.url, next);
    this.pending.add(next);
    void next.finally(() => this.pending.delete(next));
  }

  async flush(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  private async deliver(hook: OutgoingWebhook): Promise<void> {
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      const sentAt = Date.now();
      const result = await postJson(hook.url, hook.headers, hook.body, this.timeoutMs);
      const ok = result.status !== null && result.status >= 200 && result.status < 300;
      this.deliveries.push({
        id: randomUUID(),
        receiverId: hook.receiverId,
        url: hook.url,
        event: hook.event,
        attempt,
        status: result.status,
        ok,
        error: result.error,
        requestHeaders: hook.headers,
        body: hook.body,
        responseHeaders: result.headers,
        responseBody: result.body,
        sentAt,
        durationMs: result.durationMs,
      });
      if (ok || (result.status !== null && this.noRetryStatuses.has(result.status))) return;
      if (attempt < this.maxAttempts) {
        await new Promise((resolve) => setTimeout(resolve, this.baseDelayMs * 2 ** (attempt - 1)));
      }
    }
  }
}
