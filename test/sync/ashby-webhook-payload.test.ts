import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { Application } from '../../src/entities';
import { createTenant, sharedDataSource } from '../helpers/database';
import { graphql } from '../helpers/graphql';
import { startAshbySimulator, type AshbySimulator } from '../simulators/ashby/ashby-simulator';
import {
  connectAshbyWithWebhooks,
  drain,
  eventually,
  startSyncApp,
  type TestApp,
} from './sync-harness';

/**
 * Ashby's application webhooks carry the full Application object: a stage move is mirrored
 * from it with no call back to Ashby, and an older object delivered late (a vendor retry)
 * changes nothing.
 */
describe('Ashby application webhooks applied from their payload', () => {
  let dataSource: DataSource;
  let app: TestApp;
  let sim: AshbySimulator;
  let connectionId: string;
  let key: string;
  const secret = randomBytes(16).toString('hex');

  beforeAll(async () => {
    dataSource = await sharedDataSource();
    app = await startSyncApp(inject('databaseUrl'));
    sim = await startAshbySimulator({ candidates: 12, seed: 'ashby-payload', rateLimit: false });
    const tenant = await createTenant(dataSource, 'ashby-payload');
    key = tenant.key;
    connectionId = await connectAshbyWithWebhooks(app, tenant.key, sim, secret);
  });

  afterAll(async () => {
    await app?.stop();
    await sim?.close();
    await dataSource?.destroy();
  });

  const stageOf = async (remoteId: string): Promise<string | null> =>
    (await dataSource.getRepository(Application).findOneByOrFail({ connectionId, remoteId }))
      .stageName;

  it('mirrors stage moves without calling Ashby, and ignores an older object delivered late', async () => {
    const movable = [...sim.dataset.applications.values()].find(
      (a) => a.status === 'ACTIVE' && a.jobKey !== null,
    )!;
    const remoteId = String(sim.ids.get('application', movable.key));
    const callsBefore = sim.requestLog.entries.length;

    const first = sim.mutate.moveStage(movable.key);
    const firstStage = sim.dataset.stage(first.stageKey)!.name;
    await eventually(async () => expect(await stageOf(remoteId)).toBe(firstStage));
    await sim.webhooks.flush();
    const oldBody = [...sim.webhooks.deliveries]
      .reverse()
      .find((d) => d.body.includes(remoteId) && d.body.includes('"applicationUpdate"'))!.body;

    // Later moves get later timestamps.
    await new Promise((r) => setTimeout(r, 20));
    const second = sim.mutate.moveStage(movable.key);
    const secondStage = sim.dataset.stage(second.stageKey)!.name;
    expect(secondStage).not.toBe(firstStage);
    await eventually(async () => expect(await stageOf(remoteId)).toBe(secondStage));

    const asked = sim.requestLog.entries.slice(callsBefore).map((e) => e.path);
    expect(asked.filter((p) => /candidate\.info|application\.info/.test(p))).toEqual([]);

    // The first move's object again, as a new, correctly signed delivery (a late retry).
    const stale = JSON.stringify({ ...JSON.parse(oldBody), webhookActionId: randomUUID() });
    const signature = createHmac('sha256', secret).update(stale).digest('hex');
    const answer = await fetch(sim.webhooks.deliveries[0]!.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'ashby-signature': `sha256=${signature}` },
      body: stale,
    });
    expect(answer.status).toBeLessThan(300);
    await drain(app);
    expect(await stageOf(remoteId)).toBe(secondStage);
  });

  it('takes a rotated webhook secret at once and refuses the old one', async () => {
    const url = sim.webhooks.deliveries[0]!.url;
    const post = (signWith: string) => {
      const body = JSON.stringify({
        webhookActionId: randomUUID(),
        action: 'ping',
        data: { webhookActionType: 'ping' },
      });
      const signature = createHmac('sha256', signWith).update(body).digest('hex');
      return fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'ashby-signature': `sha256=${signature}` },
        body,
      });
    };
    expect((await post(secret)).status).toBeLessThan(300); // the intake now holds this secret
    const rotated = randomBytes(16).toString('hex');
    const res = await graphql<{ updateConnection: { id: string } }>(
      app.http.url,
      `
        mutation ($id: ID!, $input: UpdateConnectionInput!) {
          updateConnection(id: $id, input: $input) {
            id
          }
        }
      `,
      { key, variables: { id: connectionId, input: { credentials: { webhookSecret: rotated } } } },
    );
    expect(res.body.errors).toBeUndefined();
    // The old secret first: the secret the intake held must be gone with the rotation.
    expect((await post(secret)).status).toBe(401);
    expect((await post(rotated)).status).toBeLessThan(300);
  });
});
