import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/common/logger';
import { EmbeddedPostgres } from '../../src/database/embedded-postgres';
import { PROJECT_ROOT } from '../helpers/server-process';

/** How long the old backend stays busy after its postmaster is killed. */
const BUSY_SECONDS = 6;

interface Holder {
  url: string;
  clusterDir: string;
  busyPid: number;
}

/** Running: a zombie (killed, not yet reaped) is not. */
function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/**
 * Node and its PostgreSQL killed together (SIGKILL) while a backend is busy: that backend
 * outlives its postmaster and keeps the old shared memory attached. The next start waits for it
 * to go instead of failing with "pre-existing shared memory block is still in use".
 */
describe('embedded PostgreSQL restarted right after a kill of node and its postmaster', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await fs.rm(dir, { recursive: true, force: true });
  });

  it('waits for the old backends to exit, then starts', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'rediscover-pg-restart-'));
    dirs.push(dataDir);
    // Root runs PostgreSQL as the postgres user, which must reach the folder.
    await fs.chmod(dataDir, 0o755);

    // Its own process group, so node and the postmaster can be killed at once.
    const child = spawn(
      process.execPath,
      [
        '-r',
        '@swc-node/register',
        'test/helpers/embedded-postgres-holder.ts',
        dataDir,
        String(BUSY_SECONDS),
      ],
      { cwd: PROJECT_ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const holder = await new Promise<Holder>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const line = out.split('\n').find((l) => l.startsWith('{'));
        if (line && out.includes('\n')) resolve(JSON.parse(line) as Holder);
      });
      void exited.then(() => reject(new Error(`the holder exited early: ${stderr}`)));
    });

    // The busy loop is running before anything is killed.
    const probe = new Client({ connectionString: holder.url });
    await probe.connect();
    for (let i = 0; ; i++) {
      const { rows } = await probe.query<{ state: string | null }>(
        'SELECT state FROM pg_stat_activity WHERE pid = $1',
        [holder.busyPid],
      );
      if (rows[0]?.state === 'active') break;
      if (i > 200) throw new Error('the busy query never ran');
      await new Promise((r) => setTimeout(r, 25));
    }
    await probe.end();

    const postmasterPid = Number(
      (await fs.readFile(path.join(holder.clusterDir, 'postmaster.pid'), 'utf8')).split('\n')[0],
    );
    process.kill(-child.pid!, 'SIGKILL');
    process.kill(postmasterPid, 'SIGKILL');
    await exited;
    // The situation of the failure: postmaster gone, one of its backends still running.
    for (let i = 0; isAlive(postmasterPid) && i < 100; i++)
      await new Promise((r) => setTimeout(r, 10));
    expect(isAlive(postmasterPid)).toBe(false);
    expect(isAlive(holder.busyPid)).toBe(true);

    const start = (previousRunTimeoutMs?: number) =>
      EmbeddedPostgres.start({
        dataDir,
        port: 0,
        durable: false,
        logger: createLogger('silent'),
        ...(previousRunTimeoutMs ? { previousRunTimeoutMs } : {}),
      });
    // Too short a wait ends in an error that says what is wrong.
    await expect(start(500)).rejects.toThrow(
      /PostgreSQL processes of a previous run still use .* after 0.5 s .*stop them/,
    );
    expect(isAlive(holder.busyPid)).toBe(true);
    const pg = await start();
    try {
      expect(isAlive(holder.busyPid)).toBe(false);
      const client = new Client({ connectionString: pg.url });
      await client.connect();
      expect((await client.query<{ one: number }>('SELECT 1 AS one')).rows[0]?.one).toBe(1);
      await client.end();
    } finally {
      await pg.stop();
    }
  }, 90_000);
});
