/**
 * node -r @swc-node/register scripts/measure-demo.ts [runs]
 *
 * Times `npm run demo` the way a newcomer meets it: wall clock from the command's start to the
 * first answer of `searchCandidates` (during the sync) and to the moment its total equals every
 * simulated candidate (3 × DEMO_CANDIDATES). Each run gets a fresh data folder (DATA_DIR and
 * DEMO_DATA_DIR in a temporary folder) and its own port, and is stopped with SIGINT once all are
 * searchable. The key comes from the demo's `API key:` line; a demo that prints it late is
 * given one through the database as soon as its first sync starts, so both can be timed.
 */
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { issueApiKey } from '../src/auth/api-keys';
import { createDataSource } from '../src/database/data-source';
import { EmbeddedPostgres } from '../src/database/embedded-postgres';

const ROOT = path.resolve(__dirname, '..');
const EXPECTED = 3 * Number(process.env['DEMO_CANDIDATES'] ?? 1000);
const POLL_MS = 250;
const TIMEOUT_MS = 300_000;
/** MEASURE_TRACE=1: the demo's lines and the total over time, with their times. */
const TRACE = process.env['MEASURE_TRACE'] === '1';
/** The old demo's cursor escapes, stripped from traced lines. */
const ESCAPES = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*[A-Za-z]`, 'g');

interface RunFigures {
  keyLine: number | null;
  firstSyncLine: number | null;
  firstAnswer: number | null;
  firstAnswerTotal: number | null;
  allSearchable: number | null;
  syncsCompleted: number | null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function keyThroughDatabase(dataDir: string): Promise<string | null> {
  const url = await EmbeddedPostgres.findRunning(dataDir);
  if (!url) return null;
  const dataSource = createDataSource({ url, poolSize: 1 });
  await dataSource.initialize();
  try {
    return (await issueApiKey(dataSource.manager, 'Demo', 'demo@rediscover.local')).key;
  } finally {
    await dataSource.destroy();
  }
}

/** When search stays short of every candidate: what the database holds (a diagnosis). */
async function databaseCounts(dataDir: string): Promise<string> {
  const url = await EmbeddedPostgres.findRunning(dataDir);
  if (!url) return 'no database';
  const dataSource = createDataSource({ url, poolSize: 1 });
  await dataSource.initialize();
  try {
    const [row] = await dataSource.query<{ live: number; indexed: number; jobs: string | null }[]>(
      `SELECT (SELECT count(*)::int FROM candidates WHERE deleted_at IS NULL AND merged_into_id IS NULL) AS live,
              (SELECT count(*)::int FROM search_candidates) AS indexed,
              (SELECT string_agg(state || ' ' || n, ', ') FROM (SELECT state, count(*) AS n FROM pgboss.job
                WHERE name = 'index-candidates' AND state IN ('created', 'retry', 'active') GROUP BY state) j) AS jobs`,
    );
    return `candidates ${row?.live}, search_candidates ${row?.indexed}, index jobs waiting: ${row?.jobs ?? 'none'}`;
  } finally {
    await dataSource.destroy();
  }
}

async function total(url: string, key: string): Promise<number | null> {
  try {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query: '{ searchCandidates(first: 1) { totalCount } }' }),
    });
    const body = (await response.json()) as {
      data?: { searchCandidates: { totalCount: number } };
    };
    return body.data?.searchCandidates.totalCount ?? null;
  } catch {
    return null;
  }
}

async function measure(): Promise<RunFigures> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'rediscover-demo-time-'));
  // Reachable by the postgres user when run as root, so the cluster stays inside (and goes).
  await fs.chmod(dataDir, 0o755);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const figures: RunFigures = {
    keyLine: null,
    firstSyncLine: null,
    firstAnswer: null,
    firstAnswerTotal: null,
    allSearchable: null,
    syncsCompleted: null,
  };
  const started = performance.now();
  const since = (): number => Math.round(performance.now() - started) / 1000;
  // MEASURE_SCRIPT=path: time another demo script (e.g. an older copy) the same way.
  const script = process.env['MEASURE_SCRIPT'];
  const [command, args] = script
    ? [process.execPath, ['-r', '@swc-node/register', script]]
    : ['npm', ['run', 'demo']];
  const child = spawn(command, args, {
    cwd: ROOT,
    detached: true,
    env: { ...process.env, DATA_DIR: dataDir, DEMO_DATA_DIR: dataDir, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let key: string | null = null;
  let askingDatabase = false;
  let diagnosed = false;
  let gaveUp = false;
  let polls = 0;
  let completed = 0;
  let buffer = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split(/\r?\n/);
    buffer = lines.pop() ?? '';
    for (const line of lines) {
      if (TRACE) process.stdout.write(`  ${since()} s | ${line.replace(ESCAPES, '')}\n`);
      if (/^[\d,]+ of [\d,]+ candidates are searchable/.test(line)) gaveUp = true;
      const keyMatch = /API key: (\S+)/.exec(line);
      if (keyMatch?.[1] && figures.keyLine === null) {
        figures.keyLine = since();
        key ??= keyMatch[1];
      }
      if (/^(First sync|sync:)/.test(line) && figures.firstSyncLine === null)
        figures.firstSyncLine = since();
      // Both the old progress bars and plain lines say COMPLETED once per connection.
      completed += line.match(/COMPLETED/g)?.length ?? 0;
      if (completed >= 3 && figures.syncsCompleted === null) figures.syncsCompleted = since();
      if (figures.firstSyncLine !== null && key === null && !askingDatabase) {
        askingDatabase = true;
        void keyThroughDatabase(dataDir).then(
          (k) => (key ??= k),
          () => undefined,
        );
      }
    }
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));

  try {
    while (performance.now() - started < TIMEOUT_MS && child.exitCode === null) {
      if (key) {
        const count = await total(url, key);
        if (TRACE)
          process.stdout.write(
            `  ${since()} s   total ${count}${polls++ % 4 === 0 ? `; ${await databaseCounts(dataDir).catch(String)}` : ''}\n`,
          );
        if (count !== null && figures.firstAnswer === null) {
          figures.firstAnswer = since();
          figures.firstAnswerTotal = count;
        }
        if (
          count !== null &&
          count < EXPECTED &&
          figures.syncsCompleted !== null &&
          since() - figures.syncsCompleted > 10 &&
          !diagnosed
        ) {
          diagnosed = true;
          process.stdout.write(
            `  search answers ${count} 10 s after the syncs; the database has ${await databaseCounts(dataDir).catch(String)}\n`,
          );
        }
        // The demo stopped waiting (and its changes may add candidates from now on).
        if (gaveUp) break;
        if (count !== null && count >= EXPECTED) {
          figures.allSearchable = since();
          break;
        }
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  } finally {
    if (child.pid && child.exitCode === null) process.kill(-child.pid, 'SIGINT');
    await exited;
    await fs.rm(dataDir, { recursive: true, force: true });
  }
  if (figures.allSearchable === null) process.stderr.write(`demo output (stderr): ${stderr}\n`);
  return figures;
}

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 1);
  process.stdout.write(
    `${os.cpus().length} cores, load average ${os.loadavg()[0]?.toFixed(2)} at start\n`,
  );
  for (let i = 1; i <= runs; i++) {
    const f = await measure();
    process.stdout.write(
      `run ${i}: key line ${f.keyLine ?? '-'} s, first sync line ${f.firstSyncLine ?? '-'} s, ` +
        `first answer ${f.firstAnswer ?? '-'} s (total ${f.firstAnswerTotal ?? '-'}), ` +
        `all ${EXPECTED} searchable ${f.allSearchable ?? '-'} s, ` +
        `3 syncs completed ${f.syncsCompleted ?? '-'} s (load ${os.loadavg()[0]?.toFixed(2)})\n`,
    );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
