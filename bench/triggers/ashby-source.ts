import { randomBytes } from 'node:crypto';
import type { BenchApp } from '../sync/bench-app';
import { waitUntilSearchable } from '../sync/database-figures';
import { duration, int } from '../sync/format';
import { watchRun } from '../sync/run-watcher';
import { AshbyProcess } from './ashby-process';

/** The Ashby simulator mirrored into the app, its webhooks pointed at the app. */
export interface MirroredAshby {
  sim: AshbyProcess;
  connectionId: string;
  candidates: number;
  /** createConnection → every candidate searchable (setup, not measured). */
  syncMs: number;
}

const CREATE = `mutation ($input: CreateConnectionInput!) {
  createConnection(input: $input) { id webhooks { url } } }`;

const PROGRESS_EVERY_MS = 15_000;

/**
 * Starts the Ashby simulator in a process of its own at its default rate limit, creates the
 * connection through GraphQL as a user would, "configures the webhook in the Ashby UI" with the
 * URL the app answered, and waits for the first FULL run and for search to hold every
 * candidate, so the moves start on a quiet app.
 */
export async function mirrorAshby(
  bench: BenchApp,
  options: { candidates: number; seed: string },
): Promise<MirroredAshby> {
  const sim = await AshbyProcess.start(options);
  try {
    const webhookSecret = randomBytes(16).toString('hex');
    const started = Date.now();
    const created = await bench.gql<{
      createConnection: { id: string; webhooks: { url: string }[] };
    }>(CREATE, {
      input: {
        provider: 'ASHBY',
        name: 'Ashby (triggers bench)',
        credentials: { apiKey: sim.info.apiKey, webhookSecret },
        capabilities: ['REDISCOVERY', 'CONNECT'],
        baseUrl: sim.info.url,
      },
    });
    const { id: connectionId, webhooks } = created.createConnection;
    const hook = webhooks[0];
    if (!hook) throw new Error('createConnection answered no webhook URL for Ashby');
    await sim.request({ type: 'registerWebhook', url: hook.url, secret: webhookSecret });
    const watched = await watchRun(bench, connectionId, {
      pollMs: 500,
      progressEveryMs: PROGRESS_EVERY_MS,
      onProgress: (run) => {
        console.log(
          `[sync] ${duration(Date.now() - started)}: ${run?.state ?? 'QUEUED'} ${run?.phase ?? ''}, ` +
            `${int(run?.processed ?? 0)} records${run?.total ? ` of ${int(run.total)}` : ''}`,
        );
        return Promise.resolve();
      },
    });
    if (watched.run.state !== 'COMPLETED')
      throw new Error(`the first sync ended ${watched.run.state}: ${watched.run.error ?? ''}`);
    const searchable = await waitUntilSearchable(
      bench,
      connectionId,
      Math.max(120_000, options.candidates * 10),
    );
    if (searchable === null) throw new Error('search did not return every mirrored candidate');
    return {
      sim,
      connectionId,
      candidates: sim.info.candidates,
      syncMs: searchable - started,
    };
  } catch (error) {
    await sim.close();
    throw error;
  }
}
