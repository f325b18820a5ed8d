import { In, IsNull, type DataSource } from 'typeorm';
import type { Logger } from '../common/logger';
import type { SourceConnector, WebhookEvent } from '../connectors/connector';
import type { ApplicationRecord, CandidateRecord, SyncRecord } from '../connectors/records';
import { Application, Attachment, Candidate, Connection } from '../entities';
import type { JobQueue } from '../jobs/job-queue';
import type { AppJob } from '../jobs/jobs';
import { AttachmentFetcher } from './attachment-fetcher';
import { mapLimited } from '../connectors/shared/map-limited';
import type { ConnectorPool } from './connector-pool';
import { RecordWriter } from './record-writer';
import type { SyncScheduler } from './sync-scheduler';

/** Candidates (or files) fetched at once for one batch of webhooks. */
const REFRESH_CONCURRENCY = 4;
/** Candidates per call where the vendor reads many by id (Greenhouse: 50 ids per list call). */
const BATCH_FETCH = 50;
/** Candidates per "candidate changed" job (the job schema allows 1,000). */
const INDEX_JOB_SIZE = 500;

/**
 * Applies verified webhook events: fetches the current state of what changed (a payload is
 * trusted only where it is the vendor's full object and not older than the mirrored row), marks
 * deletions and merges, and sends the "candidate changed"
 * events that make the change searchable. A batch may hold many deliveries: each candidate is
 * fetched once however many of its events arrived, after the batch's deletions and merges
 * (fetching current state makes that order safe: a candidate deleted since reads as gone).
 */
export class WebhookApplier {
  constructor(
    private readonly dataSource: DataSource,
    private readonly connectors: ConnectorPool,
    private readonly queue: JobQueue<AppJob>,
    private readonly scheduler: SyncScheduler,
    private readonly logger: Logger,
  ) {}

  async apply(connectionId: string, events: WebhookEvent[]): Promise<void> {
    const connection = await this.dataSource
      .getRepository(Connection)
      .findOneBy({ id: connectionId });
    if (!connection) return;
    const lease = this.connectors.lease(connection);
    try {
      const changed = new Set<string>();
      const toRefresh = new Set<string>();
      for (const event of events) {
        const outcome = await this.applyOne(connection, lease.connector, event);
        for (const id of outcome.changed) changed.add(id);
        if (outcome.refresh) toRefresh.add(outcome.refresh);
      }
      const refreshed = await this.refreshCandidates(connection, lease.connector, [...toRefresh]);
      for (const id of refreshed) changed.add(id);
      // A coalesced batch can change more candidates than one indexing job carries.
      const ids = [...changed];
      for (let at = 0; at < ids.length; at += INDEX_JOB_SIZE) {
        await this.queue.send({
          type: 'index-candidates',
          organizationId: connection.organizationId,
          candidateIds: ids.slice(at, at + INDEX_JOB_SIZE),
        });
      }
    } finally {
      lease.release();
    }
  }

