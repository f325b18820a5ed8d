import { describe, expect, it } from 'vitest';
import { VALUE_FILTER_KEYS } from '../../document-values';
import type { FacetField, SearchFilter, SearchRequest } from '../../search-types';
import { answerInsights, answerSearch } from './memory-search';
import { OrgIndex, type MemoryRow } from './org-index';

const NOW = new Date('2026-01-01T00:00:00Z');
const DAY = 86_400_000;

/** A small seeded PRNG (mulberry32), so a failure replays. */
function prng(seed: number): { int(n: number): number; chance(p: number): boolean } {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { int: (n) => Math.floor(next() * n), chance: (p) => next() < p };
}

const STAGES = ['applied', 'screen', 'onsite', 'offer', 'hired'];
const STATUSES = ['ACTIVE', 'REJECTED', 'HIRED'];

function randomRow(rng: ReturnType<typeof prng>, id: string, seq: number): MemoryRow {
  const applications = Array.from({ length: rng.int(3) }, () => ({
    jobId: `job${rng.int(6)}`,
    stage: STAGES[rng.int(STAGES.length)] ?? null,
    status: STATUSES[rng.int(STATUSES.length)] ?? null,
    rejectionReason: rng.chance(0.3) ? `reason${rng.int(3)}` : null,
  }));
  const values = Object.fromEntries(VALUE_FILTER_KEYS.map((k) => [k, null])) as MemoryRow['values'];
  values.skills = Array.from({ length: 1 + rng.int(4) }, () => `skill${rng.int(40)}`);
  values.locations = rng.chance(0.9) ? `city${rng.int(30)}` : null;
  values.sources = `source${rng.int(8)}`;
  values.stages = applications.map((a) => a.stage);
  values.statuses = applications.map((a) => a.status);
  values.jobIds = applications.map((a) => a.jobId);
  values.rejectionReasons = applications.map((a) => a.rejectionReason);
  return {
    id,
    docNo: Number(id.slice(1)),
    seq,
    kind: rng.chance(0.8) ? 'APPLICANT' : 'PROSPECT',
    updated: NOW.getTime() - rng.int(500) * DAY,
    yearsExperience: rng.chance(0.8) ? rng.int(25) : null,
    yearsInRole: null,
    values,
    customFields: [],
    applications,
  };
}

function randomFilter(rng: ReturnType<typeof prng>): SearchFilter {
  const some = (prefix: string, n: number, max: number): string[] =>
    Array.from({ length: 1 + rng.int(max) }, () => `${prefix}${rng.int(n)}`);
  const filter: SearchFilter = {};
  if (rng.chance(0.6)) filter.skills = some('skill', 40, 3);
  if (rng.chance(0.5)) filter.locations = some('city', 30, 2);
  if (rng.chance(0.3)) filter.sources = some('source', 8, 2);
  if (rng.chance(0.4)) filter.stages = [STAGES[rng.int(STAGES.length)] ?? 'applied'];
  if (rng.chance(0.3)) filter.jobIds = some('job', 6, 2);
  if (rng.chance(0.3)) filter.statuses = [STATUSES[rng.int(STATUSES.length)] ?? 'ACTIVE'];
  if (rng.chance(0.2)) filter.rejectionReasons = some('reason', 3, 1);
  if (rng.chance(0.2)) filter.lastUpdatedRanges = ['LAST_90_DAYS'];
  if (rng.chance(0.2)) filter.yearsOfExperienceBuckets = ['2-5', '10-15'];
  if (rng.chance(0.1)) filter.kinds = ['PROSPECT'];
  return filter;
}

const FACETS: FacetField[] = [
  'STAGE',
  'STATUS',
  'JOB',
  'REJECTION_REASON',
  'SOURCE',
  'LOCATION',
  'SKILL',
  'LAST_UPDATED',
  'YEARS_OF_EXPERIENCE',
];

describe('MatchMasks: posting lists and the full scan agree', () => {
  it('gives the same totals, facets and insights either way, across updates and removals', () => {
    const rng = prng(7);
    const index = new OrgIndex();
    for (let i = 0; i < 3000; i++) index.upsert(randomRow(rng, `c${i}`, i));
    const request = (filter: SearchFilter, within: Uint8Array | null = null) => {
      const search: SearchRequest = {
        organizationId: 'org',
        query: null,
        filter,
        facets: FACETS,
        facetSize: 50,
        sort: { field: 'LAST_UPDATED', direction: 'DESC' },
        first: 10,
        after: null,
        now: NOW,
      };
      const scan = answerSearch(index, search, within, { fewShare: 0 });
      const postings = answerSearch(index, search, within, { fewShare: 1 });
      expect(postings, JSON.stringify(filter)).toEqual(scan);
      const insights = { ...search, dimensions: ['SKILL', 'LOCATION'] as const, size: 5 };
      expect(
        answerInsights(index, { ...insights, dimensions: [...insights.dimensions] }, within, {
          fewShare: 1,
        }),
      ).toEqual(
        answerInsights(index, { ...insights, dimensions: [...insights.dimensions] }, within, {
          fewShare: 0,
        }),
      );
      return scan;
    };

    // A selective request: every facet keeps a value filter, so the lists are used.
    const selective = request({ skills: ['skill3'], locations: ['city4', 'city5'] });
    expect(selective?.totalCount).toBeGreaterThan(0);

    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 60; i++) {
        const within = rng.chance(0.3)
          ? Uint8Array.from({ length: index.slots }, () => (rng.chance(0.5) ? 1 : 0))
          : null;
        request(randomFilter(rng), within);
      }
      // Updates append slots (posted to the built lists) and kill old ones; removals kill.
      for (let i = 0; i < 400; i++) {
        const id = `c${rng.int(3200)}`;
        if (rng.chance(0.2)) index.remove(id);
        else index.upsert(randomRow(rng, id, 10_000 * (round + 1) + i));
      }
    }
  });
});
