import type { DataSource } from 'typeorm';
import { normalizeEmail, normalizeLinkedinUrl } from '../../src/common/social-urls';
import type { SqlQuery } from '../../src/search/postgres/sql-params';
import { parseQuery } from '../../src/search/query';
import type { ProfileLookup } from '../../src/search/search-types';
import {
  facetedSearch,
  insightQueries,
  lookupQuery,
  textSearch,
  type NaiveProfile,
} from './naive-sql';
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
 * The naive SQL baseline (naive-sql.ts) on the same PostgreSQL and pool as our engine; the
 * queries of one request run concurrently on the pool, as `Promise.all` would in a resolver.
 */
export class NaiveSqlPeer implements QueryPeer {
  readonly name = 'naive SQL';

  constructor(
    private readonly dataSource: DataSource,
    private readonly organizationId: string,
    private readonly now: Date,
  ) {}

  async run(query: BenchQuery): Promise<number> {
    const org = this.organizationId;
    switch (query.kind) {
      case 'keyword':
      case 'boolean': {
        const ast = parseQuery(query.text);
        if (!ast) return 0;
        return this.total(textSearch(org, ast, PAGE_SIZE));
      }
      case 'browse':
        return this.total(facetedSearch(org, null, BENCH_FACETS, PAGE_SIZE, FACET_SIZE, this.now));
      case 'filtered':
        return this.total(
          facetedSearch(org, query.filter, BENCH_FACETS, PAGE_SIZE, FACET_SIZE, this.now),
        );
      case 'insights': {
        const ast = parseQuery(query.text);
        if (!ast) return 0;
        const results = await Promise.all(
          insightQueries(org, ast, BENCH_INSIGHT_DIMENSIONS, INSIGHT_SIZE, this.now).map((q) =>
            this.run1<{ buckets: { count: number }[]; missing: number; other: number }>(q),
          ),
        );
        const first = results[0]?.[0];
        if (!first) return 0;
        return first.buckets.reduce((n, b) => n + b.count, 0) + first.missing + first.other;
      }
      case 'lookup': {
        const matches = await Promise.all(
          query.profiles.map((profile) => this.run1(lookupQuery(org, naiveProfile(profile)))),
        );
        return matches.reduce((n, rows) => n + rows.length, 0);
      }
    }
  }

  /** Runs hits, total and facet queries together; resolves to the total (the second query). */
  private async total(queries: SqlQuery[]): Promise<number> {
    const results = await Promise.all(queries.map((q) => this.run1<{ n?: number }>(q)));
    return results[1]?.[0]?.n ?? 0;
  }

  private run1<T>(query: SqlQuery): Promise<T[]> {
    return this.dataSource.query<T[]>(query.text, query.values);
  }
}

function naiveProfile(profile: ProfileLookup): NaiveProfile {
  const lower = (v: string | null | undefined): string | null => v?.trim().toLowerCase() || null;
  return {
    linkedinUrl: normalizeLinkedinUrl(profile.linkedinUrl),
    email: normalizeEmail(profile.email),
    name: lower(profile.name),
    company: lower(profile.company),
    title: lower(profile.title),
  };
}
