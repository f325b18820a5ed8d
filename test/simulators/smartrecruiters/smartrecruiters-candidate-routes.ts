/** Candidates (list, details, assignments, attachments, properties, create) and note shares. */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { fileResponse, renderAttachment } from '../common/attachment-files';
import type { CandidatePatch } from '../common/dataset-mutator';
import { json, parseJsonBody, type SimRequest, type SimResponse } from '../common/http-server';
import type { NeutralCandidate } from '../generator';
import type { SmartRecruitersContext, SmartRecruitersRoute } from './smartrecruiters-context';
import { srError } from './smartrecruiters-errors';
import { pagedResponse, readPage } from './smartrecruiters-paging';
import { assignmentsOf, srStatusOf } from './smartrecruiters-serializers';

const webSchema = z.object({
  skype: z.string().nullish(),
  linkedin: z.string().nullish(),
  facebook: z.string().nullish(),
  twitter: z.string().nullish(),
  website: z.string().nullish(),
});

/** Education/experience dates: `YYYY-MM` (what SR answers), `YYYY-MM-DD` or `YYYY`. */
const when = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'dates are YYYY-MM')
  .optional();

function yearMonth(value: string | undefined): { year: number; month: number | null } | null {
  if (!value) return null;
  const [year, month] = value.split('-').map(Number);
  return year === undefined ? null : { year, month: month ?? null };
}

/** `PATCH /candidates/{id}` takes the personal details only (SR-SPEC PersonalDetails). */
const personalDetailsSchema = z.object({
  firstName: z.string().min(1).optional(),
  lastName: z.string().min(1).optional(),
  email: z.email().optional(),
  phoneNumber: z.string().optional(),
  location: z
    .object({
      country: z.string().optional(),
      countryCode: z.string().optional(),
      region: z.string().optional(),
      city: z.string().optional(),
    })
    .optional(),
  web: webSchema.optional(),
});

const createSchema = z.object({
  firstName: z.string().min(1),
  lastName: z.string().min(1),
  email: z.email(),
  phoneNumber: z.string().optional(),
  location: z
    .object({
      country: z.string().optional(),
      countryCode: z.string().optional(),
      region: z.string().optional(),
      city: z.string().optional(),
    })
    .optional(),
  web: webSchema.optional(),
  tags: z.array(z.string()).optional(),
  education: z
    .array(
      z.object({
        institution: z.string().optional(),
        degree: z.string().optional(),
        major: z.string().optional(),
        startDate: when,
        endDate: when,
      }),
    )
    .optional(),
  experience: z
    .array(
      z.object({
        title: z.string().optional(),
        company: z.string().optional(),
        current: z.boolean().optional(),
        startDate: when,
        endDate: when,
      }),
    )
    .optional(),
  sourceDetails: z
    .object({
      sourceTypeId: z.string().optional(),
      sourceSubTypeId: z.string().optional(),
      sourceId: z.string().optional(),
    })
    .optional(),
  internal: z.boolean().optional(),
});

/** Entries sent without dates are stamped with the current year. */
function toPatch(
  body: z.infer<typeof createSchema>,
  sourceKey: string | null,
  year: number,
): CandidatePatch {
  const current = body.experience?.find((x) => x.current) ?? null;
  return {
    firstName: body.firstName,
    lastName: body.lastName,
    emails: [{ value: body.email, type: 'PERSONAL' }],
    phones: body.phoneNumber ? [{ value: body.phoneNumber, type: 'MOBILE' }] : [],
    linkedinUrl: body.web?.linkedin ?? null,
    websiteUrl: body.web?.website ?? null,
    place: body.location
      ? {
          city: body.location.city ?? '',
          region: body.location.region ?? '',
          country: body.location.country ?? '',
          countryCode: (body.location.countryCode ?? '').toUpperCase(),
          timezone: '',
        }
      : null,
    currentCompany: current?.company ?? null,
    currentTitle: current?.title ?? null,
    experience: (body.experience ?? []).map((x) => {
      const start = yearMonth(x.startDate);
      const end = x.current ? null : (yearMonth(x.endDate) ?? { year, month: 1 });
      return {
        title: x.title ?? '',
        company: x.company ?? '',
        startYear: start?.year ?? year,
        startMonth: start?.month ?? 1,
        endYear: end?.year ?? null,
        endMonth: end?.month ?? null,
        current: x.current ?? false,
        location: '',
        description: '',
      };
    }),
    education: (body.education ?? []).map((e) => ({
      school: e.institution ?? '',
      degree: e.degree ?? '',
      major: e.major ?? '',
      startYear: yearMonth(e.startDate)?.year ?? year,
      endYear: yearMonth(e.endDate)?.year ?? year,
    })),
    tags: body.tags ?? [],
    sourceKey,
  };
}

