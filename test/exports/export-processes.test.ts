import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createEmptyDatabase } from '../helpers/database';
import { graphql } from '../helpers/graphql';
import { apiKeyLines, startServer, type ServerProcess } from '../helpers/server-process';
import { holdSubscription } from '../helpers/subscription';
import { startAshbySimulator, type AshbySimulator } from '../simulators/ashby/ashby-simulator';
import {
  startSourceWhaleSimulator,
  type SourceWhaleSimulator,
} from '../simulators/sourcewhale/sourcewhale-simulator';

/**
 * Exports as production runs them: `npm start` child processes on the durable (PostgreSQL)
 * queue, a worker killed with SIGKILL mid-export, and api and worker as separate processes.
 */
describe('exports across processes', () => {
  const children: ServerProcess[] = [];
  afterAll(() => {
    for (const child of children) child.child.kill('SIGKILL');
  });

  interface Setup {
    databaseUrl: string;
    env: Record<string, string>;
    ats: AshbySimulator;
    sw: SourceWhaleSimulator;
    db: Client;
  }

  const setup = async (seed: string, candidates: number): Promise<Setup> => {
    const databaseUrl = await createEmptyDatabase();
    const ats = await startAshbySimulator({ seed, candidates, rateLimit: false });
    const sw = await startSourceWhaleSimulator({ seed, candidates: 3, rateLimit: false });
    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    // Every process opens the same sealed credentials.
    const env = {
      DATABASE_URL: databaseUrl,
      SECRET_KEY: randomBytes(32).toString('hex'),
      SYNC_SCHEDULE_CHECK_SECONDS: '3600',
      // The bootstrap key's user owns campaigns at SourceWhale.
      BOOTSTRAP_USER_EMAIL: sw.dataset.campaigns[0]!.ownerEmail,
      LOG_LEVEL: 'info',
    };
    return { databaseUrl, env, ats, sw, db };
  };

  const start = (env: Record<string, string>, port?: number) => startServer(children, env, port);

  /** Connects the ATS (waits for its sync) and the destination; answers the destination id. */
  const connect = async (url: string, key: string, s: Setup, rps: number): Promise<string> => {
    const create = (input: Record<string, unknown>) =>
      graphql<{ createConnection: { id: string } }>(
        url,
        'mutation($input: CreateConnectionInput!) { createConnection(input: $input) { id } }',
        { key, variables: { input } },
      );
    const ats = await create({
      provider: 'ASHBY',
      name: 'Ashby',
      credentials: { apiKey: s.ats.credentials.apiKey },
      capabilities: ['REDISCOVERY'],
      baseUrl: s.ats.url,
    });
    expect(ats.body.errors).toBeUndefined();
    const atsId = ats.body.data!.createConnection.id;
    for (let i = 0; i < 600; i++) {
      const { rows } = await s.db.query<{ state: string }>(
        'SELECT state FROM sync_runs WHERE connection_id = $1 ORDER BY created_at DESC LIMIT 1',
        [atsId],
      );
      if (rows[0]?.state === 'COMPLETED') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    // Every candidate searchable before the export's search snapshot is taken.
    for (let i = 0; i < 600; i++) {
      const { rows } = await s.db.query<{ n: string }>(
        'SELECT count(*) AS n FROM search_candidates',
      );
      if (Number(rows[0]!.n) === s.ats.dataset.candidates.size) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const destination = await create({
      provider: 'SOURCEWHALE',
      name: 'SourceWhale',
      credentials: { apiKey: s.sw.credentials.apiKey },
      capabilities: ['EXPORT'],
      baseUrl: s.sw.url,
      settings: { requestsPerSecond: rps },
    });
    expect(destination.body.errors).toBeUndefined();
    return destination.body.data!.createConnection.id;
  };

  const startExport = async (url: string, key: string, s: Setup, destinationId: string) => {
    const campaign = s.sw.dataset.campaigns[0]!;
    const res = await graphql<{ startExport: { id: string; total: number } }>(
      url,
      'mutation($input: StartExportInput!) { startExport(input: $input) { id total } }',
      {
        key,
        variables: {
          input: {
            destinationId,
            search: {},
            as: 'PROSPECT',
            campaignId: campaign.campaignId,
            generateDummyEmails: true,
          },
        },
      },
    );
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.startExport;
  };

  const progress = async (db: Client, id: string) =>
    (
      await db.query<{ state: string; processed: number }>(
        'SELECT state, processed FROM export_jobs WHERE id = $1',
        [id],
      )
    ).rows[0]!;

  it('a worker killed with SIGKILL mid-export resumes: every candidate reaches the destination exactly once', async () => {
    const candidates = 30;
    const s = await setup('export-crash', candidates);
    try {
      let { server, url } = await start(s.env);
      const key = apiKeyLines(server.stdout)[0]!.slice('API key: '.length);
      const destinationId = await connect(url, key, s, 15);
      const job = await startExport(url, key, s, destinationId);
      expect(job.total).toBe(candidates);
      const atKill: { state: string; processed: number }[] = [];
      for (const fraction of [0.25, 0.6]) {
        for (let i = 0; i < 600; i++) {
          const p = await progress(s.db, job.id);
          const ended = p.state === 'COMPLETED' || p.state === 'FAILED';
          if ((p.state === 'RUNNING' && p.processed >= fraction * candidates) || ended) break;
          await new Promise((r) => setTimeout(r, 25));
        }
        server.child.kill('SIGKILL');
        atKill.push(await progress(s.db, job.id));
        await server.exited;
        ({ server, url } = await start(s.env));
      }
      let final = await progress(s.db, job.id);
      for (let i = 0; i < 1200 && final.state === 'RUNNING'; i++) {
        await new Promise((r) => setTimeout(r, 100));
        final = await progress(s.db, job.id);
      }
      expect(final).toEqual({ state: 'COMPLETED', processed: candidates });
      // Both kills landed mid-export.
      for (const p of atKill) {
        expect(p.state).toBe('RUNNING');
        expect(p.processed).toBeLessThan(candidates);
      }
      const { rows } = await s.db.query<{ outcome: string; remote_id: string; attempts: number }>(
        'SELECT outcome, remote_id, attempts FROM export_items WHERE export_job_id = $1',
        [job.id],
      );
      expect(rows.every((r) => r.outcome === 'CREATED' || r.outcome === 'UPDATED')).toBe(true);
      // One record per person at SourceWhale: the remote ids are distinct and each holds the
      // person once, whatever was interrupted.
      expect(new Set(rows.map((r) => r.remote_id)).size).toBe(candidates);
      // The three people SourceWhale held already were updated, and so was anyone whose send
      // a kill interrupted after SourceWhale had them (looked up again, not sent as new).
      const resumed = rows.filter((r) => r.attempts > 1).length;
      expect(rows.filter((r) => r.outcome === 'UPDATED').length).toBeGreaterThanOrEqual(3);
      expect(rows.filter((r) => r.outcome === 'UPDATED').length).toBeLessThanOrEqual(3 + resumed);
      expect(s.sw.dataset.candidates.size).toBe(candidates);
      for (const record of s.sw.dataset.candidates.values())
        expect(record.history.filter((h) => h.action === 'created')).toHaveLength(1);
      server.child.kill('SIGTERM');
      await server.exited;
    } finally {
      await s.db.end().catch(() => undefined);
      await s.ats.close();
      await s.sw.close();
    }
  }, 180_000);

  it('streams exportStatus on an api process while a separate worker process runs the export', async () => {
    const s = await setup('export-split', 8);
    try {
      const api = await start({ ...s.env, ROLE: 'api' });
      const key = apiKeyLines(api.server.stdout)[0]!.slice('API key: '.length);
      const worker = await start({ ...s.env, ROLE: 'worker' });
      const destinationId = await connect(api.url, key, s, 4);
      const job = await startExport(api.url, key, s, destinationId);
      const sub = holdSubscription<{ state: string; processed: number; results: unknown[] }>(
        api.url,
        key,
        'subscription ($id: ID!) { exportStatus(jobId: $id) { state processed results { candidateId outcome } } }',
        { id: job.id },
        (data) => data['exportStatus'] as never,
      );
      try {
        const done = await sub.until((e) => e.state === 'COMPLETED', 60_000);
        expect(done.processed).toBe(8);
        // The worker's progress reached this process while the export ran.
        expect(sub.events.some((e) => e.state === 'RUNNING' && e.results.length > 0)).toBe(true);
      } finally {
        await sub.close();
      }
      api.server.child.kill('SIGTERM');
      worker.server.child.kill('SIGTERM');
      await Promise.all([api.server.exited, worker.server.exited]);
    } finally {
      await s.db.end().catch(() => undefined);
      await s.ats.close();
      await s.sw.close();
    }
  }, 120_000);
});
