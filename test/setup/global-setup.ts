import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import type { TestProject } from 'vitest/node';
import { createLogger } from '../../src/common/logger';
import { createDataSource, runMigrations } from '../../src/database/data-source';
import { EmbeddedPostgres } from '../../src/database/embedded-postgres';
import { dropIndices, runNeedsSearchNode, startSearchNode } from './search-node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A maintenance connection (database `postgres`) to create throwaway databases. */
    adminDatabaseUrl: string;
    /** A migrated database shared by tests that isolate by organization. */
    databaseUrl: string;
    /**
     * An Elasticsearch node for the search contract and the e2e search tests, or null (no Java
     * to start one with, or TEST_SEARCH_NODE=off). Tests name their indices under
     * `elasticsearchPrefix`.
     */
    elasticsearchUrl: string | null;
    elasticsearchPrefix: string;
  }
}

/**
 * One real PostgreSQL for the whole run: the embedded one (fsync off), or TEST_ADMIN_DATABASE_URL
 * when given. Tests isolate by organization in the shared database, or make their own database
 * when they need an empty one.
 *
 * And one real Elasticsearch node, so the search contract suite runs on both engines: the one at
 * ELASTICSEARCH_URL when given, else one started here with scripts/search-node.sh when the machine
 * has Java and a file of the run searches (TEST_SEARCH_NODE=off leaves it out), started while
 * PostgreSQL starts.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const wanted = wantsSearchNode(process.env);
  const searchNode = wanted ? startSearchNode() : Promise.resolve(undefined);
  let stopPostgres: (() => Promise<void>) | undefined;
  try {
    stopPostgres = await setupPostgres(project);
    const node = await searchNode;
    const elasticsearchUrl = node?.url ?? process.env['ELASTICSEARCH_URL'] ?? null;
    if (wanted && !node) {
      process.stderr.write(
        'No Java on this machine: the search contract suite runs on the postgres engine only ' +
          '(scripts/search-node.sh needs Java 17 to start Elasticsearch).\n',
      );
    }
    const prefix = `rediscover-test-${process.pid}`;
    project.provide('elasticsearchUrl', elasticsearchUrl);
    project.provide('elasticsearchPrefix', prefix);
    return async () => {
      try {
        await stopPostgres?.();
      } finally {
        // A node of this run goes with its data; on a node given by URL, drop what the run made.
        if (node) await node.stop();
        else if (elasticsearchUrl) await dropIndices(elasticsearchUrl, prefix);
      }
    };
  } catch (error) {
    await stopPostgres?.().catch(() => undefined);
    await (await searchNode.catch(() => undefined))?.stop();
    throw error;
  }
}

/** A node of our own: not when given one, when told not to, or when no file of the run needs it. */
function wantsSearchNode(env: NodeJS.ProcessEnv): boolean {
  return (
    !env['ELASTICSEARCH_URL'] &&
    env['TEST_SEARCH_NODE'] !== 'off' &&
    runNeedsSearchNode(process.argv, process.cwd())
  );
}

async function setupPostgres(project: TestProject): Promise<() => Promise<void>> {
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
