import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { inject } from 'vitest';
import { issueApiKey, type IssuedKey } from '../../src/auth/api-keys';
import { createDataSource } from '../../src/database/data-source';

/** A new, empty database on the test server (no migrations applied). */
export async function createEmptyDatabase(): Promise<string> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: inject('adminDatabaseUrl') });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(inject('adminDatabaseUrl'));
  url.pathname = `/${name}`;
  return url.toString();
}

/** A DataSource on the shared, migrated test database. Destroy it in afterAll. */
export async function sharedDataSource(poolSize = 4): Promise<DataSource> {
  const dataSource = createDataSource({ url: inject('databaseUrl'), poolSize });
  await dataSource.initialize();
  return dataSource;
}

/** A fresh organization (unique name) with a user and a key: how tests isolate their data. */
export function createTenant(dataSource: DataSource, label = 'org'): Promise<IssuedKey> {
  const suffix = randomBytes(4).toString('hex');
  return issueApiKey(dataSource.manager, `${label}-${suffix}`, `${label}-${suffix}@example.com`);
}
