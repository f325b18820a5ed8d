import { expect } from 'vitest';
import { InlineQueue } from '../../src/jobs/inline-queue';
import type { AppJob } from '../../src/jobs/jobs';
import { startTestApp } from '../helpers/app';
import { freePort } from '../helpers/free-port';
import { graphql } from '../helpers/graphql';
import type { AshbySimulator } from '../simulators/ashby/ashby-simulator';

export type TestApp = Awaited<ReturnType<typeof startTestApp>>;

/** The real app with a known public URL, so vendors' webhooks can reach it. */
export async function startSyncApp(
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<TestApp> {
  const port = await freePort();
  return startTestApp(databaseUrl, {
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    ...env,
  });
}

export interface RunState {
  id: string;
  mode: string;
  state: string;
  processed: number;
  skippedRecords: number;
  rateLimitWaits: number;
  error: string | null;
}

const RUNS = `query($id: ID!) { connection(id: $id) { status statusMessage lastSyncedAt syncRuns(first: 5) {
  id mode state processed skippedRecords rateLimitWaits error } } }`;

/** Waits until the connection's newest run is over, then until every index job is done. */
export async function waitForRun(
  app: TestApp,
  key: string,
  connectionId: string,
  timeoutMs = 60_000,
): Promise<RunState> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await graphql<{ connection: { syncRuns: RunState[] } }>(app.http.url, RUNS, {
      key,
      variables: { id: connectionId },
    });
    const run = res.body.data?.connection.syncRuns[0];
    if (run && (run.state === 'COMPLETED' || run.state === 'FAILED')) {
      await drain(app);
      return run;
    }
    if (Date.now() > deadline) throw new Error(`sync did not finish: ${JSON.stringify(res.body)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function drain(app: TestApp): Promise<void> {
  if (app.queue instanceof InlineQueue) await (app.queue as InlineQueue<AppJob>).drain();
}

/**
 * An Ashby connection to `sim` whose webhooks (signed with `secret`) reach the app, after its
 * first sync completed; the connection's id.
 */
export async function connectAshbyWithWebhooks(
  app: TestApp,
  key: string,
  sim: AshbySimulator,
  secret: string,
): Promise<string> {
  const created = await createConnection(app, key, {
    provider: 'ASHBY',
    name: 'Ashby (simulator)',
    credentials: { apiKey: sim.credentials.apiKey, webhookSecret: secret },
    capabilities: ['REDISCOVERY'],
    baseUrl: sim.url,
  });
  sim.webhooks.register({ url: created.webhooks[0]!.url, secret });
  expect(await waitForRun(app, key, created.id)).toMatchObject({ state: 'COMPLETED' });
  return created.id;
}

export async function createConnection(
  app: TestApp,
  key: string,
  input: Record<string, unknown>,
): Promise<{
  id: string;
  status: string;
  missingPermissions: string[];
  webhooks: { url: string; events: string[]; managedByRediscover: boolean }[];
}> {
  const res = await graphql<{
    createConnection: {
      id: string;
      status: string;
      missingPermissions: string[];
      webhooks: { url: string; events: string[]; managedByRediscover: boolean }[];
    };
  }>(
    app.http.url,
    `
      mutation ($input: CreateConnectionInput!) {
        createConnection(input: $input) {
          id
          status
          missingPermissions
          webhooks {
            url
            events
            managedByRediscover
          }
        }
      }
    `,
    { key, variables: { input } },
  );
  expect(res.body.errors).toBeUndefined();
  return res.body.data!.createConnection;
}

export async function syncNow(
  app: TestApp,
  key: string,
  connectionId: string,
  mode: 'FULL' | 'INCREMENTAL',
): Promise<RunState> {
  const res = await graphql<{ syncConnection: { id: string } }>(
    app.http.url,
    'mutation($id: ID!, $mode: SyncMode!) { syncConnection(id: $id, mode: $mode) { id } }',
    { key, variables: { id: connectionId, mode } },
  );
  expect(res.body.errors).toBeUndefined();
  return waitForRun(app, key, connectionId);
}

/** Polls until `check` passes (webhook effects are asynchronous). */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
