import type { DataSource, EntityManager } from 'typeorm';
import { isConnectionError, isDeadlock } from '../../database/connection-errors';
import type { CandidateDocument } from '../candidate-document';
import { highlightDocument } from '../highlight';
import {
  nameCompanyTitleConfidence,
  normalizeProfile,
  rankMatches,
  RULE_CONFIDENCE,
} from '../lookup-rules';
import {
  SearchEngineUnavailableError,
  type EngineReadiness,
  type SearchEngine,
} from '../search-engine';
import {
  LAST_UPDATED_RANGES,
  YEARS_BUCKETS,
  type FacetResult,
  type FacetValue,
  type InsightBreakdown,
  type InsightsRequest,
  type LookupMatch,
  type LookupRequest,
  type LookupRule,
  type SearchHit,
  type SearchRequest,
  type SearchResult,
} from '../search-types';
import { toRows, type DocumentRows, type LabelRow } from './document-rows';
import { mapInChunks } from '../../common/yield-to-loop';
import { filterValues } from '../document-values';
import type { ValueFilterKey } from './pg-columns';
import {
  INSERT_LABELS,
  labelKey,
  labelPrefix,
  labelsToWrite,
  RENAMABLE_PREFIXES,
} from './pg-labels';
import { buildLookupQueries } from './pg-lookup-queries';
import {
  buildCountQuery,
  buildFacetQuery,
  buildHitsQuery,
  buildInsightQuery,
  type FacetQuery,
  type InsightQuery,
} from './pg-query-builder';
import { MemoryFacets, TOMBSTONE_KEEP_MS } from './memory/memory-facets';
import {
  customFieldLabelGroups,
  otherValues,
  readCustomFieldFacet,
  withCustomFieldLabels,
  withSelected,
  type ValueCountRow,
} from './facet-rows';
import { buildCustomFieldFacetQuery } from './pg-custom-field-facets';
import type { MemoryInsight } from './memory/insight-counts';
import type { OrgIndex } from './memory/org-index';
import { answerInsights, answerSearch, slotsOf, type MemoryAnswer } from './memory/memory-search';
import { textConditions } from './pg-conditions';
import { SqlParams } from './sql-params';
import type { SqlQuery } from './sql-params';
import { buildTsquery } from './tsquery-builder';

export interface PostgresEngineOptions {
  /**
   * Facet counts (and the total) of searches, and insights, from an in-memory columnar index
   * (./memory) instead of GROUP BY queries; query text is matched by PostgreSQL (one id query)
   * and intersected. 'auto' (default): organizations within memoryMaxCandidates, SQL while an
   * organization's index loads in the background; 'always': any size, and requests wait for
   * the load; 'never': SQL only. Answers are identical.
   */
  memoryFacets?: 'auto' | 'always' | 'never';
  /** Candidates held in memory over all organizations ('auto'). */
  memoryMaxCandidates?: number;
  /** Clock of the memory index, for tests. */
  clock?: () => number;
  /** Tries per write transaction aborted for a deadlock (default 4; 1 shows every deadlock). */
  writeAttempts?: number;
  /** Candidates per group of statements within an index call (default 250). */
  writeChunkSize?: number;
}

const DEFAULT_MEMORY_MAX_CANDIDATES = 2_000_000;

/**
 * The embedded default engine: PostgreSQL full-text search and aggregation over the engine's
 * own tables. Query text is built by the pure builders beside this file; this class only runs
 * it. Facet and insight queries run concurrently on the pool.
 */
export class PostgresSearchEngine implements SearchEngine {
  readonly name = 'postgres' as const;
  /** Labels already stored, so re-indexing does not re-send the same (stage, skill, …) labels. */
  private readonly knownLabels = new Set<string>();

  private readonly memory: MemoryFacets | null;
  private readonly writeAttempts: number;
  private readonly writeChunkSize: number;

