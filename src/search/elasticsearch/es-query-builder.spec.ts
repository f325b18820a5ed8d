import { describe, expect, it } from 'vitest';
import { normalizeProfile } from '../lookup-rules';
import type { QueryNode, SearchField } from '../query/ast';
import type { InsightsRequest, SearchRequest } from '../search-types';
import type { InsightDraft } from './es-insights';
import {
  buildInsightsOtherRequest,
  buildInsightsRequest,
  buildLookupRequest,
  buildSearchRequest,
  connectionQuery,
} from './es-query-builder';
import { buildTextQuery } from './es-text-query';

const ORG = '00000000-0000-4000-8000-000000000001';
const ID = '00000000-0000-4000-8000-0000000000ff';
const NOW = new Date('2025-01-31T00:00:00.000Z');
const daysAgo = (days: number): string => new Date(NOW.getTime() - days * 86_400_000).toISOString();

// AST builders (spans do not matter to the translation).
const span = { start: 0, end: 0 };
const term = (value: string, field: SearchField | null = null, prefix = false): QueryNode => ({
  kind: 'term',
  value,
  field,
  prefix,
  span,
});
const phrase = (value: string, field: SearchField | null = null): QueryNode => ({
  kind: 'phrase',
  value,
  field,
  span,
});
const and = (...children: QueryNode[]): QueryNode => ({ kind: 'and', children, span });
const or = (...children: QueryNode[]): QueryNode => ({ kind: 'or', children, span });
const not = (child: QueryNode): QueryNode => ({ kind: 'not', child, span });

const prefixed = (field: string, boost: number, value: string) => ({
  constant_score: { filter: { prefix: { [field]: value } }, boost },
});
const anyOf = (...should: object[]) => ({ bool: { should, minimum_should_match: 1 } });
const org = { term: { organizationId: ORG } };
const byId = { candidateId: { order: 'asc' } };

function request(overrides: Partial<SearchRequest> = {}): SearchRequest {
  return {
    organizationId: ORG,
    query: null,
    filter: {},
    facets: [],
    facetSize: 10,
    sort: { field: 'LAST_UPDATED', direction: 'DESC' },
    first: 25,
    after: null,
    now: NOW,
    ...overrides,
  };
}

