import { Arg, Ctx, Info, Int, Query, Resolver } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import {
  DEFAULT_FACET_SIZE,
  FACET_FIELDS,
  MAX_CUSTOM_FIELD_FACETS,
  MAX_FACET_SIZE,
  type InsightDimension,
} from '../search/search-types';
import { CandidateFilterInput, CandidateSortInput } from '../schema/search-inputs';
import { InsightDimensionEnum } from '../schema/search-enums';
import { CandidateSearchResultType, InsightBreakdownType } from '../schema/search-result.type';
import type { RequestContext } from './context';
import { toSearchFilter } from './search-input';
import { selectedArguments, selectsField } from './selection';
import type { CandidateSearchResultRoot } from './search-result.resolver';
import { Connection } from '../entities';

/**
 * The custom field keys the selections of `customFieldFacets` ask for (every alias), and the
 * organization's filterable fields when one of them gives no keys.
 */
async function customFieldFacetKeys(
  ctx: RequestContext,
  info: GraphQLResolveInfo,
): Promise<{ keys: string[]; defaults: string[] }> {
  const asked = selectedArguments(info, 'customFieldFacets').map(
    (args) => (args['keys'] as string[] | null | undefined) ?? null,
  );
  const defaults = asked.includes(null)
    ? await filterableCustomFields(ctx).then((keys) => keys.slice(0, MAX_CUSTOM_FIELD_FACETS))
    : [];
  return { keys: [...new Set([...asked.flatMap((k) => k ?? []), ...defaults])], defaults };
}

/** Every custom field marked filterable on one of the organization's connections. */
async function filterableCustomFields(ctx: RequestContext): Promise<string[]> {
  const connections = await ctx.scope.find(Connection, {
    select: { id: true, settings: true },
    order: { createdAt: 'ASC' },
  });
  return [...new Set(connections.flatMap((c) => c.settings.filterableCustomFields ?? []))];
}

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
    @Arg('facetSize', () => Int, {
      defaultValue: DEFAULT_FACET_SIZE,
      description: `Values per facet, 1 to ${MAX_FACET_SIZE} (selected values are shown on top of them).`,
    })
    facetSize: number,
  ): Promise<CandidateSearchResultRoot> {
    const custom = await customFieldFacetKeys(ctx, info);
    const page = await ctx.services.search.search(ctx.tenant.organizationId, {
      query,
      filter: toSearchFilter(filter),
      sort,
      first,
      after,
      facets: selectsField(info, 'facets') ? [...FACET_FIELDS] : [],
      facetSize,
      customFieldFacets: custom.keys,
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
      computedCustomFieldFacets: page.customFieldFacets,
      defaultCustomFieldKeys: custom.defaults,
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
