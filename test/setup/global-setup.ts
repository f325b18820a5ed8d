import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import type { TestProject } from 'vitest/node';
import { createLogger } from '../../src/common/logger';
import { createDataSource, runMigrations } from '../../src/database/data-source';
import { EmbeddedPostgres } from '../../src/database/embedded-postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A maintenance connection (database `postgres`) to create throwaway databases. */
    adminDatabaseUrl: string;
    /** A migrated database shared by tests that isolate by organization. */
    databaseUrl: string;
  }
}

/**
 * One real PostgreSQL for the whole run: the embedded one (fsync off), or TEST_ADMIN_DATABASE_URL
 * when given. Tests isolate by organization in the shared database, or make their own database
 * when they need an empty one.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let embedded: EmbeddedPostgres | undefined;
  let dataDir: string | undefined;
  let adminUrl = process.env['TEST_ADMIN_DATABASE_URL'];
  if (!adminUrl) {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'rediscover-test-'));
    await fs.chmod(dataDir, 0o755);
    embedded = await EmbeddedPostgres.start({
      dataDir,
      port: 0,
      durable: false,
      database: 'postgres',
      logger: createLogger('warn'),
    });
    adminUrl = embedded.url;
  }
  const sharedName = `rediscover_test_${process.pid}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${sharedName}`);
  await admin.query(`CREATE DATABASE ${sharedName}`);
  await admin.end();
  const databaseUrl = withDatabase(adminUrl, sharedName);
  const dataSource = createDataSource({ url: databaseUrl, poolSize: 2 });
  await dataSource.initialize();
  await runMigrations(dataSource);
  await dataSource.destroy();

  project.provide('adminDatabaseUrl', adminUrl);
  project.provide('databaseUrl', databaseUrl);

  return async () => {
    await embedded?.stop();
    if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
  };
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
