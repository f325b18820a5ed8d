import { Client } from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createEmptyDatabase } from '../helpers/database';
import { freePort } from '../helpers/free-port';
import { graphql } from '../helpers/graphql';
import { apiKeyLines, spawnServer, type ServerProcess } from '../helpers/server-process';
import { VENDORS } from './vendors';

/**
 * A worker killed with SIGKILL at random moments of a sync resumes from its last checkpoint on
 * restart: at the end every record is there once (0 lost, 0 duplicated). The server runs as a
 * child process with the durable (PostgreSQL) queue, exactly as in production.
 */
describe.each(VENDORS)('sync from $provider survives SIGKILL', (vendor) => {
  const children: ServerProcess[] = [];
  afterAll(() => {
    for (const child of children) child.child.kill('SIGKILL');
  });

  it('resumes after being killed at several random points, with nothing lost or duplicated', async () => {
    const databaseUrl = await createEmptyDatabase();
    const sim = await vendor.start({
      candidates: 150,
      seed: `crash-${vendor.provider}`,
      rateLimit: { limit: 40, windowMs: 1000 },
    });
    const db = new Client({ connectionString: databaseUrl });
    try {
      const start = async (): Promise<{ server: ServerProcess; url: string }> => {
        const port = await freePort();
        const server = spawnServer({
          DATABASE_URL: databaseUrl,
          PORT: String(port),
          SYNC_SCHEDULE_CHECK_SECONDS: '3600',
        });
        children.push(server);
        return { server, url: await server.ready };
      };
      let { server, url } = await start();
      const key = apiKeyLines(server.stdout)[0]!.slice('API key: '.length);
      const created = await graphql<{ createConnection: { id: string } }>(
        url,
        'mutation($input: CreateConnectionInput!) { createConnection(input: $input) { id } }',
        {
          key,
          variables: {
            input: {
              provider: vendor.provider,
              name: 'crash test',
              credentials: vendor.credentials(sim, 'unused-secret'),
              capabilities: ['REDISCOVERY'],
              baseUrl: sim.url,
              // Under the simulator's 40/s, for vendors we pace by a fixed rate (SmartRecruiters).
              settings: { requestsPerSecond: 30 },
            },
          },
        },
      );
      expect(created.body.errors).toBeUndefined();
      const connectionId = created.body.data!.createConnection.id;
      await db.connect();
      const progress = async (): Promise<
        { state: string; processed: number; phase: string | null } | undefined
      > =>
        (
          await db.query<{ state: string; processed: number; phase: string | null }>(
            'SELECT state, processed, phase FROM sync_runs WHERE connection_id = $1 ORDER BY created_at DESC LIMIT 1',
            [connectionId],
          )
        ).rows[0];

      // Kill at three moments spread over the run: during records, and during files.
      const kills = [0.15, 0.45, 0.75].map((f) => f + Math.random() * 0.1);
      const expectedRecords = sim.dataset.candidates.size;
      for (const fraction of kills) {
        for (let i = 0; i < 600; i++) {
          const p = await progress();
          if (p?.state === 'COMPLETED') break;
          const attachmentsPhase = p?.phase === 'attachments';
          if (
            (p && p.processed >= fraction * expectedRecords * 2) ||
            (attachmentsPhase && fraction > 0.7)
          )
            break;
          await new Promise((r) => setTimeout(r, 50));
        }
        server.child.kill('SIGKILL');
        await server.exited;
        ({ server, url } = await start());
      }
      // The last one runs to the end.
      for (let i = 0; i < 1200; i++) {
        const p = await progress();
        if (p?.state === 'COMPLETED' || p?.state === 'FAILED') break;
        await new Promise((r) => setTimeout(r, 100));
      }
      const final = await progress();
      if (final?.state !== 'COMPLETED')
        console.error(JSON.stringify(final), server.stdout.slice(-30).join('\n'));
      expect(final?.state).toBe('COMPLETED');

      const count = async (table: string): Promise<number> =>
        Number(
          (
            await db.query(
              `SELECT count(*) AS n FROM ${table} WHERE connection_id = $1 AND deleted_at IS NULL`,
              [connectionId],
            )
          ).rows[0].n,
        );
      expect(await count('candidates')).toBe(sim.dataset.candidates.size);
      expect(await count('applications')).toBe(vendor.expectedApplications(sim.dataset));
      expect(await count('jobs')).toBe(sim.dataset.jobs.size);
      const attachments = sum(
        [...sim.dataset.candidates.values()].map((c) => c.attachments.length),
      );
      expect(await count('attachments')).toBe(attachments);
      const unfetched = await db.query(
        'SELECT count(*) AS n FROM attachments WHERE connection_id = $1 AND sha256 IS NULL',
        [connectionId],
      );
      expect(Number(unfetched.rows[0].n)).toBe(0);
      server.child.kill('SIGTERM');
      await server.exited;
    } finally {
      await db.end().catch(() => undefined);
      await sim.close();
    }
  }, 180_000);
});

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