describe('buildTextQuery', () => {
  it('searches an unscoped word in every section, weighted like the tsvector', () => {
    expect(buildTextQuery(term('Engineer'))).toEqual({
      bool: {
        should: [
          { constant_score: { filter: { term: { 'text.name': 'engineer' } }, boost: 1 } },
          { constant_score: { filter: { term: { 'text.currentTitle': 'engineer' } }, boost: 1 } },
          {
            constant_score: { filter: { term: { 'text.currentCompany': 'engineer' } }, boost: 0.4 },
          },
          { constant_score: { filter: { term: { 'text.skills': 'engineer' } }, boost: 0.4 } },
          { constant_score: { filter: { term: { 'text.headline': 'engineer' } }, boost: 0.4 } },
          { constant_score: { filter: { term: { 'text.pastTitles': 'engineer' } }, boost: 0.2 } },
          {
            constant_score: { filter: { term: { 'text.pastCompanies': 'engineer' } }, boost: 0.2 },
          },
          { constant_score: { filter: { term: { 'text.schools': 'engineer' } }, boost: 0.2 } },
          { constant_score: { filter: { term: { 'text.location': 'engineer' } }, boost: 0.2 } },
          { constant_score: { filter: { term: { 'text.emails': 'engineer' } }, boost: 0.2 } },
          { constant_score: { filter: { term: { 'text.other': 'engineer' } }, boost: 0.2 } },
          { constant_score: { filter: { term: { 'text.resume': 'engineer' } }, boost: 0.1 } },
        ],
        minimum_should_match: 1,
      },
    });
  });

  it('searches a scoped word in its scope only (title: current and past titles)', () => {
    expect(buildTextQuery(term('Ingénieur', 'title'))).toEqual({
      bool: {
        should: [
          { constant_score: { filter: { term: { 'text.currentTitle': 'ingenieur' } }, boost: 1 } },
          { constant_score: { filter: { term: { 'text.pastTitles': 'ingenieur' } }, boost: 0.2 } },
        ],
        minimum_should_match: 1,
      },
    });
    expect(buildTextQuery(term('C++', 'skill'))).toEqual({
      constant_score: { filter: { term: { 'text.skills': 'c++' } }, boost: 0.4 },
    });
    expect(buildTextQuery(term('Jane@X.io', 'email'))).toEqual({
      constant_score: { filter: { term: { 'text.emails': 'jane@x.io' } }, boost: 0.2 },
    });
  });

  it('turns `term*` into a prefix query on the scope', () => {
    expect(buildTextQuery(term('Acm', 'company', true))).toEqual(
      anyOf(
        prefixed('text.currentCompany', 0.4, 'acm'),
        prefixed('text.pastCompanies', 0.2, 'acm'),
      ),
    );
  });

  it('turns a phrase into match_phrase on each section (never across values)', () => {
    expect(buildTextQuery(phrase('Zoë  MÜLLER', 'name'))).toEqual({
      constant_score: { filter: { match_phrase: { 'text.name': 'zoe muller' } }, boost: 1 },
    });
    // A one-word phrase is just the word.
    expect(buildTextQuery(phrase('"Berlin"', 'location'))).toEqual({
      constant_score: { filter: { term: { 'text.location': 'berlin' } }, boost: 0.2 },
    });
  });

  it('treats a term that folds into several words as a phrase, a prefix one with span_multi', () => {
    expect(buildTextQuery(term('front$end', 'skill'))).toEqual({
      constant_score: { filter: { match_phrase: { 'text.skills': 'front end' } }, boost: 0.4 },
    });
    expect(buildTextQuery(term('big$dat', 'resume', true))).toEqual({
      constant_score: {
        filter: {
          span_near: {
            clauses: [
              { span_term: { 'text.resume': 'big' } },
              {
                span_multi: {
                  match: { prefix: { 'text.resume': { value: 'dat', rewrite: 'top_terms_1024' } } },
                },
              },
            ],
            slop: 0,
            in_order: true,
          },
        },
        boost: 0.1,
      },
    });
  });

  it('translates AND, OR and NOT', () => {
    const java = { constant_score: { filter: { term: { 'text.skills': 'java' } }, boost: 0.4 } };
    const go = { constant_score: { filter: { term: { 'text.skills': 'go' } }, boost: 0.4 } };
    const rust = { constant_score: { filter: { term: { 'text.resume': 'rust' } }, boost: 0.1 } };
    expect(
      buildTextQuery(
        and(or(term('java', 'skill'), term('go', 'skill')), not(term('rust', 'resume'))),
      ),
    ).toEqual({
      bool: {
        must: [
          { bool: { should: [java, go], minimum_should_match: 1 } },
          { bool: { must_not: [rust] } },
        ],
      },
    });
  });

  it('keeps a negation-only query as must_not (every candidate except the negated ones)', () => {
    expect(buildTextQuery(not(term('java', 'skill')))).toEqual({
      bool: {
        must_not: [{ constant_score: { filter: { term: { 'text.skills': 'java' } }, boost: 0.4 } }],
      },
    });
  });

  it('drops terms without words like the tsquery builder', () => {
    const java = { constant_score: { filter: { term: { 'text.skills': 'java' } }, boost: 0.4 } };
    expect(buildTextQuery(term('?!'))).toBeNull();
    expect(buildTextQuery(phrase('...'))).toBeNull();
    expect(buildTextQuery(and(term('java', 'skill'), term('--')))).toEqual(java);
    expect(buildTextQuery(or(term('--'), term('java', 'skill')))).toEqual(java);
    expect(buildTextQuery(and(term('java', 'skill'), not(term('?'))))).toEqual(java);
    expect(buildTextQuery(not(term('?')))).toBeNull();
    expect(buildTextQuery(or(term('?'), phrase('!')))).toBeNull();
    expect(buildTextQuery(null)).toBeNull();
  });
});

