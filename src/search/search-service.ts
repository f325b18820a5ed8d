import { decodeCursor, encodeCursor, isSortValueOf, type SortValueKind } from '../common/cursor';
import { BadInputError, UpstreamUnavailableError } from '../common/errors';
import { parseQuery } from './query';
import type { QueryNode } from './query/ast';
import { SearchEngineUnavailableError, type SearchEngine } from './search-engine';
import {
  DEFAULT_FACET_SIZE,
  MAX_CUSTOM_FIELD_FACETS,
  MAX_FACET_SIZE,
  type CustomFieldFacetResult,
  type FacetField,
  type FacetResult,
  type Highlight,
  type InsightBreakdown,
  type InsightDimension,
  type LookupMatch,
  type ProfileLookup,
  type SearchAfter,
  type SearchFilter,
  type SearchSort,
} from './search-types';
import { relabel, STATUS_LABELS, type ModelLabels } from './value-labels';

const STATUS_NAMES: ReadonlyMap<string, string> = new Map(Object.entries(STATUS_LABELS));

/** The caller's view of a search, before engine specifics (API.md `searchCandidates`). */
export interface SearchInput {
  query?: string | null;
  filter?: SearchFilter | null;
  sort?: SearchSort | null;
  first?: number | null;
  after?: string | null;
  /** Facets to compute; pass [] when the caller did not select `facets`. */
  facets: FacetField[];
  /** Values per facet: 1 to MAX_FACET_SIZE, default DEFAULT_FACET_SIZE. */
  facetSize?: number | null;
  /** Custom field keys to count as facets (at most MAX_CUSTOM_FIELD_FACETS); none by default. */
  customFieldFacets?: readonly string[];
}

export interface SearchPage {
  totalCount: number;
  edges: { cursor: string; id: string; highlights: Highlight[] }[];
  hasNextPage: boolean;
  endCursor: string | null;
  facets: FacetResult[];
  customFieldFacets: CustomFieldFacetResult[];
}

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 25;
export const MAX_LOOKUP_BATCH = 100;

/**
 * Turns API input into engine requests: parses the Boolean query (so engines never see raw
 * text), validates paging, decodes cursors, and maps an unreachable engine to
 * UPSTREAM_UNAVAILABLE. The engine is whichever main.ts chose. With `labels`, values known to
 * the engines only by id (connections, jobs) are named from the model.
 */
export class SearchService {
  constructor(
    private readonly engine: SearchEngine,
    private readonly clock: () => Date = () => new Date(),
    private readonly labels: ModelLabels | null = null,
  ) {}

  async search(organizationId: string, input: SearchInput): Promise<SearchPage> {
    const query = this.parse(input.query);
    const first = pageSize(input.first);
    const facetSize = facetSizeOf(input.facetSize);
    const customFieldFacets = customFieldKeys(input.customFieldFacets);
    const sort: SearchSort = input.sort ?? {
      field: query ? 'RELEVANCE' : 'LAST_UPDATED',
      direction: 'DESC',
    };
    const sortKey = cursorSortKey(sort, query);
    const after = input.after ? decodeAfter(input.after, sortKey) : null;
    const result = await this.call(() =>
      this.engine.search({
        organizationId,
        query,
        filter: input.filter ?? {},
        facets: input.facets,
        facetSize,
        customFieldFacets,
        sort,
        first,
        after,
        now: this.clock(),
      }),
    );
    const edges = result.hits.map((hit) => ({
      id: hit.id,
      highlights: hit.highlights,
      cursor: encodeCursor({ sortValue: hit.sortValue, id: hit.id, sort: sortKey }),
    }));
    return {
      totalCount: result.totalCount,
      edges,
      hasNextPage: result.hasNextPage,
      endCursor: edges.at(-1)?.cursor ?? null,
      facets: await this.labelFacets(organizationId, result.facets),
      customFieldFacets: result.customFieldFacets,
    };
  }

