/**
 * npm run import-profiles -- FILE.jsonl [--org NAME_OR_ID]
 * Streams an NDJSON file of ProfileInputs (API.md) into an organization's profile directory,
 * with a progress bar on a terminal (plain progress lines otherwise), and prints the result as
 * JSON on stdout. `--org` may be left out when there is one organization. Lines longer than
 * PROFILE_IMPORT_MAX_LINE_BYTES are rejected; the per-request line limit does not apply to a
 * file. Exit code 0 when the file was read to the end (rejected lines are in the result),
 * 1 on a fatal error (what was written before it stays written; importing again is safe).
 */
import 'reflect-metadata';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/config';
import { createLogger, type Logger } from '../common/logger';
import { Organization } from '../entities';
import { ndjsonLines } from '../profiles/ndjson-lines';
import { importProfileLines } from '../profiles/profile-import';
import { openCliDatabase } from './cli-database';
import { parseJob } from '../jobs/jobs';
import { PgBossQueue } from '../jobs/pg-boss-queue';

const USAGE = 'usage: import-profiles FILE.jsonl [--org NAME_OR_ID]';

/** How often progress is written: every redraw on a terminal, every few seconds in a log. */
const TTY_INTERVAL_MS = 200;
const LOG_INTERVAL_MS = 5000;

function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

class Progress {
  private readonly started = Date.now();
  private lastWrite = this.started;
  bytes = 0;
  lines = 0;

  constructor(
    private readonly total: number,
    private readonly out: NodeJS.WriteStream,
  ) {}

  tick(): void {
    const now = Date.now();
    const interval = this.out.isTTY ? TTY_INTERVAL_MS : LOG_INTERVAL_MS;
    if (now - this.lastWrite < interval) return;
    this.lastWrite = now;
    this.write(false);
  }

  done(): void {
    this.write(true);
  }

  private write(final: boolean): void {
    const seconds = Math.max((Date.now() - this.started) / 1000, 0.001);
    const rate = Math.round(this.lines / seconds);
    const share = this.total ? Math.min(this.bytes / this.total, 1) : 1;
    const figures = `${megabytes(this.bytes)}/${megabytes(this.total)}  ${this.lines} lines  ${rate} lines/s`;
    if (this.out.isTTY) {
      const width = 30;
      const filled = Math.round(share * width);
      this.out.write(
        `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(share * 100).toFixed(0).padStart(3)}%  ${figures}${final ? '\n' : ''}`,
      );
    } else {
      this.out.write(`${(share * 100).toFixed(0)}%  ${figures}\n`);
    }
  }
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: { org: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new Error(USAGE);
  const total = (await fs.promises.stat(file)).size;

  const config = loadConfig();
  const logger = createLogger(
    config.logLevel === 'info' ? 'warn' : config.logLevel,
    process.stderr,
  );
  const database = await openCliDatabase(config, logger, 'rediscover-import-profiles');
  try {
    const { dataSource } = database;
    const organizations = await dataSource
      .getRepository(Organization)
      .find({ order: { name: 'ASC' } });
    const chosen = values.org
      ? organizations.filter((o) => o.id === values.org || o.name === values.org)
      : organizations;
    if (values.org && chosen.length === 0)
      throw new Error(`no organization named or with id "${values.org}"`);
    const organization = chosen[0];
    if (!organization) throw new Error('there is no organization yet: start the server once');
    if (chosen.length > 1) {
      throw new Error(
        `there are ${chosen.length} organizations: choose one with --org (${chosen.map((o) => o.name).join(', ')})`,
      );
    }

    const progress = new Progress(total, process.stderr);
    async function* counted(): AsyncGenerator<Buffer> {
      for await (const chunk of fs.createReadStream(file as string, {
        highWaterMark: 1 << 20,
      })) {
        progress.bytes += (chunk as Buffer).length;
        yield chunk as Buffer;
      }
    }
    async function* lines(): AsyncGenerator<string> {
      for await (const line of ndjsonLines(counted(), config.profiles.maxLineBytes)) {
        progress.lines += 1;
        progress.tick();
        yield line;
      }
    }

    const { result, changedProfileIds } = await importProfileLines(
      dataSource,
      organization.id,
      lines(),
      { maxLineBytes: config.profiles.maxLineBytes, maxLines: Number.MAX_SAFE_INTEGER },
    );
    progress.done();
    await queueRematch(database.url, organization.id, changedProfileIds, logger);
    process.stderr.write(
      `${organization.name}: ${result.received} received, ${result.created} created, ${result.updated} updated, ${result.rejected.length} rejected (${changedProfileIds.length} changed)\n`,
    );
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await database.close();
  }
}

/**
 * Matching reruns for the changed profiles in the server's workers (durable jobs on its queue),
 * as after an import over HTTP; a server started later picks them up.
 */
async function queueRematch(
  databaseUrl: string,
  organizationId: string,
  profileIds: string[],
  logger: Logger,
): Promise<void> {
  if (profileIds.length === 0) return;
  const queue = new PgBossQueue({ databaseUrl, parse: parseJob, logger });
  await queue.start();
  try {
    for (let i = 0; i < profileIds.length; i += 1000) {
      await queue.send({
        type: 'match-profiles',
        organizationId,
        profileIds: profileIds.slice(i, i + 1000),
      });
    }
  } finally {
    await queue.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`\n${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
