import type { DataSource } from 'typeorm';
import { MEMORY_ROW_COLUMNS, MEMORY_ROW_FROM, toMemoryRow } from './candidate-rows';
import { ChangeMark, parseSnapshot, type ChangePoint, type Snapshot } from './change-mark';
import { OrgIndex } from './org-index';

/** Rows fetched per round trip while loading an organization. */
const LOAD_BATCH = 10_000;

type Query = <T>(text: string, values: unknown[]) => Promise<T[]>;

/** An organization's index and how far it has caught up. */
export interface LoadedOrg {
  index: OrgIndex;
  mark: ChangeMark;
}

/**
 * The last value taken from search_change_seq (0 before the first), then the xids of this
 * database's transactions that hold one. One statement: the sub-select is correlated with the
 * sequence row, so it runs after that row is read (the order change-mark.ts relies on). The
 * function under pg_stat_activity, without the view's joins: 0.19 ms a call instead of 0.51.
 */
export async function readChangePoint(query: Query): Promise<ChangePoint> {
  const rows = await query<{ last_value: string; is_called: boolean; writers: string[] }>(
    `SELECT s.last_value, s.is_called, ARRAY(
       SELECT a.backend_xid::text FROM pg_stat_get_activity(NULL::integer) a
       WHERE a.datid = (SELECT oid FROM pg_database WHERE datname = current_database())
         AND a.backend_xid IS NOT NULL AND s.is_called IS NOT NULL
     ) AS writers
     FROM search_change_seq s`,
    [],
  );
  const row = rows[0];
  return {
    sequence: row?.is_called ? Number(row.last_value) : 0,
    writers: (row?.writers ?? []).map((x) => BigInt(x)),
  };
}

const currentSnapshot = async (query: Query): Promise<Snapshot> => {
  const [row] = await query<{ snapshot: string }>(
    'SELECT pg_current_snapshot()::text AS snapshot',
    [],
  );
  return parseSnapshot(row?.snapshot ?? '0:0:');
};

/** How long a load waits for the writers it found to finish before it starts reading. */
const WRITERS_WAIT_MS = 2_000;

/**
 * Loads one organization in a REPEATABLE READ transaction (one snapshot for all batches). The
 * writers running when the load began are waited for first (briefly), so the mark starts at
 * the sequence read then; if one is still running, the mark starts at zero and the first
 * catch-up reads the organization again (see change-mark.ts).
 */
export async function loadOrg(dataSource: DataSource, organizationId: string): Promise<LoadedOrg> {
  const query: Query = (text, values) => dataSource.query(text, values);
  const mark = new ChangeMark();
  const point = await readChangePoint(query);
  for (const waitUntil = Date.now() + WRITERS_WAIT_MS; Date.now() < waitUntil;) {
    if (ChangeMark.settledAt(point, await currentSnapshot(query))) break;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const index = new OrgIndex();
  const runner = dataSource.createQueryRunner('slave');
  await runner.connect();
  try {
    await runner.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const [snap] = (await runner.query('SELECT pg_current_snapshot()::text AS snapshot')) as {
      snapshot: string;
    }[];
    await runner.query(
      `DECLARE memory_load NO SCROLL CURSOR FOR SELECT ${MEMORY_ROW_COLUMNS} FROM ${MEMORY_ROW_FROM} WHERE c.organization_id = $1::uuid`,
      [organizationId],
    );
    for (;;) {
      const rows = (await runner.query(`FETCH ${LOAD_BATCH} FROM memory_load`)) as Record<
        string,
        unknown
      >[];
      for (const row of rows) index.upsert(toMemoryRow(row));
      if (rows.length < LOAD_BATCH) break;
    }
    await runner.query('COMMIT');
    mark.caughtUp(point, parseSnapshot(snap?.snapshot ?? '0:0:'));
  } catch (error) {
    await runner.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await runner.release();
  }
  return { index, mark };
}

/**
 * Applies the changes above the mark: upserted rows, and tombstoned candidates that no longer
 * exist (one that was removed and indexed again comes back as a row). One statement, so rows,
 * tombstones and the reported snapshot agree.
 */
export async function catchUp(query: Query, organizationId: string, org: LoadedOrg): Promise<void> {
  const point = await readChangePoint(query);
  if (org.mark.upToDate(point.sequence)) return;
  const rows = await query<Record<string, unknown> & { snapshot: string; removed: string[] }>(
    CATCH_UP,
    [organizationId, org.mark.mark],
  );
  const first = rows[0];
  if (!first) throw new Error('the catch-up query returned no row');
  for (const id of first.removed) org.index.remove(id);
  for (const row of rows) if (row['id'] !== null) org.index.upsert(toMemoryRow(row));
  org.mark.caughtUp(point, parseSnapshot(first.snapshot));
}

const CATCH_UP = `WITH tombstones AS (
  SELECT DISTINCT r.candidate_id FROM search_removed r
  WHERE r.organization_id = $1::uuid AND r.change_seq > $2::bigint
)
SELECT s.snapshot, g.removed, ch.* FROM
  (SELECT pg_current_snapshot()::text AS snapshot) s
  CROSS JOIN (
    SELECT coalesce(array_agg(t.candidate_id::text), '{}') AS removed FROM tombstones t
    WHERE NOT EXISTS (
      SELECT 1 FROM search_candidates x WHERE x.candidate_id = t.candidate_id AND x.organization_id = $1::uuid
    )
  ) g
  LEFT JOIN LATERAL (
    SELECT ${MEMORY_ROW_COLUMNS} FROM ${MEMORY_ROW_FROM}
    WHERE c.organization_id = $1::uuid AND c.change_seq > $2::bigint
    UNION ALL
    -- Tombstoned and indexed again with an older change_seq (out-of-order commit): still a row.
    SELECT ${MEMORY_ROW_COLUMNS} FROM ${MEMORY_ROW_FROM}
    WHERE c.organization_id = $1::uuid AND c.change_seq <= $2::bigint
      AND c.candidate_id IN (SELECT candidate_id FROM tombstones)
  ) ch ON true`;
