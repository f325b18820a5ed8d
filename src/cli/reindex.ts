/**
 * npm run reindex [-- --org NAME_OR_ID]
 * Rebuilds the search documents of one organization (or of every organization) from the
 * normalized model, with a progress bar. Works beside a running server on the embedded default.
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/config';
import { createLogger } from '../common/logger';
import { openCliDatabase } from './cli-database';
import { Organization } from '../entities';
import { Indexer } from '../indexer/indexer';
import { createSearchEngine } from '../search/create-search-engine';

function progressBar(label: string, done: number, total: number): string {
  const width = 30;
  const filled = total ? Math.round((done / total) * width) : width;
  return `\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { org: { type: 'string' } }, strict: true });
  const config = loadConfig();
  const logger = createLogger(
    config.logLevel === 'info' ? 'warn' : config.logLevel,
    process.stderr,
  );
  const database = await openCliDatabase(config, logger, 'rediscover-reindex');
  const { dataSource } = database;
  try {
    const engine = createSearchEngine(config, dataSource);
    await engine.init();
    const indexer = new Indexer(dataSource, engine, logger);
    const organizations = await dataSource
      .getRepository(Organization)
      .find({ order: { name: 'ASC' } });
    const chosen = values.org
      ? organizations.filter((o) => o.id === values.org || o.name === values.org)
      : organizations;
    if (values.org && chosen.length === 0)
      throw new Error(`no organization named or with id "${values.org}"`);
    for (const organization of chosen) {
      const started = Date.now();
      const count = await indexer.reindexOrganization(organization.id, (done, total) =>
        process.stderr.write(progressBar(organization.name, done, total)),
      );
      process.stderr.write(
        `\n${organization.name}: ${count} candidates reindexed in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
      );
    }
    await engine.close();
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
