import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/common/logger';
import { createDataSource } from '../../src/database/data-source';
import { PgBossQueue } from '../../src/jobs/pg-boss-queue';
import { parseJob } from '../../src/jobs/jobs';
import { createEmptyDatabase, createTenant } from '../helpers/database';
import { freePort } from '../helpers/free-port';
import { graphql } from '../helpers/graphql';
import { ModelSeeder } from '../helpers/seed-model';
import { spawnServer, type ServerProcess } from '../helpers/server-process';

const CANDIDATES = 30;

/**
 * A worker killed (SIGKILL) in the middle of an indexing batch: the next worker to start takes
 * the batch back, so every candidate becomes searchable at once instead of after the batch's
 * expiry. The batch's expiry is set to an hour here: only the restart can have recovered it.
 */
describe('indexing after a killed worker', () => {
  const children: ServerProcess[] = [];
  afterAll(() => {
    for (const child of children) child.child.kill('SIGKILL');
  });

  it('finishes a batch its killed worker left active, when the next worker starts', async () => {
    const databaseUrl = await createEmptyDatabase();
    const env = {
      DATABASE_URL: databaseUrl,
      SECRET_KEY: randomBytes(32).toString('hex'),
      SYNC_SCHEDULE_CHECK_SECONDS: '3600',
    };
    const start = async (): Promise<{ server: ServerProcess; url: string }> => {
      const server = spawnServer({ ...env, PORT: String(await freePort()) });
      children.push(server);
      return { server, url: await server.ready };
    };
    const db = new Client({ connectionString: databaseUrl });
    const locker = new Client({ connectionString: databaseUrl });
    try {
      const first = await start(); // runs the migrations
      await db.connect();
      await locker.connect();

      const dataSource = createDataSource({ url: databaseUrl, poolSize: 2 });
      await dataSource.initialize();
      const tenant = await createTenant(dataSource, 'killed-indexer');
      const organizationId = tenant.organization.id;
      const seed = new ModelSeeder(dataSource, organizationId);
      const connection = await seed.connection();
      const candidateIds: string[] = [];
      for (let i = 0; i < CANDIDATES; i++) {
        const candidate = await seed.candidate(connection.id, {
          fullName: `Killed Indexer ${i}`,
          currentTitle: 'Welder',
        });
        candidateIds.push(candidate.id);
      }
      await dataSource.destroy();
      const searchRows = async (): Promise<number> =>
        Number(
          (
            await db.query<{ n: string }>(
              'SELECT count(*) AS n FROM search_candidates WHERE candidate_id = ANY($1)',
              [candidateIds],
            )
          ).rows[0]!.n,
        );

      // Writes to the search tables wait behind this lock: the batch stays in flight.
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE search_candidates IN SHARE ROW EXCLUSIVE MODE');
      const producer = new PgBossQueue({
        databaseUrl,
        parse: parseJob,
        logger: createLogger('silent'),
      });
      await producer.start();
      await producer.send({ type: 'index-candidates', organizationId, candidateIds });
      await producer.stop();

      const jobState = async (): Promise<{ id: string; state: string } | undefined> =>
        (
          await db.query<{ id: string; state: string }>(
            `SELECT id, state FROM pgboss.job
             WHERE name = 'index-candidates' AND data->>'organizationId' = $1`,
            [organizationId],
          )
        ).rows[0];
      const waitingOnLock = async (): Promise<number> =>
        Number(
          (
            await db.query<{ n: string }>(
              `SELECT count(*) AS n FROM pg_locks
               WHERE NOT granted AND relation = 'search_candidates'::regclass`,
            )
          ).rows[0]!.n,
        );
      for (
        let i = 0;
        (await jobState())?.state !== 'active' || (await waitingOnLock()) === 0;
        i++
      ) {
        if (i > 600) throw new Error('the index batch never started');
        await new Promise((r) => setTimeout(r, 50));
      }
      const batch = (await jobState())!;
      // The old way out: expiry. An hour here, so only the restart below can recover it.
      await db.query("UPDATE pgboss.job SET expire_in = interval '1 hour' WHERE id = $1", [
        batch.id,
      ]);

      first.server.child.kill('SIGKILL');
      await first.server.exited;
      // The killed process's sessions end (PostgreSQL sees it at their next read); end them now.
      await db.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
         WHERE datname = current_database() AND pid <> pg_backend_pid() AND pid <> $1`,
        [(await locker.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid],
      );
      await locker.query('ROLLBACK');
      expect(await searchRows()).toBe(0);
      expect((await jobState())?.state).toBe('active');

      const second = await start();
      const searchable = async (): Promise<number> => {
        const res = await graphql<{ searchCandidates: { totalCount: number } }>(
          second.url,
          'query { searchCandidates(query: "welder") { totalCount } }',
          { key: tenant.key },
        );
        return res.body.data?.searchCandidates.totalCount ?? -1;
      };
      let found = await searchable();
      for (let i = 0; found < CANDIDATES && i < 300; i++) {
        await new Promise((r) => setTimeout(r, 200));
        found = await searchable();
      }
      expect(found).toBe(CANDIDATES);
      expect(await searchRows()).toBe(CANDIDATES);
      expect((await jobState())?.state).not.toBe('active');

      second.server.child.kill('SIGTERM');
      await second.server.exited;
    } finally {
      await db.end().catch(() => undefined);
      await locker.end().catch(() => undefined);
    }
  }, 180_000);
});
