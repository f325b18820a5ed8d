import {
  insertMultiple,
  search,
  type FacetResult,
  type FacetsParams,
  type SearchParamsFullText,
  type WhereCondition,
} from '@orama/orama';
import { normalizeEmail, normalizeLinkedinUrl } from '../../src/common/social-urls';
import { normalizeKey, words } from '../../src/common/text';
import { lastUpdatedBound, YEARS_BUCKET_BOUNDS } from '../../src/search/facet-keys';
import { parseQuery, type QueryNode } from '../../src/search/query';
import {
  LAST_UPDATED_RANGES,
  type FacetField,
  type ProfileLookup,
} from '../../src/search/search-types';
import type { CandidateDocument } from '../../src/search/candidate-document';
import {
  FACET_PROPERTY,
  INSIGHT_PROPERTY,
  KEY_SEPARATOR,
  SCOPE_PROPERTIES,
  TEXT_PROPERTIES,
  toOramaCandidate,
  type OramaDb,
  type OramaProperty,
  type OramaSchema,
  type TextProperty,
} from './orama-schema';
import {
  BENCH_FACETS,
  BENCH_INSIGHT_DIMENSIONS,
  FACET_SIZE,
  INSIGHT_SIZE,
  PAGE_SIZE,
  type BenchQuery,
} from './query-mix';
import type { QueryPeer } from './query-peer';
import type { BenchFilter } from './query-terms';

type Where = WhereCondition<OramaSchema>;
type Params = SearchParamsFullText<OramaDb>;
type Facets = FacetsParams<OramaDb>;

const MAX_LOOKUP_MATCHES = 20;
const DAY_MS = 86_400_000;

/**
 * Orama answering the mix the Orama way: `term` search (BM25, prefix-matching words) over the
 * text fields, `where` for filters and for the Boolean structure (and/or/not of word matches;
 * a phrase is "all its words in one field": Orama has no positions), and `facets`, with
 * multi-select as one search per filtered facet without its own filter. Orama returns every
 * value of an enum facet unsorted; the top values are picked here.
 */
export class OramaPeer implements QueryPeer {
  readonly name = 'Orama';

  constructor(
    private readonly db: OramaDb,
    private readonly now: Date,
  ) {}

  /** Inserts one batch; resolves when Orama has indexed it. */
  async insert(documents: readonly CandidateDocument[]): Promise<void> {
    await insertMultiple(this.db, documents.map(toOramaCandidate), documents.length);
  }

  async run(query: BenchQuery): Promise<number> {
    switch (query.kind) {
      case 'keyword':
        return (
          await this.search({
            term: query.text,
            properties: [...TEXT_PROPERTIES],
            limit: PAGE_SIZE,
          })
        ).count;
      case 'boolean': {
        const ast = parseQuery(query.text);
        if (!ast) return 0;
        return (
          await this.search({
            term: positiveWords(ast).join(' '),
            properties: [...TEXT_PROPERTIES],
            where: booleanWhere(ast),
            limit: PAGE_SIZE,
          })
        ).count;
      }
      case 'browse':
        return (
          await this.search({ ...this.newestFirst(), facets: this.facets(BENCH_FACETS, false) })
        ).count;
      case 'filtered':
        return this.filtered(query.filter);
      case 'insights': {
        const facets: Facets = {};
        for (const dimension of BENCH_INSIGHT_DIMENSIONS) {
          const property = INSIGHT_PROPERTY[dimension];
          if (!property) continue;
          facets[property] =
            property === 'yearsOfExperience' || property === 'yearsInRole'
              ? { ranges: YEARS_RANGES }
              : { limit: INSIGHT_SIZE };
        }
        const result = await this.search({
          term: query.text,
          properties: [...TEXT_PROPERTIES],
          limit: 0,
          facets,
        });
        pickTopValues(result.facets, INSIGHT_SIZE);
        // Every candidate has one location value or none (counted under ''): the sum is the total.
        return Object.values(result.facets?.['locationKey']?.values ?? {}).reduce(
          (n, c) => n + c,
          0,
        );
      }
      case 'lookup': {
        const results = await Promise.all(
          query.profiles.map(async (profile) => {
            const where = lookupWhere(profile);
            if (!where) return 0;
            return Math.min(
              MAX_LOOKUP_MATCHES,
              (await this.search({ where, limit: MAX_LOOKUP_MATCHES })).count,
            );
          }),
        );
        return results.reduce((n, m) => n + m, 0);
      }
    }
  }

  /**
   * Multi-select: one search with every filter (hits, total, and the facets no filter is on),
   * then one search per filtered facet without its own filter. JOB and REJECTION_REASON are
   * counted on stage-qualified values, so only applications at the selected stage count.
   */
  private async filtered(filter: BenchFilter): Promise<number> {
    const stage = normalizeKey(filter.stage);
    const conditions: Record<keyof BenchFilter, Where> = {
      stage: { stageKeys: { containsAny: [stage] } },
      skill: { skillKeys: { containsAny: [normalizeKey(filter.skill)] } },
      location: { locationKey: { eq: normalizeKey(filter.location) } },
    };
    const without = (own: keyof BenchFilter | null): Where => ({
      and: (Object.keys(conditions) as (keyof BenchFilter)[])
        .filter((key) => key !== own)
        .map((key) => conditions[key]),
    });
    const own: Partial<Record<FacetField, keyof BenchFilter>> = {
      STAGE: 'stage',
      SKILL: 'skill',
      LOCATION: 'location',
    };
    const unfiltered = BENCH_FACETS.filter((f) => !own[f]);
    const [main, ...perFacet] = await Promise.all([
      this.search({
        ...this.newestFirst(),
        where: without(null),
        facets: this.facets(unfiltered, true),
      }),
      ...(Object.entries(own) as [FacetField, keyof BenchFilter][]).map(([facet, key]) =>
        this.search({ where: without(key), limit: 0, facets: this.facets([facet], false) }),
      ),
    ]);
    pickTopValues(main?.facets, FACET_SIZE, (property, values) =>
      property === 'stageJobs' || property === 'stageReasons' ? atStage(values, stage) : values,
    );
    for (const result of perFacet) pickTopValues(result?.facets, FACET_SIZE);
    return main?.count ?? 0;
  }

