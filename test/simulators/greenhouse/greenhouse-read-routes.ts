/** GET list endpoints of Harvest v3, each a {@link ListDefinition} over the live dataset. */
import type {
  NeutralApplication,
  NeutralAttachment,
  NeutralCandidate,
  NeutralEducation,
  NeutralExperience,
  NeutralJob,
  NeutralUser,
} from '../generator';
import type { StoredNote } from '../common/note-store';
import type { GreenhouseContext, GreenhouseRoute } from './greenhouse-context';
import {
  arrayScanner,
  collectionScanner,
  enumFilter,
  idListFilter,
  listResponse,
  nestedScanner,
  timeFilter,
  type ListDefinition,
  type QueryFilter,
} from './greenhouse-pagination';
import { childId, greenhouseJobStatus, greenhouseStatus, iso } from './greenhouse-serializers';

type Owned<T> = { owner: NeutralCandidate; item: T; index: number };

const monthDate = (year: number | null, month: number | null): string | null =>
  year === null ? null : `${year}-${String(month ?? 1).padStart(2, '0')}-01`;

export function readRoutes(ctx: GreenhouseContext): Record<string, GreenhouseRoute> {
  const { dataset, ids, serializer } = ctx;
  const candidateId = (key: string): number => ids.ensure('candidate', key);
  const route = <T>(def: ListDefinition<T>): GreenhouseRoute => ({
    permission: `harvest:${def.resource}:list`,
    handle: ({ req }) => listResponse(def, req, ctx.baseUrl()),
  });
  const byTimes = <T>(
    created: (r: T) => number,
    updated: (r: T) => number,
  ): Record<string, QueryFilter<T>> => ({
    created_at: timeFilter(created),
    updated_at: timeFilter(updated),
  });
  const byCandidate = <T extends Owned<unknown>>(): Record<string, QueryFilter<T>> => ({
    candidate_ids: idListFilter((r) => [candidateId(r.owner.key)]),
  });
  // Where the candidates behind `ids=` / `candidate_ids=` stand: Greenhouse answers these from
  // an index, so a page of 50 ids costs the same at 100 candidates as at 1,000,000.
  const byCandidatePosition = (value: string): number[] =>
    value.split(',').flatMap((id) => {
      const key = ids.keyOf('candidate', id.trim());
      const at = key === undefined ? undefined : dataset.candidates.positionOf(key);
      return at === undefined ? [] : [at];
    });
  const owned = <T>(items: (c: NeutralCandidate) => readonly T[]) =>
    nestedScanner(dataset.candidates, (c) =>
      items(c).map((item, index) => ({ owner: c, item, index })),
    );

  return {
    candidates: route<NeutralCandidate>({
      resource: 'candidates',
      scanner: collectionScanner(dataset.candidates),
      filters: {
        ...byTimes(
          (c) => c.createdAt,
          (c) => c.updatedAt,
        ),
        ids: idListFilter((c) => [candidateId(c.key)]),
        // v1 had `email`; its v3 spelling is UNCONFIRMED. Exporters use it to find duplicates.
        email: (value) => (c) =>
          c.emails.some((e) => e.value.toLowerCase() === value.toLowerCase()),
      },
      serialize: (c) => serializer.candidate(c),
      indexed: { ids: byCandidatePosition },
    }),

    applications: route<NeutralApplication>({
      resource: 'applications',
      scanner: collectionScanner(dataset.applications),
      filters: {
        ...byTimes(
          (a) => a.createdAt,
          (a) => a.updatedAt,
        ),
        ids: idListFilter((a) => [ids.ensure('application', a.key)]),
        candidate_ids: idListFilter((a) => [candidateId(a.candidateKey)]),
        job_ids: idListFilter((a) => [a.jobKey ? ids.ensure('job', a.jobKey) : null]),
        status: enumFilter(['in_process', 'rejected', 'hired', 'converted'], greenhouseStatus),
      },
      serialize: (a) => serializer.application(a),
    }),

    jobs: route<NeutralJob>({
      resource: 'jobs',
      scanner: collectionScanner(dataset.jobs),
      filters: {
        ...byTimes(
          (j) => j.createdAt,
          (j) => j.updatedAt,
        ),
        ids: idListFilter((j) => [ids.ensure('job', j.key)]),
        status: enumFilter(['open', 'closed', 'draft'], greenhouseJobStatus),
      },
      serialize: (j) => serializer.job(j),
    }),

    job_posts: route<NeutralJob>({
      resource: 'job_posts',
      scanner: arrayScanner(() => [...dataset.jobs.values()].filter((j) => j.hasPosting)),
      filters: {
        ...byTimes(
          (j) => j.createdAt,
          (j) => j.updatedAt,
        ),
        job_ids: idListFilter((j) => [ids.ensure('job', j.key)]),
        live: (value) => (j) => String(j.postingListed) === value,
      },
      serialize: (j) => serializer.jobPost(j),
    }),

    // Greenhouse copies the pipeline into every job; rejection is a status, not a stage.
    job_interview_stages: route<{ job: NeutralJob; stageKey: string }>({
      resource: 'job_interview_stages',
      scanner: arrayScanner(() =>
        [...dataset.jobs.values()].flatMap((job) =>
          dataset.reference.stages
            .filter((s) => s.kind !== 'ARCHIVED')
            .map((s) => ({ job, stageKey: s.key })),
        ),
      ),
      filters: { job_ids: idListFilter((r) => [ids.ensure('job', r.job.key)]) },
      serialize: (r) => serializer.jobStage(r.job.key, r.stageKey, r.job),
    }),

    rejection_reasons: route({
      resource: 'rejection_reasons',
      scanner: arrayScanner(() => dataset.reference.rejectionReasons),
      filters: {},
      serialize: (r) => serializer.rejectionReason(r.key),
    }),

    sources: route({
      resource: 'sources',
      scanner: arrayScanner(() => dataset.reference.sources),
      filters: {},
      serialize: (s) => serializer.source(s.key),
    }),

    users: route<NeutralUser>({
      resource: 'users',
      scanner: arrayScanner(() => dataset.reference.users),
      filters: {
        ...byTimes(
          (u) => u.createdAt,
          (u) => u.updatedAt,
        ),
        ids: idListFilter((u) => [ids.ensure('user', u.key)]),
      },
      serialize: (u) => serializer.user(u),
    }),

    departments: route({
      resource: 'departments',
      scanner: arrayScanner(() => dataset.reference.departments),
      filters: {},
      serialize: (d) => ({
        id: ids.ensure('department', d.key),
        name: d.name,
        parent_id: null,
        child_ids: [],
        external_id: null,
      }),
    }),

    offices: route({
      resource: 'offices',
      scanner: arrayScanner(() => dataset.reference.offices),
      filters: {},
      serialize: (o) => ({
        id: ids.ensure('office', o.key),
        name: o.name,
        location: { name: o.remote ? 'Remote' : `${o.place.city}, ${o.place.country}` },
        parent_id: null,
        external_id: null,
      }),
    }),

    custom_fields: route({
      resource: 'custom_fields',
      scanner: arrayScanner(() => dataset.reference.customFields),
      filters: {},
      serialize: (d) => serializer.customField(d),
    }),

    attachments: route<Owned<NeutralAttachment>>({
      resource: 'attachments',
      scanner: owned((c) => c.attachments),
      filters: {
        ...byCandidate(),
        ...byTimes(
          (r) => r.item.createdAt,
          (r) => r.item.createdAt,
        ),
        type: enumFilter(['resume', 'cover_letter'], (r) =>
          r.item.kind === 'RESUME' ? 'resume' : 'cover_letter',
        ),
      },
      serialize: (r) => serializer.attachment(r.owner, r.item),

      indexed: { candidate_ids: byCandidatePosition },
    }),

    candidate_educations: route<Owned<NeutralEducation>>({
      resource: 'candidate_educations',
      scanner: owned((c) => c.education),
      filters: byCandidate(),
      serialize: ({ owner, item, index }) => ({
        id: childId(candidateId(owner.key), index),
        candidate_id: candidateId(owner.key),
        school_name: item.school,
        degree: item.degree,
        discipline: item.major,
        start_date: `${item.startYear}-09-01`,
        end_date: `${item.endYear}-06-30`,
      }),
      indexed: { candidate_ids: byCandidatePosition },
    }),

    candidate_employments: route<Owned<NeutralExperience>>({
      resource: 'candidate_employments',
      scanner: owned((c) => c.experience),
      filters: byCandidate(),
      serialize: ({ owner, item, index }) => ({
        id: childId(candidateId(owner.key), index),
        candidate_id: candidateId(owner.key),
        company_name: item.company,
        title: item.title,
        start_date: monthDate(item.startYear, item.startMonth),
        end_date: monthDate(item.endYear, item.endMonth),
      }),
      indexed: { candidate_ids: byCandidatePosition },
    }),

    notes: route<StoredNote>({
      resource: 'notes',
      scanner: arrayScanner(() =>
        ctx.notes.notes.filter((n) => dataset.candidates.has(n.candidateKey)),
      ),
      filters: { candidate_ids: idListFilter((n) => [candidateId(n.candidateKey)]) },
      serialize: (n) => noteView(ctx, n),
    }),
  };
}

export function noteView(ctx: GreenhouseContext, n: StoredNote): Record<string, unknown> {
  return {
    id: Number(n.id),
    candidate_id: ctx.ids.ensure('candidate', n.candidateKey),
    application_id: n.applicationKey ? ctx.ids.ensure('application', n.applicationKey) : null,
    user_id: n.authorKey ? ctx.ids.ensure('user', n.authorKey) : null,
    body: n.body,
    type: 'NOTE',
    visibility: n.visibility,
    created_at: iso(n.createdAt),
  };
}
