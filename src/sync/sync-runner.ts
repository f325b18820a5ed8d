import { IsNull, MoreThan, type DataSource, type EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { Logger } from '../common/logger';
import type { ConnectorError, Page, SourceConnector } from '../connectors/connector';
import type { PubSub } from '../database/pg-pubsub';
import { Attachment, Connection, SyncRun, SyncSeen } from '../entities';
import type { SyncCheckpoint } from '../entities/sync-run.entity';
import type { JobQueue } from '../jobs/job-queue';
import type { AppJob } from '../jobs/jobs';
import { AttachmentFetcher } from './attachment-fetcher';
import type { ConnectorPool } from './connector-pool';
import { RecordWriter } from './record-writer';
import { SyncProgress, syncTopic, type SyncRunEvent } from './sync-events';

export interface SyncRunnerDeps {
  dataSource: DataSource;
  /** Shared with the webhook applier: one pace per credential. */
  connectors: ConnectorPool;
  queue: JobQueue<AppJob>;
  pubsub: PubSub;
  logger: Logger;
  clock?: () => Date;
}

const ATTACHMENTS = 'attachments';
/**
 * Files per batch (fetched concurrently, within the connector's own gate). Each batch also pays
 * a query for the next batch, an index job and, in the attachments phase, a checkpoint: with 8,
 * those round trips took most of the phase (0.33 s per batch at 10,000 candidates).
 */
const ATTACHMENT_BATCH = 32;
/** How long the file prefetch waits when nothing is pending yet. */
const PREFETCH_IDLE_MS = 200;
const INDEX_BATCH = 500;

/**
 * Runs one SyncRun to its end: every stream of the connector page by page, then the files, then
 * (FULL runs) the rows the vendor no longer has. After every page one transaction writes the
 * records AND the checkpoint, so a process killed at any moment resumes from the last page
 * committed, with nothing lost or duplicated. One worker at a time runs a given run (an
 * advisory lock held for the whole run).
 */
export class SyncRunner {
  private readonly clock: () => Date;
  /** Progress of the runs this worker is running, by run id (see SyncRunEvent). */
  private readonly progress = new Map<string, SyncProgress>();
  /** Events leave in the order they were made, so a subscriber never sees progress go back. */
  private publishing: Promise<void> = Promise.resolve();

  constructor(private readonly deps: SyncRunnerDeps) {
    this.clock = deps.clock ?? (() => new Date());
  }

  async run(syncRunId: string): Promise<void> {
    const lock = this.deps.dataSource.createQueryRunner();
    await lock.connect();
    try {
      const rows = (await lock.query('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [
        syncRunId,
      ])) as { locked: boolean }[];
      if (!rows[0]?.locked) {
        this.deps.logger.info({ syncRunId }, 'sync run is being run by another worker');
        return;
      }
      try {
        await this.runLocked(syncRunId);
      } finally {
        await lock.query('SELECT pg_advisory_unlock(hashtext($1))', [syncRunId]);
      }
    } finally {
      await lock.release();
    }
  }

  private async runLocked(syncRunId: string): Promise<void> {
    const { dataSource, logger } = this.deps;
    const run = await dataSource.getRepository(SyncRun).findOneBy({ id: syncRunId });
    if (!run || run.state === 'COMPLETED' || run.state === 'FAILED' || run.state === 'CANCELLED')
      return;
    const connection = await dataSource
      .getRepository(Connection)
      .findOneBy({ id: run.connectionId, organizationId: run.organizationId });
    if (!connection) {
      await this.finish(run, 'FAILED', 'the connection was removed');
      return;
    }
    const resumed = run.checkpoint !== null;
    run.state = 'RUNNING';
    run.startedAt ??= this.clock();
    await this.save(run);
    await dataSource.getRepository(Connection).update({ id: connection.id }, { status: 'SYNCING' });

    const lease = this.deps.connectors.lease(connection, {
      onRateLimited: () => {
        run.rateLimitWaits++;
      },
    });
    const connector = lease.connector;
    // The connector's streams, then the files.
    this.progress.set(run.id, new SyncProgress(connector.streams(run.mode).length + 1));
    this.publish(run, connection.id);
    try {
      if (resumed) await this.reindexLastPage(run);
      const paging = { done: false };
      const prefetch = connector.unmeteredDownloads
        ? this.prefetchFiles(run, connection, connector, paging)
        : Promise.resolve();
      try {
        await this.streams(run, connection, connector);
      } finally {
        paging.done = true;
        await prefetch;
      }
      await this.attachments(run, connection, connector);
      if (run.mode === 'FULL') await this.sweepDeletions(run, connection);
      await dataSource.transaction(async (tx) => {
        const syncState =
          run.mode === 'FULL'
            ? (run.checkpoint?.pending ?? {})
            : { ...connection.syncState, ...(run.checkpoint?.pending ?? {}) };
        await tx.update(Connection, { id: connection.id }, {
          syncState,
          lastSyncedAt: this.clock(),
          status: 'ACTIVE',
          statusMessage: null,
        } as QueryDeepPartialEntity<Connection>);
        await tx.delete(SyncSeen, { syncRunId: run.id });
      });
      await this.finish(run, 'COMPLETED', null);
      logger.info(
        { syncRunId, connectionId: connection.id, processed: run.processed, mode: run.mode },
        'sync run completed',
      );
    } catch (error) {
      const message =
        error instanceof SyncFailure
          ? error.message
          : `unexpected: ${error instanceof Error ? error.message : String(error)}`;
      logger.error({ err: error, syncRunId, connectionId: connection.id }, 'sync run failed');
      await dataSource
        .getRepository(Connection)
        .update({ id: connection.id }, { status: 'ERROR', statusMessage: message.slice(0, 1000) });
      await this.finish(run, 'FAILED', message);
      if (!(error instanceof SyncFailure)) throw error;
    } finally {
      lease.release();
      this.progress.delete(run.id);
    }
  }

  private async streams(
    run: SyncRun,
    connection: Connection,
    connector: SourceConnector,
  ): Promise<void> {
    for (;;) {
      const streams = connector.streams(run.mode);
      const checkpoint: SyncCheckpoint = run.checkpoint ?? {
        phase: streams[0] ?? ATTACHMENTS,
        cursor: null,
        done: [],
        pending: {},
      };
      run.checkpoint = checkpoint;
      const restart = await this.pages(run, connection, connector, streams, checkpoint);
      if (!restart) return;
      // The vendor refused our incremental state (expired token, too many changes): start over in full.
      this.deps.logger.warn(
        { syncRunId: run.id, connectionId: connection.id },
        'incremental state refused; running a full sync',
      );
      run.mode = 'FULL';
      run.checkpoint = null;
      run.processed = 0;
      run.total = null;
      connection.syncState = {};
      await this.save(run);
    }
  }

  /** Returns true when the run must restart as FULL. */
  private async pages(
    run: SyncRun,
    connection: Connection,
    connector: SourceConnector,
    streams: string[],
    checkpoint: SyncCheckpoint,
  ): Promise<boolean> {
    for (const stream of streams) {
      if (checkpoint.done.includes(stream)) continue;
      if (checkpoint.phase !== stream) {
        checkpoint.phase = stream;
        checkpoint.cursor = null;
      }
      run.phase = stream;
      const progress = this.progressOf(run);
      progress.startPhase(null);
      const state =
        run.mode === 'FULL'
          ? {}
          : ((connection.syncState[stream] as Record<string, unknown> | undefined) ?? {});
      const read = (cursor: string | null): Promise<() => PageResult> =>
        settled(connector.fetchPage(stream, { mode: run.mode, cursor, state }));
      let ahead: Promise<() => PageResult> | null = read(checkpoint.cursor);
      while (ahead) {
        const page: PageResult = (await ahead)();
        if (!page.ok) {
          if (page.error.kind === 'resync_required' && run.mode === 'INCREMENTAL') return true;
          throw new SyncFailure(describeError(stream, page.error));
        }
        const { records, skipped, nextCursor, completeState, total }: Page = page.value;
        // The next page is read while this one is written, so the vendor's window keeps being
        // used; it lives only in memory, and a crash resumes from the committed checkpoint.
        ahead = nextCursor === null ? null : read(nextCursor);
        let changed: string[] = [];
        await this.deps.dataSource.transaction(async (tx) => {
          const writer = new RecordWriter(tx, {
            organizationId: run.organizationId,
            connectionId: connection.id,
            fullRunId: run.mode === 'FULL' ? run.id : null,
          });
          const written = await writer.write(records);
          changed = [...written.changedCandidateIds];
          run.processed += records.length;
          run.skippedRecords += skipped.length + written.orphans.length;
          progress.advance(listedCount(records, skipped), total);
          checkpoint.cursor = nextCursor;
          if (nextCursor === null) {
            checkpoint.done.push(stream);
            progress.finishPhase();
            if (completeState)
              checkpoint.pending = { ...checkpoint.pending, [stream]: completeState };
            // Every stream read: the run's record count is final.
            if (streams.every((s) => checkpoint.done.includes(s))) run.total = run.processed;
          }
          checkpoint.committedAt = this.clock().toISOString();
          await this.saveIn(tx, run);
        });
        for (const skip of skipped)
          this.deps.logger.warn({ syncRunId: run.id, ...skip }, 'vendor record skipped');
        await this.index(run.organizationId, changed, run.mode === 'FULL');
        this.publish(run, connection.id);
      }
    }
    return false;
  }

  private async attachments(
    run: SyncRun,
    connection: Connection,
    connector: SourceConnector,
  ): Promise<void> {
    const checkpoint = run.checkpoint;
    if (!checkpoint || checkpoint.done.includes(ATTACHMENTS)) return;
    if (checkpoint.phase !== ATTACHMENTS) {
      checkpoint.phase = ATTACHMENTS;
      checkpoint.cursor = null;
    }
    run.phase = ATTACHMENTS;
    const progress = this.progressOf(run);
    progress.startPhase(await this.pendingFiles(connection.id, checkpoint.cursor));
    this.publish(run, connection.id);
    const fetcher = new AttachmentFetcher(this.deps.dataSource, connector);
    for (;;) {
      const batch = await fetcher.pending(connection.id, checkpoint.cursor, ATTACHMENT_BATCH);
      if (batch.length === 0) break;
      const candidates = await Promise.all(batch.map((a) => fetcher.fetch(a)));
      checkpoint.cursor = batch[batch.length - 1]?.id ?? checkpoint.cursor;
      checkpoint.committedAt = this.clock().toISOString();
      await this.save(run);
      await this.index(run.organizationId, [...new Set(candidates)], run.mode === 'FULL');
      progress.advance(batch.length);
      this.publish(run, connection.id);
    }
    checkpoint.done.push(ATTACHMENTS);
    progress.finishPhase();
    await this.save(run);
  }

  /** Files the attachments phase has left (what `AttachmentFetcher.pending` pages through). */
  private pendingFiles(connectionId: string, afterId: string | null): Promise<number> {
    return this.deps.dataSource.getRepository(Attachment).count({
      where: {
        connectionId,
        sha256: IsNull(),
        extractionError: IsNull(),
        deletedAt: IsNull(),
        ...(afterId ? { id: MoreThan(afterId) } : {}),
      },
    });
  }

  /**
   * While the pages stream, downloads the files already listed (only where downloads cost no API
   * call). Not checkpointed: a fetched file is simply no longer pending, and the attachments
   * phase after the streams takes whatever is left. A failure ends the prefetch, not the run.
   */
  private async prefetchFiles(
    run: SyncRun,
    connection: Connection,
    connector: SourceConnector,
    paging: { done: boolean },
  ): Promise<void> {
    const fetcher = new AttachmentFetcher(this.deps.dataSource, connector);
    let cursor: string | null = null;
    try {
      while (!paging.done) {
        const batch = await fetcher.pending(connection.id, cursor, ATTACHMENT_BATCH);
        if (batch.length === 0) {
          // Files of pages committed meanwhile may sort before the cursor: start over.
          cursor = null;
          await new Promise((resolve) => setTimeout(resolve, PREFETCH_IDLE_MS));
          continue;
        }
        const candidates = await Promise.all(batch.map((a) => fetcher.fetch(a)));
        cursor = batch[batch.length - 1]?.id ?? cursor;
        await this.index(run.organizationId, [...new Set(candidates)], run.mode === 'FULL');
      }
    } catch (error) {
      this.deps.logger.warn(
        { err: error, syncRunId: run.id, connectionId: connection.id },
        'file prefetch stopped; the attachments phase fetches the rest',
      );
    }
  }

  /** FULL runs: what the vendor did not list any more is gone upstream (vendors send no tombstones). */
  private async sweepDeletions(run: SyncRun, connection: Connection): Promise<void> {
    const now = this.clock();
    const affected: string[] = [];
    await this.deps.dataSource.transaction(async (tx) => {
      for (const [table, kind, candidateColumn] of [
        ['candidates', 'candidate', 'id'],
        ['applications', 'application', 'candidate_id'],
        ['jobs', 'job', null],
      ] as const) {
        // An UPDATE … RETURNING answers [rows, count] through TypeORM's pg driver, not rows.
        const [rows] = await tx.query<[{ owner: string | null }[], number]>(
          `UPDATE ${table} t SET deleted_at = $3
           WHERE t.connection_id = $1 AND t.deleted_at IS NULL
             AND NOT EXISTS (SELECT 1 FROM sync_seen s WHERE s.sync_run_id = $2 AND s.kind = $4 AND s.remote_id = t.remote_id)
           RETURNING ${candidateColumn ? `t.${candidateColumn}` : 'NULL'} AS owner`,
          [connection.id, run.id, now, kind],
        );
        for (const row of rows) if (row.owner) affected.push(row.owner);
      }
    });
    if (affected.length > 0) {
      this.deps.logger.info(
        { syncRunId: run.id, count: affected.length },
        'rows deleted upstream marked deleted',
      );
    }
    await this.index(run.organizationId, [...new Set(affected)]);
  }

  /**
   * After a crash the index events of the last committed page may never have been sent: send
   * them again for the candidates that page changed.
   */
  private async reindexLastPage(run: SyncRun): Promise<void> {
    const since = run.checkpoint?.committedAt;
    if (!since) return;
    const rows = await this.deps.dataSource.query<{ id: string }[]>(
      `SELECT id FROM candidates WHERE organization_id = $1 AND connection_id = $2 AND updated_at >= $3::timestamptz - interval '5 seconds'`,
      [run.organizationId, run.connectionId, since],
    );
    await this.index(
      run.organizationId,
      rows.map((r) => r.id),
    );
  }

  /** `bulk`: a full run's pages, searchable shortly after rather than per call (IndexOptions). */
  private async index(organizationId: string, candidateIds: string[], bulk = false): Promise<void> {
    for (let i = 0; i < candidateIds.length; i += INDEX_BATCH) {
      await this.deps.queue.send({
        type: 'index-candidates',
        organizationId,
        candidateIds: candidateIds.slice(i, i + INDEX_BATCH),
        ...(bulk ? { bulk } : {}),
      });
    }
  }

  private async finish(
    run: SyncRun,
    state: 'COMPLETED' | 'FAILED',
    error: string | null,
  ): Promise<void> {
    run.state = state;
    run.error = error;
    run.finishedAt = this.clock();
    await this.save(run);
    this.publish(run, run.connectionId);
  }

  private save(run: SyncRun): Promise<void> {
    return this.saveIn(this.deps.dataSource.manager, run);
  }

  private async saveIn(manager: EntityManager, run: SyncRun): Promise<void> {
    await manager.update(SyncRun, { id: run.id }, {
      mode: run.mode,
      state: run.state,
      phase: run.phase,
      processed: run.processed,
      total: run.total,
      rateLimitWaits: run.rateLimitWaits,
      skippedRecords: run.skippedRecords,
      checkpoint: run.checkpoint,
      error: run.error,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
    } as QueryDeepPartialEntity<SyncRun>);
  }

  /** The run's progress; a run that ends before it starts (connection removed) has one phase. */
  private progressOf(run: SyncRun): SyncProgress {
    let progress = this.progress.get(run.id);
    if (!progress) this.progress.set(run.id, (progress = new SyncProgress(1)));
    return progress;
  }

  private publish(run: SyncRun, connectionId: string): void {
    const progress = this.progressOf(run);
    const completed = run.state === 'COMPLETED';
    const phasesDone = completed
      ? progress.phasesTotal
      : Math.min(run.checkpoint?.done.length ?? 0, progress.phasesTotal - 1);
    const event: SyncRunEvent = {
      connectionId,
      syncRunId: run.id,
      mode: run.mode,
      state: run.state,
      phase: run.phase,
      phasesDone,
      phasesTotal: progress.phasesTotal,
      phaseProcessed: progress.phaseProcessed,
      phaseTotal: progress.phaseTotal,
      percent: progress.percent(phasesDone, completed),
      processed: run.processed,
      total: completed ? run.processed : run.total,
      rateLimitWaits: run.rateLimitWaits,
      skippedRecords: run.skippedRecords,
      error: run.error,
      at: this.clock().toISOString(),
    };
    // Progress is best effort: a lost event must never fail the run.
    this.publishing = this.publishing
      .then(() => this.deps.pubsub.publish(syncTopic(connectionId), event))
      .catch((error: unknown) => {
        this.deps.logger.warn({ err: error }, 'could not publish sync progress');
      });
  }
}

