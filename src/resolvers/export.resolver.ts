import {
  Arg,
  Ctx,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
  Subscription,
} from 'type-graphql';
import { NotFoundError } from '../common/errors';
import type { ExportJob } from '../entities';
import type { ExportOutcome } from '../entities/export-item.entity';
import type { ExportJobEvent } from '../exports/export-events';
import { exportItemsPage, exportJobsPage } from '../exports/export-reads';
import type { EnrichedCandidate } from '../indexer/enriched-candidate';
import { CandidateType } from '../schema/candidate.type';
import {
  CandidateExportType,
  DestinationCampaignType,
  DestinationJobType,
  ExportDestinationType,
  ExportItemConnectionType,
  ExportJobConnectionType,
  ExportJobEventType,
  ExportJobType,
  ExportOutcomeEnum,
  StartExportInput,
} from '../schema/export.type';
import type { RequestContext } from './context';
import { toSearchFilter } from './search-input';
import { parseId } from './validation';

type ExportJobView = ExportJobType & { destinationId: string };

function toExportJobType(job: ExportJob): ExportJobView {
  return {
    id: job.id,
    state: job.state,
    as: job.exportAs,
    destinationId: job.destinationId,
    destination: undefined as unknown as ExportDestinationType,
    campaignId: job.campaignId,
    jobId: job.jobId,
    dryRun: job.dryRun,
    includePreviouslyExported: job.includePreviouslyExported,
    generateDummyEmails: job.generateDummyEmails,
    total: job.total ?? 0,
    processed: job.processed,
    succeeded: job.succeeded,
    skipped: job.skipped,
    failed: job.failed,
    error: job.error,
    createdAt: job.createdAt,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
  };
}

@Resolver(() => ExportJobType)
export class ExportResolver {
  @Query(() => [DestinationJobType], {
    description:
      "The destination's jobs you may see there, within its jobStatusWhitelist (all when empty).",
  })
  destinationJobs(
    @Arg('connectionId', () => ID) connectionId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<DestinationJobType[]> {
    return ctx.services.exports.jobs(ctx.scope, parseId(connectionId, 'connectionId'));
  }

  @Query(() => [DestinationCampaignType], { description: 'Your campaigns at the destination.' })
  destinationCampaigns(
    @Arg('connectionId', () => ID) connectionId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<DestinationCampaignType[]> {
    return ctx.services.exports.campaigns(ctx.scope, parseId(connectionId, 'connectionId'));
  }

  @Query(() => ExportJobType)
  async exportJob(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
  ): Promise<ExportJobType> {
    return toExportJobType(await ctx.services.exports.job(ctx.scope, parseId(id, 'id')));
  }

  @Query(() => ExportJobConnectionType, { description: 'Newest first.' })
  async exportJobs(
    @Arg('first', () => Int, { defaultValue: 25 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<ExportJobConnectionType> {
    const page = await exportJobsPage(ctx.scope, { first, after });
    return {
      edges: page.rows.map(({ cursor, row }) => ({ cursor, node: toExportJobType(row) })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
    };
  }

  @Mutation(() => ExportJobType, {
    description: 'Starts an export as a durable job; watch it with the exportStatus subscription.',
  })
  async startExport(
    @Arg('input', () => StartExportInput) input: StartExportInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ExportJobType> {
    const job = await ctx.services.exports.start(ctx.scope, {
      destinationId: parseId(input.destinationId, 'input.destinationId'),
      candidateIds: input.candidateIds
        ? input.candidateIds.map((id, i) => parseId(id, `input.candidateIds.${i}`))
        : null,
      search: input.search
        ? { query: input.search.query ?? null, filter: toSearchFilter(input.search.filter) }
        : null,
      as: input.as,
      campaignId: input.campaignId ?? null,
      jobId: input.jobId ?? null,
      includePreviouslyExported: input.includePreviouslyExported,
      generateDummyEmails: input.generateDummyEmails,
      dryRun: input.dryRun,
    });
    return toExportJobType(job);
  }

  @Mutation(() => ExportJobType, {
    description: 'Nothing more is sent once the job notices (within one item).',
  })
  async cancelExport(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
  ): Promise<ExportJobType> {
    return toExportJobType(await ctx.services.exports.cancel(ctx.scope, parseId(id, 'id')));
  }

  @FieldResolver(() => ExportDestinationType)
  async destination(
    @Root() job: ExportJobView,
    @Ctx() ctx: RequestContext,
  ): Promise<ExportDestinationType> {
    const connection = await ctx.loaders.connections.load(job.destinationId);
    if (!connection) throw new NotFoundError('Connection', job.destinationId);
    return { id: connection.id, name: connection.name, provider: connection.provider };
  }

  @FieldResolver(() => ExportItemConnectionType)
  async items(
    @Root() job: ExportJobView,
    @Arg('first', () => Int, { defaultValue: 25 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('outcome', () => ExportOutcomeEnum, { nullable: true }) outcome: ExportOutcome | null,
    @Ctx() ctx: RequestContext,
  ): Promise<ExportItemConnectionType> {
    const page = await exportItemsPage(ctx.scope, job.id, { first, after, outcome });
    return {
      totalCount: page.totalCount,
      edges: await Promise.all(
        page.rows.map(async ({ cursor, row }) => ({
          cursor,
          node: {
            candidateId: row.candidateId,
            candidate: await ctx.loaders.candidates.load(row.candidateId),
            outcome: row.outcome,
            remoteId: row.remoteId,
            error: row.state === 'FAILED' ? row.message : null,
            attempts: row.attempts,
            sentFields: row.sentFields,
            finishedAt: row.finishedAt,
          },
        })),
      ),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
    };
  }

  @Subscription(() => ExportJobEventType, {
    description: "The export's current state, then every change, until it ends.",
    subscribe: ({ args, context }) => {
      const ctx = context as RequestContext;
      const id = parseId(String((args as { jobId: string }).jobId), 'jobId');
      return ctx.services.exports.events(ctx.scope, id);
    },
  })
  exportStatus(
    @Arg('jobId', () => ID) _jobId: string,
    @Root() event: ExportJobEvent,
  ): ExportJobEventType {
    return { ...event, at: new Date(event.at) };
  }
}

@Resolver(() => CandidateType)
export class CandidateExportsResolver {
  @FieldResolver(() => [CandidateExportType], {
    description: 'One entry per destination: the latest successful export there.',
  })
  async exports(
    @Root() candidate: EnrichedCandidate,
    @Ctx() ctx: RequestContext,
  ): Promise<CandidateExportType[]> {
    const marks = await ctx.loaders.exportMarks.load(candidate.id);
    const out: CandidateExportType[] = [];
    for (const mark of marks) {
      const connection = await ctx.loaders.connections.load(mark.destinationId);
      if (!connection) continue;
      out.push({
        destination: { id: connection.id, name: connection.name, provider: connection.provider },
        remoteId: mark.remoteId,
        exportedAt: mark.exportedAt,
      });
    }
    return out;
  }
}
