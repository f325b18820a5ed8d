import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Application } from '../../src/entities';
import { createEmptyDatabase, createTenant } from '../helpers/database';
import type { SimulatorHandle } from '../simulators/common/harness-types';
import type { WebhookLog } from '../simulators/common/webhook-sender';
import {
  createConnection,
  eventually,
  startSyncApp,
  waitForRun,
  type TestApp,
} from '../sync/sync-harness';
import { VENDORS } from '../sync/vendors';

const REPLAYS = 50;
const EXACT_REPLAYS = 3;

/**
 * Where each vendor names a delivery: a header outside what it signs (Greenhouse), a header it
 * signs (SmartRecruiters), or the signed body itself (Ashby).
 */
const DELIVERY_ID = {
  ASHBY: null,
  GREENHOUSE: { header: 'greenhouse-event-id', signed: false },
  SMARTRECRUITERS: { header: 'event-id', signed: true },
} as const;

/**
 * A captured, correctly signed delivery sent again, its delivery id changed or removed: the real
 * server (durable queue, as in production) answers 2xx so the vendor stops retrying, and queues
 * nothing, so no vendor call is made. The vendors' simulators sign the deliveries.
 */
describe('replayed webhook deliveries', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startSyncApp(await createEmptyDatabase(), { JOB_QUEUE: 'postgres' });
  });
  afterAll(async () => {
    await app?.stop();
  });

  /** Waits until the queue has nothing waiting or running, twice in a row. */
  const settle = async (): Promise<void> => {
    let idleSeen = 0;
    const deadline = Date.now() + 30_000;
    while (idleSeen < 2) {
      const [row] = await app.dataSource.query<{ n: number }[]>(
        "SELECT count(*)::int AS n FROM pgboss.job WHERE state IN ('created', 'retry', 'active')",
      );
      idleSeen = row!.n === 0 ? idleSeen + 1 : 0;
      if (Date.now() > deadline) throw new Error('the job queue did not settle');
      await new Promise((r) => setTimeout(r, 300));
    }
  };

  describe.each(VENDORS)('from $provider', (vendor) => {
    let sim: SimulatorHandle<string | number, unknown>;
    let key: string;
    let connectionId: string;
    const secret = randomBytes(16).toString('hex');
    const deliveryId = DELIVERY_ID[vendor.provider];

    const webhooks = (): WebhookLog => (sim as unknown as { webhooks: WebhookLog }).webhooks;
    const webhookJobs = async (): Promise<number> => {
      const [row] = await app.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM pgboss.job
         WHERE name = 'apply-webhook' AND data->>'connectionId' = $1`,
        [connectionId],
      );
      return row!.n;
    };
    const post = (url: string, headers: Record<string, string>, body: string) =>
      fetch(url, { method: 'POST', headers, body });
    /** The delivery's headers with its id header set to `id`, or removed (null). */
    const withDeliveryId = (
      headers: Record<string, string>,
      id: string | null,
    ): Record<string, string> => {
      const kept = Object.fromEntries(
        Object.entries(headers).filter(([name]) => name.toLowerCase() !== deliveryId?.header),
      );
      return id === null || !deliveryId ? kept : { ...kept, [deliveryId.header]: id };
    };

    /** A stage move the vendor announces by webhook; its last accepted delivery, once applied. */
    const captureDelivery = async () => {
      const movable = [...sim.dataset.applications.values()].find(
        (a) => a.status === 'ACTIVE' && a.jobKey !== null,
      )!;
      const moved = sim.mutate.moveStage(movable.key);
      const wanted = sim.dataset.stage(moved.stageKey)!.name;
      const remoteId = vendor.applicationRemoteId
        ? vendor.applicationRemoteId(sim, moved)
        : String(sim.ids.get('application', moved.key));
      await eventually(async () => {
        const row = await app.dataSource
          .getRepository(Application)
          .findOneByOrFail({ connectionId, remoteId });
        expect(row.stageName).toBe(wanted);
      });
      await webhooks().flush();
      await settle();
      const accepted = webhooks().deliveries.filter(
        (d) => d.url.includes(connectionId) && d.status === 202 && d.event !== 'ping',
      );
      expect(accepted.length).toBeGreaterThan(0);
      return accepted[accepted.length - 1]!;
    };

    beforeAll(async () => {
      sim = await vendor.start({
        candidates: 8,
        seed: `replays-${vendor.provider}`,
        rateLimit: false,
      });
      const tenant = await createTenant(app.dataSource, `replays-${vendor.provider}`);
      key = tenant.key;
      const created = await createConnection(app, key, {
        provider: vendor.provider,
        name: `${vendor.provider} (replays)`,
        credentials: vendor.credentials(sim, secret),
        capabilities: ['REDISCOVERY'],
        baseUrl: sim.url,
        ...(vendor.settings ? { settings: vendor.settings } : {}),
      });
      connectionId = created.id;
      if (vendor.configureWebhooks)
        await vendor.configureWebhooks(sim, created.webhooks[0]!.url, secret);
      expect(await waitForRun(app, key, connectionId)).toMatchObject({ state: 'COMPLETED' });
      await settle();
    });

    afterAll(async () => {
      await sim?.close();
    });

    it(`acknowledges ${REPLAYS} replays with the delivery id changed or removed, and ${EXACT_REPLAYS} exact ones, queueing nothing and calling the vendor never`, async () => {
      const original = await captureDelivery();
      const jobsBefore = await webhookJobs();
      const callsBefore = sim.requestLog.entries.length;

      const statuses: number[] = [];
      for (let i = 0; i < REPLAYS; i++) {
        const id = i % 2 === 0 ? randomUUID() : null;
        const res = await post(
          original.url,
          withDeliveryId(original.requestHeaders, id),
          original.body,
        );
        statuses.push(res.status);
      }
      for (let i = 0; i < EXACT_REPLAYS; i++) {
        const res = await post(original.url, original.requestHeaders, original.body);
        statuses.push(res.status);
      }
      await settle();

      expect({ jobs: await webhookJobs(), vendorCalls: sim.requestLog.entries.length }).toEqual({
        jobs: jobsBefore,
        vendorCalls: callsBefore,
      });
      // 2xx for every replay the signature still covers; a signed id changed or removed breaks
      // the signature (401), as any forgery does.
      const refusedBySignature = deliveryId?.signed ? REPLAYS : 0;
      expect(statuses.filter((s) => s === 401)).toHaveLength(refusedBySignature);
      expect(statuses.filter((s) => s === 200)).toHaveLength(
        REPLAYS + EXACT_REPLAYS - refusedBySignature,
      );
    });

    if (deliveryId && !deliveryId.signed) {
      it('takes the same signed body once more after its digest expired, and deletes expired digests and week-old receipts', async () => {
        const original = await captureDelivery();
        const jobsBefore = await webhookJobs();
        // Other connections' digests from long ago, and this delivery's as if a day had passed.
        await app.dataSource.query(
          `INSERT INTO webhook_digests (connection_id, digest, expires_at)
           SELECT gen_random_uuid(), sha256(random()::text::bytea), now() - interval '1 hour'
           FROM generate_series(1, 5)`,
        );
        // Delivery ids remembered for 8 days, past the week they are kept, and one for 6 days.
        await app.dataSource.query(
          `INSERT INTO webhook_receipts (connection_id, delivery_key, organization_id, received_at)
           SELECT gen_random_uuid(), 'old-' || i, gen_random_uuid(), now() - interval '8 days'
           FROM generate_series(1, 5) AS i
           UNION ALL SELECT gen_random_uuid(), 'recent', gen_random_uuid(), now() - interval '6 days'`,
        );
        await app.dataSource.query(
          `UPDATE webhook_digests SET expires_at = now() - interval '1 second'
           WHERE connection_id = $1`,
          [connectionId],
        );
        const again = await post(
          original.url,
          withDeliveryId(original.requestHeaders, randomUUID()),
          original.body,
        );
        expect(again.status).toBe(202);
        expect(await webhookJobs()).toBe(jobsBefore + 1);
        const [expired] = await app.dataSource.query<{ n: number }[]>(
          'SELECT count(*)::int AS n FROM webhook_digests WHERE expires_at <= now()',
        );
        expect(expired!.n).toBe(0);
        const receipts = await app.dataSource.query<{ delivery_key: string }[]>(
          "SELECT delivery_key FROM webhook_receipts WHERE received_at < now() - interval '1 day'",
        );
        expect(receipts.map((r) => r.delivery_key)).toEqual(['recent']);

        const replay = await post(
          original.url,
          withDeliveryId(original.requestHeaders, randomUUID()),
          original.body,
        );
        expect(replay.status).toBe(200);
        expect(await webhookJobs()).toBe(jobsBefore + 1);
        await settle();
      });
    }
  });
});
