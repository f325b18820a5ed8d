import { VALUE_FILTER_KEYS } from '../../document-values';
import { VALUE_COLUMNS } from '../pg-columns';
import type { MemoryRow } from './org-index';

/**
 * The FROM clause for MEMORY_ROW_COLUMNS: candidates (alias c) with their applications as four
 * parallel arrays in one lateral lookup (one index scan per candidate, not four).
 */
export const MEMORY_ROW_FROM = `search_candidates c LEFT JOIN LATERAL (
  SELECT array_agg(a.job_id ORDER BY a.application_id) AS job_ids,
    array_agg(a.stage ORDER BY a.application_id) AS stages,
    array_agg(a.status ORDER BY a.application_id) AS statuses,
    array_agg(a.rejection_reason ORDER BY a.application_id) AS reasons
  FROM search_applications a WHERE a.candidate_id = c.candidate_id
) apps ON true`;

/**
 * The SELECT list that reads a search_candidates row (alias c) into a MemoryRow: the value
 * columns the facets group by, the range fields, the custom-field filter keys, and the
 * candidate's applications as four parallel arrays (same order) for the same-application rule.
 */
export const MEMORY_ROW_COLUMNS = [
  'c.candidate_id AS id',
  'c.doc_no',
  'c.change_seq::float8 AS seq',
  'c.kind',
  '(extract(epoch FROM c.last_updated) * 1000)::float8 AS updated',
  'c.years_experience',
  'c.years_in_role',
  ...VALUE_FILTER_KEYS.map((key) => `c.${VALUE_COLUMNS[key].column} AS "${key}"`),
  "ARRAY(SELECT k FROM unnest(c.filter_keys) k WHERE left(k, 3) = 'cf' || chr(31)) AS custom_fields",
  'apps.job_ids AS app_job_id',
  'apps.stages AS app_stage',
  'apps.statuses AS app_status',
  'apps.reasons AS app_rejection_reason',
].join(', ');

type RawRow = Record<string, unknown>;

export function toMemoryRow(raw: RawRow): MemoryRow {
  const jobs = (raw['app_job_id'] as (string | null)[] | null) ?? [];
  const stages = (raw['app_stage'] as (string | null)[] | null) ?? [];
  const statuses = (raw['app_status'] as (string | null)[] | null) ?? [];
  const reasons = (raw['app_rejection_reason'] as (string | null)[] | null) ?? [];
  return {
    id: String(raw['id']),
    docNo: Number(raw['doc_no']),
    seq: Number(raw['seq']),
    kind: String(raw['kind']),
    updated: Number(raw['updated']),
    yearsExperience: nullableNumber(raw['years_experience']),
    yearsInRole: nullableNumber(raw['years_in_role']),
    values: Object.fromEntries(
      VALUE_FILTER_KEYS.map((key) => [key, raw[key] as string[] | string | null]),
    ) as MemoryRow['values'],
    customFields: (raw['custom_fields'] as string[] | null) ?? [],
    applications: jobs.map((jobId, i) => ({
      jobId,
      stage: stages[i] ?? null,
      status: statuses[i] ?? null,
      rejectionReason: reasons[i] ?? null,
    })),
  };
}

function nullableNumber(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}
