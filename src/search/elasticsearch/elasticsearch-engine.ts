import { Client, type estypes } from '@elastic/elasticsearch';
import type { CandidateDocument } from '../candidate-document';
import { normalizeProfile, rankMatches } from '../lookup-rules';
import type { EngineReadiness, IndexOptions, SearchEngine } from '../search-engine';
import type {
  FacetField,
  FacetResult,
  FacetValue,
  InsightBreakdown,
  InsightsRequest,
  LookupMatch,
  LookupRequest,
  SearchHit,
  SearchRequest,
  SearchResult,
} from '../search-types';
import { docCount, sub } from './es-aggregates';
import { CUSTOM_FIELD_NAMES, customFieldValueLabels, RENAMABLE_LABELS } from '../document-values';
import { readCustomFieldFacet } from './es-custom-field-facets';
import { sendBulk, type BulkEntry } from './es-bulk';
import { labelId, toEsDocument, type EsLabel } from './es-document';
import { guard, itemError } from './es-errors';
import { highlightHit } from './es-highlight';
import { FIELDS } from './es-fields';
import { readFacet } from './es-facets';
import { ensureIndices, type MigrationOptions } from './es-indices';
import { readInsight } from './es-insights';
import { readLookupHit } from './es-lookup-queries';
import { indexNames, type IndexNames } from './es-mapping';
import {
  buildInsightsOtherRequest,
  buildInsightsRequest,
  buildLookupRequest,
  buildSearchRequest,
  connectionQuery,
  organizationQuery,
  type SearchBody,
} from './es-query-builder';

export interface ElasticsearchEngineOptions {
  /** Cluster URL, e.g. `http://localhost:9200`. */
  node: string;
  /** Prefix of the index and alias names (`<prefix>-candidates`, `<prefix>-labels`). */
  indexPrefix: string;
  /** A client to use instead of one made from `node`; the caller keeps closing it. */
  client?: Client;
  /** Per request, before the node counts as unreachable (ms; default 10 s). */
  requestTimeoutMs?: number;
  /** Retries of a request that found no node or timed out (default 1). */
  maxRetries?: number;
  /** How init() copies documents into a new mapping version. */
  migration?: MigrationOptions;
}

/** Ids per multi-get and per page of a connection's candidates when removing. */
const REMOVE_BATCH = 1_000;
/** Label ids remembered as stored; past this the memory starts over (a bound, not a cache policy). */
const MAX_KNOWN_LABELS = 200_000;

/** A hit's `_source`: only the fields its highlights need (es-highlight.ts). */
interface HitSource {
  document?: Partial<CandidateDocument>;
}

/**
 * The production engine: Elasticsearch, read and written through the `<prefix>-candidates`
 * alias, each organization routed to one shard. Request bodies come from the pure builders
 * beside this file; this class only sends them and reads the answers.
 */
export class ElasticsearchSearchEngine implements SearchEngine {
  readonly name = 'elasticsearch' as const;
  private readonly client: Client;
  private readonly ownsClient: boolean;
  private readonly names: IndexNames;
  private readonly migration: MigrationOptions;
  /**
   * Labels this process already stored that are never replaced (skills, stages, …): a bulk load
   * would otherwise send every batch's labels again, each one answered by a 409.
   */
  private readonly knownLabels = new Set<string>();

  constructor(options: ElasticsearchEngineOptions) {
    // The client's default (3 retries with backoff) keeps an unreachable node from answering for
    // ~9 s; one retry rides over a dropped keep-alive connection and fails fast otherwise.
    this.client =
      options.client ??
      new Client({
        node: options.node,
        requestTimeout: options.requestTimeoutMs ?? 10_000,
        maxRetries: options.maxRetries ?? 1,
      });
    this.ownsClient = !options.client;
    this.names = indexNames(options.indexPrefix);
    this.migration = options.migration ?? {};
  }

  init(): Promise<void> {
    return guard(() => ensureIndices(this.client, this.names, this.migration));
  }

