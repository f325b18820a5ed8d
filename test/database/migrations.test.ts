import { afterAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import {
  createDataSource,
  runMigrations,
  checkDatabaseReady,
} from '../../src/database/data-source';
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
});
