import { ok, type Result } from '../../common/result';
import type { SkippedRecord } from '../records';
import type { HarvestClient, HarvestError } from './greenhouse-client';
import type { CandidateDetails, JobContext } from './greenhouse.mapper';
import { parseRows } from '../shared/validated-rows';
import {
  ghAttachmentSchema,
  ghEducationSchema,
  ghEmploymentSchema,
  ghJobPostSchema,
  ghNamedSchema,
  type GhAttachment,
  type GhEducation,
  type GhEmployment,
  type GhJobPost,
} from './greenhouse.schemas';

/**
 * What v3 moved out of candidates and jobs into resources of their own, fetched for a page of
 * records at once (`candidate_ids=` / `job_ids=`) so every record leaves complete.
 *
 * Attachments are required: the sync treats a candidate's attachment list as the whole truth
 * (files not listed are marked gone), so a candidate is never emitted without it. Employments,
 * educations, job posts, departments and offices only enrich: without their permission they are
 * left empty (and `verify` reports the missing scope).
 */

export interface Loaded<T> {
  byId: Map<number, T>;
  skipped: SkippedRecord[];
}

export async function loadCandidateDetails(
  client: HarvestClient,
  candidateIds: readonly number[],
): Promise<Result<Loaded<CandidateDetails>, HarvestError>> {
  const byId = new Map<number, CandidateDetails>();
  if (candidateIds.length === 0) return ok({ byId, skipped: [] });
  const [attachments, employments, educations] = await Promise.all([
    client.allByIds('attachments', 'candidate_ids', candidateIds),
    client.allByIds('candidate_employments', 'candidate_ids', candidateIds, true),
    client.allByIds('candidate_educations', 'candidate_ids', candidateIds, true),
  ]);
  if (!attachments.ok) return attachments;
  if (!employments.ok) return employments;
  if (!educations.ok) return educations;

  const a = parseRows('candidates', attachments.value, ghAttachmentSchema);
  const w = parseRows('candidates', employments.value, ghEmploymentSchema);
  const e = parseRows('candidates', educations.value, ghEducationSchema);
  const lists = new Map<
    number,
    { attachments: GhAttachment[]; employments: GhEmployment[]; educations: GhEducation[] }
  >();
  const entry = (id: number) => {
    let details = lists.get(id);
    if (!details) {
      details = { attachments: [], employments: [], educations: [] };
      lists.set(id, details);
      byId.set(id, details);
    }
    return details;
  };
  // The filter is trusted no further than the rows' own candidate_id.
  const wanted = new Set(candidateIds);
  for (const { data } of a.rows)
    if (wanted.has(data.candidate_id)) entry(data.candidate_id).attachments.push(data);
  for (const { data } of w.rows)
    if (wanted.has(data.candidate_id)) entry(data.candidate_id).employments.push(data);
  for (const { data } of e.rows)
    if (wanted.has(data.candidate_id)) entry(data.candidate_id).educations.push(data);
  const skipped = [
    ...a.skipped.map((s) => ({
      ...s,
      reason: `attachment ${s.remoteId ?? '?'}: ${s.reason}`,
      remoteId: null,
    })),
    ...w.skipped.map((s) => ({
      ...s,
      reason: `employment ${s.remoteId ?? '?'}: ${s.reason}`,
      remoteId: null,
    })),
    ...e.skipped.map((s) => ({
      ...s,
      reason: `education ${s.remoteId ?? '?'}: ${s.reason}`,
      remoteId: null,
    })),
  ];
  return ok({ byId, skipped });
}

/** Departments and offices change rarely and are few: read once per connector, for a while. */
const NAMES_TTL_MS = 10 * 60_000;

export class JobContextLoader {
  private names: {
    at: number;
    departments: Map<number, string>;
    offices: Map<number, string>;
  } | null = null;

  constructor(
    private readonly client: HarvestClient,
    private readonly now: () => number = Date.now,
  ) {}

  /** `readPosts` reads the jobs' posts (default: from Greenhouse, every time). */
  async load(
    jobIds: readonly number[],
    readPosts: (jobIds: readonly number[]) => Promise<Result<unknown[], HarvestError>> = (ids) =>
      this.client.allByIds('job_posts', 'job_ids', ids, true),
  ): Promise<Result<(jobId: number) => JobContext, HarvestError>> {
    const [names, posts] = await Promise.all([
      this.loadNames(),
      jobIds.length > 0 ? readPosts(jobIds) : Promise.resolve(ok([])),
    ]);
    if (!names.ok) return names;
    if (!posts.ok) return posts;
    const byJob = new Map<number, GhJobPost[]>();
    for (const { data } of parseRows('jobs', posts.value, ghJobPostSchema).rows) {
      byJob.set(data.job_id, [...(byJob.get(data.job_id) ?? []), data]);
    }
    const { departments, offices } = names.value;
    return ok((jobId) => ({ departments, offices, posts: byJob.get(jobId) ?? [] }));
  }

  private async loadNames(): Promise<
    Result<{ departments: Map<number, string>; offices: Map<number, string> }, HarvestError>
  > {
    if (this.names && this.now() - this.names.at < NAMES_TTL_MS) return ok(this.names);
    const [departments, offices] = await Promise.all([
      this.client.allIfPermitted('departments', {}),
      this.client.allIfPermitted('offices', {}),
    ]);
    if (!departments.ok) return departments;
    if (!offices.ok) return offices;
    const names = (rows: unknown[], useLocation: boolean) =>
      new Map(
        parseRows('jobs', rows, ghNamedSchema).rows.map(({ data }) => [
          data.id,
          // An office's location ("Berlin, Germany") says more on a job than its name ("HQ").
          (useLocation ? data.location?.name : null) ?? data.name,
        ]),
      );
    this.names = {
      at: this.now(),
      departments: names(departments.value, false),
      offices: names(offices.value, true),
    };
    return ok(this.names);
  }
}
