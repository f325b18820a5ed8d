import type { SearchEngine } from '../../src/search/search-engine';
import { SearchService } from '../../src/search/search-service';
import {
  BENCH_FACETS,
  BENCH_INSIGHT_DIMENSIONS,
  FACET_SIZE,
  INSIGHT_SIZE,
  PAGE_SIZE,
  type BenchQuery,
} from './query-mix';
import type { QueryPeer } from './query-peer';

/**
 * One of our engines, driven the way the GraphQL resolvers drive it: through SearchService,
 * which parses the Boolean query and builds the engine request.
 */
export class EnginePeer implements QueryPeer {
  readonly name: string;
  private readonly service: SearchService;

  constructor(
    engine: SearchEngine,
    private readonly organizationId: string,
    now: Date,
  ) {
    this.name = engine.name;
    this.service = new SearchService(engine, () => now);
  }

  async run(query: BenchQuery): Promise<number> {
    const org = this.organizationId;
    switch (query.kind) {
      case 'keyword':
      case 'boolean':
        return (await this.service.search(org, { query: query.text, first: PAGE_SIZE, facets: [] }))
          .totalCount;
      case 'browse':
        return (
          await this.service.search(org, {
            first: PAGE_SIZE,
            facets: [...BENCH_FACETS],
            facetSize: FACET_SIZE,
          })
        ).totalCount;
      case 'filtered': {
        const { stage, skill, location } = query.filter;
        const page = await this.service.search(org, {
          filter: { stages: [stage], skills: [skill], locations: [location] },
          first: PAGE_SIZE,
          facets: [...BENCH_FACETS],
          facetSize: FACET_SIZE,
        });
        return page.totalCount;
      }
      case 'insights': {
        const breakdowns = await this.service.insights(org, {
          query: query.text,
          dimensions: [...BENCH_INSIGHT_DIMENSIONS],
          size: INSIGHT_SIZE,
        });
        const first = breakdowns[0];
        if (!first) return 0;
        return (
          first.buckets.reduce((sum, b) => sum + b.count, 0) + first.otherCount + first.missingCount
        );
      }
      case 'lookup':
        return (await this.service.lookup(org, query.profiles)).reduce((n, m) => n + m.length, 0);
    }
  }
}
