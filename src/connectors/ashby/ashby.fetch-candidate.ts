import { err, ok, type Result } from '../../common/result';
import type { ConnectorError } from '../connector';
import type { ApplicationRecord, CandidateRecord, SyncRecord } from '../records';
import {
  mapApplication,
  mapArchiveReason,
  mapCandidate,
  mapJob,
  mapSource,
  mapStage,
  mapUser,
} from './ashby.mapper';
import type { StreamContext } from './ashby.pages';
import {
  ashbyApplicationSchema,
  ashbyCandidateSchema,
  ashbyJobSchema,
  type AshbyApplication,
  type AshbyCandidate,
} from './ashby.schemas';

/**
 * One candidate's current state, for webhooks and repairs: `candidate.info`, each application by
 * id (application.list cannot filter by candidate), and the records those point at so the sync
 * can resolve references without a full run. Users, sources, archive reasons and stages come
 * embedded in full in the payloads; jobs are embedded only partly and are read with `job.info`.
 */

export interface FetchedCandidate {
  candidate: CandidateRecord;
  applications: ApplicationRecord[];
  related: SyncRecord[];
}

/** Parsed loose objects keep every field they were given: they are the raw payload. */
const asRaw = (value: object): Record<string, unknown> => ({ ...value });

export async function fetchAshbyCandidate(
  ctx: StreamContext,
  remoteId: string,
): Promise<Result<FetchedCandidate | null, ConnectorError>> {
  const info = await ctx.client.call('candidate.info', { id: remoteId });
  if (!info.ok) return info.error.kind === 'not_found' ? ok(null) : info;
  const candidate = ashbyCandidateSchema.safeParse(info.value.results);
  if (!candidate.success) {
    return err({ kind: 'invalid_response', message: `Ashby candidate ${remoteId} is malformed` });
  }
  // A merged-away id may answer with the survivor: the id asked for is gone.
  if (candidate.data.id !== remoteId) return ok(null);

  const types = await ctx.lookups.customFieldTypes();
  if (!types.ok) return types;

  const applications: AshbyApplication[] = [];
  const ids = [...new Set(candidate.data.applicationIds ?? [])];
  const answers = await Promise.all(
    ids.map((applicationId) => ctx.client.call('application.info', { applicationId })),
  );
  for (const [index, answer] of answers.entries()) {
    if (!answer.ok) {
      // Deleted or moved since the candidate was read: nothing to mirror.
      if (answer.error.kind === 'not_found') continue;
      return answer;
    }
    const parsed = ashbyApplicationSchema.safeParse(answer.value.results);
    if (!parsed.success) {
      return err({
        kind: 'invalid_response',
        message: `Ashby application ${ids[index] ?? '?'} is malformed`,
      });
    }
    applications.push(parsed.data);
  }

  const related = await relatedRecords(ctx, candidate.data, applications);
  if (!related.ok) return related;
  return ok({
    candidate: mapCandidate(candidate.data, asRaw(info.value.results as object), types.value),
    applications: applications.map((a) => mapApplication(a, asRaw(a), types.value)),
    related: related.value,
  });
}

/**
 * The application a webhook delivered (the full object, §1.8) with what it embeds; the job is
 * read with `job.info` (cached), since the application names it only partly.
 */
export async function mapAshbyWebhookApplication(
  ctx: StreamContext,
  payload: Record<string, unknown>,
): Promise<Result<{ application: ApplicationRecord; related: SyncRecord[] }, ConnectorError>> {
  const parsed = ashbyApplicationSchema.safeParse(payload);
  if (!parsed.success) {
    return err({ kind: 'invalid_response', message: 'the webhook application is malformed' });
  }
  const types = await ctx.lookups.customFieldTypes();
  if (!types.ok) return types;
  const related = await relatedRecords(ctx, null, [parsed.data]);
  if (!related.ok) return related;
  return ok({
    application: mapApplication(parsed.data, asRaw(payload), types.value),
    related: related.value,
  });
}

async function relatedRecords(
  ctx: StreamContext,
  candidate: AshbyCandidate | null,
  applications: AshbyApplication[],
): Promise<Result<SyncRecord[], ConnectorError>> {
  const records = new Map<string, SyncRecord>();
  const add = (record: SyncRecord): void => {
    const key = `${record.kind}:${record.record.remoteId}`;
    if (!records.has(key)) records.set(key, record);
  };

  for (const owner of [...(candidate ? [candidate] : []), ...applications]) {
    if (owner.creditedToUser) {
      add({ kind: 'user', record: mapUser(owner.creditedToUser, asRaw(owner.creditedToUser)) });
    }
    if (owner.source) add({ kind: 'source', record: mapSource(owner.source, asRaw(owner.source)) });
  }
  for (const application of applications) {
    const { archiveReason: reason, currentInterviewStage: stage } = application;
    if (reason) add({ kind: 'rejection_reason', record: mapArchiveReason(reason, asRaw(reason)) });
    if (stage) add({ kind: 'stage', record: mapStage(stage, asRaw(stage), 0) });
  }

  const jobIds = [...new Set(applications.flatMap((a) => (a.job ? [a.job.id] : [])))];
  if (jobIds.length > 0) {
    const lookups = await ctx.lookups.jobLookups();
    if (!lookups.ok) return lookups;
    const jobs = await Promise.all(jobIds.map((id) => ctx.lookups.jobInfo(id)));
    for (const job of jobs) {
      if (!job.ok) {
        if (job.error.kind === 'not_found') continue;
        return job;
      }
      const parsed = ashbyJobSchema.safeParse(job.value);
      if (parsed.success) {
        add({ kind: 'job', record: mapJob(parsed.data, asRaw(parsed.data), lookups.value) });
      }
    }
  }
  return ok([...records.values()]);
}
