import type { EntityManager } from 'typeorm';
import type { ApplicationRecord } from '../connectors/records';
import type { WriteScope } from './record-writer';

export interface ApplicationUpsert {
  /** Candidates one of whose applications was created or changed. */
  changedCandidateIds: string[];
  /** Applications whose candidate is not mirrored (not written). */
  orphans: { remoteId: string; candidateRemoteId: string }[];
}

/**
 * Writes a page of applications in ONE statement: the vendor ids of candidate, job, stage,
 * rejection reason, source and recruiter are resolved to ours inside it, the rows are upserted
 * (a row whose values did not change is left untouched, as RecordWriter's other upserts do), and
 * the owners of the rows written come back with it. A page of 500 was eight round trips and
 * 9,000 bind parameters through the ORM; the applications stream is the sync's longest write.
 */
export async function upsertApplications(
  tx: EntityManager,
  scope: WriteScope,
  records: ApplicationRecord[],
): Promise<ApplicationUpsert> {
  // A record listed twice on one page: the last one wins (a row may be upserted once per statement).
  const unique = [...new Map(records.map((r) => [r.remoteId, r])).values()];
  const rows = unique.map((r) => ({
    remote_id: r.remoteId,
    raw: r.raw,
    remote_created_at: r.remoteCreatedAt ?? null,
    remote_updated_at: r.remoteUpdatedAt ?? null,
    candidate_remote_id: r.candidateRemoteId,
    job_remote_id: r.jobRemoteId,
    stage_remote_id: r.stageRemoteId,
    reason_remote_id: r.rejectionReasonRemoteId,
    source_remote_id: r.sourceRemoteId,
    recruiter_remote_id: r.recruiterRemoteId,
    stage_name: r.stageName,
    status: r.status,
    remote_status: r.remoteStatus,
    is_prospect: r.isProspect,
    applied_at: r.appliedAt,
    rejected_at: r.rejectedAt,
    hired_at: r.hiredAt,
    custom_fields: r.customFields,
  }));
  const result = await tx.query<
    { changed: string | null; orphan: string | null; owner: string | null }[]
  >(UPSERT_APPLICATIONS, [scope.organizationId, scope.connectionId, JSON.stringify(rows)]);
  const changedCandidateIds: string[] = [];
  const orphans: ApplicationUpsert['orphans'] = [];
  for (const row of result) {
    if (row.changed) changedCandidateIds.push(row.changed);
    if (row.orphan) orphans.push({ remoteId: row.orphan, candidateRemoteId: row.owner ?? '' });
  }
  return { changedCandidateIds, orphans };
}

/** Our id of a vendor id in one of the connection's tables. */
const idOf = (table: string, column: string): string =>
  `(SELECT t.id FROM ${table} t WHERE t.organization_id = $1 AND t.connection_id = $2 AND t.remote_id = i.${column})`;

/** Every column the upsert may change; a conflict row is only updated when one differs. */
const UPDATED = [
  'raw',
  'remote_created_at',
  'remote_updated_at',
  'deleted_at',
  'candidate_id',
  'job_id',
  'stage_id',
  'stage_name',
  'status',
  'remote_status',
  'rejection_reason_id',
  'source_id',
  'recruiter_id',
  'is_prospect',
  'applied_at',
  'rejected_at',
  'hired_at',
  'custom_fields',
];

const UPSERT_APPLICATIONS = `WITH i AS (
  SELECT * FROM jsonb_to_recordset($3::jsonb) AS x(
    remote_id text, raw jsonb, remote_created_at timestamptz, remote_updated_at timestamptz,
    candidate_remote_id text, job_remote_id text, stage_remote_id text, reason_remote_id text,
    source_remote_id text, recruiter_remote_id text, stage_name text, status text,
    remote_status text, is_prospect boolean, applied_at timestamptz, rejected_at timestamptz,
    hired_at timestamptz, custom_fields jsonb)
), resolved AS (
  SELECT i.*, ${idOf('candidates', 'candidate_remote_id')} AS candidate_id,
    ${idOf('jobs', 'job_remote_id')} AS job_id,
    ${idOf('stages', 'stage_remote_id')} AS stage_id,
    ${idOf('rejection_reasons', 'reason_remote_id')} AS rejection_reason_id,
    ${idOf('sources', 'source_remote_id')} AS source_id,
    ${idOf('ats_users', 'recruiter_remote_id')} AS recruiter_id
  FROM i
), written AS (
  INSERT INTO applications AS a (organization_id, connection_id, remote_id, ${UPDATED.join(', ')})
  SELECT $1, $2, remote_id, ${UPDATED.map((c) => (c === 'deleted_at' ? 'NULL' : c)).join(', ')}
  FROM resolved WHERE candidate_id IS NOT NULL
  ORDER BY remote_id
  ON CONFLICT (organization_id, connection_id, remote_id) DO UPDATE SET
    ${UPDATED.map((c) => `${c} = excluded.${c}`).join(', ')}, updated_at = now()
  WHERE ${UPDATED.map((c) => `a.${c} IS DISTINCT FROM excluded.${c}`).join(' OR ')}
  RETURNING a.candidate_id
)
SELECT DISTINCT candidate_id::text AS changed, NULL AS orphan, NULL AS owner FROM written
UNION ALL
SELECT NULL, remote_id, candidate_remote_id FROM resolved WHERE candidate_id IS NULL`;
