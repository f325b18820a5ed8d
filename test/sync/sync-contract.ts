import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IsNull, Not, type DataSource } from 'typeorm';
import { Application, Attachment, Candidate, Connection, Job } from '../../src/entities';
import { createTenant, sharedDataSource } from '../helpers/database';
import { graphql } from '../helpers/graphql';
import type { SimulatorHandle } from '../simulators/common/harness-types';
import type { NeutralApplication } from '../simulators/generator';
import {
  createConnection,
  eventually,
  startSyncApp,
  syncNow,
  waitForRun,
  type TestApp,
} from './sync-harness';
import type { VendorUnderTest } from './vendors';

const CANDIDATES = 30;

/**
 * The sync, end to end against one vendor's simulator over loopback: the same checks for every
 * vendor (STYLE.md habit 4). Rows are compared with the simulator's own dataset.
 */
export function syncContract(vendor: VendorUnderTest, databaseUrl: () => string): void {
  describe(`sync from ${vendor.provider}`, () => {
    let dataSource: DataSource;
    let app: TestApp;
    let sim: SimulatorHandle<string | number, unknown>;
    let key: string;
    let organizationId: string;
    let connectionId: string;
    const webhookSecret = randomBytes(16).toString('hex');

    const appRemoteId = (app: NeutralApplication): string =>
      vendor.applicationRemoteId
        ? vendor.applicationRemoteId(sim, app)
        : String(sim.ids.get('application', app.key));
    const live = (entity: typeof Candidate | typeof Application | typeof Job) =>
      dataSource.getRepository(entity).count({ where: { connectionId, deletedAt: IsNull() } });
    /** Candidates of this connection that search counts for `query` (all when null). */
    const searchTotal = async (query: string | null): Promise<number> => {
      const res = await graphql<{ searchCandidates: { totalCount: number } }>(
        app.http.url,
        `
          query ($q: String, $c: [ID!]) {
            searchCandidates(query: $q, filter: { connectionIds: $c }) {
              totalCount
            }
          }
        `,
        { key, variables: { q: query, c: [connectionId] } },
      );
      return res.body.data!.searchCandidates.totalCount;
    };
    /** Rows a candidate still has in the search tables (its personal data among them). */
    const searchRows = async (candidateId: string): Promise<number> => {
      const [row] = await dataSource.query<{ n: number }[]>(
        `SELECT (SELECT count(*) FROM search_candidates WHERE candidate_id = $1)
              + (SELECT count(*) FROM search_text WHERE candidate_id = $1) AS n`,
        [candidateId],
      );
      return Number(row!.n);
    };

    beforeAll(async () => {
      dataSource = await sharedDataSource();
      app = await startSyncApp(databaseUrl());
      sim = await vendor.start({
        candidates: CANDIDATES,
        seed: `contract-${vendor.provider}`,
        rateLimit: false,
      });
      const tenant = await createTenant(dataSource, vendor.provider.toLowerCase());
      key = tenant.key;
      organizationId = tenant.organization.id;
      const created = await createConnection(app, key, {
        provider: vendor.provider,
        name: `${vendor.provider} (simulator)`,
        credentials: vendor.credentials(sim, webhookSecret),
        capabilities: ['REDISCOVERY', 'CONNECT'],
        baseUrl: sim.url,
        ...(vendor.settings ? { settings: vendor.settings } : {}),
      });
      connectionId = created.id;
      if (vendor.configureWebhooks)
        await vendor.configureWebhooks(sim, created.webhooks[0]!.url, webhookSecret);
    });

    afterAll(async () => {
      await app?.stop();
      await sim?.close();
      await dataSource?.destroy();
    });

    it('mirrors the whole dataset on the first (full) sync, files and text included', async () => {
      const run = await waitForRun(app, key, connectionId);
      expect(run).toMatchObject({ state: 'COMPLETED', mode: 'FULL', error: null });
      expect(await live(Candidate)).toBe(sim.dataset.candidates.size);
      expect(await live(Application)).toBe(vendor.expectedApplications(sim.dataset));
      expect(await live(Job)).toBe(sim.dataset.jobs.size);

      const sample = [...sim.dataset.candidates.values()].slice(0, 5);
      for (const neutral of sample) {
        const row = await dataSource.getRepository(Candidate).findOneByOrFail({
          connectionId,
          remoteId: String(sim.ids.get('candidate', neutral.key)),
        });
        expect(row.fullName).toBe(`${neutral.firstName} ${neutral.lastName}`);
        expect(row.emails).toContain(neutral.emails[0]!.value.toLowerCase());
        if (neutral.linkedinUrl) expect(row.linkedinUrl).toMatch(/^linkedin\.com\/in\/[^/]+$/);
      }
      const files = await dataSource
        .getRepository(Attachment)
        .find({ where: { connectionId, deletedAt: IsNull() } });
      expect(files.length).toBeGreaterThan(0);
      expect(files.every((f) => f.sha256 !== null && f.extractionError === null)).toBe(true);
      expect(files.some((f) => /EXPERIENCE|SKILLS/.test(f.extractedText ?? ''))).toBe(true);

      // Searchable through the API, with ATS facets.
      const skill = sample[0]!.skills[0]!;
      const search = await graphql<{
        searchCandidates: { totalCount: number; facets: { field: string }[] };
      }>(
        app.http.url,
        `
          query ($q: String) {
            searchCandidates(query: $q) {
              totalCount
              facets {
                field
              }
            }
          }
        `,
        { key, variables: { q: `skill:"${skill}"` } },
      );
      expect(search.body.data!.searchCandidates.totalCount).toBeGreaterThan(0);
      expect(search.body.data!.searchCandidates.facets.map((f) => f.field)).toContain('STAGE');
    });

    it('changes nothing when nothing changed (a second full sync is idempotent)', async () => {
      const snapshot = async () =>
        (
          await dataSource
            .getRepository(Candidate)
            .find({ where: { connectionId }, select: ['id', 'updatedAt'], order: { id: 'ASC' } })
        ).map((c) => `${c.id}@${c.updatedAt.toISOString()}`);
      const applications = async () =>
        (
          await dataSource
            .getRepository(Application)
            .find({ where: { connectionId }, select: ['id', 'updatedAt'], order: { id: 'ASC' } })
        ).map((a) => `${a.id}@${a.updatedAt.toISOString()}`);
      const before = await snapshot();
      const appsBefore = await applications();
      const run = await syncNow(app, key, connectionId, 'FULL');
      expect(run.state).toBe('COMPLETED');
      expect(await snapshot()).toEqual(before);
      // Not one application row rewritten either (same rows, same updatedAt).
      expect(await applications()).toEqual(appsBefore);
    });

    it('picks up creates, updates and stage moves incrementally', async () => {
      const created = sim.mutate.createCandidate();
      const [first] = sim.dataset.candidates.values();
      sim.mutate.updateCandidate(first!.key, { lastName: 'Rediscovered' });
      const movable = [...sim.dataset.applications.values()].find(
        (a) => a.status === 'ACTIVE' && a.jobKey !== null,
      )!;
      const moved = sim.mutate.moveStage(movable.key);

      const run = await syncNow(app, key, connectionId, 'INCREMENTAL');
      expect(run).toMatchObject({ state: 'COMPLETED', mode: 'INCREMENTAL' });
      expect(await live(Candidate)).toBe(sim.dataset.candidates.size);
      const newRow = await dataSource
        .getRepository(Candidate)
        .findOneBy({ connectionId, remoteId: String(sim.ids.get('candidate', created.key)) });
      expect(newRow?.fullName).toBe(`${created.firstName} ${created.lastName}`);
      const updated = await dataSource
        .getRepository(Candidate)
        .findOneByOrFail({ connectionId, remoteId: String(sim.ids.get('candidate', first!.key)) });
      expect(updated.fullName).toBe(`${first!.firstName} Rediscovered`);
      const app1 = await dataSource
        .getRepository(Application)
        .findOneByOrFail({ connectionId, remoteId: appRemoteId(moved) });
      expect(app1.stageName).toBe(sim.dataset.stage(moved.stageKey)!.name);
    });

    it('marks a file the vendor no longer lists as deleted and keeps the others', async () => {
      const owner = [...sim.dataset.candidates.values()].find((c) => c.attachments.length >= 1)!;
      const row = await dataSource.getRepository(Candidate).findOneByOrFail({
        connectionId,
        remoteId: String(sim.ids.get('candidate', owner.key)),
      });
      const files = (deleted: boolean) =>
        dataSource.getRepository(Attachment).count({
          where: { candidateId: row.id, deletedAt: deleted ? Not(IsNull()) : IsNull() },
        });
      expect(await files(false)).toBe(owner.attachments.length);
      expect(await files(true)).toBe(0);

      sim.mutate.updateCandidate(owner.key, { attachments: owner.attachments.slice(1) });
      const run = await syncNow(app, key, connectionId, 'INCREMENTAL');
      expect(run).toMatchObject({ state: 'COMPLETED', error: null });
      expect(await files(false)).toBe(owner.attachments.length - 1);
      expect(await files(true)).toBe(1);
    });

    if (vendor.refuseIncrementalState) {
      it('runs a full sync by itself when the vendor refuses the incremental state', async () => {
        vendor.refuseIncrementalState!(sim);
        const run = await syncNow(app, key, connectionId, 'INCREMENTAL');
        expect(run).toMatchObject({ state: 'COMPLETED', mode: 'FULL' });
        expect(await live(Candidate)).toBe(sim.dataset.candidates.size);
      });
    }

    it('finds candidates deleted upstream without a webhook on the next full sync, and drops them from search', async () => {
      const victim = [...sim.dataset.candidates.values()][3]!;
      const remoteId = String(sim.ids.get('candidate', victim.key));
      const row = await dataSource
        .getRepository(Candidate)
        .findOneByOrFail({ connectionId, remoteId });
      const victimName = `name:"${victim.firstName} ${victim.lastName}"`;
      expect(await searchTotal(victimName)).toBeGreaterThan(0);
      // The vendor sends no webhook for this one: only the full sync's sweep can find it.
      sim.faults.withholdWebhooks(true);
      sim.mutate.deleteCandidate(victim.key);
      sim.faults.withholdWebhooks(false);
      const run = await syncNow(app, key, connectionId, 'FULL');
      expect(run.state).toBe('COMPLETED');
      const swept = await dataSource.getRepository(Candidate).findOneByOrFail({ id: row.id });
      expect(swept.deletedAt).not.toBeNull();
      expect(await live(Candidate)).toBe(sim.dataset.candidates.size);
      const gone = await graphql(app.http.url, `{ candidate(id: "${row.id}") { id } }`, { key });
      expect(gone.body.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
      // Not counted, not findable, and no personal data left in the search tables.
      await eventually(async () => {
        expect(await searchTotal(null)).toBe(sim.dataset.candidates.size);
        expect(await searchTotal(victimName)).toBe(0);
        expect(await searchRows(row.id)).toBe(0);
      });
    });

    it('honours a merge made upstream: the loser leaves search, its applications follow the survivor', async () => {
      const [survivor, loser] = [...sim.dataset.candidates.values()].slice(5, 7);
      const loserRow = await dataSource
        .getRepository(Candidate)
        .findOneByOrFail({ connectionId, remoteId: String(sim.ids.get('candidate', loser!.key)) });
      const survivorRow = await dataSource.getRepository(Candidate).findOneByOrFail({
        connectionId,
        remoteId: String(sim.ids.get('candidate', survivor!.key)),
      });
      const loserName = `name:"${loser!.firstName} ${loser!.lastName}"`;
      expect(await searchTotal(loserName)).toBeGreaterThan(0);
      const merged = sim.mutate.mergeCandidates(survivor!.key, loser!.key);
      const movedApplications = [...sim.dataset.applications.values()]
        .filter((a) => a.candidateKey === merged.key)
        .map(appRemoteId);
      await (sim as unknown as { webhooks?: { flush(): Promise<void> } }).webhooks?.flush();
      const run = await syncNow(app, key, connectionId, 'FULL');
      expect(run.state).toBe('COMPLETED');
      const after = await dataSource.getRepository(Candidate).findOneByOrFail({ id: loserRow.id });
      expect(after.deletedAt ?? after.mergedIntoId).not.toBeNull();
      expect(await live(Candidate)).toBe(sim.dataset.candidates.size);
      const owners = await dataSource.getRepository(Application).find({
        where: { connectionId, deletedAt: IsNull() },
      });
      const ownerOf = new Map(owners.map((a) => [a.remoteId, a.candidateId]));
      expect(movedApplications.length).toBeGreaterThan(0);
      for (const remote of movedApplications) expect(ownerOf.get(remote)).toBe(survivorRow.id);
      await eventually(async () => {
        expect(await searchTotal(null)).toBe(sim.dataset.candidates.size);
        expect(await searchTotal(loserName)).toBe(0);
        expect(await searchRows(loserRow.id)).toBe(0);
      });
    });

    it('completes with correct data through a 429 storm and a burst of 5xx', async () => {
      sim.faults.throttleNext(6, 0);
      sim.faults.failNext(4, 503);
      const run = await syncNow(app, key, connectionId, 'FULL');
      expect(run).toMatchObject({ state: 'COMPLETED', error: null });
      expect(run.rateLimitWaits).toBeGreaterThan(0);
      expect(await live(Candidate)).toBe(sim.dataset.candidates.size);
    });

    it('reports a malformed vendor record and saves the others', async () => {
      const [, victim] = sim.dataset.candidates.values();
      sim.faults.malformCandidate(victim!.key);
      sim.mutate.updateCandidate(victim!.key, { currentTitle: 'Malformed Title' });
      const other = sim.mutate.createCandidate();
      const run = await syncNow(app, key, connectionId, 'FULL');
      sim.faults.clear();
      expect(run.state).toBe('COMPLETED');
      expect(run.skippedRecords).toBeGreaterThan(0);
      const saved = await dataSource
        .getRepository(Candidate)
        .findOneBy({ connectionId, remoteId: String(sim.ids.get('candidate', other.key)) });
      expect(saved).not.toBeNull();
    });

    it('applies a signed webhook within seconds; forged and unsigned deliveries get 401, replayed ones 200, and none changes anything', async () => {
      const movable = [...sim.dataset.applications.values()].find(
        (a) => a.status === 'ACTIVE' && a.jobKey !== null,
      )!;
      const moved = sim.mutate.moveStage(movable.key);
      const wanted = sim.dataset.stage(moved.stageKey)!.name;
      const remoteId = appRemoteId(moved);
      await eventually(async () => {
        const row = await dataSource
          .getRepository(Application)
          .findOneByOrFail({ connectionId, remoteId });
        expect(row.stageName).toBe(wanted);
      });
      const webhooks = (
        sim as unknown as {
          webhooks: {
            flush(): Promise<void>;
            deliveries: readonly {
              url: string;
              requestHeaders: Record<string, string>;
              body: string;
              status: number | null;
            }[];
          };
        }
      ).webhooks;
      await webhooks.flush();
      const delivered = webhooks.deliveries.filter(
        (d) => d.url.includes(connectionId) && d.status !== null && d.status < 300,
      );
      expect(delivered.length).toBeGreaterThan(0);
      const last = delivered[delivered.length - 1]!;
      const countBefore = await live(Candidate);
      const post = (headers: Record<string, string>, body: string) =>
        fetch(last.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body,
        });
      // Replayed exactly as the vendor sent it: acknowledged (a vendor retry must stop), ignored.
      expect((await post(last.requestHeaders, last.body)).status).toBe(200);
      // Tampered body with the original signature.
      expect((await post(last.requestHeaders, last.body.replace(/"/, '"x'))).status).toBe(401);
      // No signature at all.
      const unsigned = Object.fromEntries(
        Object.entries(last.requestHeaders).filter(([h]) => !/signature/i.test(h)),
      );
      expect((await post(unsigned, last.body)).status).toBe(401);
      expect(await live(Candidate)).toBe(countBefore);
    });

    it('never exposes the credentials: not in responses, not in logs, not in plaintext in the database', async () => {
      const secretValues = Object.values(vendor.credentials(sim, webhookSecret)).filter(
        (v) => v.length >= 8,
      );
      const res = await graphql(
        app.http.url,
        `
          query ($id: ID!) {
            connection(id: $id) {
              id
              name
              provider
              status
              settings {
                mandatoryFields
              }
              webhooks {
                url
                events
              }
              missingPermissions
            }
          }
        `,
        {
          key,
          variables: { id: connectionId },
        },
      );
      const text = JSON.stringify(res.body);
      const row = await dataSource.getRepository(Connection).findOneByOrFail({ id: connectionId });
      const dump = JSON.stringify(
        await dataSource.query('SELECT * FROM connections WHERE organization_id = $1', [
          organizationId,
        ]),
      );
      for (const value of secretValues) {
        expect(text).not.toContain(value);
        expect(dump).not.toContain(value);
        expect(row.credentialsCiphertext).not.toContain(value);
      }
      expect(row.credentialsCiphertext.startsWith('v1.')).toBe(true);
    });
  });
}
