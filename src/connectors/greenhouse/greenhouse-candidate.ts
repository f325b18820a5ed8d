import type { z } from 'zod';
import { err, ok, type Result } from '../../common/result';
import type { CandidateBatch, ConnectorError } from '../connector';
import type { ApplicationRecord, CandidateRecord, SyncRecord } from '../records';
import type { HarvestClient } from './greenhouse-client';
import {
  mapApplication,
  mapCandidate,
  mapJob,
  mapJobStage,
  mapRejectionReason,
  mapSource,
  mapUser,
  NO_DETAILS,
} from './greenhouse.mapper';
import { loadCandidateDetails, type JobContextLoader } from './greenhouse-related';
import type { ReferenceCache } from './greenhouse-reference-cache';
import { parseRows } from '../shared/validated-rows';
import {
  ghApplicationSchema,
  ghCandidateSchema,
  ghJobSchema,
  ghJobStageSchema,
  ghRejectionReasonSchema,
  ghSourceSchema,
  ghUserSchema,
  type GhApplication,
} from './greenhouse.schemas';

/** What reading candidates back needs: the client, and what it keeps between calls. */
export interface SnapshotDeps {
  client: HarvestClient;
  jobContext: JobContextLoader;
  references: ReferenceCache;
}

export interface CandidateSnapshot {
  candidate: CandidateRecord;
  applications: ApplicationRecord[];
  related: SyncRecord[];
}

/**
 * One candidate as it is now (after a webhook, or to repair a row): the candidate with its
 * attachments and history, its applications, and the jobs, stages, users, sources and rejection
 * reasons those point to, so the sync can resolve every reference. Null when the candidate is
 * gone (deleted, or merged away).
 */
export async function fetchCandidateSnapshot(
  deps: SnapshotDeps,
  remoteId: string,
): Promise<Result<CandidateSnapshot | null, ConnectorError>> {
  const batch = await fetchCandidateSnapshots(deps, [remoteId]);
  if (!batch.ok) return batch;
  const broken = batch.value.malformed[0];
  if (broken)
    return err({ kind: 'invalid_response', message: `candidate ${remoteId} ${broken.reason}` });
  const snapshot = batch.value.byId.get(remoteId);
  return ok(snapshot ? { ...snapshot, related: batch.value.related } : null);
}

/**
 * Many candidates in the calls one would take (v3 lists filter by up to 50 `ids` or
 * `candidate_ids`): a burst of webhooks under Greenhouse's 50 requests per 10 s stays cheap.
 */
export async function fetchCandidateSnapshots(
  deps: SnapshotDeps,
  remoteIds: readonly string[],
): Promise<Result<CandidateBatch, ConnectorError>> {
  const { client } = deps;
  const byId: CandidateBatch['byId'] = new Map();
  // Ids Greenhouse could not have issued are simply gone.
  const ids = [...new Set(remoteIds)].filter((r) => /^\d{1,18}$/.test(r)).map(Number);
  for (const remoteId of remoteIds) byId.set(remoteId, null);
  if (ids.length === 0) return ok({ byId, related: [], malformed: [] });

  const listed = await client.allByIds('candidates', 'ids', ids);
  if (!listed.ok) return listed;
  const parsed = parseRows('candidates', listed.value, ghCandidateSchema);
  // Only the asked-for ids count, even if a server ignored the filter.
  const asked = new Set(ids);
  const rows = parsed.rows.filter((r) => asked.has(r.data.id));
  const malformed = parsed.skipped
    .filter((s) => s.remoteId !== null && asked.has(Number(s.remoteId)))
    .map((s) => ({ remoteId: String(s.remoteId), reason: s.reason }));
  if (rows.length === 0) return ok({ byId, related: [], malformed });

  const found = rows.map((r) => r.data.id);
  const [details, applicationRows] = await Promise.all([
    loadCandidateDetails(client, found),
    client.allByIds('applications', 'candidate_ids', found),
  ]);
  if (!details.ok) return details;
  if (!applicationRows.ok) return applicationRows;
  const applications = parseRows('applications', applicationRows.value, ghApplicationSchema).rows;

  const candidates = rows.map((row) => ({
    row,
    candidate: mapCandidate(row.data, row.raw, details.value.byId.get(row.data.id) ?? NO_DETAILS),
    applications: applications.filter((a) => a.data.candidate_id === row.data.id),
  }));
  const related = await relatedRecords(
    deps,
    candidates.map((c) => c.candidate),
    applications.map((a) => a.data),
  );
  if (!related.ok) return related;
  for (const { row, candidate, applications: apps } of candidates) {
    byId.set(String(row.data.id), {
      candidate,
      applications: apps.map((a) => mapApplication(a.data, a.raw)),
    });
  }
  return ok({ byId, related: related.value, malformed });
}

