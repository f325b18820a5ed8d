import type { z } from 'zod';
import { err, ok, type Result } from '../../common/result';
import type { ConnectorError } from '../connector';
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
  client: HarvestClient,
  jobContext: JobContextLoader,
  remoteId: string,
): Promise<Result<CandidateSnapshot | null, ConnectorError>> {
  if (!/^\d{1,18}$/.test(remoteId)) return ok(null);
  const id = Number(remoteId);
  // v3 reads single records through the list's `ids=` filter.
  const listed = await client.all('candidates', { ids: remoteId, per_page: '1' });
  if (!listed.ok) return listed;
  const parsed = parseRows('candidates', listed.value, ghCandidateSchema);
  // Only the asked-for id counts, even if a server ignored the filter.
  const row = parsed.rows.find((r) => r.data.id === id);
  if (!row) {
    const broken = parsed.skipped.find((s) => s.remoteId === remoteId);
    return broken
      ? err({ kind: 'invalid_response', message: `candidate ${remoteId} ${broken.reason}` })
      : ok(null);
  }

  const [details, applicationRows] = await Promise.all([
    loadCandidateDetails(client, [id]),
    client.all('applications', { candidate_ids: remoteId }),
  ]);
  if (!details.ok) return details;
  if (!applicationRows.ok) return applicationRows;
  const applications = parseRows(
    'applications',
    applicationRows.value,
    ghApplicationSchema,
  ).rows.filter((r) => r.data.candidate_id === id);

  const candidate = mapCandidate(row.data, row.raw, details.value.byId.get(id) ?? NO_DETAILS);
  const related = await relatedRecords(
    client,
    jobContext,
    candidate,
    applications.map((a) => a.data),
  );
  if (!related.ok) return related;
  return ok({
    candidate,
    applications: applications.map((a) => mapApplication(a.data, a.raw)),
    related: related.value,
  });
}

async function relatedRecords(
  client: HarvestClient,
  jobContext: JobContextLoader,
  candidate: CandidateRecord,
  apps: readonly GhApplication[],
): Promise<Result<SyncRecord[], ConnectorError>> {
  const present = (ids: readonly (number | null | undefined)[]): number[] => [
    ...new Set(ids.filter((x): x is number => Number.isSafeInteger(x))),
  ];
  const jobIds = present(apps.map((a) => a.job_id));
  const userIds = present([
    ...apps.flatMap((a) => [a.recruiter_id, a.credited_to_id]),
    Number(candidate.recruiterRemoteId ?? NaN),
  ]);
  const sourceIds = new Set(
    present([...apps.map((a) => a.source_id), Number(candidate.sourceRemoteId ?? NaN)]),
  );
  const reasonIds = new Set(present(apps.map((a) => a.rejection_reason_id)));
  const none = Promise.resolve(ok<unknown[]>([]));

  const [jobs, stages, users, sources, reasons, context] = await Promise.all([
    client.allByIds('jobs', 'ids', jobIds),
    client.allByIds('job_interview_stages', 'job_ids', jobIds),
    client.allByIds('users', 'ids', userIds),
    // Sources and rejection reasons take no id filter: the lists are short.
    sourceIds.size > 0 ? client.all('sources', {}) : none,
    reasonIds.size > 0 ? client.all('rejection_reasons', {}) : none,
    jobContext.load(jobIds),
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
