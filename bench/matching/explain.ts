import type { DataSource } from 'typeorm';
import { affectedCandidatesQuery } from '../../src/profiles/affected-candidates';
import { directoryProfilesQuery } from '../../src/profiles/directory-provider';
import { candidateIdentityLoader } from '../../src/workers/candidate-identities';
import type { LoadedCandidates } from './load-candidates';

/** Candidates per matcher batch (profile-matcher.ts BATCH). */
const BATCH = 500;
/** Changed profiles per lookup of the candidates they concern (profile-matcher.ts AFFECTED_BATCH). */
const AFFECTED_BATCH = 5000;

export interface QueryPlan {
  /** EXPLAIN (ANALYZE, BUFFERS) of the directory query for one batch, as PostgreSQL prints it. */
  text: string;
  executionMs: number;
  /** Tables read whole (Seq Scan nodes), by name. */
  seqScans: string[];
}

/** How PostgreSQL answers the directory query for one batch of candidates from the middle. */
export async function explainDirectoryQuery(
  dataSource: DataSource,
  organizationId: string,
  loaded: LoadedCandidates,
): Promise<QueryPlan | null> {
  const ids = [...loaded.idByRemote.values()];
  const from = Math.max(0, Math.floor(ids.length / 2) - BATCH / 2);
  const identities = await candidateIdentityLoader(dataSource.manager)(
    organizationId,
    ids.slice(from, from + BATCH),
  );
  const query = directoryProfilesQuery(organizationId, [...identities.values()]);
  return query && explain(dataSource, query);
}

/** How PostgreSQL finds the candidates one lookup's changed profiles concern. */
export async function explainAffectedQuery(
  dataSource: DataSource,
  organizationId: string,
  changedProfileIds: readonly string[],
): Promise<QueryPlan | null> {
  const from = Math.max(0, Math.floor(changedProfileIds.length / 2) - AFFECTED_BATCH / 2);
  const batch = changedProfileIds.slice(from, from + AFFECTED_BATCH);
  if (batch.length === 0) return null;
  return explain(dataSource, affectedCandidatesQuery(organizationId, batch));
}

async function explain(
  dataSource: DataSource,
  query: { text: string; values: unknown[] },
): Promise<QueryPlan> {
  const rows = await dataSource.query<{ 'QUERY PLAN': string }[]>(
    `EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${query.text}`,
    query.values,
  );
  const lines = rows.map((r) => r['QUERY PLAN']);
  const execution = lines.map((l) => /Execution Time: ([\d.]+) ms/.exec(l)).find(Boolean);
  return {
    text: lines.join('\n'),
    executionMs: execution ? Number(execution[1]) : NaN,
    seqScans: lines.flatMap((l) => /Seq Scan on (\w+)/.exec(l)?.[1] ?? []),
  };
}
