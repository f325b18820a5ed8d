import type { DataSource } from 'typeorm';
import { guardedPost, type PostOutcome } from '../common/guarded-post';
import type { Logger } from '../common/logger';
import type { OutboundPolicy } from '../common/outbound-guard';
import type { SecretBox } from '../common/secret-box';
import type { DeliveryAttempt } from '../entities/webhook-delivery.entity';
import { signatureHeaders } from './webhook-signature';

export interface DeliverySettings {
  /** Seconds before attempt 2, 3, …; past the last, the delivery gives up (about 3 days). */
  retrySchedule: number[];
  timeoutMs: number;
  outbound: OutboundPolicy;
  /** Deliveries in flight per process. */
  concurrency: number;
}

interface DueDelivery {
  id: string;
  event_id: string | null;
  stage_trigger_id: string | null;
  url: string;
  payload: Record<string, unknown>;
  attempts: number;
  attempt_log: DeliveryAttempt[];
  secret_ciphertext: string | null;
  active: boolean | null;
}

/**
 * Delivers queued partner webhooks (webhook_deliveries is the durable queue): signed with the
 * trigger's secret, one `webhook-id` per event across every attempt, no redirects, a timeout per
 * attempt, retried on the configured schedule with jitter (a later Retry-After wins) until a
 * 2xx; 410 disables the trigger. A delivery is leased before it is sent, so a process killed
 * mid-delivery leaves it due again once the lease runs out: it is sent again, same id.
 */
