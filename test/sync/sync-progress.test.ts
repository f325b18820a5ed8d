import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { createLogger } from '../../src/common/logger';
import { PgPubSub } from '../../src/database/pg-pubsub';
import { syncTopic, type SyncRunEvent } from '../../src/sync/sync-events';
import { createTenant, sharedDataSource } from '../helpers/database';
import { holdSubscription, type HeldSubscription } from '../helpers/subscription';
import type { SimulatorHandle } from '../simulators/common/harness-types';
import { createConnection, startSyncApp, syncNow, waitForRun, type TestApp } from './sync-harness';
import { VENDORS } from './vendors';

type Progress = Pick<
  SyncRunEvent,
  | 'syncRunId'
  | 'state'
  | 'phase'
  | 'phasesDone'
  | 'phasesTotal'
  | 'phaseProcessed'
  | 'phaseTotal'
  | 'percent'
  | 'processed'
  | 'total'
>;

const SYNC_STATUS = `subscription ($id: ID!) { syncStatus(connectionId: $id) {
  syncRunId state phase phasesDone phasesTotal phaseProcessed phaseTotal percent processed total } }`;

/**
 * A full sync's progress as `syncStatus` subscribers see it, on every vendor: 0 % first, never
 * back, 100 % only at the end, phases counted against a total fixed from the start, and the
 * files phase moving file by file.
 */
for (const vendor of VENDORS) {
  describe(`sync progress from ${vendor.provider}`, () => {
    let dataSource: DataSource;
    let pubsub: PgPubSub;
    let app: TestApp;
    let sim: SimulatorHandle<string | number, unknown>;
    let key: string;
    let connectionId: string;
    let sub: HeldSubscription<Progress>;

    beforeAll(async () => {
      dataSource = await sharedDataSource();
      pubsub = new PgPubSub(
        inject('databaseUrl'),
        (text, values) => dataSource.query(text, values),
        createLogger('silent'),
      );
      app = await startSyncApp(inject('databaseUrl'));
      sim = await vendor.start({
        candidates: 40,
        seed: `progress-${vendor.provider}`,
        rateLimit: false,
      });
      key = (await createTenant(dataSource, `progress-${vendor.provider.toLowerCase()}`)).key;
      const webhookSecret = randomBytes(16).toString('hex');
      connectionId = (
        await createConnection(app, key, {
          provider: vendor.provider,
          name: `${vendor.provider} (simulator)`,
          credentials: vendor.credentials(sim, webhookSecret),
          capabilities: ['REDISCOVERY'],
          baseUrl: sim.url,
          ...(vendor.settings ? { settings: vendor.settings } : {}),
        })
      ).id;
      expect(await waitForRun(app, key, connectionId)).toMatchObject({ state: 'COMPLETED' });
    });

    afterAll(async () => {
      await sub?.close();
      await app?.stop();
      await sim?.close();
      await pubsub?.close();
      await dataSource?.destroy();
    });

    it('goes from 0 to 100 % monotonically, with phasesTotal fixed and ahead until the end', async () => {
      sub = holdSubscription<Progress>(
        app.http.url,
        key,
        SYNC_STATUS,
        { id: connectionId },
        (data) => data['syncStatus'] as Progress,
      );
      // The subscription is live once it relays an event published after it was opened.
      const sentinel = randomUUID();
      const probe = setInterval(() => {
        void pubsub.publish(syncTopic(connectionId), sentinelEvent(connectionId, sentinel));
      }, 100);
      try {
        await sub.until((e) => e.syncRunId === sentinel, 10_000);
      } finally {
        clearInterval(probe);
      }
      // Every file to fetch again, so the files phase has work to show.
      await dataSource.query(
        `UPDATE attachments SET sha256 = NULL, extraction_error = NULL WHERE connection_id = $1`,
        [connectionId],
      );

      const run = await syncNow(app, key, connectionId, 'FULL');
      expect(run.state).toBe('COMPLETED');
      await sub.until((e) => e.syncRunId === run.id && e.state === 'COMPLETED');
      const events = sub.events.filter((e) => e.syncRunId === run.id);

      const first = events[0]!;
      const last = events[events.length - 1]!;
      expect(first).toMatchObject({ state: 'RUNNING', percent: 0, phasesDone: 0 });
      expect(last).toMatchObject({ state: 'COMPLETED', percent: 100 });
      expect(last.phasesDone).toBe(last.phasesTotal);
      expect(last.total).toBe(last.processed);

      // The vendor's objects, then the files: fixed from the first event on.
      expect(first.phasesTotal).toBeGreaterThan(2);
      for (const e of events) expect(e.phasesTotal).toBe(first.phasesTotal);
      for (const e of events.slice(0, -1)) {
        expect(e.phasesDone).toBeLessThan(e.phasesTotal);
        expect(e.percent).toBeLessThan(100);
        if (e.total !== null) expect(e.total).toBeGreaterThanOrEqual(e.processed);
      }
      for (let i = 1; i < events.length; i++) {
        expect(events[i]!.percent).toBeGreaterThanOrEqual(events[i - 1]!.percent);
        expect(events[i]!.phasesDone).toBeGreaterThanOrEqual(events[i - 1]!.phasesDone);
        expect(events[i]!.processed).toBeGreaterThanOrEqual(events[i - 1]!.processed);
      }
      // More than a jump at the end: the bar moves through the run.
      expect(new Set(events.map((e) => e.percent)).size).toBeGreaterThan(first.phasesTotal / 2);

      // The files phase counts its files and ends with all of them.
      const files = events.filter((e) => e.phase === 'attachments' && e.state === 'RUNNING');
      const fileTotal = files[0]?.phaseTotal ?? 0;
      if (vendor.provider !== 'GREENHOUSE') expect(fileTotal).toBeGreaterThan(0);
      if (fileTotal > 0) {
        expect(files[0]!.phaseProcessed).toBe(0);
        expect(files[files.length - 1]!.phaseProcessed).toBe(fileTotal);
        expect(new Set(files.map((e) => e.percent)).size).toBeGreaterThan(1);
      }
    });
  });
}

function sentinelEvent(connectionId: string, syncRunId: string): SyncRunEvent {
  return {
    connectionId,
    syncRunId,
    mode: 'FULL',
    state: 'QUEUED',
    phase: null,
    phasesDone: 0,
    phasesTotal: 1,
    phaseProcessed: 0,
    phaseTotal: null,
    percent: 0,
    processed: 0,
    total: null,
    rateLimitWaits: 0,
    skippedRecords: 0,
    error: null,
    at: new Date().toISOString(),
  };
}
