/**
 * Harvest v3 writes an exporter or write-back needs. `POST /v3/applications/{id}/move` is
 * documented; the candidate and note paths follow the migration guide's top-level resources
 * (UNCONFIRMED exact paths). Writes act as the token's `sub` user.
 */
import { z } from 'zod';
import { json, parseJsonBody, type SimResponse } from '../common/http-server';
import type { RouteContext } from '../common/request-pipeline';
import type { CandidatePatch } from '../common/dataset-mutator';
import type { GreenhousePrincipal } from './greenhouse-auth';
import type { GreenhouseContext, GreenhouseRoute } from './greenhouse-context';
import { greenhouseError } from './greenhouse-errors';
import { noteView } from './greenhouse-read-routes';
import { splitJobStageKey } from './greenhouse-serializers';

const typedValue = z.object({ value: z.string(), type: z.string().optional() });

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}/, 'dates are YYYY-MM-DD');

const candidateFields = {
  first_name: z.string().min(1),
  last_name: z.string().min(1),
  company: z.string().nullable().optional(),
  title: z.string().nullable().optional(),
  email_addresses: z.array(typedValue).optional(),
  phone_numbers: z.array(typedValue).optional(),
  social_media_addresses: z.array(z.object({ value: z.string() })).optional(),
  website_addresses: z.array(typedValue).optional(),
  tags: z.array(z.string()).optional(),
  // v1's create took employments; v3's write shape is UNCONFIRMED. Dates: YYYY-MM-DD.
  employments: z
    .array(
      z.object({
        company_name: z.string().optional(),
        title: z.string().optional(),
        start_date: isoDate.optional(),
        end_date: isoDate.optional(),
      }),
    )
    .optional(),
};
const createCandidateSchema = z.object(candidateFields);
const updateCandidateSchema = z.object(candidateFields).partial();

function writeRoute<S extends z.ZodType>(
  scope: string,
  schema: S,
  handler: (body: z.infer<S>, ctx: RouteContext<GreenhousePrincipal>) => SimResponse,
): GreenhouseRoute {
  return {
    permission: scope,
    handle: (ctx) => {
      const raw = parseJsonBody(ctx.req);
      if (raw instanceof SyntaxError) return greenhouseError(400, `Malformed JSON: ${raw.message}`);
      const parsed = schema.safeParse(raw ?? {});
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return greenhouseError(422, issue?.message ?? 'Validation error', issue?.path.join('.'));
      }
      return handler(parsed.data, ctx);
    },
  };
}

function candidatePatch(body: z.infer<typeof updateCandidateSchema>): CandidatePatch {
  const patch: CandidatePatch = {};
  if (body.first_name !== undefined) patch.firstName = body.first_name;
  if (body.last_name !== undefined) patch.lastName = body.last_name;
  if (body.company !== undefined) patch.currentCompany = body.company;
  if (body.title !== undefined) patch.currentTitle = body.title;
  if (body.email_addresses)
    patch.emails = body.email_addresses.map((e) => ({
      value: e.value,
      type: e.type === 'work' ? 'WORK' : 'PERSONAL',
    }));
  if (body.phone_numbers) {
    patch.phones = body.phone_numbers.map((p) => ({
      value: p.value,
      type: p.type === 'work' ? 'WORK' : p.type === 'home' ? 'HOME' : 'MOBILE',
    }));
  }
  const links = [...(body.social_media_addresses ?? []), ...(body.website_addresses ?? [])].map(
    (l) => l.value,
  );
  if (body.social_media_addresses || body.website_addresses) {
    patch.linkedinUrl = links.find((u) => /linkedin\.com/i.test(u)) ?? null;
    patch.githubUrl = links.find((u) => /github\.com/i.test(u)) ?? null;
    patch.websiteUrl = links.find((u) => !/linkedin\.com|github\.com/i.test(u)) ?? null;
  }
  if (body.tags) patch.tags = body.tags;
  if (body.employments) {
    const ym = (date: string | undefined) =>
      date ? { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)) } : null;
    patch.experience = body.employments.map((e) => {
      const start = ym(e.start_date);
      const end = ym(e.end_date);
      return {
        title: e.title ?? '',
        company: e.company_name ?? '',
        startYear: start?.year ?? new Date().getUTCFullYear(),
        startMonth: start?.month ?? 1,
        endYear: end?.year ?? null,
        endMonth: end?.month ?? null,
        current: end === null,
        location: '',
        description: '',
      };
    });
  }
  return patch;
}