export class WebhookDeliveryWorker {
  private timer: NodeJS.Timeout | null = null;
  private claiming: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  /** Deliveries in flight: each ends on its own, so one hanging partner holds one slot only. */
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly deps: {
      dataSource: DataSource;
      secrets: SecretBox;
      logger: Logger;
      settings: DeliverySettings;
      pollMs?: number;
      clock?: () => number;
    },
  ) {}

  start(): void {
    this.timer = setInterval(() => this.wake(), this.deps.pollMs ?? 1000);
    this.timer.unref();
    this.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.claiming;
    await Promise.allSettled([...this.inFlight]);
  }

  /** Fills the free delivery slots (a sliding window, not batch by batch). */
  wake(): void {
    if (this.stopped) return;
    if (this.claiming) {
      this.again = true;
      return;
    }
    this.claiming = this.fill()
      .catch((error: unknown) => this.deps.logger.error({ err: error }, 'webhook delivery failed'))
      .finally(() => {
        this.claiming = null;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  private async fill(): Promise<void> {
    while (!this.stopped) {
      const free = this.deps.settings.concurrency - this.inFlight.size;
      if (free <= 0) return;
      const due = await this.claim(free);
      if (due.length === 0) return;
      for (const delivery of due) {
        const running = this.deliver(delivery)
          .catch((error: unknown) =>
            this.deps.logger.error(
              { err: error, deliveryId: delivery.id },
              'webhook delivery failed',
            ),
          )
          .finally(() => {
            this.inFlight.delete(running);
            this.wake();
          });
        this.inFlight.add(running);
      }
    }
  }

  /** Leases due deliveries: no other worker takes them until the lease runs out. */
  private async claim(limit: number): Promise<DueDelivery[]> {
    // Long enough for one attempt to end; a killed sender's delivery is due again after it.
    const leaseSeconds = Math.ceil((this.deps.settings.timeoutMs * 2) / 1000) + 5;
    return this.deps.dataSource.query<DueDelivery[]>(
      `WITH due AS (
         SELECT id FROM webhook_deliveries
         WHERE state = 'PENDING' AND next_attempt_at <= now()
         ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED
       ), claimed AS (
         UPDATE webhook_deliveries d
         SET next_attempt_at = now() + make_interval(secs => $2), attempts = d.attempts + 1,
             updated_at = now()
         FROM due WHERE d.id = due.id
         RETURNING d.id, d.event_id, d.stage_trigger_id, d.url, d.payload, d.attempts, d.attempt_log
       )
       SELECT c.*, t.secret_ciphertext, t.active
       FROM claimed c LEFT JOIN stage_triggers t ON t.id = c.stage_trigger_id`,
      [limit, leaseSeconds],
    );
  }

  private async deliver(delivery: DueDelivery): Promise<void> {
    const at = new Date(this.now());
    if (!delivery.active || !delivery.secret_ciphertext) {
      await this.finish(delivery, 'FAILED', { status: null, error: 'the trigger is disabled' }, at);
      return;
    }
    const body = JSON.stringify(delivery.payload);
    const id = `msg_${delivery.event_id ?? delivery.id}`;
    const headers = signatureHeaders(
      this.deps.secrets.open(delivery.secret_ciphertext),
      id,
      Math.floor(at.getTime() / 1000),
      body,
    );
    const answer = await guardedPost(delivery.url, headers, body, {
      ...this.deps.settings.outbound,
      timeoutMs: this.deps.settings.timeoutMs,
    });
    const attempt = { status: answer.status, error: describe(answer) };
    if (answer.status !== null && answer.status >= 200 && answer.status < 300) {
      await this.finish(delivery, 'DELIVERED', attempt, at);
      return;
    }
    if (answer.status === 410) {
      await this.finish(delivery, 'FAILED', attempt, at);
      await this.deps.dataSource.query(
        `UPDATE stage_triggers SET active = false, disabled_reason = $2, updated_at = now() WHERE id = $1`,
        [delivery.stage_trigger_id, `the partner answered 410 Gone at ${at.toISOString()}`],
      );
      return;
    }
    const wait = this.nextWait(delivery.attempts, answer);
    if (wait === null) {
      await this.finish(delivery, 'FAILED', attempt, at);
      return;
    }
    await this.record(delivery, attempt, at, new Date(at.getTime() + wait));
  }

  /** Milliseconds to the next attempt, or null when the schedule is spent. */
  private nextWait(attemptsMade: number, answer: PostOutcome): number | null {
    const schedule = this.deps.settings.retrySchedule;
    const base = schedule[attemptsMade - 1];
    if (base === undefined) return null;
    const jittered = base * 1000 * (0.9 + Math.random() * 0.2);
    const retryAfter = retryAfterMs(answer.headers['retry-after']);
    return Math.max(jittered, retryAfter ?? 0);
  }

  private async finish(
    delivery: DueDelivery,
    state: 'DELIVERED' | 'FAILED',
    attempt: { status: number | null; error: string | null },
    at: Date,
  ): Promise<void> {
    await this.deps.dataSource.query(
      `UPDATE webhook_deliveries SET state = $2, last_status = $3, last_error = $4,
         attempt_log = attempt_log || $5::jsonb, next_attempt_at = NULL,
         delivered_at = $6, updated_at = now()
       WHERE id = $1`,
      [
        delivery.id,
        state,
        attempt.status,
        attempt.error,
        JSON.stringify([logEntry(delivery, attempt, at)]),
        state === 'DELIVERED' ? at : null,
      ],
    );
  }

  private async record(
    delivery: DueDelivery,
    attempt: { status: number | null; error: string | null },
    at: Date,
    next: Date,
  ): Promise<void> {
    await this.deps.dataSource.query(
      `UPDATE webhook_deliveries SET last_status = $2, last_error = $3,
         attempt_log = attempt_log || $4::jsonb, next_attempt_at = $5, updated_at = now()
       WHERE id = $1`,
      [
        delivery.id,
        attempt.status,
        attempt.error,
        JSON.stringify([logEntry(delivery, attempt, at)]),
        next,
      ],
    );
  }

  private now(): number {
    return this.deps.clock?.() ?? Date.now();
  }
}

function logEntry(
  delivery: DueDelivery,
  attempt: { status: number | null; error: string | null },
  at: Date,
): DeliveryAttempt {
  return {
    attempt: delivery.attempts,
    status: attempt.status,
    error: attempt.error,
    at: at.toISOString(),
  };
}

function describe(answer: PostOutcome): string | null {
  if (answer.error) return answer.error.slice(0, 300);
  if (answer.status !== null && (answer.status < 200 || answer.status >= 300))
    return `HTTP ${answer.status}`;
  return null;
}

function retryAfterMs(value: string | undefined): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}
