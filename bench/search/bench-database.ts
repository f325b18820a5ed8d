import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { createLogger } from '../../src/common/logger';
import { createDataSource, runMigrations } from '../../src/database/data-source';
import { EmbeddedPostgres } from '../../src/database/embedded-postgres';

/** The benchmark's own embedded PostgreSQL, in a fresh temp folder, migrated. */
export interface BenchDatabase {
  dataSource: DataSource;
  /** The cluster folder (its postmaster.pid names the server process). */
  clusterDir: string;
  close(): Promise<void>;
}

export async function startBenchDatabase(poolSize: number): Promise<BenchDatabase> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'rediscover-bench-search-'));
  // The postgres user (when we run as root) must be able to reach the cluster inside.
  await fs.chmod(dataDir, 0o755);
  const postgres = await EmbeddedPostgres.start({
    dataDir,
    port: 0,
    logger: createLogger('warn'),
  });
  const dataSource = createDataSource({
    url: postgres.url,
    poolSize,
    applicationName: 'rediscover-bench',
  });
  await dataSource.initialize();
  await runMigrations(dataSource);
  return {
    dataSource,
    clusterDir: postgres.clusterDir,
    close: async () => {
      await dataSource.destroy();
      await postgres.stop();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface StorageSizes {
  databaseBytes: number;
  /** The postgres engine's tables with their indexes (search_*). */
  engineBytes: number;
  /** The normalized model's tables with their indexes (what the naive SQL reads). */
  normalizedBytes: number;
}

const ENGINE_TABLES = [
  'search_candidates',
  'search_applications',
  'search_text',
  'search_documents',
  'search_labels',
];
const NORMALIZED_TABLES = [
  'candidates',
  'applications',
  'attachments',
  'profiles',
  'profile_matches',
  'jobs',
  'stages',
  'sources',
  'ats_users',
  'rejection_reasons',
];

export async function storageSizes(dataSource: DataSource): Promise<StorageSizes> {
  const rows = await dataSource.query<{ db: string; engine: string; normalized: string }[]>(
    `SELECT pg_database_size(current_database())::text AS db,
       (SELECT coalesce(sum(pg_total_relation_size(t::regclass)), 0) FROM unnest($1::text[]) t)::text AS engine,
       (SELECT coalesce(sum(pg_total_relation_size(t::regclass)), 0) FROM unnest($2::text[]) t)::text AS normalized`,
    [ENGINE_TABLES, NORMALIZED_TABLES],
  );
  const row = rows[0];
  return {
    databaseBytes: Number(row?.db ?? 0),
    engineBytes: Number(row?.engine ?? 0),
    normalizedBytes: Number(row?.normalized ?? 0),
  };
}

/** What autovacuum would do after a bulk load: set hint bits, flush GIN pending lists, analyze. */
export async function vacuumAnalyze(
  dataSource: DataSource,
  tables: readonly string[],
): Promise<void> {
  for (const table of tables) await dataSource.query(`VACUUM (ANALYZE) ${table}`);
}

export { ENGINE_TABLES, NORMALIZED_TABLES };
