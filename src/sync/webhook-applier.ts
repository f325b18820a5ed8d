import { In, IsNull, type DataSource } from 'typeorm';
import type { Logger } from '../common/logger';
import type { SecretBox } from '../common/secret-box';
import type { SourceConnector, WebhookEvent } from '../connectors/connector';
import { Application, Attachment, Candidate, Connection } from '../entities';
import type { JobQueue } from '../jobs/job-queue';
import type { AppJob } from '../jobs/jobs';
import { AttachmentFetcher } from './attachment-fetcher';
import { openCredentials, type ConnectorFactory } from './connector-provider';
import { RecordWriter } from './record-writer';
import type { SyncScheduler } from './sync-scheduler';

/**
 * Applies verified webhook events: fetches the current state of what changed (never trusting a
 * payload for more than ids), marks deletions and merges, and sends the "candidate changed"
 * events that make the change searchable.
 */
export class WebhookApplier {
  constructor(
    private readonly dataSource: DataSource,
    private readonly secrets: SecretBox,
    private readonly connectors: ConnectorFactory,
    private readonly queue: JobQueue<AppJob>,
    private readonly scheduler: SyncScheduler,
    private readonly logger: Logger,
  ) {}

  async apply(connectionId: string, events: WebhookEvent[]): Promise<void> {
    const connection = await this.dataSource
      .getRepository(Connection)
      .findOneBy({ id: connectionId });
    if (!connection) return;
    const connector = this.connectors(connection, openCredentials(this.secrets, connection), {});
    const changed = new Set<string>();
    for (const event of events) {
      for (const id of await this.applyOne(connection, connector, event)) changed.add(id);
    }
    if (changed.size > 0) {
      await this.queue.send({
        type: 'index-candidates',
        organizationId: connection.organizationId,
        candidateIds: [...changed],
      });
    }
  }

  private async applyOne(
    connection: Connection,
    connector: SourceConnector,
    event: WebhookEvent,
  ): Promise<string[]> {
    const scope = { organizationId: connection.organizationId, connectionId: connection.id };
    switch (event.kind) {
      case 'ping':
        return [];
      case 'candidate_changed':
        return this.refreshCandidate(connection, connector, event.candidateRemoteId);
      case 'application_changed': {
        const candidateRemoteId =
          event.candidateRemoteId ??
          (await this.candidateOfApplication(connection, event.applicationRemoteId));
        if (!candidateRemoteId) {
          this.logger.warn(
            { connectionId: connection.id, application: event.applicationRemoteId },
            'webhook for an unknown application ignored',
          );
          return [];
        }
        return this.refreshCandidate(connection, connector, candidateRemoteId);
      }
      case 'candidate_deleted':
        return this.markDeleted(connection, [event.candidateRemoteId], null);
      case 'candidate_merged': {
        const survivor = await this.refreshCandidate(connection, connector, event.survivorRemoteId);
        const survivorRow = await this.dataSource
          .getRepository(Candidate)
          .findOneBy({ ...scope, remoteId: event.survivorRemoteId });
        return [
          ...survivor,
          ...(await this.markDeleted(connection, [event.loserRemoteId], survivorRow?.id ?? null)),
        ];
      }
      case 'application_deleted': {
        const app = await this.dataSource
          .getRepository(Application)
          .findOneBy({ ...scope, remoteId: event.applicationRemoteId });
        if (!app) return [];
        await this.dataSource
          .getRepository(Application)
          .update({ id: app.id }, { deletedAt: new Date() });
        return [app.candidateId];
      }
      case 'job_changed':
        // Jobs change rarely and carry statuses the export whitelist depends on: a small
        // incremental run picks the change up with everything else that moved.
        await this.scheduler.request(
          connection.organizationId,
          connection.id,
          'INCREMENTAL',
          'SCHEDULE',
        );
        return [];
    }
  }

  /** Fetches a candidate (mirroring them if new), their applications and files. */
  private async refreshCandidate(
    connection: Connection,
    connector: SourceConnector,
    remoteId: string,
  ): Promise<string[]> {
    const fetched = await connector.fetchCandidate(remoteId);
    if (!fetched.ok) {
      if (fetched.error.kind === 'not_found') return this.markDeleted(connection, [remoteId], null);
      throw new Error(`could not fetch candidate ${remoteId}: ${fetched.error.message}`);
    }
    if (fetched.value === null) return this.markDeleted(connection, [remoteId], null);
    const { candidate, applications, related } = fetched.value;
    const written = await this.dataSource.transaction((tx) =>
      new RecordWriter(tx, {
        organizationId: connection.organizationId,
        connectionId: connection.id,
        fullRunId: null,
      }).write([
        ...related,
        { kind: 'candidate', record: candidate },
        ...applications.map((record) => ({ kind: 'application' as const, record })),
      ]),
    );
    const row = await this.dataSource
      .getRepository(Candidate)
      .findOneBy({ connectionId: connection.id, remoteId });
    if (row) {
      // New or replaced files are fetched right away, so a resume is searchable within seconds.
      const fetcher = new AttachmentFetcher(this.dataSource, connector);
      const pending = await this.dataSource.getRepository(Attachment).find({
        where: {
          candidateId: row.id,
          sha256: IsNull(),
          extractionError: IsNull(),
          deletedAt: IsNull(),
        },
      });
      for (const attachment of pending) await fetcher.fetch(attachment);
      written.changedCandidateIds.add(row.id);
    }
    return [...written.changedCandidateIds];
  }

  private async markDeleted(
    connection: Connection,
    remoteIds: string[],
    mergedIntoId: string | null,
  ): Promise<string[]> {
    const rows = await this.dataSource.getRepository(Candidate).find({
      where: {
        organizationId: connection.organizationId,
        connectionId: connection.id,
        remoteId: In(remoteIds),
      },
      select: ['id'],
    });
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const now = new Date();
    await this.dataSource.transaction(async (tx) => {
      await tx.update(
        Candidate,
        { id: In(ids) },
        { deletedAt: now, ...(mergedIntoId ? { mergedIntoId } : {}) },
      );
      // Upstream, a merge moves applications to the survivor; the survivor's fetch re-points them.
      await tx.update(
        Application,
        { candidateId: In(ids), deletedAt: IsNull() },
        { deletedAt: now },
      );
    });
    return ids;
  }

  private async candidateOfApplication(
    connection: Connection,
    applicationRemoteId: string,
  ): Promise<string | null> {
    const app = await this.dataSource.getRepository(Application).findOne({
      where: { connectionId: connection.id, remoteId: applicationRemoteId },
      relations: { candidate: true },
    });
    return app?.candidate?.remoteId ?? null;
  }
}
