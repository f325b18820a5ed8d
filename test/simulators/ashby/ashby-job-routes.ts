/** `job.*` and `jobPosting.*`. */
import { z } from 'zod';
import type { JobStatus, NeutralJob } from '../generator';
import { ashbyFailure, ashbySuccess } from './ashby-envelope';
import { paginateList, paginationFields } from './ashby-pagination';
import { rpc, type AshbyContext, type AshbyRoute } from './ashby-rpc';

const STATUS = z.enum(['Draft', 'Open', 'Closed', 'Archived']);

export function jobRoutes(ctx: AshbyContext): Record<string, AshbyRoute> {
  const { dataset, ids, serializer } = ctx;
  const postings = (): NeutralJob[] => [...dataset.jobs.values()].filter((j) => j.hasPosting);

  return {
    'job.list': rpc(
      'jobsRead',
      z.object({
        ...paginationFields,
        status: z.array(STATUS).optional(),
        expand: z.array(z.string()).optional(),
      }),
      (body) => {
        const wanted = body.status
          ? new Set(body.status.map((s) => s.toUpperCase() as JobStatus))
          : null;
        return paginateList(
          'job.list',
          dataset.jobs,
          body,
          ctx.listSettings,
          (j) => serializer.job(j),
          (j) => !wanted || wanted.has(j.status),
        );
      },
    ),

    'job.info': rpc('jobsRead', z.object({ id: z.string() }), (body) => {
      const job = dataset.job(ids.keyOf('job', body.id) ?? null);
      return job
        ? ashbySuccess(serializer.job(job))
        : ashbyFailure('job_not_found', 'Job not found.');
    }),

    // Not paginated upstream: every posting in one response.
    'jobPosting.list': rpc(
      'jobsRead',
      z.object({
        listedOnly: z.boolean().optional(),
        location: z.string().optional(),
        department: z.string().optional(),
      }),
      (body) =>
        ashbySuccess(
          postings()
            .filter((j) => !body.listedOnly || j.postingListed)
            .map((j) => serializer.jobPosting(j, false)),
          { moreDataAvailable: false },
        ),
    ),

    'jobPosting.info': rpc('jobsRead', z.object({ jobPostingId: z.string() }), (body) => {
      const job = dataset.job(ids.keyOf('jobPosting', body.jobPostingId) ?? null);
      return job?.hasPosting
        ? ashbySuccess(serializer.jobPosting(job, true))
        : ashbyFailure('job_posting_not_found', 'Job posting not found.');
    }),
  };
}
