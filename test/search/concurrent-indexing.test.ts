import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CandidateDocument } from '../../src/search/candidate-document';
import { PostgresSearchEngine } from '../../src/search/postgres/postgres-engine';
import { blankDocument } from '../helpers/candidate-document';
import { sharedDataSource } from '../helpers/database';

/**
 * Index calls run side by side (the indexer's batches, `npm run reindex`, the bench's two in
 * flight). Job and recruiter labels are upserted by every batch that mentions them, and a
 * candidate may sit in two batches at once: the rows must be locked in one order for all, or
 * PostgreSQL aborts one of the transactions with "deadlock detected".
 */
describe('postgres engine: concurrent index calls', () => {
  const organizationId = randomUUID();
  const connectionId = randomUUID();
  let dataSource: DataSource;
  let engine: PostgresSearchEngine;

  beforeAll(async () => {
    dataSource = await sharedDataSource(8);
    // No second try: a deadlock fails the test instead of being retried away. Chunks of 10, so
    // each batch of 45 is written by five groups of statements in one transaction.
    engine = new PostgresSearchEngine(dataSource, {
      memoryFacets: 'never',
      writeAttempts: 1,
      writeChunkSize: 10,
    });
  });

  afterAll(async () => {
    await dataSource.query('DELETE FROM search_candidates WHERE organization_id = $1', [
      organizationId,
    ]);
    await dataSource.query('DELETE FROM search_labels WHERE organization_id = $1', [
      organizationId,
    ]);
    await dataSource.destroy();
  });

  it('never deadlocks on shared labels or shared candidates, and keeps every write', async () => {
    const jobs = Array.from({ length: 40 }, (_, i) => `job-${i}`);
    const people = Array.from({ length: 120 }, (_, i) => person(i, jobs));
    const indexed = new Map<string, number>(); // candidate id -> applications
    for (let round = 0; round < 4; round++) {
      // Eight batches in flight, each naming the jobs (and some candidates) in its own order.
      const batches = Array.from({ length: 8 }, (_, b) =>
        rotate(people, b * 37 + round * 11)
          .slice(0, 45)
          .map((p, k) => ({ ...p, lastUpdated: stamp(round, b, k) })),
      );
      for (const d of batches.flat()) indexed.set(d.id, d.applications.length);
      await Promise.all(batches.map((batch) => engine.index(batch)));
    }
    const [row] = await dataSource.query<{ candidates: number; labels: number }[]>(
      `SELECT (SELECT count(*)::int FROM search_candidates WHERE organization_id = $1) AS candidates,
              (SELECT count(*)::int FROM search_labels WHERE organization_id = $1 AND prefix = 'job') AS labels`,
      [organizationId],
    );
    expect(row).toEqual({ candidates: indexed.size, labels: jobs.length });
    expect(indexed.size).toBeGreaterThan(100);
    // Every chunk of every batch wrote all of its candidates' rows.
    const [rest] = await dataSource.query<
      { text: number; documents: number; applications: number }[]
    >(
      `SELECT (SELECT count(*)::int FROM search_text WHERE organization_id = $1) AS text,
              (SELECT count(*)::int FROM search_documents WHERE organization_id = $1) AS documents,
              (SELECT count(*)::int FROM search_applications WHERE organization_id = $1) AS applications`,
      [organizationId],
    );
    expect(rest).toEqual({
      text: indexed.size,
      documents: indexed.size,
      applications: [...indexed.values()].reduce((a, b) => a + b, 0),
    });
  });

  function person(i: number, jobs: string[]): CandidateDocument {
    // Each person applied to a spread of jobs, so every batch mentions most of them.
    const applied = jobs.filter((_, j) => (j * 7 + i) % 3 !== 0);
    return blankDocument(organizationId, connectionId, `Person ${i}`, {
      applications: rotate(applied, i).map((jobId) => ({
        applicationId: `${i}-${jobId}`,
        jobId,
        jobTitle: `Title of ${jobId}`,
        stage: 'Screen',
        status: 'ACTIVE',
        rejectionReason: null,
        updatedAt: '2025-12-01T00:00:00.000Z',
      })),
      recruiterId: `recruiter-${i % 5}`,
      recruiterName: `Recruiter ${i % 5}`,
    });
  }
});

function rotate<T>(items: T[], by: number): T[] {
  const at = by % items.length;
  return [...items.slice(at), ...items.slice(0, at)].reverse();
}

function stamp(round: number, batch: number, k: number): string {
  return new Date(Date.UTC(2025, 11, 1 + round, batch, k)).toISOString();
}
