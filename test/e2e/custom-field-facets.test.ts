import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { startTestApp } from '../helpers/app';
import { createTenant, sharedDataSource } from '../helpers/database';
import { graphql } from '../helpers/graphql';
import { searchAppEngines } from '../helpers/search-app-engines';
import { ModelSeeder } from '../helpers/seed-model';

type Value = { value: string; label: string; count: number };
type CustomFacet = { key: string; label: string; values: Value[]; otherValueCount: number };
type SearchData = {
  searchCandidates: {
    totalCount: number;
    all: CustomFacet[];
    visa: CustomFacet[];
    notice: CustomFacet[];
  };
};
type Reindex = {
  state: string;
  processed: number;
  total: number | null;
  finishedAt: string | null;
};

const SEARCH = `query S($filter: CandidateFilter, $facetSize: Int) {
  searchCandidates(filter: $filter, facetSize: $facetSize) {
    totalCount
    all: customFieldFacets { ...F }
    visa: customFieldFacets(keys: ["visa"]) { ...F }
    notice: customFieldFacets(keys: ["notice"]) { ...F }
  }
}
fragment F on CustomFieldFacet { key label values { value label count } otherValueCount }`;

const UPDATE = `mutation U($id: ID!, $fields: [String!]) {
  updateConnection(id: $id, input: { settings: { filterableCustomFields: $fields } }) {
    settings { filterableCustomFields }
    searchReindex { state }
  }
}`;

const REINDEX = `query R($id: ID!) {
  connection(id: $id) { searchReindex { state processed total finishedAt } }
}`;

/**
 * Custom fields an admin marks filterable are facets and filters over GraphQL, and marking or
 * unmarking one reindexes the connection's candidates in the background (a durable job), with
 * its progress on the connection: on every engine.
 */