type PageResult = Awaited<ReturnType<SourceConnector['fetchPage']>>;

/**
 * Items a page listed, in the unit of the vendor's `total`: the stream's own records (the kind
 * it lists first; a candidates page also carries their applications) and the skipped ones.
 */
function listedCount(records: Page['records'], skipped: Page['skipped']): number {
  const kind = records[0]?.kind;
  return records.filter((r) => r.kind === kind).length + skipped.length;
}

/**
 * A promise that never rejects: it resolves to a function giving the value or throwing the
 * error, so a page read ahead and then abandoned (the write before it failed) is no unhandled
 * rejection, and one that is consumed still throws where it is used.
 */
function settled<T>(promise: Promise<T>): Promise<() => T> {
  return promise.then(
    (value) => () => value,
    (error: unknown) => () => {
      throw error;
    },
  );
}

/** A failure the run reports as its error (vendor down, bad credentials), not a bug. */
export class SyncFailure extends Error {}

function describeError(stream: string, error: ConnectorError): string {
  switch (error.kind) {
    case 'auth':
      return `the credentials were refused while reading ${stream}: ${error.message}`;
    case 'permission':
      return `missing permissions for ${stream}: ${error.missing.join(', ') || error.message}`;
    default:
      return `${stream}: ${error.message}`;
  }
}
