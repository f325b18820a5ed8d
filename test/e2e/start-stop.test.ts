import { existsSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmptyDatabase } from '../helpers/database';
import { graphql } from '../helpers/graphql';
import { apiKeyLines, runApikey, spawnServer } from '../helpers/server-process';

async function postmasterPid(dataDir: string): Promise<number | null> {
  try {
    return Number(
      (await fs.readFile(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0],
    );
  } catch {
    return null;
  }
}

/** Running: a zombie (exited, not yet reaped by its new parent) is not. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}

const ME = '{ me { organization { name } } }';

describe('npm start on the embedded default', () => {
  let dataDir: string;

  beforeAll(async () => {
    // 0755 so that, when tests run as root, the `postgres` user can reach the folder.
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'rediscover-start-'));
    await fs.chmod(dataDir, 0o755);
  });
  afterAll(async () => {
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('first start prints one key; a restart prints none, keeps the data, and survives a killed predecessor', async () => {
    // First start: a new cluster, migrations, and exactly one key.
    const first = spawnServer({ DATA_DIR: dataDir, LOG_LEVEL: 'debug' });
    const url1 = await first.ready;
    const keys = apiKeyLines(first.stdout);
    expect(keys).toHaveLength(1);
    const key = keys[0]!.slice('API key: '.length);
    const me = await graphql(url1, ME, { key });
    expect(me.body.data).toEqual({ me: { organization: { name: 'My Organization' } } });
    expect(existsSync(path.join(dataDir, 'pg', 'PG_VERSION'))).toBe(true);

    // Debug logs record the requests, never the key.
    const logLines = (): string[] => first.stdout.filter((l) => !l.startsWith('API key: '));
    for (let i = 0; i < 50 && !logLines().some((l) => l.includes('"path":"/graphql"')); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(logLines().some((l) => l.includes('"path":"/graphql"'))).toBe(true);
    expect(logLines().join('\n')).not.toContain(key);

    // SIGTERM stops the server and PostgreSQL cleanly.
    const pid1 = await postmasterPid(dataDir);
    first.child.kill('SIGTERM');
    expect((await first.exited).code).toBe(0);
    expect(pid1 && alive(pid1)).toBe(false);

    // Second start: no new key, the old key still works.
    const second = spawnServer({ DATA_DIR: dataDir });
    const url2 = await second.ready;
    expect(apiKeyLines(second.stdout)).toHaveLength(0);
    expect((await graphql(url2, ME, { key })).body.data).toEqual(me.body.data);

    // `npm run apikey` works beside the running server, on the same embedded cluster.
    const issued = await runApikey(['--org', 'Second Org', '--email', 'second@example.com'], {
      DATA_DIR: dataDir,
    });
    expect(issued.code).toBe(0);
    const secondKey = issued.stdout.trim().slice('API key: '.length);
    expect((await graphql(url2, ME, { key: secondKey })).body.data).toEqual({
      me: { organization: { name: 'Second Org' } },
    });

    // SIGKILL leaves an orphaned postmaster behind; the next start must clear it.
    const orphan = await postmasterPid(dataDir);
    second.child.kill('SIGKILL');
    await second.exited;
    expect(orphan && alive(orphan)).toBe(true);

    const third = spawnServer({ DATA_DIR: dataDir });
    const url3 = await third.ready;
    expect(apiKeyLines(third.stdout)).toHaveLength(0);
    expect((await graphql(url3, ME, { key })).body.data).toEqual(me.body.data);
    expect(orphan && alive(orphan)).toBe(false);
    third.child.kill('SIGINT');
    expect((await third.exited).code).toBe(0);
  });

  it('stops cleanly on Ctrl-C in a terminal (SIGINT to the whole process group)', async () => {
    const own = await fs.mkdtemp(path.join(os.tmpdir(), 'rediscover-ctrlc-'));
    await fs.chmod(own, 0o755);
    try {
      const server = spawnServer({ DATA_DIR: own }, { detached: true });
      await server.ready;
      const postmaster = await postmasterPid(own);
      expect(postmaster && alive(postmaster)).toBe(true);
      // A terminal sends SIGINT to every process of its foreground group.
      process.kill(-server.child.pid!, 'SIGINT');
      expect((await server.exited).code).toBe(0);
      // The app drained and then stopped PostgreSQL: nothing failed on the way.
      const failures = server.stdout.filter((l) => /"level":(50|60)/.test(l));
      expect(failures).toEqual([]);
      expect(postmaster && alive(postmaster)).toBe(false);
    } finally {
      await fs.rm(own, { recursive: true, force: true });
    }
  });

  it('runs as an ordinary (non-root) user too', async () => {
    // As root this drops to `nobody`; as an ordinary user the test above already is this case.
    const uid = process.getuid?.() === 0 ? 65534 : process.getuid?.();
    const gid = process.getuid?.() === 0 ? 65534 : process.getgid?.();
    const own = await fs.mkdtemp(path.join(os.tmpdir(), 'rediscover-user-'));
    await fs.chown(own, uid!, gid!).catch(() => undefined);
    try {
      const server = spawnServer({ DATA_DIR: own, HOME: own }, { uid: uid!, gid: gid! });
      const url = await server.ready;
      const keys = apiKeyLines(server.stdout);
      expect(keys).toHaveLength(1);
      const res = await graphql(url, ME, { key: keys[0]!.slice('API key: '.length) });
      expect(res.body.data).toEqual({ me: { organization: { name: 'My Organization' } } });
      server.child.kill('SIGTERM');
      expect((await server.exited).code).toBe(0);
    } finally {
      await fs.rm(own, { recursive: true, force: true });
    }
  });

  it('refuses to start with a bad variable, naming it', async () => {
    const server = spawnServer({ DATA_DIR: dataDir, PORT: 'not-a-port', ROLE: 'boss' });
    const { code } = await server.exited;
    expect(code).toBe(1);
    await expect(server.ready).rejects.toThrow(/PORT: .*\n.*ROLE: /s);
  });

  it('with DATABASE_URL uses that database and starts nothing embedded', async () => {
    const otherDir = await fs.mkdtemp(path.join(os.tmpdir(), 'rediscover-ext-'));
    try {
      const server = spawnServer({ DATA_DIR: otherDir, DATABASE_URL: await createEmptyDatabase() });
      const url = await server.ready;
      const keys = apiKeyLines(server.stdout);
      expect(keys).toHaveLength(1);
      const res = await graphql(url, ME, { key: keys[0]!.slice('API key: '.length) });
      expect(res.body.data).toEqual({ me: { organization: { name: 'My Organization' } } });
      expect(existsSync(path.join(otherDir, 'pg'))).toBe(false);
      server.child.kill('SIGTERM');
      expect((await server.exited).code).toBe(0);
    } finally {
      await fs.rm(otherDir, { recursive: true, force: true });
    }
  });
});
