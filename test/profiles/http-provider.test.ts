import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { Candidate } from '../../src/entities';
import { createTenant, sharedDataSource } from '../helpers/database';
import { graphql } from '../helpers/graphql';
import { startAshbySimulator, type AshbySimulator } from '../simulators/ashby/ashby-simulator';
import {
  startProfileServiceSimulator,
  type ProfileServiceSimulator,
} from '../simulators/profile-service/profile-service-simulator';
import {
  createConnection,
  eventually,
  startSyncApp,
  waitForRun,
  type TestApp,
} from '../sync/sync-harness';

/**
 * PROFILE_PROVIDER=http: profiles come from a people-data service instead of an import. The
 * synced candidates are looked up there, what it answers lands in the directory, the rules
 * decide, and the match is explained like any other.
 */
describe('the HTTP profile provider', () => {
  let dataSource: DataSource;
  let app: TestApp;
  let sim: AshbySimulator;
  let service: ProfileServiceSimulator;
  let key: string;

  beforeAll(async () => {
    dataSource = await sharedDataSource();
    sim = await startAshbySimulator({ seed: 'http-provider', candidates: 6, rateLimit: false });
    const [withEmail] = [...sim.dataset.candidates.values()];
    service = await startProfileServiceSimulator([
      {
        externalId: 'svc-1',
        fullName: `${withEmail!.firstName} ${withEmail!.lastName}`,
        emails: [withEmail!.emails[0]!.value],
        skills: ['Served By The Service'],
        industry: 'People Data',
      },
      { externalId: 'svc-unrelated', fullName: 'Nobody Here', emails: ['nobody@nowhere.example'] },
    ]);
    app = await startSyncApp(inject('databaseUrl'), {
      PROFILE_PROVIDER: 'http',
      PROFILE_PROVIDER_URL: service.url,
      PROFILE_PROVIDER_TOKEN: service.token,
    });
    key = (await createTenant(dataSource, 'http-provider')).key;
    const created = await createConnection(app, key, {
      provider: 'ASHBY',
      name: 'Ashby',
      credentials: { apiKey: sim.credentials.apiKey },
      capabilities: ['REDISCOVERY'],
      baseUrl: sim.url,
    });
    expect(await waitForRun(app, key, created.id)).toMatchObject({ state: 'COMPLETED' });
  });
  afterAll(async () => {
    await app?.stop();
    await sim?.close();
    await service?.close();
    await dataSource?.destroy();
  });

  it('asks the service for the synced candidates and matches what it answers', async () => {
    expect(service.lookups.length).toBeGreaterThan(0);
    const asked = service.lookups.flatMap((l) => (l['emails'] as string[] | undefined) ?? []);
    const [withEmail] = [...sim.dataset.candidates.values()];
    expect(asked).toContain(withEmail!.emails[0]!.value.toLowerCase());
    const row = await dataSource.getRepository(Candidate).findOneByOrFail({
      remoteId: String(sim.ids.get('candidate', withEmail!.key)),
    });
    await eventually(async () => {
      const res = await graphql<{
        candidate: {
          skills: string[];
          profileMatch: { rule: string; profile: { externalId: string } };
        };
      }>(
        app.http.url,
        'query ($id: ID!) { candidate(id: $id) { skills profileMatch { rule profile { externalId } } } }',
        { key, variables: { id: row.id } },
      );
      expect(res.body.data!.candidate.profileMatch).toMatchObject({
        rule: 'EMAIL',
        profile: { externalId: 'svc-1' },
      });
      expect(res.body.data!.candidate.skills).toContain('Served By The Service');
    });
    // Only what could match was stored: the unrelated profile was never answered.
    const stored = await dataSource.query<{ external_id: string }[]>(
      `SELECT external_id FROM profiles WHERE organization_id = $1`,
      [row.organizationId],
    );
    expect(stored.map((r) => r.external_id)).toEqual(['svc-1']);
  });
});