  async index(documents: CandidateDocument[], options: IndexOptions = {}): Promise<void> {
    if (documents.length === 0) return;
    // The last version of a candidate in the batch wins.
    const latest = [...new Map(documents.map((d) => [d.id, d])).values()];
    const parts = latest.map(toEsDocument);
    const candidates: BulkEntry[] = parts.map(({ source }) => ({
      action: {
        index: {
          _index: this.names.alias,
          _id: source.candidateId,
          routing: source.organizationId,
        },
      },
      document: source,
    }));
    // A spelling's label is created, never replaced (the first stays); a job's or recruiter's
    // is replaced, so a rename shows (RENAMABLE_LABELS, as in postgres).
    const labels = new Map<string, BulkEntry>();
    for (const label of parts.flatMap((p) => p.labels)) {
      const id = labelId(label.organizationId, label.facet, label.value);
      const renamable = isRenamableGroup(label.facet);
      if ((labels.has(id) || this.knownLabels.has(id)) && !renamable) continue;
      labels.set(id, {
        action: renamable
          ? { index: { _index: this.names.labels, _id: id } }
          : { create: { _index: this.names.labels, _id: id } },
        document: label,
        ...(renamable ? {} : { mayExist: true }),
      });
    }
    // wait_for: a search right after index() sees the documents (a webhook's change is
    // searchable when its job ends, within the index's 1 s refresh interval). A bulk load does
    // not wait per call: its documents show at the next periodic refresh. Labels are read with
    // mget, which is real-time, so they need no refresh.
    await guard(() => sendBulk(this.client, candidates, options.bulk ? false : 'wait_for'));
    await guard(() => sendBulk(this.client, [...labels.values()], false));
    if (this.knownLabels.size > MAX_KNOWN_LABELS) this.knownLabels.clear();
    for (const [id, entry] of labels) if (entry.mayExist) this.knownLabels.add(id);
  }

  /**
   * Deletes by id, not with `_delete_by_query` (a module the minimal distribution lacks, and a
   * scroll plus a task where a real-time multi-get plus one bulk suffices). The multi-get keeps
   * another organization's candidates out: an id is deleted only when its document belongs to
   * the asking organization.
   */
  async remove(organizationId: string, candidateIds: string[]): Promise<void> {
    const ids = [...new Set(candidateIds)];
    const owned: string[] = [];
    for (let i = 0; i < ids.length; i += REMOVE_BATCH) {
      const docs = ids
        .slice(i, i + REMOVE_BATCH)
        .map((id) => ({ _id: id, routing: organizationId, _source: [FIELDS.organizationId] }));
      const response = await guard(() =>
        this.client.mget<{ organizationId?: string }>({ index: this.names.alias, docs }),
      );
      for (const doc of response.docs) {
        if ('found' in doc && doc.found && doc._source?.organizationId === organizationId) {
          owned.push(doc._id);
        }
      }
    }
    await this.deleteIds(organizationId, owned);
  }

  /**
   * Finds the connection's candidates page by page (search_after on the id, after a refresh so
   * documents indexed a moment ago are seen) and deletes them by id.
   */
  async removeConnection(organizationId: string, connectionId: string): Promise<void> {
    await guard(() => this.client.indices.refresh({ index: this.names.alias }));
    const ids: string[] = [];
    let after: estypes.SortResults | undefined;
    for (;;) {
      const page = await this.run({
        routing: organizationId,
        size: REMOVE_BATCH,
        _source: false,
        track_total_hits: false,
        query: connectionQuery(organizationId, connectionId),
        sort: [{ [FIELDS.candidateId]: { order: 'asc' } }],
        ...(after ? { search_after: after } : {}),
      });
      const hits = page.hits.hits;
      for (const hit of hits) if (hit._id) ids.push(hit._id);
      after = hits.at(-1)?.sort;
      if (hits.length < REMOVE_BATCH || !after) break;
    }
    await this.deleteIds(organizationId, ids);
  }

  /** Deletes documents of one organization by id; a refresh makes the removal visible at once. */
  private async deleteIds(organizationId: string, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const entries: BulkEntry[] = ids.map((id) => ({
      action: { delete: { _index: this.names.alias, _id: id, routing: organizationId } },
    }));
    await guard(() => sendBulk(this.client, entries, true));
  }

  async count(organizationId: string): Promise<number> {
    const response = await guard(() =>
      this.client.count({
        index: this.names.alias,
        routing: organizationId,
        query: organizationQuery(organizationId),
      }),
    );
    return response.count;
  }

  async search(request: SearchRequest): Promise<SearchResult> {
    const plan = buildSearchRequest(request);
    const response = await this.run<HitSource>(plan.body);
    const hits: SearchHit[] = response.hits.hits.slice(0, request.first).map((hit) => {
      const sortValue = sortValueOf(hit.sort?.[0]);
      return {
        id: hit._id ?? '',
        score: plan.scored && typeof sortValue === 'number' ? sortValue : null,
        sortValue,
        highlights: highlightHit(hit._source?.document, request.query),
      };
    });
    const total = response.hits.total;
    const drafts = plan.facets.map((p) =>
      readFacet(p, sub(response.aggregations, p.facet), request.facetSize),
    );
    const present = drafts.filter((d) => d !== null);
    const custom = plan.customFieldFacets.flatMap((p) => {
      const draft = readCustomFieldFacet(
        p,
        sub(response.aggregations, p.aggregation),
        request.facetSize,
      );
      return draft ? [draft] : [];
    });
    const labelled = await this.label(request.organizationId, [
      ...present,
      ...custom.map((d) => ({ labels: customFieldValueLabels(d.key), values: d.values })),
      {
        labels: CUSTOM_FIELD_NAMES,
        values: custom.map((d) => ({ value: d.key, label: d.key, count: 0 })),
      },
    ]);
    const names = labelled[present.length + custom.length] ?? [];
    const customFieldFacets = custom.map((d, i) => ({
      ...d,
      label: names[i]?.label ?? d.key,
      values: labelled[present.length + i] ?? d.values,
    }));
    const byField = new Map(
      present.map((d, i): [FacetField, FacetResult] => [
        d.field,
        { field: d.field, values: labelled[i] ?? d.values, otherValueCount: d.otherValueCount },
      ]),
    );
    const facets: FacetResult[] = request.facets.flatMap((field) => {
      const facet = byField.get(field);
      return facet ? [facet] : [];
    });
    return {
      totalCount: typeof total === 'number' ? total : (total?.value ?? 0),
      hits,
      hasNextPage: response.hits.hits.length > request.first,
      facets,
      customFieldFacets,
    };
  }

