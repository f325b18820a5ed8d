import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { createLogger } from '../../src/common/logger';
import { loadConfig } from '../../src/config/config';
import { startApp, type RunningApp } from '../../src/main';
import { freePort } from '../../test/helpers/free-port';
import { graphql } from '../../test/helpers/graphql';

/**
 * The real app in this process, as production runs it: its own embedded PostgreSQL (durable) in
 * a fresh data folder, the pg-boss job queue, a public URL vendors' webhooks can reach. The
 * benchmark reads the database through a connection of its own, not the app's pool.
 */
export interface BenchApp {
  app: RunningApp;
  /** The bootstrap key of the app's first organization. */
  key: string;
  url: string;
  /** The benchmark's own connection to the app's database. */
  db: Client;
  /** The embedded cluster's folder (for its memory). */
  clusterDir: string;
  gql<T>(query: string, variables?: Record<string, unknown>): Promise<T>;
  stop(): Promise<void>;
}

export async function startBenchApp(logLevel: string): Promise<BenchApp> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'rediscover-bench-sync-'));
  await fs.chmod(dataDir, 0o755);
  const port = await freePort();
  const config = loadConfig({
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    OUTBOUND_ALLOW_PRIVATE_NETWORKS: 'true',
    DATA_DIR: dataDir,
    JOB_QUEUE: 'postgres',
    LOG_LEVEL: logLevel,
  });
  const printed: string[] = [];
  const app = await startApp(config, createLogger(logLevel), {
    printKey: (line) => printed.push(line),
  });
  const key = printed.map((line) => /API key: (\S+)/.exec(line)?.[1]).find(Boolean);
  const databaseUrl = (app.dataSource.options as PostgresConnectionOptions).url;
  if (!key || !databaseUrl) {
    await app.stop();
    throw new Error('the app started without a bootstrap key or database URL');
  }
  const db = new Client({ connectionString: databaseUrl, application_name: 'sync-bench' });
  await db.connect();
  const clusterDir =
    (
      await db.query<{ dir: string }>('SELECT setting AS dir FROM pg_settings WHERE name = $1', [
        'data_directory',
      ])
    ).rows[0]?.dir ?? '';
  const apiKey = key;
  const url = app.http.url;
  return {
    app,
    key: apiKey,
    url,
    db,
    clusterDir,
    gql: async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
      const res = await graphql<T>(url, query, { key: apiKey, variables });
      if (res.body.errors?.length || !res.body.data)
        throw new Error(`GraphQL: ${JSON.stringify(res.body.errors ?? res.body)}`);
      return res.body.data;
    },
    stop: async () => {
      await db.end().catch(() => undefined);
      await app.stop();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}
