import type { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';
import type { Logger } from '../common/logger';
import type { SecretBox } from '../common/secret-box';
import type { InboundWebhook, SourceConnector } from '../connectors/connector';
import { Connection, WebhookReceipt } from '../entities';
import type { JobQueue } from '../jobs/job-queue';
import type { AppJob } from '../jobs/jobs';
import { openCredentials, type ConnectorFactory } from './connector-provider';

export interface WebhookAnswer {
  status: number;
  headers?: Record<string, string>;
  body: Record<string, unknown>;
}

const REFUSED: WebhookAnswer = { status: 401, body: { error: 'signature not accepted' } };

/**
 * How long a connection's webhook secret is reused before it is read again. Changes made through
 * this process are seen at once (`forget`); with several API processes, another process's
 * removal or rotation is seen within this time (the applier drops events of a removed
 * connection).
 */
const CONNECTION_TTL_MS = 5_000;

interface Receiver {
  organizationId: string;
  secret: string | null;
  parse: SourceConnector['parseWebhook'];
  expiresAt: number;
}

/**
 * POST /webhooks/{connectionId}: checks the vendor's signature with the connection's secret,
 * refuses replays, answers fast and leaves the work to the queue. Unknown connections, missing
 * or bad signatures and replays all get the same 401 and change nothing.
 *
 * Vendors deliver one at a time per receiver, so the answer time bounds the event rate: the
 * connection and its secret are kept for a few seconds, and the replay check is the receipt's
 * own insert, in one transaction with the queued job.
 */
export class WebhookIntake {
  private readonly receivers = new Map<string, Receiver>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly secrets: SecretBox,
    private readonly connectors: ConnectorFactory,
    private readonly queue: JobQueue<AppJob>,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  async receive(connectionId: string, webhook: InboundWebhook): Promise<WebhookAnswer> {
    if (!z.uuid().safeParse(connectionId).success) return REFUSED;
    let receiver = await this.receiver(connectionId);
    if (!receiver) return REFUSED;
    let verdict = receiver.parse(webhook, receiver.secret ?? '');
    if (!verdict.ok && receiver.cached) {
      // The secret may have changed since it was kept (rotated, or just stored): read it again.
      this.receivers.delete(connectionId);
      receiver = await this.receiver(connectionId);
      if (!receiver) return REFUSED;
      verdict = receiver.parse(webhook, receiver.secret ?? '');
    }
    // A subscription handshake (SmartRecruiters) comes before any secret exists; it only echoes
    // a header back, so it is answered as it is.
    if (verdict.ok && 'handshake' in verdict)
      return { status: 200, headers: verdict.handshake.headers, body: { ok: true } };
    if (!receiver.secret) {
      this.logger.warn({ connectionId }, 'webhook refused: the connection has no webhook secret');
      return REFUSED;
    }
    if (!verdict.ok) {
      this.logger.warn({ connectionId, reason: verdict.reason }, 'webhook refused');
      return REFUSED;
    }

    const deliveryKey = verdict.deliveryId?.slice(0, 200) ?? null;
    const events = verdict.events.filter((e) => e.kind !== 'ping');
    // The receipt and the job commit together: a crash between them can neither lose the
    // event (a receipt without its job would refuse the vendor's retry as a replay) nor queue
    // it twice. One commit, so one WAL flush per delivery.
    const accepted = await this.dataSource.transaction(async (tx) => {
      if (deliveryKey && !(await this.recordReceipt(tx, connectionId, receiver, deliveryKey)))
        return false;
      if (events.length > 0) {
        await this.queue.send(
          { type: 'apply-webhook', connectionId, events },
          { retryLimit: 5, transaction: tx },
        );
      }
      return true;
    });
    if (!accepted) {
      this.logger.warn(
        { connectionId, deliveryId: deliveryKey },
        'webhook refused: replayed delivery',
      );
      return REFUSED;
    }
    return { status: 202, body: { accepted: events.length } };
  }

  /** Drops what is kept of a connection (its credentials changed, or it was removed). */
  forget(connectionId: string): void {
    this.receivers.delete(connectionId);
  }

  /** True when this delivery is new (its receipt was written now), false for a replay. */
  private async recordReceipt(
    tx: EntityManager,
    connectionId: string,
    receiver: Receiver,
    deliveryKey: string,
  ): Promise<boolean> {
    const inserted = await tx
      .createQueryBuilder()
      .insert()
      .into(WebhookReceipt)
      .values({ connectionId, deliveryKey, organizationId: receiver.organizationId })
      .orIgnore()
      .returning(['connectionId'])
      .execute();
    return (inserted.raw as unknown[]).length > 0;
  }

  private async receiver(connectionId: string): Promise<(Receiver & { cached: boolean }) | null> {
    const cached = this.receivers.get(connectionId);
    if (cached && cached.expiresAt > this.now()) return { ...cached, cached: true };
    const connection = await this.dataSource
      .getRepository(Connection)
      .findOneBy({ id: connectionId });
    if (!connection) {
      this.receivers.delete(connectionId);
      return null;
    }
    const credentials = openCredentials(this.secrets, connection);
    const connector = this.connectors(connection, credentials, {});
    const receiver: Receiver = {
      organizationId: connection.organizationId,
      secret: credentials['webhookSecret'] ?? null,
      parse: (webhook, secret) => connector.parseWebhook(webhook, secret),
      expiresAt: this.now() + CONNECTION_TTL_MS,
    };
    if (this.receivers.size > 10_000) this.receivers.clear();
    if (receiver.secret) this.receivers.set(connectionId, receiver);
    return { ...receiver, cached: false };
  }
}