async function relatedRecords(
  { jobContext, references }: SnapshotDeps,
  candidates: readonly CandidateRecord[],
  apps: readonly GhApplication[],
): Promise<Result<SyncRecord[], ConnectorError>> {
  const present = (ids: readonly (number | null | undefined)[]): number[] => [
    ...new Set(ids.filter((x): x is number => Number.isSafeInteger(x))),
  ];
  const jobIds = present(apps.map((a) => a.job_id));
  const userIds = present([
    ...apps.flatMap((a) => [a.recruiter_id, a.credited_to_id]),
    ...candidates.map((c) => Number(c.recruiterRemoteId ?? NaN)),
  ]);
  const sourceIds = new Set(
    present([
      ...apps.map((a) => a.source_id),
      ...candidates.map((c) => Number(c.sourceRemoteId ?? NaN)),
    ]),
  );
  const reasonIds = new Set(present(apps.map((a) => a.rejection_reason_id)));

  const stageRows = async (): Promise<Result<unknown[], ConnectorError>> => {
    const read = () => references.byIds('job_interview_stages', 'job_ids', jobIds, (r) => r.job_id);
    const first = await read();
    if (!first.ok) return first;
    // A stage the cached lists lack (added since): those jobs' stages are read again.
    const known = new Set(first.value.map((row) => (row as { id?: unknown }).id));
    const behind = present(
      apps.filter((a) => a.stage_id && !known.has(a.stage_id)).map((a) => a.job_id),
    );
    if (behind.length === 0) return first;
    references.forget('job_interview_stages', behind);
    return read();
  };
  const [jobs, stages, users, sources, reasons, context] = await Promise.all([
    references.byIds('jobs', 'ids', jobIds, (r) => r.id),
    stageRows(),
    references.byIds('users', 'ids', userIds, (r) => r.id),
    // Sources and rejection reasons take no id filter: the lists are short.
    references.list('sources', sourceIds),
    references.list('rejection_reasons', reasonIds),
    jobContext.load(jobIds, (ids) =>
      references.byIds('job_posts', 'job_ids', ids, (r) => r.job_id, true),
    ),
  ]);
  for (const result of [jobs, stages, users, sources, reasons]) if (!result.ok) return result;
  if (!context.ok) return context;
  const rows = <T>(
    result: Result<unknown[], ConnectorError>,
    stream: string,
    schema: z.ZodType<T>,
  ) => (result.ok ? parseRows(stream, result.value, schema).rows : []);

  return ok([
    ...rows(users, 'users', ghUserSchema).map((r): SyncRecord => ({
      kind: 'user',
      record: mapUser(r.data, r.raw),
    })),
    ...rows(sources, 'sources', ghSourceSchema)
      .filter((r) => sourceIds.has(r.data.id))
      .map((r): SyncRecord => ({ kind: 'source', record: mapSource(r.data, r.raw) })),
    ...rows(reasons, 'rejection_reasons', ghRejectionReasonSchema)
      .filter((r) => reasonIds.has(r.data.id))
      .map((r): SyncRecord => ({
        kind: 'rejection_reason',
        record: mapRejectionReason(r.data, r.raw),
      })),
    ...rows(jobs, 'jobs', ghJobSchema).map((r): SyncRecord => ({
      kind: 'job',
      record: mapJob(r.data, r.raw, context.value(r.data.id)),
    })),
    ...rows(stages, 'job_interview_stages', ghJobStageSchema).map((r): SyncRecord => ({
      kind: 'stage',
      record: mapJobStage(r.data, r.raw),
    })),
  ]);
}
