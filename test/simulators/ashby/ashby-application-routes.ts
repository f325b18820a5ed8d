/** `application.*`: list (with sync tokens), info, create, changeStage. */
import { z } from 'zod';
import type { NeutralApplication } from '../generator';
import { ashbyFailure, ashbySuccess } from './ashby-envelope';
import { paginateList, paginationFields } from './ashby-pagination';
import { rpc, type AshbyContext, type AshbyRoute } from './ashby-rpc';
import { ashbyApplicationStatus } from './ashby-serializers';

const listSchema = z.object({
  ...paginationFields,
  status: z.enum(['Hired', 'Archived', 'Active', 'Lead']).optional(),
  jobId: z.string().optional(),
  createdAfter: z.number().int().optional(),
  expand: z.array(z.string()).optional(),
});

export function applicationRoutes(ctx: AshbyContext): Record<string, AshbyRoute> {
  const { dataset, ids, serializer, mutator } = ctx;
  const applicationById = (id: string): NeutralApplication | undefined => {
    const key = ids.keyOf('application', id);
    return key ? dataset.applications.get(key) : undefined;
  };
  const notFound = (): ReturnType<typeof ashbyFailure> =>
    ashbyFailure('application_not_found', 'Application not found.');

  return {
    'application.list': rpc('candidatesRead', listSchema, (body) => {
      const jobKey = body.jobId ? ids.keyOf('job', body.jobId) : undefined;
      if (body.jobId && !jobKey) return ashbyFailure('job_not_found', 'Job not found.');
      // Ashby applications always have a job; job-less prospect records are Greenhouse-only.
      const filter = (a: NeutralApplication): boolean =>
        a.jobKey !== null &&
        (!body.status || ashbyApplicationStatus(a) === body.status) &&
        (!jobKey || a.jobKey === jobKey) &&
        (body.createdAfter === undefined || a.createdAt > body.createdAfter);
      return paginateList(
        'application.list',
        dataset.applications,
        body,
        ctx.listSettings,
        (a) => serializer.application(a),
        filter,
      );
    }),

    'application.info': rpc(
      'candidatesRead',
      z.object({ applicationId: z.string(), expand: z.array(z.string()).optional() }),
      (body) => {
        const app = applicationById(body.applicationId);
        return app && app.jobKey !== null ? ashbySuccess(serializer.application(app)) : notFound();
      },
    ),

    'application.create': rpc(
      'candidatesWrite',
      z.object({
        candidateId: z.string(),
        jobId: z.string(),
        interviewPlanId: z.string().optional(),
        interviewStageId: z.string().optional(),
        sourceId: z.string().optional(),
        creditedToUserId: z.string().optional(),
        createdAt: z.string().optional(),
      }),
      (body) => {
        const candidateKey = ids.keyOf('candidate', body.candidateId);
        if (!candidateKey || !dataset.candidates.has(candidateKey))
          return ashbyFailure('candidate_not_found', 'Candidate not found.');
        const jobKey = ids.keyOf('job', body.jobId);
        if (!jobKey) return ashbyFailure('job_not_found', 'Job not found.');
        const stageKey = body.interviewStageId ? ids.keyOf('stage', body.interviewStageId) : 'lead';
        if (!stageKey)
          return ashbyFailure('interview_stage_not_found', 'Interview stage not found.');
        // Without a stage the application starts in the plan's first stage (Lead), as upstream.
        const app = mutator.applyToJob(candidateKey, jobKey, 'api', {
          stageKey,
          ...(body.sourceId ? { sourceKey: ids.keyOf('source', body.sourceId) ?? null } : {}),
          ...(body.creditedToUserId
            ? { recruiterKey: ids.keyOf('user', body.creditedToUserId) ?? null }
            : {}),
        });
        return ashbySuccess(serializer.application(app));
      },
    ),

    'application.changeStage': rpc(
      'candidatesWrite',
      z.object({
        applicationId: z.string(),
        interviewStageId: z.string(),
        archiveReasonId: z.string().optional(),
        archiveEmail: z.unknown().optional(),
      }),
      (body) => {
        const app = applicationById(body.applicationId);
        if (!app || app.jobKey === null) return notFound();
        const stageKey = ids.keyOf('stage', body.interviewStageId);
        const stage = stageKey ? dataset.stage(stageKey) : undefined;
        if (!stage) return ashbyFailure('interview_stage_not_found', 'Interview stage not found.');
        if (stage.kind === 'ARCHIVED') {
          const reasonKey = body.archiveReasonId
            ? ids.keyOf('rejectionReason', body.archiveReasonId)
            : undefined;
          if (!reasonKey)
            return ashbyFailure(
              'archive_reason_not_found',
              'archiveReasonId is required to archive.',
            );
          if (app.status !== 'ACTIVE')
            return ashbyFailure('invalid_input', 'The application is not active.');
          return ashbySuccess(serializer.application(mutator.reject(app.key, reasonKey, 'api')));
        }
        if (app.status === 'HIRED')
          return ashbyFailure('invalid_input', 'The application is already hired.');
        return ashbySuccess(serializer.application(mutator.moveStage(app.key, stage.key, 'api')));
      },
    ),
  };
}
