import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { Candidate, SyncRun } from '../../src/entities';
import { createDataSource } from '../../src/database/data-source';
import { createEmptyDatabase, createTenant } from '../helpers/database';
import { graphql } from '../helpers/graphql';
import {
  startSmartRecruitersSimulator,
  type SmartRecruitersSimulator,
} from '../simulators/smartrecruiters/smartrecruiters-simulator';
import {
  createConnection,
  eventually,
  startSyncApp,
  waitForRun,
  type TestApp,
} from './sync-harness';

/**
 * Seed 000: a SmartRecruiters connection used only for Connect lookups is kept fresh like a
 * mirrored one: its webhooks are created and its incremental syncs are scheduled.
 */
describe('a Connect-only connection stays fresh', () => {
  let dataSource: DataSource;
  let app: TestApp;
  let sim: SmartRecruitersSimulator;
  let key: string;
  let connectionId: string;

  beforeAll(async () => {
    // A database of its own: its schedule (every second) must see only this test's connection.
    const databaseUrl = await createEmptyDatabase();
    app = await startSyncApp(databaseUrl, { SYNC_SCHEDULE_CHECK_SECONDS: '1' });
    // The app applied the migrations; the test reads the same database.
    dataSource = createDataSource({ url: databaseUrl, poolSize: 2 });
    await dataSource.initialize();
    sim = await startSmartRecruitersSimulator({
      seed: 'connect-only',
      candidates: 8,
      rateLimit: false,
    });
    key = (await createTenant(dataSource, 'connect-only')).key;
    const created = await createConnection(app, key, {
      provider: 'SMARTRECRUITERS',
      name: 'SmartRecruiters (Connect)',
      credentials: { smartToken: sim.credentials.smartToken },
      capabilities: ['CONNECT'],
      baseUrl: sim.url,
      syncIntervalMinutes: 1,
      settings: { requestsPerSecond: 100 },
    });
    connectionId = created.id;
    expect(await waitForRun(app, key, connectionId)).toMatchObject({ state: 'COMPLETED' });
  });
  afterAll(async () => {
    await app?.stop();
    await sim?.close();
    await dataSource?.destroy();
  });

  it('creates the candidate.deleted and job.status.updated subscriptions and shows them', async () => {
    const events = sim.webhooks.subscriptions().flatMap((s) => s.events.map((e) => e.name));
    expect(events).toEqual(expect.arrayContaining(['candidate.deleted', 'job.status.updated']));
    const res = await graphql<{ connection: { webhooks: { events: string[] }[] } }>(
      app.http.url,
      'query ($id: ID!) { connection(id: $id) { webhooks { url events managedByRediscover } } }',
      { key, variables: { id: connectionId } },
    );
    expect(res.body.data!.connection.webhooks[0]!.events).toEqual(
      expect.arrayContaining(['candidate.deleted', 'job.status.updated']),
    );
  });

  it('applies a deletion within seconds, through the webhook', async () => {
    const victim = [...sim.dataset.candidates.values()][2]!;
    sim.mutate.deleteCandidate(victim.key);
    await eventually(async () => {
      const row = await dataSource.getRepository(Candidate).findOneByOrFail({
        connectionId,
        remoteId: String(sim.ids.get('candidate', victim.key)),
      });
      expect(row.deletedAt).not.toBeNull();
    });
  });

  it('gets its scheduled incremental syncs', async () => {
    await dataSource.query(
      `UPDATE connections SET last_synced_at = now() - interval '5 minutes' WHERE id = $1`,
      [connectionId],
    );
    await eventually(async () => {
      const scheduled = await dataSource
        .getRepository(SyncRun)
        .count({ where: { connectionId, trigger: 'SCHEDULE' } });
      expect(scheduled).toBe(1);
    });
  });
});
