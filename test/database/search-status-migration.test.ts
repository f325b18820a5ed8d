import { describe, expect, it } from 'vitest';
import { createDataSource, runMigrations } from '../../src/database/data-source';
import { SearchApplicationStatus1796690000000 } from '../../migrations/1796690000000-search-application-status';
import { PostgresSearchEngine } from '../../src/search/postgres/postgres-engine';
import { buildSearchDataset, freshDatasetRun } from '../fixtures/search-dataset';
import { createEmptyDatabase } from '../helpers/database';

interface CandidateStatusRow {
  candidate_id: string;
  statuses: string[];
  filter_keys: string[];
  change_seq: string;
}

/**
 * The application-status migration fills documents indexed before it exactly as the indexer
 * writes them now (statuses, their filter keys, each application's status), and marks the rows
 * changed for the in-memory facet indexes.
 */
describe('search application status migration', () => {
  it('backfills statuses from the stored documents as the indexer writes them', async () => {
    const db = createDataSource({ url: await createEmptyDatabase(), poolSize: 2 });
    await db.initialize();
    try {
      await runMigrations(db);
      const documents = buildSearchDataset(freshDatasetRun()).documents.A;
      await new PostgresSearchEngine(db, { memoryFacets: 'never' }).index(documents);
      const candidates = async () =>
        (
          await db.query<CandidateStatusRow[]>(
            'SELECT candidate_id, statuses, filter_keys, change_seq FROM search_candidates ORDER BY candidate_id',
          )
        ).map((r) => ({
          ...r,
          statuses: [...r.statuses].sort(),
          filter_keys: [...r.filter_keys].sort(),
        }));
      const applications = () =>
        db.query<unknown[]>(
          'SELECT candidate_id, application_id, status FROM search_applications ORDER BY 1, 2',
        );
      const written = await candidates();
      const writtenApplications = await applications();
      expect(written.some((r) => r.statuses.includes('WITHDRAWN'))).toBe(true);
      expect(writtenApplications).toContainEqual(expect.objectContaining({ status: 'HIRED' }));

      const migration = new SearchApplicationStatus1796690000000();
      const runner = db.createQueryRunner();
      try {
        await migration.down(runner);
        const [gone] = await db.query<{ n: number }[]>(
          "SELECT count(*)::int AS n FROM search_candidates, unnest(filter_keys) k WHERE left(k, 3) = 'st' || chr(31)",
        );
        expect(gone?.n).toBe(0);
        await migration.up(runner);
      } finally {
        await runner.release();
      }

      const backfilled = await candidates();
      expect(backfilled.map(({ change_seq: _, ...r }) => r)).toEqual(
        written.map(({ change_seq: _, ...r }) => r),
      );
      expect(await applications()).toEqual(writtenApplications);
      // Every candidate with an application takes a new change_seq.
      const moved = backfilled.filter((r, i) => r.change_seq !== written[i]?.change_seq);
      expect(moved.length).toBe(written.filter((r) => r.statuses.length > 0).length);
    } finally {
      await db.destroy();
    }
  });
});
