import type { Client } from 'pg';
import type { BenchApp } from './bench-app';

/** Rows the sync wrote for one connection (deleted ones included: they were written too). */
export interface RowCounts {
  candidates: number;
  applications: number;
  jobs: number;
  attachments: number;
  total: number;
}

export async function countRows(db: Client, connectionId: string): Promise<RowCounts> {
  const count = async (table: 'candidates' | 'applications' | 'jobs' | 'attachments') =>
    Number(
      (
        await db.query<{ n: string }>(
          `SELECT count(*) AS n FROM ${table} WHERE connection_id = $1`,
          [connectionId],
        )
      ).rows[0]?.n ?? 0,
    );
  const candidates = await count('candidates');
  const applications = await count('applications');
  const jobs = await count('jobs');
  const attachments = await count('attachments');
  return {
    candidates,
    applications,
    jobs,
    attachments,
    total: candidates + applications + jobs + attachments,
  };
}

export async function databaseBytes(db: Client): Promise<number> {
  const rows = await db.query<{ bytes: string }>(
    'SELECT pg_database_size(current_database()) AS bytes',
  );
  return Number(rows.rows[0]?.bytes ?? 0);
}

const SEARCH = `query ($ids: [ID!]) {
  searchCandidates(filter: { connectionIds: $ids }, first: 1) { totalCount } }`;

/**
 * Polls search until it returns every live candidate of the connection (the index jobs the sync
 * queued are done); the time it got there, or null after `timeoutMs`.
 */
export async function waitUntilSearchable(
  bench: BenchApp,
  connectionId: string,
  timeoutMs: number,
): Promise<number | null> {
  const live = Number(
    (
      await bench.db.query<{ n: string }>(
        'SELECT count(*) AS n FROM candidates WHERE connection_id = $1 AND deleted_at IS NULL',
        [connectionId],
      )
    ).rows[0]?.n ?? 0,
  );
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const data = await bench.gql<{ searchCandidates: { totalCount: number } }>(SEARCH, {
      ids: [connectionId],
    });
    if (data.searchCandidates.totalCount >= live) return Date.now();
    if (Date.now() > deadline) return null;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
