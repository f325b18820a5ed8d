import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Application } from '../../src/entities';
import { createEmptyDatabase, createTenant } from '../helpers/database';
import { startAshbySimulator, type AshbySimulator } from '../simulators/ashby/ashby-simulator';
import { connectAshbyWithWebhooks, eventually, startSyncApp, type TestApp } from './sync-harness';

/**
 * With the durable queue (pg-boss, as in production), a webhook's receipt and its queued job
 * are written by one transaction: an accepted delivery has both, a replay (acknowledged with a
 * 200) adds neither.
 */
describe('webhooks with the durable queue', () => {
  let app: TestApp;
  let sim: AshbySimulator;
  let connectionId: string;
  const secret = randomBytes(16).toString('hex');

  beforeAll(async () => {
    app = await startSyncApp(await createEmptyDatabase(), { JOB_QUEUE: 'postgres' });
    sim = await startAshbySimulator({ candidates: 12, seed: 'durable-webhooks', rateLimit: false });
    const tenant = await createTenant(app.dataSource, 'durable-webhooks');
    connectionId = await connectAshbyWithWebhooks(app, tenant.key, sim, secret);
  });

  afterAll(async () => {
    await app?.stop();
    await sim?.close();
  });

  const counts = async (): Promise<{ receipts: number; jobs: number }> => {
    const [row] = await app.dataSource.query<{ receipts: number; jobs: number }[]>(
      `SELECT (SELECT count(*)::int FROM webhook_receipts WHERE connection_id = $1) AS receipts,
              (SELECT count(*)::int FROM pgboss.job WHERE name = 'apply-webhook') AS jobs`,
      [connectionId],
    );
    return row!;
  };

  it('queues an accepted delivery with its receipt, and a replay neither', async () => {
    const movable = [...sim.dataset.applications.values()].find(
      (a) => a.status === 'ACTIVE' && a.jobKey !== null,
    )!;
    const remoteId = String(sim.ids.get('application', movable.key));
    const before = await counts();
    const moved = sim.mutate.moveStage(movable.key);
    const wanted = sim.dataset.stage(moved.stageKey)!.name;
    await eventually(async () => {
      const row = await app.dataSource
        .getRepository(Application)
        .findOneByOrFail({ connectionId, remoteId });
      expect(row.stageName).toBe(wanted);
    });
    await sim.webhooks.flush();
    const accepted = sim.webhooks.deliveries.filter(
      (d) => d.url.includes(connectionId) && d.status !== null && d.status < 300,
    );
    const after = await counts();
    // Each accepted delivery (a stage move may send more than one) left a receipt and a job.
    const delivered = after.receipts - before.receipts;
    expect(delivered).toBeGreaterThan(0);
    expect(after.jobs - before.jobs).toBe(delivered);

    const last = accepted[accepted.length - 1]!;
    const replay = await fetch(last.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...last.requestHeaders },
      body: last.body,
    });
    expect(replay.status).toBe(200);
    expect(await counts()).toEqual(after);
  });
});
