import type { BenchApp } from './bench-app';
import type { MovedApplication } from './simulator-protocol';

/** A stage move and when its effects were first seen (ms on the shared clock, null: not yet). */
export interface TrackedEvent extends MovedApplication {
  /** The first poll whose query saw the mirrored row at the new stage (when it was issued). */
  dbAt: number | null;
  /** The first search (issued at) that returned the candidate under the new stage facet. */
  searchAt: number | null;
  candidateId: string | null;
  email: string | null;
}

export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}

interface MirroredRow {
  remote_id: string;
  stage_name: string | null;
  candidate_id: string;
  email: string | null;
}

/** One query for every pending event: is the mirrored application at its new stage yet? */
export async function pollDatabase(
  bench: BenchApp,
  scope: { organizationId: string; connectionId: string },
  events: readonly TrackedEvent[],
): Promise<void> {
  const pending = events.filter((e) => e.dbAt === null);
  if (pending.length === 0) return;
  const issuedAt = nowMs();
  const { rows } = await bench.db.query<MirroredRow>(
    `SELECT a.remote_id, a.stage_name, a.candidate_id, c.emails[1] AS email
       FROM applications a JOIN candidates c ON c.id = a.candidate_id
      WHERE a.organization_id = $1 AND a.connection_id = $2 AND a.remote_id = ANY($3::varchar[])`,
    [scope.organizationId, scope.connectionId, pending.map((e) => e.applicationRemoteId)],
  );
  const byRemoteId = new Map(rows.map((r) => [r.remote_id, r]));
  for (const event of pending) {
    const row = byRemoteId.get(event.applicationRemoteId);
    if (row?.stage_name !== event.stageName) continue;
    event.dbAt = issuedAt;
    event.candidateId = row.candidate_id;
    event.email = row.email;
  }
}

/**
 * Events whose arrival in search can be checked: a plain e-mail to find the candidate by (known
 * once the row arrived; an event that never arrived did not arrive in search either).
 */
export function searchCheckable(event: TrackedEvent): boolean {
  if (!event.searchable) return false;
  if (event.dbAt === null) return true;
  return event.email !== null && /^[^\s():"]+$/.test(event.email);
}

const SEARCH = `query ($q: String, $filter: CandidateFilter) {
  searchCandidates(query: $q, filter: $filter, first: 100) { edges { node { id } } } }`;
/** The query language's length limit is 1,000 characters. */
const MAX_QUERY_CHARS = 900;

/**
 * One search per target stage (and per ~20 e-mails): `email:a OR email:b …` filtered to the new
 * stage. A candidate returned there is indexed with the stage (no other application of theirs
 * holds it, see MovedApplication.searchable).
 */
export async function pollSearch(
  bench: BenchApp,
  connectionId: string,
  events: readonly TrackedEvent[],
): Promise<void> {
  const pending = events.filter(
    (e) => e.dbAt !== null && e.searchAt === null && searchCheckable(e),
  );
  const byStage = new Map<string, TrackedEvent[]>();
  for (const e of pending) byStage.set(e.stageName, [...(byStage.get(e.stageName) ?? []), e]);
  for (const [stage, group] of byStage) {
    for (const chunk of chunkByLength(group)) {
      const issuedAt = nowMs();
      const data = await bench.gql<{ searchCandidates: { edges: { node: { id: string } }[] } }>(
        SEARCH,
        {
          q: chunk.map((e) => `email:${e.email ?? ''}`).join(' OR '),
          filter: { stages: [stage], connectionIds: [connectionId] },
        },
      );
      const found = new Set(data.searchCandidates.edges.map((edge) => edge.node.id));
      for (const e of chunk) if (e.candidateId && found.has(e.candidateId)) e.searchAt = issuedAt;
    }
  }
}

function chunkByLength(events: TrackedEvent[]): TrackedEvent[][] {
  const chunks: TrackedEvent[][] = [];
  let current: TrackedEvent[] = [];
  let length = 0;
  for (const e of events) {
    const term = `email:${e.email ?? ''} OR `.length;
    if (current.length > 0 && length + term > MAX_QUERY_CHARS) {
      chunks.push(current);
      current = [];
      length = 0;
    }
    current.push(e);
    length += term;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