export function candidateRoutes(ctx: SmartRecruitersContext): Record<string, SmartRecruitersRoute> {
  const { dataset, ids, serializer, mutator } = ctx;
  const countCache = new Map<string, { seq: number; count: number }>();
  const candidateFrom = (id: string | undefined): NeutralCandidate | undefined => {
    const key = id ? ids.keyOf('candidate', id) : undefined;
    return key ? dataset.candidates.get(key) : undefined;
  };
  const notFound = (): SimResponse => srError(404, 'CANDIDATE_NOT_FOUND', 'Candidate not found.');

  const listFilter = (req: SimRequest): ((c: NeutralCandidate) => boolean) | SimResponse => {
    const q = req.query.get('q')?.toLowerCase();
    const updatedAfterRaw = req.query.get('updatedAfter');
    const updatedAfter = updatedAfterRaw ? Date.parse(updatedAfterRaw) : null;
    if (updatedAfterRaw && Number.isNaN(updatedAfter))
      return srError(400, 'INVALID_PARAMETER', 'updatedAfter must be an ISO-8601 date-time.');
    const jobKeys = req.query.getAll('jobId').map((id) => ids.keyOf('job', id) ?? '?');
    const statuses = req.query.getAll('status');
    return (c) =>
      (!q ||
        `${c.firstName} ${c.lastName}`.toLowerCase().includes(q) ||
        c.emails.some((e) => e.value.toLowerCase().includes(q))) &&
      (updatedAfter === null || c.lastActivityAt > updatedAfter) &&
      (jobKeys.length === 0 ||
        assignmentsOf(dataset, c.key).some(
          (a) => a.jobKey !== null && jobKeys.includes(a.jobKey),
        )) &&
      (statuses.length === 0 ||
        assignmentsOf(dataset, c.key).some((a) =>
          statuses.includes(srStatusOf(a, dataset).status),
        ));
  };

  /** totalFound without rescanning on every page: cached per filter until the data changes. */
  const totalFound = (req: SimRequest, filter: (c: NeutralCandidate) => boolean): number => {
    const filterKey = ['q', 'updatedAfter', 'jobId', 'status']
      .map((k) => req.query.getAll(k).join(','))
      .join('|');
    if (filterKey === '|||') return dataset.candidates.size;
    const cached = countCache.get(filterKey);
    if (cached && cached.seq === dataset.sequence.value) return cached.count;
    let count = 0;
    for (const c of dataset.candidates.values()) if (filter(c)) count++;
    countCache.set(filterKey, { seq: dataset.sequence.value, count });
    return count;
  };

  const create = (body: z.infer<typeof createSchema>, jobKey: string | null): SimResponse => {
    const sourceKey = body.sourceDetails?.sourceId
      ? (ids.keyOf('source', body.sourceDetails.sourceId) ?? null)
      : null;
    // On a job, an e-mail that already exists gets the application on that profile (UNCONFIRMED).
    const email = body.email.toLowerCase();
    const existing = jobKey
      ? [...dataset.candidates.values()].find((c) =>
          c.emails.some((e) => e.value.toLowerCase() === email),
        )
      : undefined;
    const candidate =
      existing ??
      mutator.insertCandidate(toPatch(body, sourceKey, new Date(ctx.clock.now()).getUTCFullYear()));
    if (jobKey) mutator.applyToJob(candidate.key, jobKey, 'api', sourceKey ? { sourceKey } : {});
    const fresh = dataset.candidates.get(candidate.key) ?? candidate;
    return json(201, serializer.candidateDetails(fresh));
  };

  const withBody =
    (
      handler: (body: z.infer<typeof createSchema>, params: Record<string, string>) => SimResponse,
    ) =>
    ({ req, params }: { req: SimRequest; params: Record<string, string> }): SimResponse => {
      const raw = parseJsonBody(req);
      if (raw instanceof SyntaxError) return srError(400, 'INVALID_JSON', raw.message);
      const parsed = createSchema.safeParse(raw ?? {});
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return srError(
          422,
          'VALIDATION_ERROR',
          `${issue?.path.join('.') ?? 'body'}: ${issue?.message ?? 'invalid'}`,
        );
      }
      return handler(parsed.data, params);
    };

  return {
    'GET /candidates': {
      permission: 'candidates_read',
      // GET /candidates allows one request in flight per credential (SR-DOCS rate-limiting).
      concurrency: { key: 'GET /candidates', limit: 1 },
      handle: ({ req }) => {
        const page = readPage(req);
        if ('status' in page) return page;
        const filter = listFilter(req);
        if (typeof filter !== 'function') return filter;
        const scan = dataset.candidates.scan(page.position, page.limit, filter);
        return pagedResponse(req, ctx.baseUrl(), page, scan, totalFound(req, filter), (c) =>
          serializer.candidateSummary(c),
        );
      },
    },

    'GET /candidates/:id': {
      permission: 'candidates_read',
      handle: ({ params }) => {
        const candidate = candidateFrom(params['id']);
        return candidate ? json(200, serializer.candidateDetails(candidate)) : notFound();
      },
    },

    'GET /candidates/:id/jobs/:jobId': {
      permission: 'candidates_read',
      handle: ({ params }) => {
        const candidate = candidateFrom(params['id']);
        if (!candidate) return notFound();
        const jobKey = ids.keyOf('job', params['jobId'] ?? '');
        const app = assignmentsOf(dataset, candidate.key).find((a) => a.jobKey === jobKey);
        return app
          ? json(200, serializer.assignment(app))
          : srError(404, 'APPLICATION_NOT_FOUND', 'The candidate has not applied to this job.');
      },
    },

    'GET /candidates/:id/attachments': {
      permission: 'candidates_read',
      handle: ({ params }) => {
        const candidate = candidateFrom(params['id']);
        if (!candidate) return notFound();
        return json(200, {
          totalFound: candidate.attachments.length,
          content: candidate.attachments.map((a) => serializer.attachment(candidate, a)),
        });
      },
    },

    // Downloads go through the API with the caller's credentials; there is no pre-signed URL.
    'GET /candidates/:id/attachments/:attachmentId': {
      permission: 'candidates_read',
      handle: ({ params }) => {
        const candidate = candidateFrom(params['id']);
        const attachmentKey = ids.keyOf('attachment', params['attachmentId'] ?? '');
        const attachment = candidate?.attachments.find((a) => a.key === attachmentKey);
        if (!candidate || !attachment)
          return srError(404, 'ATTACHMENT_NOT_FOUND', 'Attachment not found.');
        return fileResponse(renderAttachment(candidate, attachment));
      },
    },

    // Custom fields as candidate properties; the value shape is UNCONFIRMED.
    'GET /candidates/:id/properties': {
      permission: 'candidates_read',
      handle: ({ params }) => {
        const candidate = candidateFrom(params['id']);
        if (!candidate) return notFound();
        const content = candidate.customFields.flatMap((cf) => {
          const def = dataset.customField(cf.fieldKey);
          return def
            ? [
                {
                  id: ids.ensure('customField', def.key),
                  label: def.name,
                  type: def.type,
                  value: cf.value,
                },
              ]
            : [];
        });
        return json(200, { totalFound: content.length, content });
      },
    },

    'POST /candidates': {
      permission: 'candidates_create',
      handle: withBody((body) => create(body, null)),
    },

    // Personal details only; `web` keys given replace those links, the others stay.
    'PATCH /candidates/:id': {
      permission: 'candidates_manage',
      handle: ({ req, params }) => {
        const candidate = candidateFrom(params['id']);
        if (!candidate) return notFound();
        const raw = parseJsonBody(req);
        if (raw instanceof SyntaxError) return srError(400, 'INVALID_JSON', raw.message);
        const parsed = personalDetailsSchema.safeParse(raw ?? {});
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          return srError(
            422,
            'VALIDATION_ERROR',
            `${issue?.path.join('.') ?? 'body'}: ${issue?.message ?? 'invalid'}`,
          );
        }
        const body = parsed.data;
        const patch: CandidatePatch = {};
        if (body.firstName) patch.firstName = body.firstName;
        if (body.lastName) patch.lastName = body.lastName;
        if (body.email) {
          const email = body.email.toLowerCase();
          const others = candidate.emails.slice(1).filter((e) => e.value.toLowerCase() !== email);
          patch.emails = [{ value: body.email, type: 'PERSONAL' }, ...others];
        }
        if (body.phoneNumber !== undefined)
          patch.phones = [
            { value: body.phoneNumber, type: 'MOBILE' },
            ...candidate.phones.slice(1),
          ];
        if (body.location) {
          patch.place = {
            city: body.location.city ?? '',
            region: body.location.region ?? '',
            country: body.location.country ?? '',
            countryCode: (body.location.countryCode ?? '').toUpperCase(),
            timezone: candidate.place?.timezone ?? '',
          };
        }
        if (body.web?.linkedin !== undefined) patch.linkedinUrl = body.web.linkedin ?? null;
        if (body.web?.website !== undefined) patch.websiteUrl = body.web.website ?? null;
        const updated = mutator.updateCandidate(candidate.key, patch, 'api');
        return json(200, serializer.candidateDetails(updated));
      },
    },

    'POST /jobs/:jobId/candidates': {
      permission: 'candidates_create',
      handle: withBody((body, params) => {
        const jobKey = ids.keyOf('job', params['jobId'] ?? '');
        return jobKey ? create(body, jobKey) : srError(404, 'JOB_NOT_FOUND', 'Job not found.');
      }),
    },

    // Notes: a share whose content tags the candidate with #[CANDIDATE:<id>].
    'POST /messages/shares': {
      permission: 'messages_write',
      handle: ({ req }) => {
        const parsed = z
          .object({
            content: z.string().min(1).max(10_000),
            correlationId: z.string().optional(),
            shareWith: z.record(z.string(), z.unknown()).optional(),
          })
          .safeParse(parseJsonBody(req));
        if (!parsed.success)
          return srError(400, 'INVALID_MESSAGE', 'content (1–10000 characters) is required.');
        const id = randomUUID();
        const tagged = /#\[CANDIDATE:([^\]]+)\]/.exec(parsed.data.content)?.[1];
        const candidate = candidateFrom(tagged);
        if (candidate) {
          ctx.notes.add({
            id,
            candidateKey: candidate.key,
            applicationKey: null,
            body: parsed.data.content,
            contentType: 'text/plain',
            // openNote: everyone who may see the candidate (SR-SPEC messagessharescreate).
            visibility:
              parsed.data.shareWith?.['everyone'] === true
                ? 'everyone'
                : parsed.data.shareWith?.['openNote'] === true
                  ? 'open-note'
                  : 'hiring-team',
            authorKey: null,
            createdAt: ctx.clock.tick(),
          });
        }
        return json(201, { id });
      },
    },
  };
}
