import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { createDataSource, runMigrations } from '../../src/database/data-source';
import { directoryProfilesQuery } from '../../src/profiles/directory-provider';
import { createEmptyDatabase, createTenant } from '../helpers/database';

/**
 * The directory query must reach every kind of key through an index: at 1,000,000 profiles one
 * sequential scan made a full rematch of 100,000 candidates take 11 min instead of 49 s
 * (BENCHMARKS.md, "Profile matching"). Its own database with 5,000 analyzed profiles gives the
 * planner real statistics; sequential scans are priced out so the plan shows which indexes exist
 * (a branch without one still scans, or filters every profile of the organization).
 */
describe('directory profiles query plan', () => {
  let dataSource: DataSource;
  let organizationId: string;
  beforeAll(async () => {
    dataSource = createDataSource({ url: await createEmptyDatabase(), poolSize: 2 });
    await dataSource.initialize();
    await runMigrations(dataSource);
    organizationId = (await createTenant(dataSource, 'plan')).organization.id;
    await dataSource.query(
      `INSERT INTO profiles (organization_id, external_id, full_name, name_key, linkedin_url, github_url, emails)
       SELECT $1, 'p' || i, 'Person ' || i, 'person ' || i, 'https://www.linkedin.com/in/p' || i,
              'https://github.com/p' || i, ARRAY['p' || i || '@example.com']
       FROM generate_series(1, 5000) AS i`,
      [organizationId],
    );
    await dataSource.query('ANALYZE profiles');
  });
  afterAll(async () => {
    await dataSource?.destroy();
  });

  it('finds LinkedIn URLs, GitHub URLs, e-mails and names each through its own index', async () => {
    const query = directoryProfilesQuery(organizationId, [
      {
        linkedinUrl: 'https://www.linkedin.com/in/p17',
        githubUrl: 'https://github.com/p18',
        emails: ['p19@example.com', 'ana.silva@example.org'],
        nameKey: 'person 20',
        employers: [],
        schools: [],
      },
    ])!;
    const plan = await dataSource.transaction(async (manager) => {
      await manager.query('SET LOCAL enable_seqscan = off');
      const rows = await manager.query<{ 'QUERY PLAN': string }[]>(
        `EXPLAIN ${query.text}`,
        query.values,
      );
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).not.toMatch(/Seq Scan on profiles/);
    expect(await dataSource.query(query.text, query.values)).toHaveLength(4);
    for (const index of [
      'ix_profiles_org_linkedin',
      'ix_profiles_org_github',
      'ix_profiles_emails',
      'ix_profiles_org_name_key',
    ])
      expect(plan).toContain(index);
  });
});