  constructor(
    private readonly dataSource: DataSource,
    options: PostgresEngineOptions = {},
  ) {
    this.writeAttempts = options.writeAttempts ?? DEFAULT_WRITE_ATTEMPTS;
    this.writeChunkSize = options.writeChunkSize ?? DEFAULT_WRITE_CHUNK_SIZE;
    const mode = options.memoryFacets ?? 'auto';
    this.memory =
      mode === 'never'
        ? null
        : new MemoryFacets(dataSource, {
            maxCandidates:
              mode === 'always'
                ? Number.POSITIVE_INFINITY
                : (options.memoryMaxCandidates ?? DEFAULT_MEMORY_MAX_CANDIDATES),
            waitForLoad: mode === 'always',
            ...(options.clock ? { now: options.clock } : {}),
          });
  }

  async init(): Promise<void> {
    // The tables come with the migrations; fail early if they are missing.
    await this.run({ text: 'SELECT 1 FROM search_candidates LIMIT 1', values: [] });
  }

  async index(documents: CandidateDocument[]): Promise<void> {
    if (documents.length === 0) return;
    // The last version of a candidate in the batch wins (one row can be upserted once per
    // statement). In key order, so the chunks below lock candidate rows in one order across the
    // whole transaction: every other row of a candidate is written under its candidate row.
    const latest = [...new Map(documents.map((d) => [d.id, d])).values()].sort((a, b) =>
      compareUuids(a.id, b.id),
    );
    const chunks = chunksOf(latest, this.writeChunkSize);
    const built: Promise<DocumentRows[]>[] = [];
    // Each chunk's rows are built once (a retried transaction reuses them), while the chunk
    // before it is being written: the JavaScript and PostgreSQL halves of indexing overlap.
    const rowsOf = (i: number): Promise<DocumentRows[]> => {
      let rows = built[i];
      if (!rows) {
        rows = mapInChunks(chunks[i] ?? [], toRows);
        rows.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
        built[i] = rows;
      }
      return rows;
    };
    void rowsOf(0); // while a connection is found
    let labels: LabelRow[] = [];
    await this.writeTransaction(async (tx) => {
      // An xid before the first nextval: the memory index's change mark relies on it.
      await tx.query(TAKE_XID);
      for (let i = 0; i < chunks.length; i++) {
        const rows = await rowsOf(i);
        if (i + 1 < chunks.length) void rowsOf(i + 1);
        await writeRows(tx, chunks[i] ?? [], rows);
      }
      const all = (await Promise.all(chunks.map((_, i) => rowsOf(i)))).flat();
      // Spellings never change once written, so this process skips the ones it wrote before;
      // a job's or recruiter's label is always sent (another process may have renamed it since).
      labels = [...labelsToWrite(all.flatMap((r) => r.labels)).values()].filter(
        (l) => RENAMABLE_PREFIXES.includes(l.prefix) || !this.knownLabels.has(labelKey(l)),
      );
      if (labels.length > 0)
        await tx.query(INSERT_LABELS, [JSON.stringify(labels), RENAMABLE_PREFIXES]);
    });
    if (this.knownLabels.size > MAX_KNOWN_LABELS) this.knownLabels.clear();
    for (const label of labels)
      if (!RENAMABLE_PREFIXES.includes(label.prefix)) this.knownLabels.add(labelKey(label));
  }

  async remove(organizationId: string, candidateIds: string[]): Promise<void> {
    if (candidateIds.length === 0) return;
    await this.removeWhere('candidate_id = ANY($2::uuid[])', [organizationId, candidateIds]);
  }

  async removeConnection(organizationId: string, connectionId: string): Promise<void> {
    await this.removeWhere('connection_id = $2::uuid', [organizationId, connectionId]);
  }

