import type { BenchApp } from './bench-app';

/** A sync run as the API shows it. */
export interface RunSnapshot {
  id: string;
  mode: string;
  state: string;
  phase: string | null;
  processed: number;
  total: number | null;
  rateLimitWaits: number;
  skippedRecords: number;
  error: string | null;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface WatchedRun {
  run: RunSnapshot;
  startedAt: number;
  finishedAt: number;
}

export interface WatchOptions {
  /** How often the API is asked. */
  pollMs: number;
  progressEveryMs: number;
  onProgress(run: RunSnapshot | null): Promise<void>;
}

const RUN = `query ($id: ID!) { connection(id: $id) { syncRuns(first: 1) {
  id mode state phase processed total rateLimitWaits skippedRecords error startedAt finishedAt } } }`;

const FINAL_STATES = new Set(['COMPLETED', 'FAILED', 'CANCELLED']);

/** Polls the connection's newest run through GraphQL until it is over. */
export async function watchRun(
  bench: BenchApp,
  connectionId: string,
  options: WatchOptions,
): Promise<WatchedRun> {
  let nextProgress = Date.now() + options.progressEveryMs;
  for (;;) {
    const data = await bench.gql<{ connection: { syncRuns: RunSnapshot[] } }>(RUN, {
      id: connectionId,
    });
    const run = data.connection.syncRuns[0] ?? null;
    const now = Date.now();
    if (run && FINAL_STATES.has(run.state)) {
      const startedAt = run.startedAt ? Date.parse(run.startedAt) : now;
      const finishedAt = run.finishedAt ? Date.parse(run.finishedAt) : now;
      return { run, startedAt, finishedAt };
    }
    if (now >= nextProgress) {
      nextProgress = now + options.progressEveryMs;
      await options.onProgress(run);
    }
    await new Promise((resolve) => setTimeout(resolve, options.pollMs));
  }
}
