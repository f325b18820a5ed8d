import PgBoss from 'pg-boss';
import type { Logger } from '../common/logger';
import type {
  JobHandler,
  JobParser,
  JobQueue,
  QueuedJob,
  QueueTransaction,
  SendOptions,
  WorkOptions,
} from './job-queue';

export interface PgBossQueueOptions<J extends QueuedJob> {
  databaseUrl: string;
  parse: JobParser<J>;
  logger: Logger;
  /** How often idle workers look for jobs. Default 0.5 s (pg-boss's minimum). */
  pollingIntervalSeconds?: number;
}

/** pg-boss's schema (its default). */
const QUEUE_SCHEMA = 'pgboss';

/** The durable queue: jobs live in PostgreSQL (schema `pgboss`) and survive restarts. */
export class PgBossQueue<J extends QueuedJob> implements JobQueue<J> {
  private readonly boss: PgBoss;
  private readonly createdQueues = new Set<string>();

  constructor(private readonly options: PgBossQueueOptions<J>) {
    this.boss = new PgBoss({
      connectionString: options.databaseUrl,
      schema: QUEUE_SCHEMA,
      max: 4,
      application_name: 'rediscover-queue',
      retryLimit: 3,
      retryBackoff: true,
      retryDelay: 2,
    });
    this.boss.on('error', (error: unknown) => {
      // pg errors carry their client (sockets, config): log what helps, not the whole object.
      const { message, code } = error as { message?: string; code?: string };
      // 57P01: the server is shutting down (a stop in progress); pg-boss reconnects otherwise.
      const level = code === '57P01' ? 'warn' : 'error';
      options.logger[level]({ err: { message, code } }, 'job queue error');
    });
  }

  async start(): Promise<void> {
    await this.boss.start();
  }

  async send(job: J, options: SendOptions = {}): Promise<void> {
    const valid = this.options.parse(job);
    await this.ensureQueue(valid.type);
    await this.boss.send(valid.type, valid, {
      ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
      ...(options.delaySeconds ? { startAfter: options.delaySeconds } : {}),
      ...(options.retryLimit !== undefined ? { retryLimit: options.retryLimit } : {}),
      ...(options.transaction ? { db: inTransaction(options.transaction) } : {}),
    });
  }

  async work(
    types: readonly J['type'][],
    handler: JobHandler<J>,
    options: WorkOptions = {},
  ): Promise<void> {
    const concurrency = options.concurrency ?? 2;
    for (const type of types) {
      await this.ensureQueue(type);
      if (options.reclaimActive) await this.reclaimActive(type);
      // pg-boss runs one fetch loop per `work` call, and a loop waits out its polling interval
      // after each fetch even when more jobs wait: several loops and batches keep it moving.
      for (let i = 0; i < concurrency; i++) {
        await this.boss.work(
          type,
          {
            batchSize: options.batchSize ?? 1,
            pollingIntervalSeconds: this.options.pollingIntervalSeconds ?? 0.5,
          },
          async (jobs) => {
            await handler(jobs.map((stored) => this.options.parse(stored.data)));
          },
        );
      }
    }
  }

  async stop(): Promise<void> {
    await this.boss.stop({ graceful: true, wait: true, timeout: 15_000 });
  }

  /**
   * Fails, as their expiry would, the jobs of a queue that are active before this process works
   * it: held by other processes, a killed one among them. pg-boss retries them after its usual
   * delay, or fails them for good past their retry limit (a job that kills its worker every
   * time is not retried forever).
   */
  private async reclaimActive(name: string): Promise<void> {
    const { rows } = await this.boss
      .getDb()
      .executeSql(`SELECT id FROM ${QUEUE_SCHEMA}.job WHERE name = $1 AND state = 'active'`, [
        name,
      ]);
    const ids = (rows as { id: string }[]).map((row) => row.id);
    if (ids.length === 0) return;
    await this.boss.fail(name, ids);
    this.options.logger.warn(
      { queue: name, jobs: ids.length },
      'jobs left active by another process (killed, perhaps) were handed back to the queue',
    );
  }

  private async ensureQueue(name: string): Promise<void> {
    if (this.createdQueues.has(name)) return;
    await this.boss.createQueue(name);
    this.createdQueues.add(name);
  }
}

/** pg-boss's database adapter over one of the app's transactions (its insert returns rows). */
function inTransaction(transaction: QueueTransaction): PgBoss.Db {
  return {
    executeSql: async (text, values) => {
      const rows = await transaction.query(text, values);
      return { rows: Array.isArray(rows) ? rows : [] };
    },
  };
}
