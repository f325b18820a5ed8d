import { DataSource } from 'typeorm';
import { ENTITIES } from '../entities';
import { MIGRATIONS } from '../../migrations';
import { SnakeNamingStrategy } from './snake-naming.strategy';

export interface DataSourceOptions {
  url: string;
  poolSize: number;
  /** Shown in pg_stat_activity. */
  applicationName?: string;
}

/** The one TypeORM DataSource shape: entities and migrations listed in code, never synchronized. */
export function createDataSource(options: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    namingStrategy: new SnakeNamingStrategy(),
    // gen_random_uuid() is built into PostgreSQL 13+: no extension to install.
    uuidExtension: 'pgcrypto',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    applicationName: options.applicationName ?? 'rediscover',
    extra: { max: options.poolSize, options: SESSION_SETTINGS },
  });
}

/**
 * Planner settings for every session of the app (any role may set them). With PostgreSQL's
 * defaults a common word's 170,000 full-text matches among 1,000,000 candidates took 2.4 s:
 * 4 MB of work_mem made the match bitmap lossy, and random_page_cost = 4 (spinning disks) made a
 * sequential scan look cheaper; either way every row's out-of-line tsvector was read and
 * checked. With these the bitmap stays exact and the index is used.
 */
const SESSION_SETTINGS = '-c work_mem=32MB -c random_page_cost=1.1';

// Any fixed number shared by every process of the app; serializes concurrent migrators.
const MIGRATION_LOCK_KEY = 7_262_519_001;

/**
 * Applies pending migrations under an advisory lock, so an API and a worker starting together
 * do not both try.
 */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await runner
      .query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY])
      .catch(() => undefined);
    await runner.release();
  }
}

/** Readiness: the database answers and every migration the code knows is applied. */
export async function checkDatabaseReady(
  dataSource: DataSource,
): Promise<{ ok: true } | { ok: false; reason: string }> {
  let applied: Set<string>;
  try {
    const rows = await dataSource.query<{ name: string }[]>('SELECT name FROM migrations');
    applied = new Set(rows.map((r) => r.name));
  } catch {
    return { ok: false, reason: 'database unreachable or not migrated' };
  }
  const pending = dataSource.migrations.filter((m) => !m.name || !applied.has(m.name));
  return pending.length === 0 ? { ok: true } : { ok: false, reason: 'migrations pending' };
}