describe('buildSearchRequest', () => {
  it('lists the newest candidates of the organization without a query', () => {
    expect(buildSearchRequest(request())).toEqual({
      body: {
        routing: ORG,
        size: 26,
        track_total_hits: true,
        // No words to highlight: no source fetched.
        _source: false,
        query: { bool: { filter: [org] } },
        sort: [{ lastUpdated: { order: 'desc' } }, byId],
      },
      facets: [],
      customFieldFacets: [],
      scored: false,
    });
  });

  it('ranks by score with a query, and continues after the cursor', () => {
    const plan = buildSearchRequest(
      request({
        query: term('java', 'skill'),
        sort: { field: 'RELEVANCE', direction: 'DESC' },
        first: 10,
        after: { sortValue: 0.4, id: ID },
      }),
    );
    expect(plan).toEqual({
      body: {
        routing: ORG,
        size: 11,
        track_total_hits: true,
        // Only what a skill: word can highlight.
        _source: ['document.skills'],
        query: {
          bool: {
            filter: [org],
            must: [{ constant_score: { filter: { term: { 'text.skills': 'java' } }, boost: 0.4 } }],
          },
        },
        sort: [{ _score: { order: 'desc' } }, byId],
        search_after: [0.4, ID],
      },
      facets: [],
      customFieldFacets: [],
      scored: true,
    });
  });

  it('sorts RELEVANCE without searchable words as LAST_UPDATED DESC', () => {
    const plan = buildSearchRequest(
      request({ query: term('?'), sort: { field: 'RELEVANCE', direction: 'ASC' } }),
    );
    expect(plan.scored).toBe(false);
    expect(plan.body.query).toEqual({ bool: { filter: [org] } });
    expect(plan.body.sort).toEqual([{ lastUpdated: { order: 'desc' } }, byId]);
  });

  it('builds a cursor for each sort', () => {
    const sortOf = (
      field: 'LAST_UPDATED' | 'NAME',
      direction: 'ASC' | 'DESC',
      sortValue: number | string,
    ) =>
      buildSearchRequest(request({ sort: { field, direction }, after: { sortValue, id: ID } }))
        .body;
    expect(sortOf('LAST_UPDATED', 'ASC', 1714550400000)).toMatchObject({
      sort: [{ lastUpdated: { order: 'asc' } }, byId],
      search_after: [1714550400000, ID],
    });
    expect(sortOf('LAST_UPDATED', 'DESC', 1714550400000)).toMatchObject({
      sort: [{ lastUpdated: { order: 'desc' } }, byId],
      search_after: [1714550400000, ID],
    });
    expect(sortOf('NAME', 'ASC', 'zoe muller')).toMatchObject({
      sort: [{ nameKey: { order: 'asc' } }, byId],
      search_after: ['zoe muller', ID],
    });
    expect(sortOf('NAME', 'DESC', 'ada')).toMatchObject({
      sort: [{ nameKey: { order: 'desc' } }, byId],
      search_after: ['ada', ID],
    });
  });

  it('translates every filter kind, normalized as the postgres engine compares', () => {
    const { body } = buildSearchRequest(
      request({
        filter: {
          stages: [' ONSITE '],
          sources: ['Referral', 'referral'],
          recruiterIds: [' rec-1 '],
          connectionIds: ['c1'],
          locations: ['Berlin,  Germany'],
          companies: ['ACME'],
          pastCompanies: ['Initech'],
          titles: ['Senior Engineer'],
          pastTitles: ['Engineer'],
          skills: ['C++', 'Node.JS'],
          schools: ['TU München'],
          degrees: ['MSc'],
          majors: ['CS'],
          industries: ['Software'],
          companySizes: ['51-200'],
          certifications: ['AWS'],
          languages: ['German'],
          tags: ['   '],
          kinds: ['PROSPECT'],
          lastUpdated: { from: new Date('2024-01-01T00:00:00.000Z'), to: null },
          lastUpdatedRanges: ['LAST_7_DAYS', 'OLDER'],
          yearsOfExperience: { min: 2, max: 10 },
          yearsOfExperienceBuckets: ['0-2', '20+'],
          yearsInRoleBuckets: ['2-5'],
          customFields: [
            { key: 'visa', values: ['Needed'] },
            { key: 'level', values: [' '] },
          ],
        },
      }),
    );
    expect(body.query).toEqual({
      bool: {
        filter: [
          org,
          { terms: { 'values.stages': ['onsite'] } },
          { terms: { 'values.sources': ['referral'] } },
          { terms: { 'values.recruiterIds': ['rec-1'] } },
          { terms: { 'values.connectionIds': ['c1'] } },
          { terms: { 'values.locations': ['berlin, germany'] } },
          { terms: { 'values.companies': ['acme'] } },
          { terms: { 'values.pastCompanies': ['initech'] } },
          { terms: { 'values.titles': ['senior engineer'] } },
          { terms: { 'values.pastTitles': ['engineer'] } },
          { terms: { 'values.skills': ['c++', 'node.js'] } },
          { terms: { 'values.schools': ['tu munchen'] } },
          { terms: { 'values.degrees': ['msc'] } },
          { terms: { 'values.majors': ['cs'] } },
          { terms: { 'values.industries': ['software'] } },
          { terms: { 'values.companySizes': ['51-200'] } },
          { terms: { 'values.certifications': ['aws'] } },
          { terms: { 'values.languages': ['german'] } },
          // A value that normalizes to nothing matches nothing.
          { match_none: {} },
          { terms: { kind: ['PROSPECT'] } },
          { range: { lastUpdated: { gte: '2024-01-01T00:00:00.000Z' } } },
          {
            bool: {
              should: [
                { range: { lastUpdated: { gte: daysAgo(7) } } },
                { range: { lastUpdated: { lt: daysAgo(365) } } },
              ],
              minimum_should_match: 1,
            },
          },
          { range: { yearsOfExperience: { gte: 2, lte: 10 } } },
          {
            bool: {
              should: [
                { range: { yearsOfExperience: { gte: 0, lt: 2 } } },
                { range: { yearsOfExperience: { gte: 20 } } },
              ],
              minimum_should_match: 1,
            },
          },
          {
            bool: {
              should: [{ range: { yearsInRole: { gte: 2, lt: 5 } } }],
              minimum_should_match: 1,
            },
          },
          { terms: { customFields: ['visa\u001fneeded'] } },
          { match_none: {} },
        ],
      },
    });
    expect(body).not.toHaveProperty('post_filter');
  });

  it('applies two or more application filters to one nested application', () => {
    const { body } = buildSearchRequest(
      request({ filter: { jobIds: ['job-b'], stages: ['Onsite'], skills: ['Go'] } }),
    );
    expect(body.query).toEqual({
      bool: {
        filter: [
          org,
          { terms: { 'values.skills': ['go'] } },
          {
            nested: {
              path: 'applications',
              query: {
                bool: {
                  filter: [
                    { terms: { 'applications.stage': ['onsite'] } },
                    { terms: { 'applications.jobId': ['job-b'] } },
                  ],
                },
              },
            },
          },
        ],
      },
    });
  });

  it('counts facets multi-select: facet filters in post_filter, each aggregation without its own', () => {
    const plan = buildSearchRequest(
      request({
        filter: { skills: ['Go'], sources: ['Referral'], locations: ['Berlin'] },
        facets: ['SKILL', 'SOURCE', 'COMPANY'],
        facetSize: 5,
      }),
    );
    const skills = { terms: { 'values.skills': ['go'] } };
    const sources = { terms: { 'values.sources': ['referral'] } };
    const top = (field: string) => ({
      terms: { field, size: 5, order: [{ _count: 'desc' }, { _key: 'asc' }] },
    });
    const distinct = (field: string) => ({
      cardinality: { field, precision_threshold: 40_000 },
    });
    expect(plan.body).toEqual({
      routing: ORG,
      size: 26,
      track_total_hits: true,
      _source: false,
      // Filters no requested facet ignores narrow the aggregations too.
      query: { bool: { filter: [org, { terms: { 'values.locations': ['berlin'] } }] } },
      sort: [{ lastUpdated: { order: 'desc' } }, byId],
      post_filter: { bool: { filter: [sources, skills] } },
      aggs: {
        SKILL: {
          filter: { bool: { filter: [sources] } },
          aggs: {
            top: top('values.skills'),
            selected: { terms: { field: 'values.skills', include: ['go'], size: 1 } },
            distinct: distinct('values.skills'),
          },
        },
        SOURCE: {
          filter: { bool: { filter: [skills] } },
          aggs: {
            top: top('values.sources'),
            selected: { terms: { field: 'values.sources', include: ['referral'], size: 1 } },
            distinct: distinct('values.sources'),
          },
        },
        COMPANY: {
          filter: { bool: { filter: [sources, skills] } },
          aggs: { top: top('values.companies'), distinct: distinct('values.companies') },
        },
      },
    });
    expect(plan.facets.map((f) => f.facet)).toEqual(['SKILL', 'SOURCE', 'COMPANY']);
  });

  it('counts an application facet over the applications passing the other application filters', () => {
    const plan = buildSearchRequest(
      request({
        filter: { jobIds: ['job-b'], stages: ['Onsite'], sources: ['Referral'] },
        facets: ['STAGE', 'SOURCE'],
        facetSize: 3,
      }),
    );
    const nested = {
      nested: {
        path: 'applications',
        query: {
          bool: {
            filter: [
              { terms: { 'applications.stage': ['onsite'] } },
              { terms: { 'applications.jobId': ['job-b'] } },
            ],
          },
        },
      },
    };
    const sources = { terms: { 'values.sources': ['referral'] } };
    expect(plan.body.query).toEqual({ bool: { filter: [org] } });
    expect(plan.body.post_filter).toEqual({ bool: { filter: [sources, nested] } });
    expect(plan.body.aggs).toEqual({
      STAGE: {
        // The same-application clause is replaced by counting the matching applications.
        filter: { bool: { filter: [sources] } },
        aggs: {
          applications: {
            nested: { path: 'applications' },
            aggs: {
              matching: {
                filter: { bool: { filter: [{ terms: { 'applications.jobId': ['job-b'] } }] } },
                aggs: {
                  top: {
                    terms: {
                      field: 'applications.stage',
                      size: 3,
                      order: [{ candidates: 'desc' }, { _key: 'asc' }],
                    },
                    aggs: { candidates: { reverse_nested: {} } },
                  },
                  selected: {
                    terms: { field: 'applications.stage', include: ['onsite'], size: 1 },
                    aggs: { candidates: { reverse_nested: {} } },
                  },
                  // Distinct stages of those applications, for otherValueCount.
                  distinct: {
                    cardinality: { field: 'applications.stage', precision_threshold: 40_000 },
                  },
                },
              },
            },
          },
        },
      },
      SOURCE: {
        filter: { bool: { filter: [nested] } },
        aggs: {
          top: {
            terms: {
              field: 'values.sources',
              size: 3,
              order: [{ _count: 'desc' }, { _key: 'asc' }],
            },
          },
          selected: { terms: { field: 'values.sources', include: ['referral'], size: 1 } },
          distinct: { cardinality: { field: 'values.sources', precision_threshold: 40_000 } },
        },
      },
    });
  });

  it('counts a custom field facet over its keyed values, without its own filter entries only', () => {
    const plan = buildSearchRequest(
      request({
        filter: {
          customFields: [
            { key: 'visa', values: ['EU'] },
            { key: 'level', values: ['Senior'] },
          ],
        },
        customFieldFacets: ['visa'],
        facetSize: 4,
      }),
    );
    const visa = { terms: { customFields: ['visa\u001feu'] } };
    const level = { terms: { customFields: ['level\u001fsenior'] } };
    // Only the visa entries are ignored by a facet: the level ones narrow the query itself.
    expect(plan.body.query).toEqual({ bool: { filter: [org, level] } });
    expect(plan.body.post_filter).toEqual({ bool: { filter: [visa] } });
    expect(plan.customFieldFacets).toEqual([
      { key: 'visa', aggregation: 'customField0', selected: ['eu'] },
    ]);
    expect(plan.body.aggs).toEqual({
      customField0: {
        filter: { match_all: {} },
        aggs: {
          top: {
            terms: {
              field: 'customFieldValues.visa',
              size: 4,
              order: [{ _count: 'desc' }, { _key: 'asc' }],
            },
          },
          selected: { terms: { field: 'customFieldValues.visa', include: ['eu'], size: 1 } },
          distinct: {
            cardinality: { field: 'customFieldValues.visa', precision_threshold: 40_000 },
          },
        },
      },
    });
  });

  it('counts an application facet on the candidate when no other application filter is on', () => {
    const plan = buildSearchRequest(
      request({ filter: { jobIds: ['job-b'] }, facets: ['JOB'], facetSize: 10 }),
    );
    expect(plan.body.query).toEqual({ bool: { filter: [org] } });
    expect(plan.body.post_filter).toEqual({
      bool: { filter: [{ terms: { 'values.jobIds': ['job-b'] } }] },
    });
    expect(plan.body.aggs).toEqual({
      JOB: {
        filter: { match_all: {} },
        aggs: {
          top: {
            terms: {
              field: 'values.jobIds',
              size: 10,
              order: [{ _count: 'desc' }, { _key: 'asc' }],
            },
          },
          selected: { terms: { field: 'values.jobIds', include: ['job-b'], size: 1 } },
          distinct: { cardinality: { field: 'values.jobIds', precision_threshold: 40_000 } },
        },
      },
    });
  });

  it('counts LAST_UPDATED and YEARS_OF_EXPERIENCE as fixed ranges, without their range filters', () => {
    const plan = buildSearchRequest(
      request({
        filter: {
          lastUpdated: { from: new Date('2024-01-01T00:00:00.000Z') },
          lastUpdatedRanges: ['LAST_30_DAYS'],
          yearsOfExperience: { min: 1 },
          kinds: ['APPLICANT'],
        },
        facets: ['LAST_UPDATED', 'YEARS_OF_EXPERIENCE'],
      }),
    );
    const lastUpdated = { range: { lastUpdated: { gte: '2024-01-01T00:00:00.000Z' } } };
    const ranges = {
      bool: {
        should: [{ range: { lastUpdated: { gte: daysAgo(30) } } }],
        minimum_should_match: 1,
      },
    };
    const years = { range: { yearsOfExperience: { gte: 1 } } };
    expect(plan.body.query).toEqual({
      bool: { filter: [org, { terms: { kind: ['APPLICANT'] } }] },
    });
    expect(plan.body.post_filter).toEqual({ bool: { filter: [lastUpdated, ranges, years] } });
    expect(plan.body.aggs).toEqual({
      LAST_UPDATED: {
        filter: { bool: { filter: [years] } },
        aggs: {
          ranges: {
            filters: {
              filters: {
                LAST_7_DAYS: { range: { lastUpdated: { gte: daysAgo(7) } } },
                LAST_30_DAYS: { range: { lastUpdated: { gte: daysAgo(30) } } },
                LAST_90_DAYS: { range: { lastUpdated: { gte: daysAgo(90) } } },
                LAST_365_DAYS: { range: { lastUpdated: { gte: daysAgo(365) } } },
                OLDER: { range: { lastUpdated: { lt: daysAgo(365) } } },
              },
            },
          },
        },
      },
      YEARS_OF_EXPERIENCE: {
        filter: { bool: { filter: [lastUpdated, ranges] } },
        aggs: {
          ranges: {
            filters: {
              filters: {
                '0-2': { range: { yearsOfExperience: { gte: 0, lt: 2 } } },
                '2-5': { range: { yearsOfExperience: { gte: 2, lt: 5 } } },
                '5-10': { range: { yearsOfExperience: { gte: 5, lt: 10 } } },
                '10-15': { range: { yearsOfExperience: { gte: 10, lt: 15 } } },
                '15-20': { range: { yearsOfExperience: { gte: 15, lt: 20 } } },
                '20+': { range: { yearsOfExperience: { gte: 20 } } },
              },
            },
          },
        },
      },
    });
  });
});

