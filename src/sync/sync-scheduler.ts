import { In, type DataSource } from 'typeorm';
import type { Logger } from '../common/logger';
import { SyncRun } from '../entities';
import type { SyncMode } from '../entities/sync-run.entity';
import type { JobQueue } from '../jobs/job-queue';
import type { AppJob } from '../jobs/jobs';

const ACTIVE_STATES = ['QUEUED', 'RUNNING'] as const;

/**
 * Starts sync runs: on demand, and on each connection's interval. At most one run per
 * connection is active at a time; asking again returns the active one.
 */
export class SyncScheduler {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly queue: JobQueue<AppJob>,
    private readonly logger: Logger,
  ) {}

  async request(
    organizationId: string,
    connectionId: string,
    mode: SyncMode,
    trigger: 'MANUAL' | 'SCHEDULE' | 'CREATE',
  ): Promise<SyncRun> {
    const run = await this.dataSource.transaction(async (tx) => {
      // Serializes concurrent requests for one connection (API and scheduler, several processes).
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`sync:${connectionId}`]);
      const active = await tx.findOne(SyncRun, {
        where: { organizationId, connectionId, state: In([...ACTIVE_STATES]) },
        order: { createdAt: 'DESC' },
      });
      if (active) return { run: active, created: false };
      const created = await tx.save(
        tx.create(SyncRun, { organizationId, connectionId, mode, trigger, state: 'QUEUED' }),
      );
      return { run: created, created: true };
    });
    if (run.created)
      await this.queue.send(
        { type: 'sync-connection', syncRunId: run.run.id },
        { singletonKey: run.run.id, retryLimit: 5 },
      );
    return run.run;
  }

  /**
   * Worker start-up: runs left QUEUED or RUNNING by a process that died are sent again (the
   * runner's lock makes a duplicate harmless), then connections are checked every `everyMs`.
   */
  async start(everyMs = 30_000): Promise<void> {
    const stranded = await this.dataSource
      .getRepository(SyncRun)
      .find({ where: { state: In([...ACTIVE_STATES]) }, select: ['id'] });
    for (const run of stranded)
      await this.queue.send({ type: 'sync-connection', syncRunId: run.id }, { retryLimit: 5 });
    if (stranded.length > 0)
      this.logger.info({ count: stranded.length }, 'resuming interrupted sync runs');
    this.timer = setInterval(() => {
      this.tick().catch((error: unknown) =>
        this.logger.error({ err: error }, 'sync schedule check failed'),
      );
    }, everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Connections whose interval has passed and that have no active run get an INCREMENTAL run. */
  async tick(): Promise<number> {
    const due = await this.dataSource.query<
      { id: string; organization_id: string; last_synced_at: Date | null }[]
    >(
      `SELECT c.id, c.organization_id, c.last_synced_at FROM connections c
       WHERE c.capabilities && ARRAY['REDISCOVERY', 'CONNECT']::varchar[] AND c.status IN ('ACTIVE', 'ERROR')
         AND (c.last_synced_at IS NULL OR c.last_synced_at < now() - make_interval(mins => c.sync_interval_minutes))
         AND NOT EXISTS (SELECT 1 FROM sync_runs r WHERE r.connection_id = c.id AND r.state IN ('QUEUED', 'RUNNING'))
         AND NOT EXISTS (SELECT 1 FROM sync_runs r WHERE r.connection_id = c.id AND r.state = 'FAILED'
                           AND r.finished_at > now() - make_interval(mins => c.sync_interval_minutes))`,
    );
    for (const c of due)
      await this.request(
        c.organization_id,
        c.id,
        c.last_synced_at ? 'INCREMENTAL' : 'FULL',
        'SCHEDULE',
      );
    return due.length;
  }
}
