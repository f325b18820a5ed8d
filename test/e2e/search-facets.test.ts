import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { Job } from '../../src/entities';
import { startTestApp } from '../helpers/app';
import { createTenant, sharedDataSource } from '../helpers/database';
import { graphql } from '../helpers/graphql';
import { searchAppEngines } from '../helpers/search-app-engines';
import { ModelSeeder } from '../helpers/seed-model';

type FacetValue = { value: string; label: string; count: number };
type Facet = { field: string; values: FacetValue[]; otherValueCount: number };
type SearchData = { searchCandidates: { totalCount: number; facets: Facet[] } };

const SEARCH = `query S($filter: CandidateFilter, $facetSize: Int) {
  searchCandidates(filter: $filter, facetSize: $facetSize) {
    totalCount
    facets { field values { value label count } otherValueCount }
  }
}`;

/**
 * Facet size and left-out counts, connection names and same-titled jobs told apart, and the
 * application STATUS filter, facet and insight, over HTTP on every engine.
 */
describe.each(searchAppEngines())('search facets over GraphQL ($engine)', ({ env, cleanup }) => {
  let dataSource: DataSource;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let key: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    dataSource = await sharedDataSource();
    app = await startTestApp(inject('databaseUrl'), env);
    const tenant = await createTenant(dataSource, 'search-facets');
    key = tenant.key;
    const seed = new ModelSeeder(dataSource, tenant.organization.id);
    const main = await seed.connection({ name: 'Acme Ashby' });
    const legacy = await seed.connection({ name: 'Old Greenhouse', provider: 'GREENHOUSE' });
    ids['main'] = main.id;
    ids['legacy'] = legacy.id;
    const job = (title: string, location: string | null, raw: Record<string, unknown> = {}) =>
      seed.remote(Job, main.id, { title, status: 'OPEN', postings: [], location, raw });
    const berlin = await job('Data Engineer', 'Berlin', { requisition_id: 'REQ-1' });
    const paris = await job('Data Engineer', 'Paris');
    const berlinToo = await job('Data Engineer', 'Berlin', { customRequisitionId: 'REQ-3' });
    const designer = await job('Product Designer', 'Berlin');
    Object.assign(ids, { berlin: berlin.id, paris: paris.id, berlinToo: berlinToo.id });
    ids['designer'] = designer.id;

    const candidates: string[] = [];
    const applicant = async (
      name: string,
      connectionId: string,
      applications: {
        jobId: string;
        stageName: string;
        status?: 'ACTIVE' | 'HIRED' | 'REJECTED';
      }[],
    ) => {
      const candidate = await seed.candidate(connectionId, { fullName: name });
      for (const a of applications) {
        await seed.application(connectionId, { candidateId: candidate.id, ...a });
      }
      candidates.push(candidate.id);
      ids[name] = candidate.id;
    };
    await applicant('Ada', main.id, [
      { jobId: berlin.id, stageName: 'Offer', status: 'HIRED' },
      { jobId: paris.id, stageName: 'Screen', status: 'ACTIVE' },
    ]);
    await applicant('Bo', main.id, [{ jobId: berlin.id, stageName: 'Screen', status: 'REJECTED' }]);
    await applicant('Cy', main.id, [{ jobId: berlinToo.id, stageName: 'Offer', status: 'ACTIVE' }]);
    await applicant('Di', main.id, [{ jobId: designer.id, stageName: 'Screen', status: 'ACTIVE' }]);
    await applicant('Ed', legacy.id, []);
    await app.indexer.indexCandidates(tenant.organization.id, candidates);
  });

  afterAll(async () => {
    await app?.stop();
    await dataSource?.destroy();
    await cleanup();
  });

  async function search(variables: Record<string, unknown>) {
    const res = await graphql<SearchData>(app.http.url, SEARCH, { key, variables });
    expect(res.body.errors).toBeUndefined();
    const result = res.body.data!.searchCandidates;
    return { ...result, facet: (field: string) => result.facets.find((f) => f.field === field) };
  }

  it('labels CONNECTION values with the connection names', async () => {
    const result = await search({});
    expect(result.facet('CONNECTION')?.values).toEqual([
      { value: ids['main'], label: 'Acme Ashby', count: 4 },
      { value: ids['legacy'], label: 'Old Greenhouse', count: 1 },
    ]);
  });

  it('tells same-titled jobs apart by location, then requisition id, in facets and insights', async () => {
    const expected = [
      { value: ids['berlin'], label: 'Data Engineer (Berlin, REQ-1)', count: 2 },
      { value: ids['berlinToo'], label: 'Data Engineer (Berlin, REQ-3)', count: 1 },
      { value: ids['paris'], label: 'Data Engineer (Paris)', count: 1 },
      { value: ids['designer'], label: 'Product Designer', count: 1 },
    ].sort((a, b) => b.count - a.count || (a.value! < b.value! ? -1 : 1));
    const result = await search({});
    expect(result.facet('JOB')?.values).toEqual(expected);

    const insights = await graphql<{
      insights: { dimension: string; buckets: FacetValue[] }[];
    }>(
      app.http.url,
      '{ insights(dimensions: [JOB]) { dimension buckets { value label count } } }',
      {
        key,
      },
    );
    expect(insights.body.data?.insights[0]?.buckets).toEqual(expected);
  });

  it('cuts facets at facetSize and says how many values were left out', async () => {
    const result = await search({ facetSize: 1 });
    expect(result.facet('JOB')?.values.map((v) => v.count)).toEqual([2]);
    expect(result.facet('JOB')?.otherValueCount).toBe(3);
    expect(result.facet('CONNECTION')?.otherValueCount).toBe(1);
    const wide = await search({ facetSize: 100 });
    expect(wide.facet('JOB')?.otherValueCount).toBe(0);
  });

  it('offers a STATUS facet named for people, and filters statuses on the same application', async () => {
    const all = await search({});
    expect(all.facet('STATUS')?.values).toEqual([
      { value: 'ACTIVE', label: 'Active', count: 3 },
      { value: 'HIRED', label: 'Hired', count: 1 },
      { value: 'REJECTED', label: 'Rejected', count: 1 },
    ]);
    // Ada was hired at Offer (Berlin) and is active at Screen (Paris).
    expect((await search({ filter: { statuses: ['HIRED'], stages: ['Screen'] } })).totalCount).toBe(
      0,
    );
    const screen = await search({ filter: { statuses: ['ACTIVE'], stages: ['Screen'] } });
    expect(screen.totalCount).toBe(2);
    // STATUS ignores its own filter; counted on the applications at Screen only.
    expect(screen.facet('STATUS')?.values).toEqual([
      { value: 'ACTIVE', label: 'Active', count: 2 },
      { value: 'REJECTED', label: 'Rejected', count: 1 },
    ]);
    const rejected = await search({ filter: { statuses: ['REJECTED'], jobIds: [ids['berlin']] } });
    expect(rejected.totalCount).toBe(1);

    const insights = await graphql<{ insights: { buckets: FacetValue[]; missingCount: number }[] }>(
      app.http.url,
      '{ insights(dimensions: [STATUS]) { buckets { value label count } missingCount } }',
      { key },
    );
    expect(insights.body.data?.insights).toEqual([
      { buckets: all.facet('STATUS')?.values, missingCount: 1 },
    ]);
  });

  it('refuses an unknown status as BAD_USER_INPUT naming the field', async () => {
    const res = await graphql(app.http.url, SEARCH, {
      key,
      variables: { filter: { statuses: ['HIRED', 'NOPE'] } },
    });
    expect(res.body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(res.body.errors?.[0]?.message).toContain('statuses');
  });

  it('refuses a facetSize outside 1 to 100 as BAD_USER_INPUT on facetSize', async () => {
    for (const facetSize of [0, 101, -5]) {
      const res = await graphql(app.http.url, SEARCH, { key, variables: { facetSize } });
      expect(res.body.errors?.[0]?.extensions, String(facetSize)).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'facetSize',
      });
    }
  });
});