describe('insights requests', () => {
  const insights = (overrides: Partial<InsightsRequest> = {}): InsightsRequest => ({
    organizationId: ORG,
    query: term('go', 'skill'),
    filter: { sources: ['Referral'] },
    dimensions: ['SKILL', 'YEARS_IN_ROLE', 'STAGE'],
    size: 2,
    now: NOW,
    ...overrides,
  });

  it('asks for top buckets and missing counts of every dimension, matching like search', () => {
    const plan = buildInsightsRequest(insights());
    expect(plan.body).toEqual({
      routing: ORG,
      size: 0,
      track_total_hits: false,
      query: {
        bool: {
          filter: [org, { terms: { 'values.sources': ['referral'] } }],
          must: [{ constant_score: { filter: { term: { 'text.skills': 'go' } }, boost: 0.4 } }],
        },
      },
      aggs: {
        SKILL: {
          terms: { field: 'values.skills', size: 2, order: [{ _count: 'desc' }, { _key: 'asc' }] },
        },
        SKILL_missing: { missing: { field: 'values.skills' } },
        YEARS_IN_ROLE: {
          filters: {
            filters: {
              '0-2': { range: { yearsInRole: { gte: 0, lt: 2 } } },
              '2-5': { range: { yearsInRole: { gte: 2, lt: 5 } } },
              '5-10': { range: { yearsInRole: { gte: 5, lt: 10 } } },
              '10-15': { range: { yearsInRole: { gte: 10, lt: 15 } } },
              '15-20': { range: { yearsInRole: { gte: 15, lt: 20 } } },
              '20+': { range: { yearsInRole: { gte: 20 } } },
            },
          },
        },
        YEARS_IN_ROLE_missing: { missing: { field: 'yearsInRole' } },
        STAGE: {
          terms: { field: 'values.stages', size: 2, order: [{ _count: 'desc' }, { _key: 'asc' }] },
        },
        STAGE_missing: { missing: { field: 'values.stages' } },
      },
    });
  });

  it('counts the candidates outside the buckets only where values were left out', () => {
    const draft = (dimension: 'SKILL' | 'STAGE', other: InsightDraft['other']): InsightDraft => ({
      breakdown: { dimension, buckets: [], otherCount: 0, missingCount: 0 },
      labels: null,
      other,
    });
    const request = insights();
    expect(buildInsightsOtherRequest(request, [draft('STAGE', null)])).toBeNull();
    expect(
      buildInsightsOtherRequest(request, [
        draft('SKILL', { field: 'values.skills', values: ['go', 'java'] }),
        draft('STAGE', null),
      ]),
    ).toEqual({
      routing: ORG,
      size: 0,
      track_total_hits: false,
      query: {
        bool: {
          filter: [org, { terms: { 'values.sources': ['referral'] } }],
          must: [{ constant_score: { filter: { term: { 'text.skills': 'go' } }, boost: 0.4 } }],
        },
      },
      aggs: {
        SKILL: {
          filter: {
            bool: {
              filter: [{ exists: { field: 'values.skills' } }],
              must_not: [{ terms: { 'values.skills': ['go', 'java'] } }],
            },
          },
        },
      },
    });
  });
});

