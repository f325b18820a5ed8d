import type { CandidateDocument } from '../../src/search/candidate-document';
import type { FacetField, InsightDimension, ProfileLookup } from '../../src/search/search-types';
import { Rng, STAGES } from '../../test/simulators/generator';
import { booleanQueries, filterCombinations, keywordTerms, type BenchFilter } from './query-terms';

/**
 * The query kinds of the benchmark, as data every peer (our engines, Orama, the naive SQL)
 * runs its own way. Rotating inputs: query i of a kind is `mix[kind][i % length]`.
 */
export const QUERY_KINDS = [
  'keyword',
  'boolean',
  'browse',
  'filtered',
  'insights',
  'lookup',
] as const;
export type QueryKind = (typeof QUERY_KINDS)[number];

export type BenchQuery =
  /** One word, relevance-sorted first page of 25 and the total; no facets. */
  | { kind: 'keyword'; text: string }
  /** A Boolean query with phrases, relevance-sorted first page and total; no facets. */
  | { kind: 'boolean'; text: string }
  /** No query, newest first, all eleven facets. */
  | { kind: 'browse' }
  /** Stage + skill + location filters, newest first, all eleven facets (multi-select). */
  | { kind: 'filtered'; filter: BenchFilter }
  /** Fifteen insight dimensions of the candidates matching one word, top 20 each. */
  | { kind: 'insights'; text: string }
  /** One Connect lookup call: a batch of profiles taken from indexed candidates. */
  | { kind: 'lookup'; profiles: ProfileLookup[] };

export type QueryMix = { [K in QueryKind]: Extract<BenchQuery, { kind: K }>[] };

/** The six ATS facets and five profile facets every faceted kind asks for. */
export const BENCH_FACETS: readonly FacetField[] = [
  'STAGE',
  'JOB',
  'REJECTION_REASON',
  'SOURCE',
  'RECRUITER',
  'LAST_UPDATED',
  'LOCATION',
  'COMPANY',
  'TITLE',
  'SKILL',
  'SCHOOL',
];

/** The fifteen profile dimensions of the insights kind. */
export const BENCH_INSIGHT_DIMENSIONS: readonly InsightDimension[] = [
  'LOCATION',
  'CURRENT_COMPANY',
  'CURRENT_TITLE',
  'PAST_COMPANY',
  'PAST_TITLE',
  'SKILL',
  'YEARS_OF_EXPERIENCE',
  'YEARS_IN_ROLE',
  'SCHOOL',
  'DEGREE',
  'MAJOR',
  'INDUSTRY',
  'COMPANY_SIZE',
  'CERTIFICATION',
  'LANGUAGE',
];

export const PAGE_SIZE = 25;
export const FACET_SIZE = 10;
export const INSIGHT_SIZE = 20;
export const LOOKUP_BATCH = 25;
const ROTATION = 40;

export interface QueryMixInput {
  seed: string;
  /** Candidates the peer holds: lookups pick from indexes below it, so they hit. */
  documentCount: number;
  documentAt: (index: number) => CandidateDocument;
}

/** The same mix for every peer given the same seed and document count. Pure. */
export function buildQueryMix({ seed, documentCount, documentAt }: QueryMixInput): QueryMix {
  const terms = keywordTerms(seed);
  return {
    keyword: terms.map((text) => ({ kind: 'keyword', text })),
    boolean: booleanQueries(seed, ROTATION).map((text) => ({ kind: 'boolean', text })),
    browse: [{ kind: 'browse' }],
    filtered: filterCombinations(
      seed,
      ROTATION,
      STAGES.map((s) => s.name),
    ).map((filter) => ({ kind: 'filtered', filter })),
    insights: terms.map((text) => ({ kind: 'insights', text })),
    lookup: Array.from({ length: ROTATION }, (_, batch) => ({
      kind: 'lookup',
      profiles: Array.from({ length: LOOKUP_BATCH }, (_, i) => {
        const rng = Rng.fromSeed(seed, 'bench-lookup', batch, i);
        return lookupOf(documentAt(rng.int(0, documentCount - 1)), batch * LOOKUP_BATCH + i);
      }),
    })),
  };
}

/**
 * The profile a Connect user would send for a candidate, by LinkedIn URL, e-mail or name +
 * company + title in turn (falling back to the e-mail when the candidate lacks the key), in the
 * forms people paste (full URL, upper-case e-mail).
 */
function lookupOf(d: CandidateDocument, turn: number): ProfileLookup {
  const email = d.emails[0] ? { email: d.emails[0].toUpperCase() } : { name: d.fullName };
  switch (turn % 3) {
    case 0:
      return d.linkedinUrl ? { linkedinUrl: `https://www.${d.linkedinUrl}/` } : email;
    case 1:
      return email;
    default:
      return d.currentCompany && d.currentTitle
        ? { name: d.fullName, company: d.currentCompany, title: d.currentTitle }
        : email;
  }
}
