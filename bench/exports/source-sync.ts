import type { BenchApp } from '../sync/bench-app';
import { waitUntilSearchable } from '../sync/database-figures';
import { duration, int } from '../sync/format';
import { watchRun } from '../sync/run-watcher';
import type { ExportSimulatorProcess } from './export-simulator-process';

/** The candidates to export, mirrored from the ATS. */
export interface MirroredSource {
  connectionId: string;
  /** Live candidates of the connection (what `search: {}` exports). */
  candidates: number;
  /** createConnection → every candidate searchable. */
  ms: number;
}

const CREATE = `mutation ($input: CreateConnectionInput!) { createConnection(input: $input) { id } }`;

/**
 * Mirrors the ATS simulator into the app as a user would (createConnection queues the first FULL
 * run) and waits until search returns every candidate. Setup, not measured: only its time is kept.
 */
export async function mirrorSource(
  bench: BenchApp,
  ats: ExportSimulatorProcess,
  progressEveryMs: number,
): Promise<MirroredSource> {
  const started = Date.now();
  const created = await bench.gql<{ createConnection: { id: string } }>(CREATE, {
    input: {
      provider: 'ASHBY',
      name: 'Ashby ATS (export bench source)',
      credentials: ats.info.credentials,
      capabilities: ['REDISCOVERY'],
      baseUrl: ats.info.url,
    },
  });
  const connectionId = created.createConnection.id;
  const watched = await watchRun(bench, connectionId, {
    pollMs: 500,
    progressEveryMs,
    onProgress: (run) => {
      console.log(
        `[source] ${duration(Date.now() - started)}: sync ${run?.state ?? 'QUEUED'} ${run?.phase ?? ''}, ` +
          `${int(run?.processed ?? 0)} records${run?.total ? ` of ${int(run.total)}` : ''}`,
      );
      return Promise.resolve();
    },
  });
  if (watched.run.state !== 'COMPLETED')
    throw new Error(`the source sync ended ${watched.run.state}: ${watched.run.error ?? ''}`);
  const searchable = await waitUntilSearchable(
    bench,
    connectionId,
    Math.max(120_000, ats.info.candidates * 10),
  );
  if (searchable === null) throw new Error('search did not return every mirrored candidate');
  const live = await bench.db.query<{ n: string }>(
    'SELECT count(*) AS n FROM candidates WHERE connection_id = $1 AND deleted_at IS NULL',
    [connectionId],
  );
  return {
    connectionId,
    candidates: Number(live.rows[0]?.n ?? 0),
    ms: searchable - started,
  };
}
