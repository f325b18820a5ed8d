import { loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/common/logger';
import { startApp, type RunningApp } from '../../src/main';

/** The real app, in this process, on a random port, against `databaseUrl`. */
export async function startTestApp(
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<RunningApp & { printed: string[] }> {
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    JOB_QUEUE: 'inline',
    DATABASE_URL: databaseUrl,
    // The vendor simulators listen on loopback.
    OUTBOUND_ALLOW_PRIVATE_NETWORKS: 'true',
    ...env,
  });
  const printed: string[] = [];
  const app = await startApp(config, createLogger(process.env['LOG_LEVEL'] ?? 'silent'), {
    printKey: (line) => printed.push(line),
  });
  return Object.assign(app, { printed });
}
