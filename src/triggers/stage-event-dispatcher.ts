import type { DataSource } from 'typeorm';
import type { Logger } from '../common/logger';
import type { PubSub } from '../database/pg-pubsub';
import { stageTopic, type StageChangePayload, type StageWebhookBody } from './stage-events';

interface ClaimedEvent {
  id: string;
  organization_id: string;
  trigger_id: string;
  application_id: string;
  candidate_id: string;
  job_id: string;
  stage: string;
  previous_stage: string | null;
  occurred_at: Date;
  webhook_url: string | null;
  connection_id: string;
  provider: string;
  job_title: string;
  job_remote_id: string;
  application_remote_id: string;
  application_status: string;
  candidate_remote_id: string;
  candidate_name: string;
  emails: string[];
  phones: string[];
  linkedin_url: string | null;
}

const BATCH = 100;

/**
 * Takes new stage entries from the outbox (stage_change_events, written by the database with
 * the move itself), queues their webhook deliveries in the same transaction that marks them
 * published, then tells stageChanged subscribers. Woken by the database's NOTIFY; a slow poll
 * covers a missed one. Several workers split the outbox (SKIP LOCKED).
 */
export class StageEventDispatcher {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private listening: AsyncIterableIterator<unknown> | null = null;

  constructor(
    private readonly deps: {
      dataSource: DataSource;
      pubsub: PubSub;
      logger: Logger;
      /** Told when deliveries were queued (the delivery worker wakes). */
      onQueued: () => void;
      pollMs?: number;
    },
  ) {}

  start(): void {
    const events = this.deps.pubsub.subscribe<string>('stage-entries');
    this.listening = events;
    void (async () => {
      for await (const _organizationId of events) this.wake();
    })();
    this.timer = setInterval(() => this.wake(), this.deps.pollMs ?? 2000);
    this.timer.unref();
    this.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.listening?.return?.();
    await this.running;
  }

  /** Runs a dispatch pass now, or once more after the one running. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .catch((error: unknown) =>
        this.deps.logger.error({ err: error }, 'stage event dispatch failed'),
      )
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  private async drain(): Promise<void> {
    while (!this.stopped && (await this.dispatchBatch()) === BATCH) {
      // A full batch: more may be waiting.
    }
  }

  /** One batch: deliveries queued and events marked in one transaction, then published. */
  async dispatchBatch(): Promise<number> {
    const events = await this.deps.dataSource.transaction(async (tx) => {
      const rows = await tx.query<ClaimedEvent[]>(
        `SELECT e.id, e.organization_id, e.trigger_id, e.application_id, e.candidate_id, e.job_id,
                e.stage, e.previous_stage, e.occurred_at, t.webhook_url, t.connection_id,
                conn.provider, j.title AS job_title, j.remote_id AS job_remote_id,
                a.remote_id AS application_remote_id, a.status AS application_status,
                c.remote_id AS candidate_remote_id, c.full_name AS candidate_name,
                c.emails, c.phones, c.linkedin_url
         FROM stage_change_events e
         JOIN stage_triggers t ON t.id = e.trigger_id
         JOIN connections conn ON conn.id = t.connection_id
         JOIN jobs j ON j.id = e.job_id
         JOIN applications a ON a.id = e.application_id
         JOIN candidates c ON c.id = e.candidate_id
         WHERE e.published_at IS NULL
         ORDER BY e.created_at
         LIMIT ${BATCH}
         FOR UPDATE OF e SKIP LOCKED`,
      );
      for (const row of rows) {
        if (!row.webhook_url) continue;
        await tx.query(
          `INSERT INTO webhook_deliveries
             (organization_id, stage_trigger_id, event_id, url, event_type, payload, state, next_attempt_at)
           VALUES ($1, $2, $3, $4, 'application.stage_entered', $5, 'PENDING', now())
           ON CONFLICT (event_id) DO NOTHING`,
          [row.organization_id, row.trigger_id, row.id, row.webhook_url, webhookBody(row)],
        );
      }
      if (rows.length > 0) {
        await tx.query(
          'UPDATE stage_change_events SET published_at = now() WHERE id = ANY($1::uuid[])',
          [rows.map((r) => r.id)],
        );
      }
      return rows;
    });
    if (events.some((e) => e.webhook_url)) this.deps.onQueued();
    for (const event of events) {
      await this.deps.pubsub.publish(stageTopic(event.organization_id), toPayload(event));
    }
    return events.length;
  }
}

function toPayload(row: ClaimedEvent): StageChangePayload {
  return {
    id: row.id,
    triggerId: row.trigger_id,
    candidateId: row.candidate_id,
    applicationId: row.application_id,
    jobId: row.job_id,
    stage: row.stage,
    previousStage: row.previous_stage,
    occurredAt: new Date(row.occurred_at).toISOString(),
  };
}

/** What the partner receives: enough to act without calling back. */
function webhookBody(row: ClaimedEvent): StageWebhookBody {
  return {
    type: 'application.stage_entered',
    id: row.id,
    occurredAt: new Date(row.occurred_at).toISOString(),
    trigger: { id: row.trigger_id, stage: row.stage, jobId: row.job_id },
    connection: { id: row.connection_id, provider: row.provider },
    job: { id: row.job_id, remoteId: row.job_remote_id, title: row.job_title },
    application: {
      id: row.application_id,
      remoteId: row.application_remote_id,
      stage: row.stage,
      previousStage: row.previous_stage,
      status: row.application_status,
    },
    candidate: {
      id: row.candidate_id,
      remoteId: row.candidate_remote_id,
      name: row.candidate_name,
      emails: row.emails,
      phones: row.phones,
      linkedinUrl: row.linkedin_url,
    },
  };
}