  private facets(fields: readonly FacetField[], sameApplication: boolean): Facets {
    const facets: Facets = {};
    for (const field of fields) {
      let property: OramaProperty | undefined = FACET_PROPERTY[field];
      if (sameApplication && field === 'JOB') property = 'stageJobs';
      if (sameApplication && field === 'REJECTION_REASON') property = 'stageReasons';
      if (!property) continue;
      facets[property] =
        field === 'LAST_UPDATED' ? { ranges: this.lastUpdatedRanges() } : { limit: FACET_SIZE };
    }
    return facets;
  }

  private newestFirst(): Pick<Params, 'sortBy' | 'limit'> {
    return { sortBy: { property: 'lastUpdated', order: 'DESC' }, limit: PAGE_SIZE };
  }

  private lastUpdatedRanges(): { from: number; to: number }[] {
    return LAST_UPDATED_RANGES.map((range) => {
      const { from, to } = lastUpdatedBound(range, this.now);
      return from
        ? { from: from.getTime(), to: this.now.getTime() + 365 * DAY_MS }
        : { from: 0, to: (to?.getTime() ?? 0) - 1 };
    });
  }

  private async search(params: Params): Promise<{ count: number; facets?: FacetResult }> {
    return await search(this.db, params);
  }
}

/** Orama number ranges are inclusive at both ends; [min, max) becomes [min, max − ε]. */
const YEARS_RANGES = Object.values(YEARS_BUCKET_BOUNDS).map(([min, max]) => ({
  from: min,
  to: max === null ? 1000 : max - 1e-6,
}));

/**
 * Each facet's `size` best values, count descending then value (the engines' order), as a caller
 * would pick them from Orama's unsorted enum counts; `transform` may rewrite a facet's counts.
 */
function pickTopValues(
  facets: FacetResult | undefined,
  size: number,
  transform: (property: string, values: Record<string, number>) => Record<string, number> = (
    _p,
    v,
  ) => v,
): Map<string, { value: string; count: number }[]> {
  const picked = new Map<string, { value: string; count: number }[]>();
  for (const [property, facet] of Object.entries(facets ?? {})) {
    const top = Object.entries(transform(property, facet.values))
      .filter(([value]) => value !== '')
      .map(([value, count]) => ({ value, count }))
      .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
      .slice(0, size);
    picked.set(property, top);
  }
  return picked;
}

/** `stage␟value` counts → value counts at one stage (the same-application rule). */
function atStage(values: Record<string, number>, stage: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [key, n] of Object.entries(values)) {
    const [valueStage, value = ''] = key.split(KEY_SEPARATOR);
    if (valueStage === stage) counts[value] = (counts[value] ?? 0) + n;
  }
  return counts;
}

function propertiesOf(node: { field: string | null }): readonly TextProperty[] {
  return node.field ? (SCOPE_PROPERTIES[node.field] ?? TEXT_PROPERTIES) : TEXT_PROPERTIES;
}

function wordIn(property: TextProperty, word: string): Where {
  const condition: Partial<Record<TextProperty, string>> = {};
  condition[property] = word;
  return condition;
}

/** The Boolean AST as a `where`: a word is an exact word match in any of its fields. */
export function booleanWhere(node: QueryNode): Where {
  switch (node.kind) {
    case 'term':
      return { or: propertiesOf(node).map((p) => wordIn(p, node.value)) };
    case 'phrase': {
      const tokens = words(node.value);
      return {
        or: propertiesOf(node).map((p) => ({ and: tokens.map((t) => wordIn(p, t)) })),
      };
    }
    case 'and':
      return { and: node.children.map(booleanWhere) };
    case 'or':
      return { or: node.children.map(booleanWhere) };
    case 'not':
      return { not: booleanWhere(node.child) };
  }
}

/** Words outside NOT, for BM25 ranking of the `where` matches. */
function positiveWords(node: QueryNode): string[] {
  switch (node.kind) {
    case 'term':
    case 'phrase':
      return [node.value];
    case 'and':
    case 'or':
      return node.children.flatMap(positiveWords);
    case 'not':
      return [];
  }
}

/** Any of the lookup rules, as one `where`; null when the profile has no usable key. */
function lookupWhere(profile: ProfileLookup): Where | null {
  const rules: Where[] = [];
  const linkedin = normalizeLinkedinUrl(profile.linkedinUrl);
  if (linkedin) rules.push({ linkedinUrl: { eq: linkedin } });
  const email = normalizeEmail(profile.email);
  if (email) rules.push({ emailKeys: { containsAny: [normalizeKey(email)] } });
  const key = (v: string | null | undefined): string | null => (v ? normalizeKey(v) || null : null);
  const name = key(profile.name);
  const company = key(profile.company);
  const title = key(profile.title);
  const either: Where[] = [];
  if (company) either.push({ companyKey: { eq: company } });
  if (title) either.push({ titleKey: { eq: title } });
  if (name && either.length > 0) rules.push({ and: [{ nameKey: { eq: name } }, { or: either }] });
  if (company && title)
    rules.push({ and: [{ companyKey: { eq: company } }, { titleKey: { eq: title } }] });
  return rules.length > 0 ? { or: rules } : null;
}