  /** Deletes candidates of the organization and leaves tombstones for other processes' memory indexes. */
  private async removeWhere(condition: string, values: unknown[]): Promise<void> {
    await this.writeTransaction(async (tx) => {
      await tx.query(TAKE_XID);
      await tx.query(
        `WITH gone AS (
  DELETE FROM search_candidates WHERE organization_id = $1::uuid AND ${condition}
  RETURNING organization_id, candidate_id
) INSERT INTO search_removed (organization_id, candidate_id) SELECT organization_id, candidate_id FROM gone`,
        values,
      );
      // No memory index still needs tombstones this old (see TOMBSTONE_KEEP_MS).
      await tx.query(
        `DELETE FROM search_removed WHERE removed_at < now() - ${TOMBSTONE_KEEP_MS / 1000} * interval '1 second'`,
      );
    });
  }

  /**
   * A write transaction, run again when PostgreSQL aborted it for a deadlock: index calls lock
   * in key order, but a delete (which locks in table order) can still cross one.
   */
  private async writeTransaction(work: (tx: EntityManager) => Promise<void>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.guard(() => this.dataSource.transaction(work));
      } catch (error) {
        if (attempt >= this.writeAttempts || !isDeadlock(error)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 10 + Math.random() * 40 * attempt));
      }
    }
  }

  async count(organizationId: string): Promise<number> {
    const rows = await this.run<{ n: number }>({
      text: 'SELECT count(*)::int AS n FROM search_candidates WHERE organization_id = $1::uuid',
      values: [organizationId],
    });
    return rows[0]?.n ?? 0;
  }

  async search(request: SearchRequest): Promise<SearchResult> {
    const tsquery = buildTsquery(request.query);
    // Two independent chains, so neither waits on the other's second round trip:
    // hits -> their documents (highlights), and total + facets -> the facets' labels.
    const [page, counted] = await Promise.all([
      this.run<HitRow>(buildHitsQuery(request, tsquery)).then(async (rows) => ({
        rows,
        documents: await this.documents(rows.slice(0, request.first).map((h) => h.id)),
      })),
      this.countAndFacets(request, tsquery).then(async (answer) => {
        const present = answer.facets.filter(
          (f): f is FacetResult & { filterKey: ValueFilterKey | null } => f !== null,
        );
        const custom = answer.customFieldFacets.filter((f) => f !== null);
        const labelled = await this.label(request.organizationId, [
          ...present.map((f) => ({ prefix: labelPrefix(f.filterKey), values: f.values })),
          ...customFieldLabelGroups(custom),
        ]);
        return {
          totalCount: answer.totalCount,
          facets: present.map((f, i) => ({
            field: f.field,
            values: labelled[i] ?? f.values,
            otherValueCount: f.otherValueCount,
          })),
          customFieldFacets: withCustomFieldLabels(custom, labelled.slice(present.length)),
        };
      }),
    ]);
    const hits: SearchHit[] = page.rows.slice(0, request.first).map((row) => {
      const document = page.documents.get(row.id);
      const sortValue =
        row.sort_value instanceof Date ? row.sort_value.toISOString() : row.sort_value;
      return {
        id: row.id,
        score:
          request.sort.field === 'RELEVANCE' && typeof sortValue === 'number' ? sortValue : null,
        sortValue,
        highlights: document ? highlightDocument(document, request.query) : [],
      };
    });
    return {
      totalCount: counted.totalCount,
      hits,
      hasNextPage: page.rows.length > request.first,
      facets: counted.facets,
      customFieldFacets: counted.customFieldFacets,
    };
  }

  async insights(request: InsightsRequest): Promise<InsightBreakdown[]> {
    const tsquery = buildTsquery(request.query);
    const input = {
      organizationId: request.organizationId,
      tsquery,
      filter: request.filter,
      now: request.now,
      size: request.size,
    };
    const memory = await this.fromMemory(request.organizationId, tsquery, (index, within) =>
      answerInsights(index, request, within),
    );
    const results =
      memory?.map(fromMemoryInsight) ??
      (await Promise.all(
        request.dimensions.map((dimension) => this.insight(buildInsightQuery(input, dimension))),
      ));
    const labelled = await this.label(
      request.organizationId,
      results.map((r) => ({
        prefix: labelPrefix(r.filterKey),
        values: r.buckets,
      })),
    );
    return results.map((r, i) => ({ ...r.breakdown, buckets: labelled[i] ?? r.buckets }));
  }

  async lookup(request: LookupRequest): Promise<LookupMatch[][]> {
    const profiles = request.profiles.map(normalizeProfile);
    const perProfile: LookupMatch[][] = profiles.map(() => []);
    const queries = buildLookupQueries(request.organizationId, profiles);
    const results = await Promise.all(
      queries.map((q) =>
        this.run<{
          profile: number;
          id: string;
          rule: LookupRule;
          name: boolean;
          company: boolean;
          title: boolean;
        }>(q),
      ),
    );
    for (const row of results.flat()) {
      const confidence =
        row.rule === 'NAME_COMPANY_TITLE'
          ? nameCompanyTitleConfidence(row.name, row.company, row.title)
          : RULE_CONFIDENCE[row.rule];
      if (confidence !== null)
        perProfile[row.profile]?.push({ candidateId: row.id, rule: row.rule, confidence });
    }
    return perProfile.map(rankMatches);
  }

  /**
   * Loads (or catches up) an organization's memory facet index now rather than on first use,
   * and reports the heap the indexes hold. Null when the memory path is off or declines it.
   */
  async warmFacets(organizationId: string): Promise<{ candidates: number; bytes: number } | null> {
    const memory = this.memory;
    if (!memory) return null;
    const index = await this.guard(() => memory.index(organizationId, true));
    return index ? memory.stats() : null;
  }

  ready(): Promise<EngineReadiness> {
    // Its storage is the application's database, which /readyz checks on its own.
    return Promise.resolve({ ok: true });
  }

  close(): Promise<void> {
    // The DataSource belongs to the app; nothing of our own to release.
    return Promise.resolve();
  }

  /** The total and the facets: from the memory index when it can answer exactly, else SQL. */
  private async countAndFacets(
    request: SearchRequest,
    tsquery: string | null,
  ): Promise<MemoryAnswer> {
    // With query text but no facets, the count query alone is cheaper than fetching the matches.
    const customKeys = request.customFieldFacets ?? [];
    const memory =
      tsquery === null || request.facets.length > 0 || customKeys.length > 0
        ? await this.fromMemory(request.organizationId, tsquery, (index, within) =>
            answerSearch(index, request, within),
          )
        : null;
    if (memory) return memory;
    const [countRows, facets, customFieldFacets] = await Promise.all([
      this.run<{ total: number }>(buildCountQuery(request, tsquery)),
      Promise.all(
        request.facets.map((facet) =>
          this.facet(buildFacetQuery(request, tsquery, facet), request),
        ),
      ),
      Promise.all(
        customKeys.map(async (key) =>
          readCustomFieldFacet(
            key,
            await this.run<ValueCountRow>(buildCustomFieldFacetQuery(request, tsquery, key)),
            request.filter,
          ),
        ),
      ),
    ]);
    return { totalCount: countRows[0]?.total ?? 0, facets, customFieldFacets };
  }

  /**
   * Runs `answer` on the organization's memory index, caught up to now, with the slots matching
   * the query text (one id query, run alongside the catch-up) when there is text. Null when the
   * memory path is off, the organization is left to SQL, or `answer` declines.
   */
  private async fromMemory<T>(
    organizationId: string,
    tsquery: string | null,
    answer: (index: OrgIndex, within: Uint8Array | null) => T | null,
  ): Promise<T | null> {
    const memory = this.memory;
    if (!memory?.mayServe(organizationId)) return null;
    const [index, ids] = await Promise.all([
      this.guard(() => memory.index(organizationId)),
      tsquery === null ? null : this.textMatches(organizationId, tsquery),
    ]);
    if (!index) return null;
    return answer(index, ids === null ? null : slotsOf(index, ids));
  }

  /**
   * The doc numbers of the organization's candidates matching the query text, 4 bytes each in
   * one bytea (no per-row text to build or parse).
   */
  private async textMatches(organizationId: string, tsquery: string): Promise<Int32Array> {
    const p = new SqlParams();
    const conditions = textConditions(p, organizationId, tsquery);
    const rows = await this.run<{ docs: Buffer | null }>({
      text: `SELECT string_agg(int4send(t.doc_no), ''::bytea) AS docs FROM search_text t WHERE ${conditions.join(' AND ')}`,
      values: p.values,
    });
    return bigEndianInt32s(rows[0]?.docs ?? null);
  }

  private async facet(
    query: FacetQuery,
    request: SearchRequest,
  ): Promise<(FacetResult & { filterKey: ValueFilterKey | null }) | null> {
    if (query.kind === 'ranges') {
      const row = (await this.run<Record<string, number>>(query.query))[0] ?? {};
      const order: readonly string[] =
        query.facet === 'LAST_UPDATED' ? LAST_UPDATED_RANGES : YEARS_BUCKETS;
      const selected = new Set<string>(
        query.facet === 'LAST_UPDATED'
          ? (request.filter.lastUpdatedRanges ?? [])
          : (request.filter.yearsOfExperienceBuckets ?? []),
      );
      const values = order
        .filter((key) => (row[key] ?? 0) > 0 || selected.has(key))
        .map((key) => ({ value: key, label: key, count: row[key] ?? 0 }));
      return values.length > 0
        ? { field: query.facet, filterKey: null, values, otherValueCount: 0 }
        : null;
    }
    const rows = await this.run<ValueCountRow>(query.query);
    const values = withSelected(rows, filterValues(request.filter, query.filterKey) ?? []);
    return values.length > 0
      ? {
          field: query.facet,
          filterKey: query.filterKey,
          values,
          otherValueCount: otherValues(rows),
        }
      : null;
  }

  private async insight(query: InsightQuery): Promise<{
    dimension: InsightQuery['dimension'];
    filterKey: ValueFilterKey | null;
    buckets: FacetValue[];
    breakdown: InsightBreakdown;
  }> {
    if (query.kind === 'ranges') {
      const row = (await this.run<Record<string, number>>(query.query))[0] ?? {};
      const buckets = YEARS_BUCKETS.filter((b) => (row[b] ?? 0) > 0).map((b) => ({
        value: b,
        label: b,
        count: row[b] ?? 0,
      }));
      return {
        dimension: query.dimension,
        filterKey: null,
        buckets,
        breakdown: {
          dimension: query.dimension,
          buckets,
          otherCount: 0,
          missingCount: row['__missing'] ?? 0,
        },
      };
    }
    const row = (
      await this.run<{
        buckets: { value: string; count: number }[];
        missing: number;
        other: number;
      }>(query.query)
    )[0];
    const buckets = (row?.buckets ?? []).map((b) => ({
      value: b.value,
      label: b.value,
      count: b.count,
    }));
    return {
      dimension: query.dimension,
      filterKey: query.filterKey,
      buckets,
      breakdown: {
        dimension: query.dimension,
        buckets,
        otherCount: row?.other ?? 0,
        missingCount: row?.missing ?? 0,
      },
    };
  }

  /** Replaces values by their display labels (job titles, recruiter names, original spelling). */
  private async label(
    organizationId: string,
    groups: { prefix: string | null; values: FacetValue[] }[],
  ): Promise<FacetValue[][]> {
    const prefixes: string[] = [];
    const values: string[] = [];
    for (const group of groups) {
      if (!group.prefix) continue;
      for (const v of group.values) {
        prefixes.push(group.prefix);
        values.push(v.value);
      }
    }
    if (values.length === 0) return groups.map((g) => g.values);
    const rows = await this.run<{ prefix: string; value: string; label: string }>({
      text: `SELECT l.prefix, l.value, l.label FROM search_labels l
JOIN unnest($2::text[], $3::text[]) AS k(prefix, value) ON l.prefix = k.prefix AND l.value = k.value
WHERE l.organization_id = $1::uuid`,
      values: [organizationId, prefixes, values],
    });
    const labels = new Map(rows.map((r) => [`${r.prefix}\u001f${r.value}`, r.label]));
    return groups.map((group) =>
      group.values.map((v) => ({
        ...v,
        label: (group.prefix && labels.get(`${group.prefix}\u001f${v.value}`)) || v.label,
      })),
    );
  }

  private async documents(ids: string[]): Promise<Map<string, CandidateDocument>> {
    if (ids.length === 0) return new Map();
    const rows = await this.run<{ candidate_id: string; document: CandidateDocument }>({
      text: 'SELECT candidate_id, document FROM search_documents WHERE candidate_id = ANY($1::uuid[])',
      values: [ids],
    });
    return new Map(rows.map((r) => [r.candidate_id, r.document]));
  }

  private run<T>(query: SqlQuery): Promise<T[]> {
    return this.guard(() => this.dataSource.query<T[]>(query.text, query.values));
  }

  /** A database that cannot be reached is UPSTREAM_UNAVAILABLE to callers, not a crash. */
  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isConnectionError(error))
        throw new SearchEngineUnavailableError('the search database is unreachable', {
          cause: error,
        });
      throw error;
    }
  }
}

