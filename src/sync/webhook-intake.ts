import type { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';
import type { Logger } from '../common/logger';
import type { SecretBox } from '../common/secret-box';
import type { InboundWebhook, SignedContent, SourceConnector } from '../connectors/connector';
import { Connection } from '../entities';
import type { JobQueue } from '../jobs/job-queue';
import type { AppJob } from '../jobs/jobs';
import { openCredentials, type ConnectorFactory } from './connector-provider';

export interface WebhookAnswer {
  status: number;
  headers?: Record<string, string>;
  body: Record<string, unknown>;
}

const REFUSED: WebhookAnswer = { status: 401, body: { error: 'signature not accepted' } };
/** A replay is acknowledged, so the vendor stops retrying it, and does nothing. */
const REPLAYED: WebhookAnswer = { status: 200, body: { accepted: 0, replay: true } };

/**
 * How long the digest of a delivery nothing signed dates (Ashby, Greenhouse) is kept: longer
 * than either vendor's retry schedule (Greenhouse: ~15 h). A captured delivery replayed later is
 * taken once more per day at most.
 */
const UNDATED_REPLAY_WINDOW_MS = 24 * 60 * 60_000;
/** Digests of dated deliveries outlive their signature's tolerance by this (clocks differ). */
const CLOCK_SKEW_MS = 60_000;
/** Expired digests each new delivery deletes: more than it adds, so the table stays bounded. */
const EXPIRED_SWEEP_BATCH = 20;
/**
 * How long a delivery id is remembered: well past every vendor's retry schedule (Greenhouse's
 * is ~15 h), so a retried delivery is still known; older receipts are swept like digests.
 */
const RECEIPT_KEEP_DAYS = 7;

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
 * drops replays, answers fast and leaves the work to the queue. Unknown connections, missing or
 * bad signatures get the same 401 and change nothing. A replay (the vendor's delivery id seen
 * before, or the same signed bytes within the signature's tolerance, whatever the unsigned
 * headers say) gets a 200 and queues nothing.
 *
 * Vendors deliver one at a time per receiver, so the answer time bounds the event rate: the
 * connection and its secret are kept for a few seconds, and the replay checks are the digest's
 * and the receipt's own inserts, in one transaction with the queued job.
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
      if (!(await this.recordDigest(tx, connectionId, verdict.signed))) return false;
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
        'webhook replay acknowledged: nothing queued',
      );
      return REPLAYED;
    }
    return { status: 202, body: { accepted: events.length } };
  }

  /** Drops what is kept of a connection (its credentials changed, or it was removed). */
  forget(connectionId: string): void {
    this.receivers.delete(connectionId);
  }

  /**
   * True when these signed bytes are new for the connection (or their digest expired), false
   * for a replay. The same statement deletes a few expired digests of any connection.
   */
  private async recordDigest(
    tx: EntityManager,
    connectionId: string,
    signed: SignedContent,
  ): Promise<boolean> {
    const now = this.now();
    const expiresAt =
      signed.acceptedUntil === null
        ? now + UNDATED_REPLAY_WINDOW_MS
        : Math.max(signed.acceptedUntil, now) + CLOCK_SKEW_MS;
    // An expired digest not yet deleted counts as absent: its row is renewed. SKIP LOCKED: two
    // deliveries never wait on each other's sweep.
    const inserted = await tx.query<unknown[]>(
      `WITH swept AS (
         DELETE FROM webhook_digests d USING (
           SELECT connection_id, digest FROM webhook_digests
           WHERE expires_at <= $4 AND NOT (connection_id = $1 AND digest = $2)
           LIMIT ${EXPIRED_SWEEP_BATCH} FOR UPDATE SKIP LOCKED
         ) expired
         WHERE d.connection_id = expired.connection_id AND d.digest = expired.digest
       )
       INSERT INTO webhook_digests (connection_id, digest, expires_at) VALUES ($1, $2, $3)
       ON CONFLICT (connection_id, digest) DO UPDATE SET expires_at = EXCLUDED.expires_at
       WHERE webhook_digests.expires_at <= $4
       RETURNING 1`,
      [connectionId, signed.digest, new Date(expiresAt), new Date(now)],
    );
    return inserted.length > 0;
  }

  /**
   * True when this delivery is new (its receipt was written now), false for a replay. The same
   * statement deletes a few receipts of any connection older than RECEIPT_KEEP_DAYS.
   */
  private async recordReceipt(
    tx: EntityManager,
    connectionId: string,
    receiver: Receiver,
    deliveryKey: string,
  ): Promise<boolean> {
    const inserted = await tx.query<unknown[]>(
      `WITH swept AS (
         DELETE FROM webhook_receipts r USING (
           SELECT connection_id, delivery_key FROM webhook_receipts
           WHERE received_at < now() - interval '${RECEIPT_KEEP_DAYS} days'
             AND NOT (connection_id = $1 AND delivery_key = $2)
           LIMIT ${EXPIRED_SWEEP_BATCH} FOR UPDATE SKIP LOCKED
         ) old
         WHERE r.connection_id = old.connection_id AND r.delivery_key = old.delivery_key
       )
       INSERT INTO webhook_receipts (connection_id, delivery_key, organization_id)
       VALUES ($1, $2, $3)
       ON CONFLICT (connection_id, delivery_key) DO NOTHING
       RETURNING 1`,
      [connectionId, deliveryKey, receiver.organizationId],
    );
    return inserted.length > 0;
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
