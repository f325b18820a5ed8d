import { Arg, Ctx, Info, Int, Query, Resolver } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { FACET_FIELDS, type InsightDimension } from '../search/search-types';
import { CandidateFilterInput, CandidateSortInput } from '../schema/search-inputs';
import { InsightDimensionEnum } from '../schema/search-enums';
import { CandidateSearchResultType, InsightBreakdownType } from '../schema/search-result.type';
import type { RequestContext } from './context';
import { toSearchFilter } from './search-input';
import { selectsField } from './selection';

@Resolver()
export class SearchResolver {
  @Query(() => CandidateSearchResultType, {
    description:
      'Boolean search over mirrored candidates, with multi-select facet counts (computed only when `facets` is selected).',
  })
  async searchCandidates(
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('query', () => String, { nullable: true }) query: string | null,
    @Arg('filter', () => CandidateFilterInput, { nullable: true })
    filter: CandidateFilterInput | null,
    @Arg('sort', () => CandidateSortInput, { nullable: true }) sort: CandidateSortInput | null,
    @Arg('first', () => Int, { defaultValue: 25, description: 'At most 100.' }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<CandidateSearchResultType> {
    const page = await ctx.services.search.search(ctx.tenant.organizationId, {
      query,
      filter: toSearchFilter(filter),
      sort,
      first,
      after,
      facets: selectsField(info, 'facets') ? [...FACET_FIELDS] : [],
    });
    const nodes = await ctx.loaders.candidates.loadMany(page.edges.map((e) => e.id));
    return {
      totalCount: page.totalCount,
      // A candidate deleted between the engine's answer and this load is left out of the page.
      edges: page.edges.flatMap((edge, i) => {
        const node = nodes[i];
        return node && !(node instanceof Error)
          ? [{ cursor: edge.cursor, highlights: edge.highlights, node: node }]
          : [];
      }),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
      facets: page.facets,
    };
  }

  @Query(() => [InsightBreakdownType], {
    description: 'Aggregations over the searched set, one per dimension.',
  })
  insights(
    @Ctx() ctx: RequestContext,
    @Arg('dimensions', () => [InsightDimensionEnum]) dimensions: InsightDimension[],
    @Arg('query', () => String, { nullable: true }) query: string | null,
    @Arg('filter', () => CandidateFilterInput, { nullable: true })
    filter: CandidateFilterInput | null,
    @Arg('size', () => Int, { defaultValue: 20 }) size: number,
  ): Promise<InsightBreakdownType[]> {
    return ctx.services.search.insights(ctx.tenant.organizationId, {
      query,
      filter: toSearchFilter(filter),
      dimensions,
      size,
    });
  }
}