const MAX_KNOWN_LABELS = 200_000;
const DEFAULT_WRITE_ATTEMPTS = 4;
const DEFAULT_WRITE_CHUNK_SIZE = 250;

/** int4send's big-endian 4-byte integers, back as numbers. */
function bigEndianInt32s(bytes: Buffer | null): Int32Array {
  if (!bytes) return new Int32Array(0);
  const values = new Int32Array(bytes.length >>> 2);
  for (let i = 0; i < values.length; i++) values[i] = bytes.readInt32BE(i * 4);
  return values;
}

/** A row of the hits query. */
interface HitRow {
  id: string;
  sort_value: number | string | Date;
}

/** A memory insight in the shape insight() gives. */
function fromMemoryInsight(m: MemoryInsight): {
  dimension: InsightQuery['dimension'];
  filterKey: ValueFilterKey | null;
  buckets: FacetValue[];
  breakdown: InsightBreakdown;
} {
  return {
    dimension: m.dimension,
    filterKey: m.filterKey,
    buckets: m.buckets,
    breakdown: {
      dimension: m.dimension,
      buckets: m.buckets,
      otherCount: m.otherCount,
      missingCount: m.missingCount,
    },
  };
}

const CANDIDATE_COLUMNS = `candidate_id uuid, organization_id uuid, connection_id uuid, kind varchar, name_key text,
  last_updated timestamptz, source text, recruiter_id text, location text, company text, title text, industry text,
  company_size text, stages text[], statuses text[], job_ids text[], rejection_reasons text[], past_companies text[], past_titles text[],
  skills text[], schools text[], degrees text[], majors text[], certifications text[], languages text[], tags text[],
  years_experience real, years_in_role real, emails text[], linkedin_url text, github_url text, filter_keys text[]`;
