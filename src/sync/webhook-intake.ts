import type { DataSource } from 'typeorm';
import { z } from 'zod';
import type { Logger } from '../common/logger';
import type { SecretBox } from '../common/secret-box';
import type { InboundWebhook } from '../connectors/connector';
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
 * POST /webhooks/{connectionId}: checks the vendor's signature with the connection's secret,
 * refuses replays, answers fast and leaves the work to the queue. Unknown connections, missing
 * or bad signatures and replays all get the same 401 and change nothing.
 */
export class WebhookIntake {
  constructor(
    private readonly dataSource: DataSource,
    private readonly secrets: SecretBox,
    private readonly connectors: ConnectorFactory,
    private readonly queue: JobQueue<AppJob>,
    private readonly logger: Logger,
  ) {}

  async receive(connectionId: string, webhook: InboundWebhook): Promise<WebhookAnswer> {
    if (!z.uuid().safeParse(connectionId).success) return REFUSED;
    const connection = await this.dataSource
      .getRepository(Connection)
      .findOneBy({ id: connectionId });
    if (!connection) return REFUSED;
    const credentials = openCredentials(this.secrets, connection);
    const secret = credentials['webhookSecret'] ?? null;
    const verdict = this.connectors(connection, credentials, {}).parseWebhook(
      webhook,
      secret ?? '',
    );
    // A subscription handshake (SmartRecruiters) comes before any secret exists; it only echoes
    // a header back, so it is answered as it is.
    if (verdict.ok && 'handshake' in verdict)
      return { status: 200, headers: verdict.handshake.headers, body: { ok: true } };
    if (!secret) {
      this.logger.warn({ connectionId }, 'webhook refused: the connection has no webhook secret');
      return REFUSED;
    }
    if (!verdict.ok) {
      this.logger.warn({ connectionId, reason: verdict.reason }, 'webhook refused');
      return REFUSED;
    }

    if (verdict.deliveryId) {
      const seen = await this.dataSource
        .getRepository(WebhookReceipt)
        .existsBy({ connectionId, deliveryKey: verdict.deliveryId });
      if (seen) {
        this.logger.warn(
          { connectionId, deliveryId: verdict.deliveryId },
          'webhook refused: replayed delivery',
        );
        return REFUSED;
      }
    }
    const events = verdict.events.filter((e) => e.kind !== 'ping');
    if (events.length > 0) {
      await this.queue.send({ type: 'apply-webhook', connectionId, events }, { retryLimit: 5 });
    }
    if (verdict.deliveryId) {
      await this.dataSource
        .createQueryBuilder()
        .insert()
        .into(WebhookReceipt)
        .values({
          connectionId,
          deliveryKey: verdict.deliveryId.slice(0, 200),
          organizationId: connection.organizationId,
        })
        .orIgnore()
        .execute();
    }
    return { status: 202, body: { accepted: events.length } };
  }
}
