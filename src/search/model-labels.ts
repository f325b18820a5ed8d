import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { distinctJobLabels, type JobIdentity, type ModelLabels } from './value-labels';

const uuid = z.uuid();

/**
 * Where each ATS keeps a job's requisition number in the payload mirrored as `jobs.raw`:
 * Greenhouse `requisition_id`, SmartRecruiters `refNumber`, Ashby `customRequisitionId`.
 * A job without one is told apart by its ATS job id.
 */
const REQUISITION_KEYS = ['requisition_id', 'refNumber', 'customRequisitionId'] as const;

const REFERENCE = `coalesce(${REQUISITION_KEYS.map((k) => `nullif(btrim(j.raw ->> '${k}'), '')`).join(', ')}, j.remote_id)`;

/**
 * Every job of the organization sharing a title (case-insensitively) with one of the shown jobs:
 * those still mirrored, and the shown ones even when deleted upstream since.
 */
const NAMESAKE_JOBS = `WITH shown AS (
  SELECT DISTINCT lower(title) AS title FROM jobs WHERE organization_id = $1::uuid AND id = ANY($2::uuid[])
)
SELECT j.id, j.title, j.location, ${REFERENCE} AS reference
FROM jobs j
WHERE j.organization_id = $1::uuid AND lower(j.title) IN (SELECT title FROM shown)
  AND (j.deleted_at IS NULL OR j.id = ANY($2::uuid[]))`;

/** ModelLabels read from the app's database (connections and jobs tables). */
export class DatabaseModelLabels implements ModelLabels {
  constructor(private readonly dataSource: DataSource) {}

  async connectionNames(
    organizationId: string,
    ids: readonly string[],
  ): Promise<Map<string, string>> {
    const known = uuids(ids);
    if (known.length === 0) return new Map();
    const rows = await this.dataSource.query<{ id: string; name: string }[]>(
      'SELECT id, name FROM connections WHERE organization_id = $1::uuid AND id = ANY($2::uuid[])',
      [organizationId, known],
    );
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  async jobLabels(organizationId: string, ids: readonly string[]): Promise<Map<string, string>> {
    const known = uuids(ids);
    if (known.length === 0) return new Map();
    const rows = await this.dataSource.query<JobIdentity[]>(NAMESAKE_JOBS, [organizationId, known]);
    return distinctJobLabels(known, rows);
  }
}

/** Facet values can be any string a filter held; only UUIDs can name a row. */
function uuids(values: readonly string[]): string[] {
  return [...new Set(values)].filter((v) => uuid.safeParse(v).success);
}