const CANDIDATE_FIELDS = CANDIDATE_COLUMNS.split(',').map((c) => {
  const [name = '', type = ''] = c.trim().split(/\s+/);
  return { name, type };
});
const CANDIDATE_NAMES = CANDIDATE_FIELDS.map((f) => f.name);

/** Assigns the transaction its xid now (see memory/change-mark.ts). */
const TAKE_XID = 'SELECT pg_current_xact_id()';

// Every upsert below takes its rows in key order: concurrent index calls then lock shared rows
// (a job's label, a candidate in two batches) in one order, never in a cycle (a deadlock).

// Every insert and update takes a new change_seq, so memory indexes see the change.
const UPSERT_CANDIDATES = `INSERT INTO search_candidates (${CANDIDATE_NAMES.join(', ')}, change_seq)
SELECT ${CANDIDATE_FIELDS.map((f) => (f.type === 'text[]' ? `coalesce(${f.name}, '{}')` : f.name)).join(', ')}, nextval('search_change_seq')
FROM jsonb_to_recordset($1::jsonb) AS x(${CANDIDATE_COLUMNS})
ORDER BY candidate_id
ON CONFLICT (candidate_id) DO UPDATE SET ${[
  ...CANDIDATE_NAMES.filter((c) => c !== 'candidate_id'),
  'change_seq',
]
  .map((c) => `${c} = excluded.${c}`)
  .join(', ')}`;

