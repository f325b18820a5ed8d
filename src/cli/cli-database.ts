import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config';
import type { Logger } from '../common/logger';
import { createDataSource, runMigrations } from '../database/data-source';
import { EmbeddedPostgres } from '../database/embedded-postgres';

/**
 * The database for a command-line tool: DATABASE_URL, else the embedded cluster a running
 * server already has up (so tools work beside `npm start`), else one started just for the tool.
 */
export async function openCliDatabase(
  config: AppConfig,
  logger: Logger,
  applicationName: string,
): Promise<{ dataSource: DataSource; url: string; close(): Promise<void> }> {
  let embedded: EmbeddedPostgres | undefined;
  let url = config.database.url ?? (await EmbeddedPostgres.findRunning(config.dataDir));
  if (!url) {
    embedded = await EmbeddedPostgres.start({ dataDir: config.dataDir, port: 0, logger });
    url = embedded.url;
  }
  const dataSource = createDataSource({ url, poolSize: 4, applicationName });
  try {
    await dataSource.initialize();
    await runMigrations(dataSource);
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy();
    await embedded?.stop();
    throw error;
  }
  return {
    dataSource,
    url,
    async close() {
      if (dataSource.isInitialized) await dataSource.destroy();
      await embedded?.stop();
    },
  };
}
