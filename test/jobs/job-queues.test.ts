import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createLogger } from '../../src/common/logger';
import { InlineQueue } from '../../src/jobs/inline-queue';
import type { JobQueue } from '../../src/jobs/job-queue';
import { PgBossQueue } from '../../src/jobs/pg-boss-queue';
import { createEmptyDatabase } from '../helpers/database';
import { Client } from 'pg';

const testJob = z.discriminatedUnion('type', [
  z.object({ type: z.literal('greet'), name: z.string() }),
  z.object({ type: z.literal('fail-once'), token: z.string() }),
]);
type TestJob = z.infer<typeof testJob>;
const parse = (data: unknown): TestJob => testJob.parse(data);
const logger = createLogger('silent');

async function waitFor(check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The same checks for every queue implementation. */
function queueContract(
  name: string,
  make: () => Promise<{ producer: JobQueue<TestJob>; worker: () => JobQueue<TestJob> }>,
) {
  describe(name, () => {
    it('delivers a job sent before any worker existed, validated, and retries a failure', async () => {
      const { producer, worker } = await make();
      await producer.start();
      await producer.send({ type: 'greet', name: 'Ada' });
      await producer.send({ type: 'fail-once', token: 't1' }, { retryLimit: 2 });

      const seen: string[] = [];
      const failed = new Set<string>();
      const consumer = worker();
      await consumer.start();
      await consumer.work(['greet', 'fail-once'], (jobs) => {
        for (const job of jobs) {
          if (job.type === 'fail-once' && !failed.has(job.token)) {
            failed.add(job.token);
            return Promise.reject(new Error('transient'));
          }
          seen.push(job.type === 'greet' ? `hello ${job.name}` : `done ${job.token}`);
        }
        return Promise.resolve();
      });
      await waitFor(() => seen.length === 2, 40_000);
      expect(seen.sort()).toEqual(['done t1', 'hello Ada']);
      await consumer.stop();
      if (consumer !== producer) await producer.stop();
    });
  });
}

queueContract('InlineQueue', () => {
  const queue = new InlineQueue(parse, logger);
  return Promise.resolve({ producer: queue, worker: () => queue });
});

queueContract('PgBossQueue (durable: producer and worker are separate instances)', async () => {
  const databaseUrl = await createEmptyDatabase();
  const options = { databaseUrl, parse, logger, pollingIntervalSeconds: 0.5 };
  return { producer: new PgBossQueue(options), worker: () => new PgBossQueue(options) };
});

describe('job payloads', () => {
  it('are checked against the schema when sent', async () => {
    const queue = new InlineQueue(parse, logger);
    await expect(queue.send({ type: 'greet', name: 42 } as unknown as TestJob)).rejects.toThrow();
  });
});

describe('PgBossQueue batches', () => {
  it('hands waiting jobs of one type to the handler together, up to batchSize', async () => {
    const options = {
      databaseUrl: await createEmptyDatabase(),
      parse,
      logger,
      pollingIntervalSeconds: 0.5,
    };
    const producer = new PgBossQueue(options);
    await producer.start();
    for (let i = 0; i < 6; i++) await producer.send({ type: 'greet', name: `n${i}` });
    const consumer = new PgBossQueue(options);
    await consumer.start();
    const batches: number[] = [];
    await consumer.work(
      ['greet'],
      (jobs) => {
        batches.push(jobs.length);
        return Promise.resolve();
      },
      { batchSize: 4, concurrency: 1 },
    );
    await waitFor(() => batches.reduce((a, b) => a + b, 0) === 6);
    expect(batches).toEqual([4, 2]);
    await consumer.stop();
    await producer.stop();
  });
});

describe('PgBossQueue in a transaction of the app', () => {
  it('stores a job sent in a transaction only if that transaction commits', async () => {
    const databaseUrl = await createEmptyDatabase();
    const options = { databaseUrl, parse, logger, pollingIntervalSeconds: 0.5 };
    const producer = new PgBossQueue(options);
    await producer.start();
    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    const transaction = {
      query: async (text: string, values: unknown[]): Promise<unknown[]> =>
        (await db.query<Record<string, unknown>>(text, values)).rows,
    };
    const inTransaction = async (name: string, end: 'COMMIT' | 'ROLLBACK') => {
      await db.query('BEGIN');
      await producer.send({ type: 'greet', name }, { transaction });
      await db.query(end);
    };
    // The first send of a type also creates its queue, outside any transaction.
    await producer.send({ type: 'greet', name: 'outside' });
    await inTransaction('kept', 'COMMIT');
    await inTransaction('undone', 'ROLLBACK');

    const consumer = new PgBossQueue(options);
    await consumer.start();
    const seen: string[] = [];
    await consumer.work(['greet'], (jobs) => {
      for (const job of jobs) if (job.type === 'greet') seen.push(job.name);
      return Promise.resolve();
    });
    await waitFor(() => seen.length >= 2);
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // a rolled-back job would be due too
    expect(seen.sort()).toEqual(['kept', 'outside']);
    await consumer.stop();
    await producer.stop();
    await db.end();
  });
});