describe('buildLookupRequest', () => {
  it('sends one search per profile with every applicable rule, scored by confidence', () => {
    const plan = buildLookupRequest(ORG, [
      normalizeProfile({
        linkedinUrl: 'https://www.linkedin.com/in/Zoe/',
        email: 'Zoe@X.io',
        name: 'Zoë Müller',
        company: 'ACME',
        title: null,
      }),
      normalizeProfile({ name: 'Nobody' }),
      normalizeProfile({ githubUrl: 'https://github.com/zoe', company: 'Acme', title: 'CTO' }),
    ]);
    const search = (queries: object[]) => ({
      size: 20,
      _source: false,
      track_total_hits: false,
      query: { bool: { filter: [org], must: [{ dis_max: { queries, tie_breaker: 0 } }] } },
      sort: [{ _score: { order: 'desc' } }, byId],
    });
    expect(plan).toEqual({
      profiles: [0, 2],
      searches: [
        { routing: ORG },
        search([
          {
            constant_score: {
              filter: { term: { linkedinUrl: 'linkedin.com/in/zoe' } },
              boost: 1,
              _name: 'LINKEDIN_URL',
            },
          },
          {
            constant_score: {
              filter: { term: { emails: 'zoe@x.io' } },
              boost: 0.9,
              _name: 'EMAIL',
            },
          },
          {
            constant_score: {
              filter: {
                bool: {
                  filter: [
                    { term: { nameKey: 'zoe muller' } },
                    { term: { 'values.companies': 'acme' } },
                  ],
                },
              },
              boost: 0.7,
              _name: 'NAME_COMPANY_TITLE:name+company',
            },
          },
        ]),
        { routing: ORG },
        search([
          {
            constant_score: {
              filter: { term: { githubUrl: 'github.com/zoe' } },
              boost: 0.95,
              _name: 'GITHUB_URL',
            },
          },
          {
            constant_score: {
              filter: {
                bool: {
                  filter: [
                    { term: { 'values.companies': 'acme' } },
                    { term: { 'values.titles': 'cto' } },
                  ],
                },
              },
              boost: 0.3,
              _name: 'NAME_COMPANY_TITLE:company+title',
            },
          },
        ]),
      ],
    });
  });

  it('offers every pair and the triple when name, company and title are known', () => {
    const plan = buildLookupRequest(ORG, [
      normalizeProfile({ name: 'Ada', company: 'Acme', title: 'CTO' }),
    ]);
    const body = plan.searches[1] as {
      query: {
        bool: {
          must: { dis_max: { queries: { constant_score: { _name: string; boost: number } }[] } }[];
        };
      };
    };
    expect(
      body.query.bool.must[0]?.dis_max.queries.map((q) => [
        q.constant_score._name,
        q.constant_score.boost,
      ]),
    ).toEqual([
      ['NAME_COMPANY_TITLE:name+company+title', 0.85],
      ['NAME_COMPANY_TITLE:name+company', 0.7],
      ['NAME_COMPANY_TITLE:name+title', 0.5],
      ['NAME_COMPANY_TITLE:company+title', 0.3],
    ]);
  });
});

describe('removal query', () => {
  it('is limited to the organization', () => {
    expect(connectionQuery(ORG, 'c1')).toEqual({
      bool: { filter: [org, { term: { 'values.connectionIds': 'c1' } }] },
    });
  });
});
