/**
 * Hiring-process and organization reference lists: stages, plans, archive reasons, sources,
 * users, departments, locations, custom fields. Small sets; paginated ones accept cursor/limit
 * (and syncToken, which finds no changes: reference data here never changes).
 */
import { z } from 'zod';
import { ashbyFailure, ashbySuccess } from './ashby-envelope';
import { paginateList, paginationFields, StaticList } from './ashby-pagination';
import { rpc, type AshbyContext, type AshbyRoute } from './ashby-rpc';
import { DEFAULT_PLAN_KEY } from './ashby-serializers';

export function metadataRoutes(ctx: AshbyContext): Record<string, AshbyRoute> {
  const { dataset, ids, serializer } = ctx;
  const ref = dataset.reference;
  const planId = (): string => ids.ensure('interviewPlan', DEFAULT_PLAN_KEY);
  const paged = z.object({ ...paginationFields, includeArchived: z.boolean().optional() });

  return {
    'interviewPlan.list': rpc(
      'hiringProcessMetadataRead',
      z.object({ includeArchived: z.boolean().optional() }),
      () =>
        ashbySuccess([{ id: planId(), title: 'Default Interview Plan', isArchived: false }], {
          moreDataAvailable: false,
        }),
    ),

    // Single page (UNCONFIRMED whether upstream paginates it).
    'interviewStage.list': rpc(
      'hiringProcessMetadataRead',
      z.object({ interviewPlanId: z.string() }),
      (body) => {
        if (body.interviewPlanId !== planId())
          return ashbyFailure('interview_plan_not_found', 'Interview plan not found.');
        return ashbySuccess(
          ref.stages.map((s) => serializer.stage(s)),
          { moreDataAvailable: false },
        );
      },
    ),

    'interviewStage.info': rpc(
      'hiringProcessMetadataRead',
      z.object({ interviewStageId: z.string() }),
      (body) => {
        const stage = dataset.stage(ids.keyOf('stage', body.interviewStageId) ?? '');
        return stage
          ? ashbySuccess(serializer.stage(stage))
          : ashbyFailure('interview_stage_not_found', 'Interview stage not found.');
      },
    ),

    // Single page (UNCONFIRMED whether upstream paginates it).
    'archiveReason.list': rpc(
      'hiringProcessMetadataRead',
      z.object({ includeArchived: z.boolean().optional() }),
      () =>
        ashbySuccess(
          ref.rejectionReasons.map((r) => serializer.archiveReason(r.key)),
          { moreDataAvailable: false },
        ),
    ),

    'source.list': rpc('hiringProcessMetadataRead', paged, (body) =>
      paginateList('source.list', new StaticList(() => ref.sources), body, ctx.listSettings, (s) =>
        serializer.source(s.key),
      ),
    ),

    'customField.list': rpc('hiringProcessMetadataRead', paged, (body) =>
      paginateList(
        'customField.list',
        new StaticList(() => ref.customFields),
        body,
        ctx.listSettings,
        (d) => serializer.customFieldDefinition(d),
      ),
    ),

    'user.list': rpc(
      'organizationRead',
      z.object({ ...paginationFields, includeDeactivated: z.boolean().optional() }),
      (body) =>
        paginateList(
          'user.list',
          new StaticList(() => ref.users),
          body,
          ctx.listSettings,
          (u) => serializer.user(u),
          (u) => u.enabled || body.includeDeactivated === true,
        ),
    ),

    'user.info': rpc('organizationRead', z.object({ userId: z.string() }), (body) => {
      const user = dataset.user(ids.keyOf('user', body.userId) ?? null);
      return user
        ? ashbySuccess(serializer.user(user))
        : ashbyFailure('user_not_found', 'User not found.');
    }),

    'department.list': rpc('organizationRead', paged, (body) =>
      paginateList(
        'department.list',
        new StaticList(() => ref.departments),
        body,
        ctx.listSettings,
        (d) => ({
          id: ids.ensure('department', d.key),
          name: d.name,
          externalName: null,
          isArchived: false,
          parentId: null,
          createdAt: new Date(ref.now - 1000 * 86_400_000).toISOString(),
          updatedAt: new Date(ref.now - 1000 * 86_400_000).toISOString(),
        }),
      ),
    ),

    // Location fields are UNCONFIRMED; this follows the shape of Ashby's location objects.
    'location.list': rpc(
      'organizationRead',
      z.object({ includeArchived: z.boolean().optional() }),
      () =>
        ashbySuccess(
          ref.offices.map((o) => ({
            id: ids.ensure('office', o.key),
            name: o.name,
            isArchived: false,
            isRemote: o.remote,
            address: {
              postalAddress: {
                addressLocality: o.remote ? null : o.place.city,
                addressRegion: o.remote ? null : o.place.region,
                addressCountry: o.remote ? null : o.place.country,
              },
            },
          })),
          { moreDataAvailable: false },
        ),
    ),
  };
}
