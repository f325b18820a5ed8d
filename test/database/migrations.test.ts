import { afterAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import {
  createDataSource,
  runMigrations,
  checkDatabaseReady,
} from '../../src/database/data-source';
import { PostgresSearchEngine } from '../../src/search/postgres/postgres-engine';
import { buildTsvectors } from '../../src/search/postgres/tsvector-builder';
import { buildSearchDataset, freshDatasetRun } from '../fixtures/search-dataset';
import { createEmptyDatabase } from '../helpers/database';

describe('migrations', () => {
  let dataSource: DataSource;
  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
  });

  it('apply to an empty database, leave no difference from the entities, and roll back', async () => {
    dataSource = createDataSource({ url: await createEmptyDatabase(), poolSize: 2 });
    await dataSource.initialize();
    expect(await checkDatabaseReady(dataSource)).toEqual({ ok: false, reason: expect.any(String) });

    const applied = await runMigrations(dataSource);
    expect(applied.length).toBe(dataSource.migrations.length);
    expect(await checkDatabaseReady(dataSource)).toEqual({ ok: true });

    // The same check TypeORM's migration:generate makes: entities declare nothing the
    // migrations did not create (and vice versa).
    const diff = await dataSource.driver.createSchemaBuilder().log();
    expect(diff.upQueries.map((q) => q.query)).toEqual([]);

    // Running again is a no-op.
    expect(await runMigrations(dataSource)).toEqual([]);

    // Every migration can be undone, back to an empty schema.
    for (let i = 0; i < applied.length; i++)
      await dataSource.undoLastMigration({ transaction: 'each' });
    const tables = await dataSource.query<unknown[]>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations'",
    );
    expect(tables).toEqual([]);
  });

  it('are safe to run from two processes at once', async () => {
    const url = await createEmptyDatabase();
    const a = createDataSource({ url, poolSize: 2 });
    const b = createDataSource({ url, poolSize: 2 });
    await Promise.all([a.initialize(), b.initialize()]);
    try {
      const [ranA, ranB] = await Promise.all([runMigrations(a), runMigrations(b)]);
      expect(ranA.length + ranB.length).toBe(a.migrations.length);
      expect(await checkDatabaseReady(a)).toEqual({ ok: true });
    } finally {
      await Promise.all([a.destroy(), b.destroy()]);
    }
  });

  it('move query text into search_text and back, keeping every tsvector (rank_tsv as the indexer writes it)', async () => {
    const db = createDataSource({ url: await createEmptyDatabase(), poolSize: 2 });
    await db.initialize();
    try {
      await runMigrations(db);
      const documents = buildSearchDataset(freshDatasetRun()).documents.A;
      await new PostgresSearchEngine(db, { memoryFacets: 'never' }).index(documents);
      const read = (): Promise<{ candidate_id: string; rank_tsv: string; tsv: string }[]> =>
        db.query(
          'SELECT candidate_id, rank_tsv::text, tsv::text FROM search_text ORDER BY candidate_id',
        );
      const written = await read();
      expect(written).toHaveLength(documents.length);
      // Down puts the tsvector back into search_candidates; up moves it out again and
      // derives rank_tsv in SQL, which must equal what buildTsvectors wrote.
      await db.undoLastMigration({ transaction: 'each' });
      await runMigrations(db);
      expect(await read()).toEqual(written);
      const withResume = documents.find((d) => d.resumeText);
      expect(withResume).toBeDefined();
      const [fromSql] = await db.query<{ rank_tsv: string }[]>(
        'SELECT $1::tsvector::text AS rank_tsv',
        [buildTsvectors(withResume!).rankTsv],
      );
      expect(written.find((r) => r.candidate_id === withResume!.id)?.rank_tsv).toBe(
        fromSql?.rank_tsv,
      );
    } finally {
      await db.destroy();
    }
  });
});