  private async applyOne(
    connection: Connection,
    connector: SourceConnector,
    event: WebhookEvent,
  ): Promise<{ changed: string[]; refresh?: string }> {
    const scope = { organizationId: connection.organizationId, connectionId: connection.id };
    switch (event.kind) {
      case 'ping':
        return { changed: [] };
      case 'candidate_changed':
        return { changed: [], refresh: event.candidateRemoteId };
      case 'application_changed': {
        if (event.payload && connector.applicationFromWebhook) {
          const applied = await this.applyApplication(connection, connector, event.payload);
          if (applied) return { changed: applied };
        }
        const candidateRemoteId =
          event.candidateRemoteId ??
          (await this.candidateOfApplication(connection, event.applicationRemoteId));
        if (!candidateRemoteId) {
          this.logger.warn(
            { connectionId: connection.id, application: event.applicationRemoteId },
            'webhook for an unknown application ignored',
          );
          return { changed: [] };
        }
        return { changed: [], refresh: candidateRemoteId };
      }
      case 'candidate_deleted':
        return { changed: await this.markDeleted(connection, [event.candidateRemoteId], null) };
      case 'candidate_merged': {
        const survivor = await this.refreshCandidate(connection, connector, event.survivorRemoteId);
        const survivorRow = await this.dataSource
          .getRepository(Candidate)
          .findOneBy({ ...scope, remoteId: event.survivorRemoteId });
        const merged = await this.markDeleted(
          connection,
          [event.loserRemoteId],
          survivorRow?.id ?? null,
        );
        return { changed: [...survivor, ...merged] };
      }
      case 'application_deleted': {
        const app = await this.dataSource
          .getRepository(Application)
          .findOneBy({ ...scope, remoteId: event.applicationRemoteId });
        if (!app) return { changed: [] };
        await this.dataSource
          .getRepository(Application)
          .update({ id: app.id }, { deletedAt: new Date() });
        return { changed: [app.candidateId] };
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
        return { changed: [] };
    }
  }

  /**
   * Mirrors an application from the object the webhook carried, with no call to the vendor.
   * Null when it cannot be (malformed, or its candidate is not mirrored yet): fetch instead.
   */
  private async applyApplication(
    connection: Connection,
    connector: SourceConnector,
    payload: Record<string, unknown>,
  ): Promise<string[] | null> {
    const mapped = await connector.applicationFromWebhook?.(payload);
    if (!mapped?.ok) {
      this.logger.warn(
        { connectionId: connection.id, reason: mapped?.error.message },
        'webhook application not applied from its payload; fetching it',
      );
      return null;
    }
    const { application, related } = mapped.value;
    const scope = { organizationId: connection.organizationId, connectionId: connection.id };
    return this.dataSource.transaction(async (tx) => {
      // Vendors retry failed deliveries later: an older object must not undo a newer state.
      const current = await tx.getRepository(Application).findOne({
        where: { ...scope, remoteId: application.remoteId },
        select: ['id', 'remoteUpdatedAt'],
        lock: { mode: 'pessimistic_write' },
      });
      const stored = current?.remoteUpdatedAt?.getTime() ?? null;
      const given = application.remoteUpdatedAt?.getTime() ?? null;
      if (stored !== null && (given === null || given < stored)) return [];
      const written = await new RecordWriter(tx, { ...scope, fullRunId: null }).write([
        ...related,
        { kind: 'application', record: application },
      ]);
      if (written.orphans.length > 0) return null;
      return [...written.changedCandidateIds];
    });
  }

  /** Fetches candidates (mirroring the new ones), their applications and files. */
  private async refreshCandidates(
    connection: Connection,
    connector: SourceConnector,
    remoteIds: readonly string[],
  ): Promise<string[]> {
    if (remoteIds.length === 0) return [];
    if (!connector.fetchCandidates) {
      const each = await mapLimited(remoteIds, REFRESH_CONCURRENCY, (remoteId) =>
        this.refreshCandidate(connection, connector, remoteId),
      );
      return each.flat();
    }
    const changed: string[] = [];
    for (let at = 0; at < remoteIds.length; at += BATCH_FETCH) {
      const ids = remoteIds.slice(at, at + BATCH_FETCH);
      const batch = await connector.fetchCandidates(ids);
      if (!batch.ok) {
        throw new Error(`could not fetch ${ids.length} candidates: ${batch.error.message}`);
      }
      const { byId, related, malformed } = batch.value;
      for (const { remoteId, reason } of malformed) {
        // Reported and left as it is; the other candidates of the batch still apply.
        this.logger.warn({ connectionId: connection.id, remoteId, reason }, 'malformed candidate');
      }
      const broken = new Set(malformed.map((m) => m.remoteId));
      const gone = ids.filter((id) => byId.get(id) === null && !broken.has(id));
      changed.push(...(await this.markDeleted(connection, gone, null)));
      const present = [...byId.values()].filter((s) => s !== null);
      changed.push(...(await this.store(connection, connector, related, present)));
    }
    return changed;
  }

  /** One candidate, for vendors that read candidates one by one. */
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
    const { related, ...snapshot } = fetched.value;
    return this.store(connection, connector, related, [snapshot]);
  }

  /** Writes fetched candidates in one transaction, then fetches their new or replaced files. */
  private async store(
    connection: Connection,
    connector: SourceConnector,
    related: SyncRecord[],
    snapshots: { candidate: CandidateRecord; applications: ApplicationRecord[] }[],
  ): Promise<string[]> {
    if (snapshots.length === 0) return [];
    const written = await this.dataSource.transaction((tx) =>
      new RecordWriter(tx, {
        organizationId: connection.organizationId,
        connectionId: connection.id,
        fullRunId: null,
      }).write([
        ...related,
        ...snapshots.flatMap(({ candidate, applications }) => [
          { kind: 'candidate' as const, record: candidate },
          ...applications.map((record) => ({ kind: 'application' as const, record })),
        ]),
      ]),
    );
    const rows = await this.dataSource.getRepository(Candidate).find({
      where: {
        connectionId: connection.id,
        remoteId: In(snapshots.map((s) => s.candidate.remoteId)),
      },
      select: ['id'],
    });
    if (rows.length > 0) {
      // New or replaced files are fetched right away, so a resume is searchable within seconds.
      const fetcher = new AttachmentFetcher(this.dataSource, connector);
      const pending = await this.dataSource.getRepository(Attachment).find({
        where: {
          candidateId: In(rows.map((r) => r.id)),
          sha256: IsNull(),
          extractionError: IsNull(),
          deletedAt: IsNull(),
        },
      });
      await mapLimited(pending, REFRESH_CONCURRENCY, (attachment) => fetcher.fetch(attachment));
      for (const row of rows) written.changedCandidateIds.add(row.id);
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
