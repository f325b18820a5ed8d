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
    // Test apps share one database: a schedule would make every app sync the connections other
    // tests left behind (their simulators closed). A test about the schedule sets its own.
    SYNC_SCHEDULE_CHECK_SECONDS: '3600',
    ...env,
  });
  const printed: string[] = [];
  const app = await startApp(config, createLogger(process.env['LOG_LEVEL'] ?? 'silent'), {
    printKey: (line) => printed.push(line),
  });
  return Object.assign(app, { printed });
}
