import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyncScreen } from '../../scripts/demo-screen';
import { freePort } from '../helpers/free-port';
import { PROJECT_ROOT } from '../helpers/server-process';

const ESC = String.fromCharCode(27);
const CANDIDATES = 15;
const ATS_NAMES = /^ {2}change: (Ashby|Greenhouse|SmartRecruiters): /;

interface DemoRun {
  lines: string[];
  stdout: string;
  /** What a search with the printed key answered as soon as the key was printed. */
  firstSearch: { status: number; body: unknown } | null;
  exit: { code: number | null; signal: NodeJS.Signals | null };
}

/** A folder the embedded cluster can live in when the tests run as root (postgres user). */
async function tempDir(prefix: string): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  await fs.chmod(dir, 0o755);
  return dir;
}

/**
 * `npm run demo` as a newcomer runs it, with stdout piped (not a terminal): until it has printed
 * a few live changes, then Ctrl-C.
 */
async function runDemo(env: Record<string, string>): Promise<DemoRun> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'scripts/demo.ts'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<DemoRun['exit']>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let stdout = '';
  let stderr = '';
  const lines: string[] = [];
  let firstSearch: Promise<DemoRun['firstSearch']> = Promise.resolve(null);
  let url: string | null = null;
  const enoughChanges = new Promise<void>((resolve) => {
    let buffer = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      buffer += chunk.toString();
      const complete = buffer.split('\n');
      buffer = complete.pop() ?? '';
      for (const line of complete) {
        lines.push(line);
        url ??= /Rediscover is up at (http:\/\/\S+)\/graphql/.exec(line)?.[1] ?? null;
        const key = /^API key: (\S+)$/.exec(line)?.[1];
        if (key && url) firstSearch = search(url, key);
        if (lines.filter((l) => l.includes('change:')).length >= 3) resolve();
      }
    });
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const outcome = await Promise.race([
    enoughChanges.then(() => 'changes' as const),
    exited.then(() => 'exited' as const),
    new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 150_000)),
  ]);
  if (outcome !== 'exited') child.kill('SIGINT');
  const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  const exit = await exited;
  clearTimeout(killer);
  if (outcome !== 'changes')
    throw new Error(`the demo did not get to its changes (${outcome}): ${stderr}\n${stdout}`);
  return { lines, stdout, firstSearch: await firstSearch, exit };
}

async function search(url: string, key: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query: '{ searchCandidates(first: 3) { totalCount } }' }),
  });
  return { status: response.status, body: await response.json() };
}

describe('npm run demo, as a newcomer meets it', () => {
  let demoDir: string;
  let serverDir: string;
  let run: DemoRun;

  beforeAll(async () => {
    demoDir = await tempDir('rediscover-demo-');
    // What `npm start` uses: the demo must leave it alone.
    serverDir = await tempDir('rediscover-server-');
    run = await runDemo({
      DEMO_DATA_DIR: demoDir,
      DATA_DIR: serverDir,
      DEMO_CANDIDATES: String(CANDIDATES),
      DEMO_CHANGE_EVERY_MS: '200',
      PORT: String(await freePort()),
      LOG_LEVEL: 'silent',
    });
  }, 200_000);

  afterAll(async () => {
    await fs.rm(demoDir, { recursive: true, force: true });
    await fs.rm(serverDir, { recursive: true, force: true });
  });

  it('prints plain lines when stdout is not a terminal: no cursor escapes', () => {
    expect(run.stdout).not.toContain(`${ESC}[`);
    expect(run.lines.some((l) => l.startsWith('sync: '))).toBe(true);
  });

  it('prints the API key, the URL and a first query before the sync, and that query answers at once', () => {
    const keyLine = run.lines.findIndex((l) => /^API key: rdk_\S+$/.test(l));
    const firstSyncLine = run.lines.findIndex(
      (l) => l.startsWith('First sync') || l.startsWith('sync: '),
    );
    expect(keyLine).toBeGreaterThan(-1);
    expect(firstSyncLine).toBeGreaterThan(keyLine);
    const before = run.lines.slice(0, firstSyncLine).join('\n');
    expect(before).toMatch(/Rediscover is up at http:\/\/\S+\/graphql/);
    expect(before).toMatch(/curl -s http:\/\/\S+\/graphql -H 'Authorization: Bearer rdk_/);
    // Sent the moment the key was printed, before any candidate was synced: an answer, not an error.
    expect(run.firstSearch?.status).toBe(200);
    expect(run.firstSearch?.body).toMatchObject({
      data: { searchCandidates: { totalCount: expect.any(Number) as number } },
    });
    expect(run.firstSearch?.body).not.toHaveProperty('errors');
  });

  it('says when every candidate is searchable', () => {
    const all = new RegExp(
      `^All ${3 * CANDIDATES} candidates are searchable, \\d+\\.\\d s after the start\\.$`,
    );
    expect(
      run.lines.filter((l) => all.test(l)),
      run.lines.join('\n'),
    ).toHaveLength(1);
  });

  it('names the ATS on every change line', () => {
    const changes = run.lines.filter((l) => l.includes('change:'));
    expect(changes.length).toBeGreaterThanOrEqual(3);
    for (const line of changes) expect(line).toMatch(ATS_NAMES);
  });

  it("keeps its data in a folder of its own, so `npm start` never finds the demo's connections", async () => {
    expect(await fs.readdir(serverDir)).toEqual([]);
    expect(await fs.readdir(demoDir)).toContain('secret.key');
    expect(run.lines).toContain(
      `Data folder: ${demoDir} (the demo's own; its database starts empty on every run)`,
    );
  });

  it('stops cleanly on Ctrl-C', () => {
    expect(run.exit).toEqual({ code: 0, signal: null });
  });
});

describe('the demo progress screen', () => {
  const labels = ['Ashby', 'Greenhouse', 'SmartRecruiters'];
  const drive = (tty: boolean): string => {
    let out = '';
    const screen = new SyncScreen(
      { write: (t: string) => (out += t) },
      labels,
      30,
      () => 1500,
      tty,
    );
    screen.start();
    screen.update('Ashby', { state: 'RUNNING', phase: 'candidates', percent: 40, processed: 10 });
    screen.setSearchable(10);
    screen.update('Ashby', { state: 'COMPLETED', phase: null, percent: 100, processed: 20 });
    screen.finish();
    return out;
  };

  it('redraws bars in place on a terminal', () => {
    const out = drive(true);
    expect(out).toContain(`${ESC}[4A`);
    expect(out).toContain('Ashby            [##############################] 100 %');
    expect(out).toContain('Searchable now: 10 of 30 candidates');
  });

  it('prints one plain line per change elsewhere', () => {
    expect(drive(false).split('\n')).toEqual([
      'sync: Ashby RUNNING candidates 40 % at 1.5 s',
      'searchable: 10 of 30 candidates at 1.5 s',
      'sync: Ashby COMPLETED (20 records) at 1.5 s',
      '',
    ]);
  });
});
