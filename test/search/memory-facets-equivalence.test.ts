import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchDocument, benchReference } from '../../bench/search/documents';
import { keywordTerms } from '../../bench/search/query-terms';
import type { CandidateDocument } from '../../src/search/candidate-document';
import { PostgresSearchEngine } from '../../src/search/postgres/postgres-engine';
import { parseQuery } from '../../src/search/query/parse-query';
import {
  FACET_FIELDS,
  INSIGHT_DIMENSIONS,
  LAST_UPDATED_RANGES,
  YEARS_BUCKETS,
  type SearchFilter,
} from '../../src/search/search-types';
import { Rng } from '../../test/simulators/generator';
import { sharedDataSource } from '../helpers/database';

/**
 * The memory facet path gives exactly the SQL path's answers: random filter combinations
 * (application filters included, for the same-application rule), with and without query text,
 * over generated candidates, compared between an engine with memoryFacets 'always' and one
 * with 'never'.
 */
const TIERS = ['Gold', 'Silver', 'Bronze', 'Tin', 'Lead'];
const REGIONS = ['EMEA', 'APAC', 'AMER', 'LATAM', 'ANZ', 'MENA'];

describe('memory facets: same answers as SQL', () => {
  const organizationId = randomUUID();
  const seed = 'memory-equivalence';
  const reference = benchReference(seed);
  const now = new Date('2026-11-01T00:00:00Z');
  let source: DataSource;
  let memory: PostgresSearchEngine;
  let sql: PostgresSearchEngine;
  let documents: CandidateDocument[];

  beforeAll(async () => {
    source = await sharedDataSource();
    memory = new PostgresSearchEngine(source, { memoryFacets: 'always' });
    sql = new PostgresSearchEngine(source, { memoryFacets: 'never' });
    const connectionId = randomUUID();
    const fields = Rng.fromSeed(seed, 'custom-fields');
    documents = Array.from({ length: 1500 }, (_, i) => ({
      ...benchDocument(seed, i, reference, organizationId, connectionId),
      // Custom fields for the custom field facets: one value, several, or none.
      customFields: {
        ...(fields.chance(0.7) ? { tier: [fields.pick(TIERS)] } : {}),
        ...(fields.chance(0.5) ? { region: [fields.pick(REGIONS), fields.pick(REGIONS)] } : {}),
      },
    }));
    for (let i = 0; i < documents.length; i += 500) {
      await sql.index(documents.slice(i, i + 500));
    }
  });

  afterAll(async () => {
    await sql.remove(
      organizationId,
      documents.map((d) => d.id),
    );
    await source.destroy();
  });

  it('counts every facet, the total and insights identically', async () => {
    await compareRandomRequests(Rng.fromSeed(seed, 'requests'), 60, 0.3);
  });

  it('still does after updates, removals and re-additions (text matches found by doc number)', async () => {
    const rng = Rng.fromSeed(seed, 'mutations');
    const terms = keywordTerms(seed);
    // Updated: a searchable word added to 200 candidates' skills (a new version, same doc_no).
    const updated = documents.slice(0, 200).map((d) => ({
      ...d,
      skills: [...d.skills, rng.pick(terms)],
      lastUpdated: new Date(now.getTime() - rng.int(0, 400) * 86_400_000).toISOString(),
    }));
    await sql.index(updated);
    documents.splice(0, 200, ...updated);
    // Removed: 100 candidates; then 50 of them indexed again (a new doc_no each).
    const removed = documents.slice(300, 400);
    await sql.remove(
      organizationId,
      removed.map((d) => d.id),
    );
    await sql.index(removed.slice(0, 50));
    await compareRandomRequests(rng, 40, 1);
  });

  /** `count` random requests (a `textShare` of them with query text), memory against SQL. */
  async function compareRandomRequests(rng: Rng, count: number, textShare: number): Promise<void> {
    const terms = keywordTerms(seed);
    const some = <T>(values: readonly T[], max: number): T[] =>
      Array.from({ length: 1 + rng.int(0, max - 1) }, () => rng.pick(values));
    const valuesOf = (read: (d: CandidateDocument) => readonly (string | null)[]): string[] => [
      ...new Set(documents.flatMap((d) => read(d)).filter((v): v is string => !!v)),
    ];
    const stages = valuesOf((d) => d.applications.map((a) => a.stage));
    const jobs = valuesOf((d) => d.applications.map((a) => a.jobId));
    const reasons = valuesOf((d) => d.applications.map((a) => a.rejectionReason));
    const skills = valuesOf((d) => d.skills);
    const locations = valuesOf((d) => [d.location]);
    const sources = valuesOf((d) => [d.source]);
    const statuses = valuesOf((d) => d.applications.map((a) => a.status));

    for (let i = 0; i < count; i++) {
      const filter: SearchFilter = {};
      if (rng.chance(0.4)) filter.stages = some(stages, 2);
      if (rng.chance(0.3)) filter.jobIds = some(jobs, 3);
      if (rng.chance(0.2)) filter.rejectionReasons = some(reasons, 2);
      if (rng.chance(0.3)) filter.skills = some(skills, 3);
      if (rng.chance(0.2)) filter.locations = some(locations, 2);
      if (rng.chance(0.2)) filter.sources = some(sources, 2);
      if (rng.chance(0.2)) filter.lastUpdatedRanges = some(LAST_UPDATED_RANGES, 2);
      if (rng.chance(0.2)) filter.yearsOfExperienceBuckets = some(YEARS_BUCKETS, 2);
      if (rng.chance(0.1)) filter.yearsOfExperience = { min: rng.int(0, 8), max: rng.int(5, 25) };
      if (rng.chance(0.1)) filter.kinds = [rng.pick(['PROSPECT', 'APPLICANT'] as const)];
      if (rng.chance(0.3)) filter.statuses = some(statuses, 2);
      if (rng.chance(0.3)) {
        filter.customFields = [
          { key: 'tier', values: some(TIERS, 2) },
          ...(rng.chance(0.5) ? [{ key: 'region', values: some(REGIONS, 2) }] : []),
        ];
      }
      const query = rng.chance(textShare) ? parseQuery(rng.pick(terms)) : null;
      const request = {
        organizationId,
        query,
        filter,
        facets: [...FACET_FIELDS],
        customFieldFacets: ['tier', 'region', 'absent'],
        facetSize: rng.int(1, 12),
        sort: { field: 'LAST_UPDATED' as const, direction: 'DESC' as const },
        first: 5,
        after: null,
        now,
      };
      const [fromMemory, fromSql] = await Promise.all([
        memory.search(request),
        sql.search(request),
      ]);
      expect(fromMemory, JSON.stringify(request)).toEqual(fromSql);

      const insights = {
        organizationId,
        query,
        filter,
        dimensions: [...INSIGHT_DIMENSIONS],
        size: rng.int(1, 20),
        now,
      };
      const [insightsMemory, insightsSql] = await Promise.all([
        memory.insights(insights),
        sql.insights(insights),
      ]);
      expect(insightsMemory, JSON.stringify(insights)).toEqual(insightsSql);
    }
  }
});