// After UPSERT_CANDIDATES in the same transaction: the candidate row holds the doc_no to copy.
const UPSERT_TEXT = `INSERT INTO search_text (candidate_id, organization_id, doc_no, rank_tsv, tsv)
SELECT x.candidate_id, x.organization_id, c.doc_no, x.rank_tsv, x.tsv
FROM jsonb_to_recordset($1::jsonb) AS x(candidate_id uuid, organization_id uuid, rank_tsv tsvector, tsv tsvector)
JOIN search_candidates c ON c.candidate_id = x.candidate_id
ORDER BY x.candidate_id
ON CONFLICT (candidate_id) DO UPDATE SET organization_id = excluded.organization_id, doc_no = excluded.doc_no, rank_tsv = excluded.rank_tsv, tsv = excluded.tsv`;

const INSERT_APPLICATIONS = `INSERT INTO search_applications (candidate_id, application_id, organization_id, job_id, stage, status, rejection_reason)
SELECT candidate_id, application_id, organization_id, job_id, stage, status, rejection_reason
FROM jsonb_to_recordset($1::jsonb) AS x(candidate_id uuid, application_id text, organization_id uuid, job_id text, stage text, status text, rejection_reason text)
ORDER BY candidate_id, application_id
ON CONFLICT (candidate_id, application_id) DO UPDATE SET job_id = excluded.job_id, stage = excluded.stage, status = excluded.status, rejection_reason = excluded.rejection_reason`;

