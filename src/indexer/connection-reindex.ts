import type { DataSource } from 'typeorm';
import type { Logger } from '../common/logger';
import type { SearchReindexState } from '../entities/connection.entity';
import type { Indexer } from './indexer';

export interface ConnectionReindexJob {
  organizationId: string;
  connectionId: string;
  generation: number;
}

export interface ConnectionReindexOptions {
  /** Candidates per pass (one read of the model, one engine write, one progress update). */
  batchSize?: number;
  /**
   * How long a job waits to see its own request: a queue may start it before the transaction
   * that queued it is visible to another connection (the inline queue runs jobs at once). A
   * request never seen (rolled back) is dropped. Default 10 s.
   */
  requestWaitMs?: number;
}

/**
 * Rebuilds the search documents of one connection's candidates in the background, after its
 * filterable custom fields changed (requestSearchReindex queued the job). Progress is kept on
 * the connection (`searchReindex`: state, processed of total, checkpoint), so an API client can
 * show it and a retried job goes on after the last pass instead of starting over. Every write
 * names the job's generation: once a newer request exists, this job stops.
 */
export class ConnectionReindexer {
  private readonly batchSize: number;
  private readonly requestWaitMs: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly indexer: Indexer,
    private readonly logger: Logger,
    options: ConnectionReindexOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.requestWaitMs = options.requestWaitMs ?? 10_000;
  }

  async run(job: ConnectionReindexJob): Promise<void> {
    const state = await this.awaitRequest(job);
    if (!state || state.generation !== job.generation || state.state === 'COMPLETED') return;
    try {
      await this.reindex(job, state);
    } catch (error) {
      await this.update(job, { state: 'FAILED', error: messageOf(error) });
      throw error;
    }
  }

  private async reindex(job: ConnectionReindexJob, state: SearchReindexState): Promise<void> {
    const { organizationId, connectionId } = job;
    const [{ total }] = await this.dataSource.query<[{ total: number }]>(
      'SELECT count(*)::int AS total FROM candidates WHERE organization_id = $1 AND connection_id = $2',
      [organizationId, connectionId],
    );
    let checkpoint = state.checkpoint;
    let processed = checkpoint ? state.processed : 0;
    const started = await this.update(job, {
      state: 'RUNNING',
      total,
      processed,
      error: null,
      ...(state.startedAt ? {} : { startedAt: new Date().toISOString() }),
    });
    if (!started) return;
    // Full passes are bulk loads (searchable at the engine's next refresh); the last pass is a
    // plain write, which makes every earlier one searchable too before COMPLETED is reported.
    let unsettled: string[] | null = null;
    for (;;) {
      // In the order of the (organization, connection, remote id) unique index: each pass is
      // one index range, however many other candidates the organization has.
      const rows = await this.dataSource.query<{ id: string; remote_id: string }[]>(
        `SELECT id, remote_id FROM candidates
         WHERE organization_id = $1 AND connection_id = $2 AND remote_id > $3
         ORDER BY remote_id LIMIT $4`,
        [organizationId, connectionId, checkpoint ?? '', this.batchSize],
      );
      if (rows.length === 0) break;
      const ids = rows.map((r) => r.id);
      const full = rows.length === this.batchSize;
      await this.indexer.indexCandidates(organizationId, ids, { bulk: full });
      unsettled = full ? ids : null;
      processed += rows.length;
      checkpoint = rows[rows.length - 1]?.remote_id ?? checkpoint;
      if (!(await this.update(job, { processed: Math.min(processed, total), checkpoint }))) {
        this.logger.info({ connectionId, generation: job.generation }, 'reindex superseded');
        return;
      }
    }
    if (unsettled) await this.indexer.indexCandidates(organizationId, unsettled);
    await this.update(job, {
      state: 'COMPLETED',
      processed: total,
      finishedAt: new Date().toISOString(),
    });
    this.logger.info({ connectionId, candidates: processed }, 'connection reindexed');
  }

  /** The connection's reindex state once the job's request is visible; null if it never shows. */
  private async awaitRequest(job: ConnectionReindexJob): Promise<SearchReindexState | null> {
    const deadline = Date.now() + this.requestWaitMs;
    for (;;) {
      const rows = await this.dataSource.query<{ state: SearchReindexState | null }[]>(
        'SELECT search_reindex AS state FROM connections WHERE id = $1 AND organization_id = $2',
        [job.connectionId, job.organizationId],
      );
      const state = rows[0]?.state ?? null;
      if (!rows[0]) return null;
      if (state && state.generation >= job.generation) return state;
      if (Date.now() >= deadline) return null;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Merges `patch` into the state while it is still this job's generation; false once it is not. */
  private async update(
    job: ConnectionReindexJob,
    patch: Partial<SearchReindexState>,
  ): Promise<boolean> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `WITH updated AS (
         UPDATE connections SET search_reindex = search_reindex || $3::jsonb
         WHERE id = $1 AND organization_id = $2
           AND (search_reindex ->> 'generation')::int = $4
         RETURNING id
       )
       SELECT id FROM updated`,
      [job.connectionId, job.organizationId, JSON.stringify(patch), job.generation],
    );
    return rows.length > 0;
  }
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 500);
}