export function writeRoutes(ctx: GreenhouseContext): Record<string, GreenhouseRoute> {
  const { dataset, ids, serializer, mutator } = ctx;
  let nextNoteId = 90_000_000;

  return {
    'POST /v3/candidates': writeRoute(
      'harvest:candidates:create',
      createCandidateSchema,
      (body) => {
        const candidate = mutator.insertCandidate(candidatePatch(body));
        return json(201, serializer.candidate(candidate));
      },
    ),

    'PATCH /v3/candidates/:id': writeRoute(
      'harvest:candidates:update',
      updateCandidateSchema,
      (body, { params }) => {
        const key = ids.keyOf('candidate', params['id'] ?? '');
        if (!key || !dataset.candidates.has(key)) return greenhouseError(404, 'Resource not found');
        return json(
          200,
          serializer.candidate(mutator.updateCandidate(key, candidatePatch(body), 'api')),
        );
      },
    ),

    'POST /v3/applications': writeRoute(
      'harvest:applications:create',
      z.object({
        candidate_id: z.number().int(),
        job_id: z.number().int().optional(),
        prospect: z.boolean().optional(),
        source_id: z.number().int().optional(),
        stage_id: z.number().int().optional(),
        recruiter_id: z.number().int().optional(),
      }),
      (body) => {
        const candidateKey = ids.keyOf('candidate', body.candidate_id);
        if (!candidateKey || !dataset.candidates.has(candidateKey))
          return greenhouseError(422, 'Candidate not found', 'candidate_id');
        const jobKey = body.job_id === undefined ? null : ids.keyOf('job', body.job_id);
        if (jobKey === undefined) return greenhouseError(422, 'Job not found', 'job_id');
        if (jobKey === null && !body.prospect)
          return greenhouseError(422, 'job_id is required unless prospect is true', 'job_id');
        const pair = body.stage_id === undefined ? undefined : ids.keyOf('jobStage', body.stage_id);
        const stage = pair ? splitJobStageKey(pair) : undefined;
        if (body.stage_id !== undefined && (!stage || stage.jobKey !== jobKey)) {
          return greenhouseError(422, 'stage_id is not a stage of this job', 'stage_id');
        }
        const app = mutator.applyToJob(candidateKey, jobKey, 'api', {
          ...(stage ? { stageKey: stage.stageKey } : {}),
          ...(body.source_id !== undefined
            ? { sourceKey: ids.keyOf('source', body.source_id) ?? null }
            : {}),
          ...(body.recruiter_id !== undefined
            ? { recruiterKey: ids.keyOf('user', body.recruiter_id) ?? null }
            : {}),
        });
        return json(201, serializer.application(app));
      },
    ),

    // Blank to_stage_id advances to the next stage (migration guide).
    'POST /v3/applications/:id/move': writeRoute(
      'harvest:applications:update',
      z.object({
        to_stage_id: z.number().int().optional(),
        to_job_id: z.number().int().optional(),
      }),
      (body, { params }) => {
        const key = ids.keyOf('application', params['id'] ?? '');
        const app = key ? dataset.applications.get(key) : undefined;
        if (!app) return greenhouseError(404, 'Resource not found');
        if (body.to_job_id !== undefined)
          return greenhouseError(422, 'Moving to another job is not simulated', 'to_job_id');
        if (!app.jobKey || app.status === 'HIRED')
          return greenhouseError(422, 'This application cannot move stages', 'id');
        let stageKey: string | undefined;
        if (body.to_stage_id !== undefined) {
          const pair = ids.keyOf('jobStage', body.to_stage_id);
          const target = pair ? splitJobStageKey(pair) : undefined;
          if (target?.jobKey !== app.jobKey) {
            return greenhouseError(422, 'to_stage_id is not a stage of this job', 'to_stage_id');
          }
          stageKey = target.stageKey;
        }
        return json(200, serializer.application(mutator.moveStage(app.key, stageKey, 'api')));
      },
    ),

    'POST /v3/notes': writeRoute(
      'harvest:notes:create',
      z.object({
        candidate_id: z.number().int(),
        application_id: z.number().int().optional(),
        user_id: z.number().int().optional(),
        body: z.string().min(1),
        visibility: z
          .enum(['publicly_visible', 'privately_visible', 'admin_only_visible'])
          .optional(),
      }),
      (body, { principal }) => {
        const candidateKey = ids.keyOf('candidate', body.candidate_id);
        if (!candidateKey || !dataset.candidates.has(candidateKey))
          return greenhouseError(422, 'Candidate not found', 'candidate_id');
        const note = ctx.notes.add({
          id: String(++nextNoteId),
          candidateKey,
          applicationKey:
            body.application_id !== undefined
              ? (ids.keyOf('application', body.application_id) ?? null)
              : null,
          body: body.body,
          contentType: 'text/plain',
          visibility: body.visibility ?? 'publicly_visible',
          authorKey: ids.keyOf('user', body.user_id ?? principal.userId) ?? null,
          createdAt: ctx.clock.tick(),
        });
        return json(201, noteView(ctx, note));
      },
    ),
  };
}