describe.each(searchAppEngines())(
  'custom field facets over GraphQL ($engine)',
  ({ env, cleanup }) => {
    let dataSource: DataSource;
    let app: Awaited<ReturnType<typeof startTestApp>>;
    let key: string;
    let connectionId: string;

    beforeAll(async () => {
      dataSource = await sharedDataSource();
      app = await startTestApp(inject('databaseUrl'), env);
      const tenant = await createTenant(dataSource, 'custom-field-facets');
      key = tenant.key;
      const seed = new ModelSeeder(dataSource, tenant.organization.id);
      const connection = await seed.connection({ settings: { filterableCustomFields: ['visa'] } });
      connectionId = connection.id;
      const people: [string, string | null, string][] = [
        ['Ada', 'EU', '30 days'],
        ['Bo', 'eu', '90 days'],
        ['Cy', 'Needs sponsorship', '30 days'],
        ['Di', null, '60 days'],
      ];
      const ids: string[] = [];
      for (const [name, visa, notice] of people) {
        const candidate = await seed.candidate(connection.id, {
          fullName: name,
          customFields: {
            ...(visa ? { visa: { name: 'Visa', value: visa } } : {}),
            notice: { name: 'Notice Period', value: notice },
          },
        });
        ids.push(candidate.id);
      }
      await app.indexer.indexCandidates(tenant.organization.id, ids);
    });

    afterAll(async () => {
      await app?.stop();
      await dataSource?.destroy();
      await cleanup();
    });

    async function search(variables: Record<string, unknown> = {}) {
      const res = await graphql<SearchData>(app.http.url, SEARCH, { key, variables });
      expect(res.body.errors).toBeUndefined();
      return res.body.data!.searchCandidates;
    }

    /** Marks exactly `fields` filterable and waits for the reindex it starts to complete. */
    async function markFilterable(fields: string[]): Promise<Reindex> {
      const res = await graphql<{ updateConnection: { searchReindex: Reindex | null } }>(
        app.http.url,
        UPDATE,
        { key, variables: { id: connectionId, fields } },
      );
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data?.updateConnection.searchReindex?.state).toMatch(
        /QUEUED|RUNNING|COMPLETED/,
      );
      for (let i = 0; i < 200; i++) {
        const state = await reindexState();
        if (state?.state === 'COMPLETED') return state;
        expect(state?.state).not.toBe('FAILED');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error('the reindex did not complete');
    }

    async function reindexState(): Promise<Reindex | null> {
      const res = await graphql<{ connection: { searchReindex: Reindex | null } }>(
        app.http.url,
        REINDEX,
        { key, variables: { id: connectionId } },
      );
      return res.body.data!.connection.searchReindex;
    }

    it('offers the marked field as a facet, by key or by default, labelled with its name', async () => {
      const result = await search();
      const visa: CustomFacet = {
        key: 'visa',
        label: 'Visa',
        values: [
          // Ada spells it EU, Bo eu: indexed together, either may be the first spelling.
          { value: 'eu', label: expect.stringMatching(/^(EU|eu)$/) as string, count: 2 },
          { value: 'needs sponsorship', label: 'Needs sponsorship', count: 1 },
        ],
        otherValueCount: 0,
      };
      expect(result.visa).toEqual([visa]);
      // Without keys: every field marked filterable on the organization's connections.
      expect(result.all).toEqual([visa]);
      // notice is not marked: it is not indexed, so it has no facet.
      expect(result.notice).toEqual([]);
      const cut = await search({ facetSize: 1 });
      expect(cut.visa[0]?.values).toHaveLength(1);
      expect(cut.visa[0]?.otherValueCount).toBe(1);
    });

    it('filters by the field, counting its facet multi-select', async () => {
      const result = await search({ filter: { customFields: [{ key: 'visa', values: ['EU'] }] } });
      expect(result.totalCount).toBe(2);
      expect(result.visa[0]?.values.map((v) => [v.value, v.count])).toEqual([
        ['eu', 2],
        ['needs sponsorship', 1],
      ]);
    });

    it('reindexes in the background when a field is marked or unmarked, with progress', async () => {
      const marked = await markFilterable(['visa', 'notice']);
      expect(marked).toMatchObject({ state: 'COMPLETED', processed: 4, total: 4 });
      const withNotice = await search();
      expect(withNotice.notice).toEqual([
        {
          key: 'notice',
          label: 'Notice Period',
          values: [
            { value: '30 days', label: '30 days', count: 2 },
            { value: '60 days', label: '60 days', count: 1 },
            { value: '90 days', label: '90 days', count: 1 },
          ],
          otherValueCount: 0,
        },
      ]);
      expect(withNotice.all.map((f) => f.key)).toEqual(['visa', 'notice']);
      const noticeFilter = await search({
        filter: { customFields: [{ key: 'notice', values: ['30 DAYS'] }] },
      });
      expect(noticeFilter.totalCount).toBe(2);

      const unmarked = await markFilterable(['notice']);
      expect(unmarked.processed).toBe(4);
      const withoutVisa = await search({
        filter: { customFields: [{ key: 'visa', values: ['eu'] }] },
      });
      expect(withoutVisa.totalCount).toBe(0);
      // The selected value stays visible with count 0; no candidate has the field any more.
      expect(withoutVisa.visa[0]?.values.map((v) => [v.value, v.count])).toEqual([['eu', 0]]);
      expect((await search()).all.map((f) => f.key)).toEqual(['notice']);

      // A settings change that keeps the same fields starts no reindex.
      const before = await reindexState();
      const same = await graphql(app.http.url, UPDATE, {
        key,
        variables: { id: connectionId, fields: ['notice', 'notice'] },
      });
      expect(same.body.errors).toBeUndefined();
      expect(await reindexState()).toEqual(before);
    });

    it('refuses too many or blank keys as BAD_USER_INPUT', async () => {
      for (const keys of [Array.from({ length: 21 }, (_, i) => `k${i}`), ['  ']]) {
        const res = await graphql(
          app.http.url,
          'query Q($keys: [String!]) { searchCandidates { customFieldFacets(keys: $keys) { key } } }',
          { key, variables: { keys } },
        );
        expect(res.body.errors?.[0]?.extensions).toMatchObject({
          code: 'BAD_USER_INPUT',
          field: 'customFieldFacets.keys',
        });
      }
    });
  },
);
