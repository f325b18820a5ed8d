/**
 * npm run apikey -- --org NAME --email E
 * Prints a new API key for user E of organization NAME, creating either if new. Works beside a
 * running server on the embedded default (it connects to that server's PostgreSQL).
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { issueApiKey } from '../auth/api-keys';
import { loadConfig } from '../config/config';
import { createLogger } from '../common/logger';
import { openCliDatabase } from './cli-database';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { org: { type: 'string' }, email: { type: 'string' } },
    strict: true,
  });
  const org = values.org?.trim();
  const email = values.email?.trim();
  if (!org || !email || !/^[^\s@]+@[^\s@]+$/.test(email)) {
    throw new Error('usage: npm run apikey -- --org NAME --email you@example.com');
  }
  const config = loadConfig();
  const logger = createLogger(
    config.logLevel === 'info' ? 'warn' : config.logLevel,
    process.stderr,
  );
  const database = await openCliDatabase(config, logger, 'rediscover-apikey');
  try {
    const issued = await issueApiKey(database.dataSource.manager, org, email);
    process.stdout.write(`API key: ${issued.key}\n`);
    process.stderr.write(
      `(organization "${issued.organization.name}", user ${issued.user.email})\n`,
    );
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