  async insights(request: InsightsRequest): Promise<InsightBreakdown[]> {
    const plan = buildInsightsRequest(request);
    const response = await this.run(plan.body);
    const drafts = plan.dimensions.map((p) => readInsight(p, response.aggregations));
    const otherBody = buildInsightsOtherRequest(request, drafts);
    if (otherBody) {
      const other = await this.run(otherBody);
      for (const draft of drafts) {
        if (draft.other) {
          draft.breakdown.otherCount = docCount(sub(other.aggregations, draft.breakdown.dimension));
        }
      }
    }
    const labelled = await this.label(
      request.organizationId,
      drafts.map((d) => ({ labels: d.labels, values: d.breakdown.buckets })),
    );
    return drafts.map((d, i) => ({ ...d.breakdown, buckets: labelled[i] ?? d.breakdown.buckets }));
  }

  async lookup(request: LookupRequest): Promise<LookupMatch[][]> {
    const plan = buildLookupRequest(request.organizationId, request.profiles.map(normalizeProfile));
    const perProfile: LookupMatch[][] = request.profiles.map(() => []);
    if (plan.searches.length === 0) return perProfile;
    const response = await guard(() =>
      this.client.msearch({ index: this.names.alias, searches: plan.searches }),
    );
    for (const [i, item] of response.responses.entries()) {
      if ('error' in item) throw itemError('lookup', item.status, item.error);
      const matches = perProfile[plan.profiles[i] ?? -1];
      for (const hit of item.hits.hits) {
        const names = Array.isArray(hit.matched_queries)
          ? hit.matched_queries
          : Object.keys(hit.matched_queries ?? {});
        matches?.push(...readLookupHit(hit._id ?? '', names));
      }
    }
    return perProfile.map(rankMatches);
  }

  async ready(): Promise<EngineReadiness> {
    try {
      const health = await this.client.cluster.health({ timeout: '2s' }, { requestTimeout: 3_000 });
      return health.status === 'red'
        ? { ok: false, reason: 'the Elasticsearch cluster is red' }
        : { ok: true };
    } catch {
      return { ok: false, reason: 'the Elasticsearch cluster is unreachable' };
    }
  }

  async close(): Promise<void> {
    if (this.ownsClient) await this.client.close();
  }

  private run<T = unknown>(body: SearchBody) {
    return guard(() =>
      this.client.search<T, Record<string, unknown>>({ index: this.names.alias, ...body }),
    );
  }

  /** Replaces values by their display labels (job titles, recruiter names, original spelling). */
  private async label(
    organizationId: string,
    groups: { labels: string | null; values: FacetValue[] }[],
  ): Promise<FacetValue[][]> {
    const ids = new Set<string>();
    for (const group of groups) {
      const facet = group.labels;
      if (facet) for (const v of group.values) ids.add(labelId(organizationId, facet, v.value));
    }
    if (ids.size === 0) return groups.map((g) => g.values);
    const response = await guard(() =>
      this.client.mget<EsLabel>({ index: this.names.labels, ids: [...ids] }),
    );
    const found = new Map<string, string>();
    for (const doc of response.docs) {
      if ('found' in doc && doc.found && doc._source?.organizationId === organizationId) {
        found.set(doc._id, doc._source.label);
      }
    }
    return groups.map((group) => {
      const facet = group.labels;
      if (!facet) return group.values;
      return group.values.map((v) => ({
        ...v,
        label: found.get(labelId(organizationId, facet, v.value)) || v.label,
      }));
    });
  }
}

/** Label groups whose label follows the latest document (job titles, names), not the first. */
function isRenamableGroup(group: string): boolean {
  return group === CUSTOM_FIELD_NAMES || (RENAMABLE_LABELS as ReadonlySet<string>).has(group);
}

function sortValueOf(value: unknown): number | string | null {
  return typeof value === 'number' || typeof value === 'string' ? value : null;
}
