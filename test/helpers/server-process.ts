import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { freePort } from './free-port';

export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

/** `npm start` as a child process, exactly what a user runs (without npm's own wrapper). */
export interface ServerProcess {
  child: ChildProcess;
  stdout: string[];
  /** Resolves with the URL once the server logs that it listens. */
  ready: Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function spawnServer(
  env: Record<string, string>,
  /** `detached`: its own process group, so a test can signal the group as a terminal would. */
  options: { script?: string; uid?: number; gid?: number; detached?: boolean } = {},
): ServerProcess {
  const child = spawn(
    process.execPath,
    ['-r', '@swc-node/register', options.script ?? 'src/main.ts'],
    {
      cwd: PROJECT_ROOT,
      ...(options.uid !== undefined ? { uid: options.uid, gid: options.gid ?? options.uid } : {}),
      ...(options.detached ? { detached: true } : {}),
      env: {
        ...process.env,
        NODE_ENV: 'development',
        LOG_LEVEL: 'info',
        PORT: '0',
        HOST: '127.0.0.1',
        OUTBOUND_ALLOW_PRIVATE_NETWORKS: 'true',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const stdout: string[] = [];
  let stderr = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const ready = new Promise<string>((resolve, reject) => {
    let buffer = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        stdout.push(line);
        const match = /"url":"(http:\/\/[^"]+)".*HTTP server listening/.exec(line);
        if (match?.[1]) resolve(match[1]);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Set SERVER_LOG=/path to keep what child servers print, when a test needs explaining.
    const logFile = process.env['SERVER_LOG'];
    if (logFile) {
      child.stdout.on('data', (chunk: Buffer) => appendFileSync(logFile, chunk));
      child.stderr.on('data', (chunk: Buffer) => appendFileSync(logFile, chunk));
    }
    void exited.then(({ code, signal }) =>
      reject(
        new Error(
          `server exited before listening (code ${code}, signal ${signal}): ${stderr}\n${stdout.join('\n')}`,
        ),
      ),
    );
  });
  return { child, stdout, ready, exited };
}

/**
 * `npm start` on a loopback port (a free one unless given) with PUBLIC_URL to match, kept in
 * `children` so the test's afterAll can SIGKILL every server it started.
 */
export async function startServer(
  children: ServerProcess[],
  env: Record<string, string>,
  port?: number,
): Promise<{ server: ServerProcess; url: string; port: number }> {
  const listen = port ?? (await freePort());
  const server = spawnServer({
    ...env,
    PORT: String(listen),
    PUBLIC_URL: `http://127.0.0.1:${listen}`,
  });
  children.push(server);
  return { server, url: await server.ready, port: listen };
}

export function apiKeyLines(lines: string[]): string[] {
  return lines.filter((l) => l.startsWith('API key: '));
}

/** `npm run apikey -- ARGS` as a child process. */
export function runApikey(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['-r', '@swc-node/register', 'src/cli/apikey.ts', ...args],
      {
        cwd: PROJECT_ROOT,
        env: { ...process.env, ...env },
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