const UPSERT_DOCUMENTS = `INSERT INTO search_documents (candidate_id, organization_id, document)
SELECT candidate_id, organization_id, document FROM jsonb_to_recordset($1::jsonb) AS x(candidate_id uuid, organization_id uuid, document jsonb)
ORDER BY candidate_id
ON CONFLICT (candidate_id) DO UPDATE SET document = excluded.document`;

/** One chunk's rows, in the transaction of an index call; its candidate rows first. */
async function writeRows(
  tx: EntityManager,
  documents: readonly CandidateDocument[],
  rows: readonly DocumentRows[],
): Promise<void> {
  const applications = rows.flatMap((r) => r.applications);
  await tx.query(UPSERT_CANDIDATES, [JSON.stringify(rows.map((r) => r.candidate))]);
  await tx.query(UPSERT_TEXT, [JSON.stringify(rows.map((r) => r.text))]);
  await tx.query('DELETE FROM search_applications WHERE candidate_id = ANY($1::uuid[])', [
    documents.map((d) => d.id),
  ]);
  if (applications.length > 0) await tx.query(INSERT_APPLICATIONS, [JSON.stringify(applications)]);
  await tx.query(UPSERT_DOCUMENTS, [
    JSON.stringify(
      documents.map((d) => ({
        candidate_id: d.id,
        organization_id: d.organizationId,
        document: d,
      })),
    ),
  ]);
}

function chunksOf<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let at = 0; at < items.length; at += size) chunks.push(items.slice(at, at + size));
  return chunks;
}

/** PostgreSQL's uuid order (bytewise), which is the order of the lower-case text. */
function compareUuids(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}
