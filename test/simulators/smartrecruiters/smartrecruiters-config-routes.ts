/** Jobs, hiring team, configuration lists (hiring process, reasons, sources, departments), users. */
import { json, type SimResponse } from '../common/http-server';
import type { NeutralJob, SourceType } from '../generator';
import type { SmartRecruitersContext, SmartRecruitersRoute } from './smartrecruiters-context';
import { srError } from './smartrecruiters-errors';
import { pagedResponse, readPage, scanArray } from './smartrecruiters-paging';
import { SOURCE_TYPE_LABELS } from './smartrecruiters-serializers';

const HIRING_PROCESS_KEY = 'default';

export function configRoutes(ctx: SmartRecruitersContext): Record<string, SmartRecruitersRoute> {
  const { dataset, ids, serializer } = ctx;
  const ref = dataset.reference;
  const jobFrom = (id: string | undefined): NeutralJob | undefined =>
    dataset.job(ids.keyOf('job', id ?? '') ?? null);
  const hiringProcess = (): Record<string, unknown> => {
    const names = (kind: string): string[] =>
      ref.stages.filter((s) => s.kind === kind).map((s) => s.name);
    return {
      id: ids.ensure('interviewPlan', HIRING_PROCESS_KEY),
      name: 'Default hiring process',
      active: true,
      subStatuses: {
        inReview: names('REVIEW'),
        interview: names('INTERVIEW'),
        offered: names('OFFER'),
      },
    };
  };
  const reasons = (types: string[]): SimResponse => {
    const content = ref.rejectionReasons
      .filter((r) => types.includes(r.type))
      .map((r) => ({ id: ids.ensure('rejectionReason', r.key), label: r.name }));
    return json(200, { totalFound: content.length, content });
  };

  return {
    // `updated_after` is the 2017 spec's spelling; `updatedAfter` is accepted too (UNCONFIRMED which is current).
    'GET /jobs': {
      permission: 'jobs_read',
      handle: ({ req }) => {
        const page = readPage(req);
        if ('status' in page) return page;
        const raw = req.query.get('updated_after') ?? req.query.get('updatedAfter');
        const updatedAfter = raw ? Date.parse(raw) : null;
        if (raw && Number.isNaN(updatedAfter))
          return srError(400, 'INVALID_PARAMETER', 'updated_after must be an ISO-8601 date-time.');
        const q = req.query.get('q')?.toLowerCase();
        const jobs = [...dataset.jobs.values()].filter(
          (j) =>
            (updatedAfter === null || j.updatedAt > updatedAfter) &&
            (!q || j.title.toLowerCase().includes(q)),
        );
        return pagedResponse(
          req,
          ctx.baseUrl(),
          page,
          scanArray(jobs, page.position, page.limit),
          jobs.length,
          (j) => serializer.jobSummary(j),
        );
      },
    },

    'GET /jobs/:id': {
      permission: 'jobs_read',
      handle: ({ params }) => {
        const job = jobFrom(params['id']);
        return job
          ? json(200, serializer.jobDetails(job))
          : srError(404, 'JOB_NOT_FOUND', 'Job not found.');
      },
    },

    // Role values are UNCONFIRMED.
    'GET /jobs/:id/hiring-team': {
      permission: 'jobs_read',
      handle: ({ params }) => {
        const job = jobFrom(params['id']);
        if (!job) return srError(404, 'JOB_NOT_FOUND', 'Job not found.');
        const content = [
          { id: ids.ensure('user', job.recruiterKey), role: 'RECRUITER' },
          { id: ids.ensure('user', job.hiringManagerKey), role: 'HIRING_MANAGER' },
        ];
        return json(200, { totalFound: content.length, content });
      },
    },

    'GET /configuration/hiring-processes': {
      permission: 'configuration_read',
      handle: () => json(200, { totalFound: 1, content: [hiringProcess()] }),
    },

    'GET /configuration/hiring-processes/:id': {
      permission: 'configuration_read',
      handle: ({ params }) =>
        params['id'] === ids.ensure('interviewPlan', HIRING_PROCESS_KEY)
          ? json(200, hiringProcess())
          : srError(404, 'HIRING_PROCESS_NOT_FOUND', 'Hiring process not found.'),
    },

    'GET /configuration/rejection-reasons': {
      permission: 'configuration_read',
      handle: () => reasons(['WE_REJECTED_THEM', 'NONE_SPECIFIED']),
    },

    'GET /configuration/withdrawal-reasons': {
      permission: 'configuration_read',
      handle: () => reasons(['THEY_REJECTED_US']),
    },

    'GET /configuration/sources': {
      permission: 'configuration_read',
      handle: () => {
        const types = [...new Set(ref.sources.map((s) => s.type))];
        const content = types.map((type) => ({
          id: type,
          label: SOURCE_TYPE_LABELS[type],
          subtypes: [],
          actions: {
            values: { url: `${ctx.baseUrl()}/configuration/sources/${type}/values`, method: 'GET' },
          },
        }));
        return json(200, { totalFound: content.length, content });
      },
    },

    'GET /configuration/sources/:type/values': {
      permission: 'configuration_read',
      handle: ({ params }) => {
        const type = params['type'] as SourceType;
        if (!(type in SOURCE_TYPE_LABELS))
          return srError(404, 'SOURCE_TYPE_NOT_FOUND', 'Source type not found.');
        const content = ref.sources
          .filter((s) => s.type === type)
          .map((s) => ({ id: ids.ensure('source', s.key), label: s.name, sourceSubType: null }));
        return json(200, { totalFound: content.length, limit: 100, offset: 0, content });
      },
    },

    'GET /configuration/departments': {
      permission: 'configuration_read',
      handle: () =>
        json(200, {
          totalFound: ref.departments.length,
          content: ref.departments.map((d) => ({
            id: ids.ensure('department', d.key),
            label: d.name,
          })),
        }),
    },

    'GET /user-api/v201804/users': {
      permission: 'users_read',
      handle: ({ req }) => {
        const page = readPage(req, 'page_id');
        if ('status' in page) return page;
        const scan = scanArray(ref.users, page.position, page.limit);
        return pagedResponse(
          req,
          ctx.baseUrl(),
          page,
          scan,
          ref.users.length,
          (u) => serializer.user(u),
          'page_id',
        );
      },
    },

    'GET /user-api/v201804/users/:id': {
      permission: 'users_read',
      handle: ({ params }) => {
        const user = dataset.user(ids.keyOf('user', params['id'] ?? '') ?? null);
        return user
          ? json(200, serializer.user(user))
          : srError(404, 'USER_NOT_FOUND', 'User not found.');
      },
    },
  };
}
