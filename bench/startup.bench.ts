/**
 * How long `npm start` takes, on the embedded default, from the command to the first answered
 * `me` query: cold (new data folder: initdb + migrations + first key) and warm (restart).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { machineLine, writeSection } from './report';

const ROOT = path.resolve(__dirname, '..');

async function timedStart(
  dataDir: string,
  key: string | null,
): Promise<{ ms: number; key: string }> {
  const started = performance.now();
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let buffer = '';
  let url: string | null = null;
  let foundKey = key;
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited (${code})`)));
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      foundKey ??= /API key: (\S+)/.exec(buffer)?.[1] ?? null;
      url ??= /"url":"(http:\/\/[^"]+)"/.exec(buffer)?.[1] ?? null;
      if (url && foundKey) resolve();
    });
  });
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${foundKey}` },
    body: JSON.stringify({ query: '{ me { organization { name } } }' }),
  });
  const body = (await response.json()) as { data?: unknown };
  if (!body.data) throw new Error(`me failed: ${JSON.stringify(body)}`);
  const ms = performance.now() - started;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
  return { ms, key: foundKey! };
}

export async function runStartupBench(): Promise<void> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'rediscover-bench-start-'));
  await fs.chmod(dataDir, 0o755);
  try {
    const cold = await timedStart(dataDir, null);
    const warm: number[] = [];
    for (let i = 0; i < 3; i++) warm.push((await timedStart(dataDir, cold.key)).ms);
    const fmt = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
    const table = [
      '| start | command → first `me` answered |',
      '|---|---|',
      `| cold (new data folder: initdb, migrations, first key) | ${fmt(cold.ms)} |`,
      `| warm (restart, median of 3) | ${fmt(warm.sort((a, b) => a - b)[1]!)} |`,
    ].join('\n');
    console.log(table);
    writeSection(
      'startup',
      `## Start-up (embedded default)\n\nCommand: \`npm run bench -- startup\` (runs \`node -r @swc-node/register src/main.ts\`, as \`npm start\` does). Machine: ${machineLine()}. Measured ${new Date().toISOString().slice(0, 10)}.\n\n${table}`,
    );
  } finally {
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}
