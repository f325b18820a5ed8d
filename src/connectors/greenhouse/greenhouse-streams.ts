import type { z } from 'zod';
import { ok, type Result } from '../../common/result';
import type { SkippedRecord, SyncRecord } from '../records';
import type { HarvestClient, HarvestError } from './greenhouse-client';
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
} from './greenhouse.schemas';

/**
 * The streams of a Greenhouse sync, reference data first (records point at it), each named after
 * its Harvest v3 resource. `incremental` streams take `updated_at=gte|…`; the others are small
 * and read whole every run, which cannot miss anything.
 */
export const GREENHOUSE_STREAMS = [
  'users',
  'sources',
  'rejection_reasons',
  'jobs',
  'job_interview_stages',
  'candidates',
  'applications',
] as const;

export type GreenhouseStream = (typeof GREENHOUSE_STREAMS)[number];

export function isGreenhouseStream(stream: string): stream is GreenhouseStream {
  return (GREENHOUSE_STREAMS as readonly string[]).includes(stream);
}

export interface StreamDeps {
  client: HarvestClient;
  jobContext: JobContextLoader;
}

export interface MappedRows {
  records: SyncRecord[];
  skipped: SkippedRecord[];
}

interface StreamSpec {
  incremental: boolean;
  /** One page of vendor rows → records (fetching what v3 serves separately). */
  map(rows: readonly unknown[], deps: StreamDeps): Promise<Result<MappedRows, HarvestError>>;
}

/** A stream whose rows map one to one, with nothing else to fetch. */
function direct<T>(
  stream: GreenhouseStream,
  incremental: boolean,
  schema: z.ZodType<T>,
  toRecord: (row: T, raw: Record<string, unknown>) => SyncRecord,
): StreamSpec {
  return {
    incremental,
    map: (rows) => {
      const parsed = parseRows(stream, rows, schema);
      return Promise.resolve(
        ok({ records: parsed.rows.map((r) => toRecord(r.data, r.raw)), skipped: parsed.skipped }),
      );
    },
  };
}

export const STREAM_SPECS: Record<GreenhouseStream, StreamSpec> = {
  users: direct('users', true, ghUserSchema, (u, raw) => ({
    kind: 'user',
    record: mapUser(u, raw),
  })),
  sources: direct('sources', false, ghSourceSchema, (s, raw) => ({
    kind: 'source',
    record: mapSource(s, raw),
  })),
  rejection_reasons: direct('rejection_reasons', false, ghRejectionReasonSchema, (r, raw) => ({
    kind: 'rejection_reason',
    record: mapRejectionReason(r, raw),
  })),
  job_interview_stages: direct('job_interview_stages', false, ghJobStageSchema, (s, raw) => ({
    kind: 'stage',
    record: mapJobStage(s, raw),
  })),
  applications: direct('applications', true, ghApplicationSchema, (a, raw) => ({
    kind: 'application',
    record: mapApplication(a, raw),
  })),
  jobs: {
    incremental: true,
    map: async (rows, { jobContext }) => {
      const parsed = parseRows('jobs', rows, ghJobSchema);
      const context = await jobContext.load(parsed.rows.map((r) => r.data.id));
      if (!context.ok) return context;
      return ok({
        records: parsed.rows.map(({ data, raw }) => ({
          kind: 'job',
          record: mapJob(data, raw, context.value(data.id)),
        })),
        skipped: parsed.skipped,
      });
    },
  },
  candidates: {
    incremental: true,
    map: async (rows, { client }) => {
      const parsed = parseRows('candidates', rows, ghCandidateSchema);
      const details = await loadCandidateDetails(
        client,
        parsed.rows.map((r) => r.data.id),
      );
      if (!details.ok) return details;
      return ok({
        records: parsed.rows.map(({ data, raw }) => ({
          kind: 'candidate',
          record: mapCandidate(data, raw, details.value.byId.get(data.id) ?? NO_DETAILS),
        })),
        skipped: [...parsed.skipped, ...details.value.skipped],
      });
    },
  },
};
