import { Arg, Ctx, Int, Mutation, Resolver } from 'type-graphql';
import type { InsightDimension } from '../search/search-types';
import { InsightsFileType } from '../schema/insights-file.type';
import { InsightDimensionEnum } from '../schema/search-enums';
import { CandidateFilterInput } from '../schema/search-inputs';
import type { RequestContext } from './context';
import { toSearchFilter } from './search-input';

@Resolver()
export class InsightsWorkbookResolver {
  @Mutation(() => InsightsFileType, {
    description:
      'A signed, expiring link to an .xlsx of `insights` for the same arguments: a summary sheet (organization, time, query, filters), then per dimension its buckets and a native chart. The workbook is computed when the link is followed.',
  })
  exportInsights(
    @Ctx() ctx: RequestContext,
    @Arg('dimensions', () => [InsightDimensionEnum]) dimensions: InsightDimension[],
    @Arg('query', () => String, { nullable: true }) query: string | null,
    @Arg('filter', () => CandidateFilterInput, { nullable: true })
    filter: CandidateFilterInput | null,
    @Arg('size', () => Int, { defaultValue: 20, description: 'Buckets per dimension, 1 to 1000.' })
    size: number,
  ): InsightsFileType {
    return ctx.services.workbooks.createLink(ctx.tenant, {
      query,
      filter: toSearchFilter(filter),
      dimensions,
      size,
    });
  }
}