  /**
   * Every candidate id a search matches now, in a stable order (exports take this snapshot).
   * Answers null past `limit` matches, without reading them all.
   */
  async matchingIds(
    organizationId: string,
    input: { query?: string | null; filter?: SearchFilter | null },
    limit: number,
  ): Promise<{ ids: string[]; total: number } | { ids: null; total: number }> {
    const ids: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page = await this.search(organizationId, {
        query: input.query ?? null,
        filter: input.filter ?? null,
        sort: { field: 'LAST_UPDATED', direction: 'DESC' },
        first: MAX_PAGE_SIZE,
        after,
        facets: [],
      });
      if (page.totalCount > limit) return { ids: null, total: page.totalCount };
      for (const edge of page.edges) ids.push(edge.id);
      if (!page.hasNextPage || !page.endCursor) return { ids, total: ids.length };
      after = page.endCursor;
    }
  }

  async insights(
    organizationId: string,
    input: {
      query?: string | null;
      filter?: SearchFilter | null;
      dimensions: InsightDimension[];
      size?: number | null;
    },
  ): Promise<InsightBreakdown[]> {
    const query = this.parse(input.query);
    const size = input.size ?? 20;
    if (!Number.isInteger(size) || size < 1 || size > 1000) {
      throw new BadInputError('size must be between 1 and 1000', { field: 'size' });
    }
    if (input.dimensions.length === 0)
      throw new BadInputError('give at least one dimension', { field: 'dimensions' });
    const breakdowns = await this.call(() =>
      this.engine.insights({
        organizationId,
        query,
        filter: input.filter ?? {},
        dimensions: [...new Set(input.dimensions)],
        size,
        now: this.clock(),
      }),
    );
    const jobs = await this.modelLabels(
      organizationId,
      'jobLabels',
      breakdowns.filter((b) => b.dimension === 'JOB').flatMap((b) => b.buckets),
    );
    return breakdowns.map((b) =>
      b.dimension === 'JOB'
        ? { ...b, buckets: relabel(b.buckets, jobs) }
        : b.dimension === 'STATUS'
          ? { ...b, buckets: relabel(b.buckets, STATUS_NAMES) }
          : b,
    );
  }

  /**
   * CONNECTION values named by the connections' names, JOB values by distinctJobLabels, STATUS
   * values by STATUS_LABELS.
   */
  private async labelFacets(organizationId: string, facets: FacetResult[]): Promise<FacetResult[]> {
    const valuesOf = (field: FacetField) =>
      facets.filter((f) => f.field === field).flatMap((f) => f.values);
    const [connections, jobs] = await Promise.all([
      this.modelLabels(organizationId, 'connectionNames', valuesOf('CONNECTION')),
      this.modelLabels(organizationId, 'jobLabels', valuesOf('JOB')),
    ]);
    return facets.map((f) =>
      f.field === 'CONNECTION'
        ? { ...f, values: relabel(f.values, connections) }
        : f.field === 'JOB'
          ? { ...f, values: relabel(f.values, jobs) }
          : f.field === 'STATUS'
            ? { ...f, values: relabel(f.values, STATUS_NAMES) }
            : f,
    );
  }

  /** Model labels of some values (none without a labeller or values). */
  private async modelLabels(
    organizationId: string,
    kind: keyof ModelLabels,
    values: readonly { value: string }[],
  ): Promise<Map<string, string>> {
    if (!this.labels || values.length === 0) return new Map();
    return this.labels[kind](
      organizationId,
      values.map((v) => v.value),
    );
  }

  lookup(organizationId: string, profiles: ProfileLookup[]): Promise<LookupMatch[][]> {
    if (profiles.length > MAX_LOOKUP_BATCH) {
      throw new BadInputError(`at most ${MAX_LOOKUP_BATCH} profiles per call`, {
        field: 'profiles',
      });
    }
    return this.call(() => this.engine.lookup({ organizationId, profiles }));
  }

  private parse(text: string | null | undefined): QueryNode | null {
    return text ? parseQuery(text) : null;
  }

  private async call<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof SearchEngineUnavailableError) {
        throw new UpstreamUnavailableError('The search engine is unavailable; try again shortly.');
      }
      throw error;
    }
  }
}

/**
 * The ordering a cursor pages through, as engines apply it: RELEVANCE without query text orders
 * by last update (SEMANTICS.md), so its cursors are not those of a ranked search.
 */
function cursorSortKey(sort: SearchSort, query: QueryNode | null): string {
  if (sort.field === 'RELEVANCE' && !query) return 'LAST_UPDATED:DESC';
  return `${sort.field}:${sort.direction}`;
}

/**
 * Decodes `after` for this ordering and checks its sort value has the ordering's type, so a
 * cursor from another sort (or a forged one) is BAD_USER_INPUT, never a database cast error.
 */
function decodeAfter(cursor: string, sortKey: string): SearchAfter {
  const after = decodeCursor(cursor, 'after', sortKey);
  // A ranked search without words to rank by (only exclusions) orders by date: both are valid.
  const kinds: SortValueKind[] = sortKey.startsWith('RELEVANCE:')
    ? ['score', 'timestamp']
    : sortKey.startsWith('NAME:')
      ? ['text']
      : ['timestamp'];
  if (!kinds.some((kind) => isSortValueOf(kind, after.sortValue))) {
    throw new BadInputError('after does not belong to this sort; start again without after', {
      field: 'after',
    });
  }
  return { sortValue: after.sortValue, id: after.id };
}

function facetSizeOf(size: number | null | undefined): number {
  if (size === null || size === undefined) return DEFAULT_FACET_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_FACET_SIZE) {
    throw new BadInputError(`facetSize must be between 1 and ${MAX_FACET_SIZE}`, {
      field: 'facetSize',
    });
  }
  return size;
}

/** The custom field keys to count, distinct and non-empty, at most MAX_CUSTOM_FIELD_FACETS. */
function customFieldKeys(keys: readonly string[] | undefined): string[] {
  const distinct = [...new Set(keys ?? [])];
  if (distinct.length > MAX_CUSTOM_FIELD_FACETS) {
    throw new BadInputError(`at most ${MAX_CUSTOM_FIELD_FACETS} custom field facets per search`, {
      field: 'customFieldFacets.keys',
    });
  }
  if (distinct.some((key) => key.trim() === '' || key.length > MAX_CUSTOM_FIELD_KEY)) {
    throw new BadInputError(
      `custom field keys are 1 to ${MAX_CUSTOM_FIELD_KEY} characters, not blank`,
      { field: 'customFieldFacets.keys' },
    );
  }
  return distinct;
}

const MAX_CUSTOM_FIELD_KEY = 300;

function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1)
    throw new BadInputError('first must be a positive integer', { field: 'first' });
  // "first is capped at 100": larger requests get the largest page, not an error.
  return Math.min(first, MAX_PAGE_SIZE);
}
