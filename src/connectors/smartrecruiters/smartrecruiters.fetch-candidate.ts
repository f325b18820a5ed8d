import { err, ok, type Result } from '../../common/result';
import type { ConnectorError } from '../connector';
import type { ApplicationRecord, CandidateRecord, SyncRecord } from '../records';
import {
  candidateRecords,
  loadCandidate,
  jobIdsOf,
  type CandidateContext,
} from './smartrecruiters.candidates';
import { assignmentsOf, mapJob, mapReason } from './smartrecruiters.mapper';
import { stageOf } from './smartrecruiters.stages';
import { readStages } from './smartrecruiters.streams';
import { srJobSchema } from './smartrecruiters.schemas';

/**
 * One candidate's current state, for webhooks and repairs: GET /candidates/{id} (with its
 * assignments), its attachments and custom fields, and the records its applications point at —
 * each job (GET /jobs/{id}), the stage (from the hiring processes) and the rejection/withdrawal
 * reason (named in the assignment) — so the sync can resolve references without a full run.
 */

export interface CandidateSnapshot {
  candidate: CandidateRecord;
  applications: ApplicationRecord[];
  related: SyncRecord[];
}

export async function fetchSmartRecruitersCandidate(
  ctx: CandidateContext,
  remoteId: string,
): Promise<Result<CandidateSnapshot | null, ConnectorError>> {
  const loaded = await loadCandidate(ctx, remoteId);
  if (!loaded.ok) return loaded;
  if (loaded.value === null) return ok(null);
  if (!('details' in loaded.value)) {
    const { reason } = loaded.value.skipped;
    return err({
      kind: 'invalid_response',
      message: `SmartRecruiters candidate ${remoteId}: ${reason}`,
    });
  }
  const one = loaded.value;
  const recruiters = await ctx.hiringTeams.recruitersOf(jobIdsOf([one]));
  if (!recruiters.ok) return recruiters;
  const { candidate, applications } = candidateRecords(one, recruiters.value);
  const related = await relatedRecords(ctx, one.details);
  if (!related.ok) return related;
  return ok({ candidate, applications, related: related.value });
}

async function relatedRecords(
  ctx: CandidateContext,
  details: Parameters<typeof assignmentsOf>[0],
): Promise<Result<SyncRecord[], ConnectorError>> {
  const records = new Map<string, SyncRecord>();
  const add = (record: SyncRecord): void => {
    const key = `${record.kind}:${record.record.remoteId}`;
    if (!records.has(key)) records.set(key, record);
  };
  const assignments = assignmentsOf(details);
  // The stages as a full sync writes them (same positions); without the configuration
  // permission, a stage is built from the assignment alone.
  const known = await readStages(ctx.client);
  const stages = new Map(known.ok ? known.value.records.map((r) => [r.record.remoteId, r]) : []);
  for (const a of assignments) {
    const stage = stageOf(a);
    add(stages.get(stage.remoteId) ?? { kind: 'stage', record: stage });
    if (a.reasonOfRejection?.label) {
      const { id, label } = a.reasonOfRejection;
      add({
        kind: 'rejection_reason',
        record: mapReason({ id, label }, 'REJECTION', { ...a.reasonOfRejection }),
      });
    }
    if (a.reasonOfWithdrawal?.label) {
      const { id, label } = a.reasonOfWithdrawal;
      add({
        kind: 'rejection_reason',
        record: mapReason({ id, label }, 'WITHDRAWAL', { ...a.reasonOfWithdrawal }),
      });
    }
  }
  const jobs = await Promise.all(
    assignments.map((a) => ctx.client.get(`/jobs/${encodeURIComponent(a.job.id)}`)),
  );
  for (const job of jobs) {
    if (!job.ok) {
      // A job deleted since, or not readable with these credentials: the application stays.
      if (job.error.kind === 'not_found' || job.error.kind === 'permission') continue;
      return job;
    }
    const parsed = srJobSchema.safeParse(job.value.body);
    if (parsed.success) add({ kind: 'job', record: mapJob(parsed.data, { ...parsed.data }) });
  }
  return ok([...records.values()]);
}
