/**
 * npm run bench -- facets: the memory facet index alone (src/search/postgres/memory), no
 * database: N synthetic candidates, then the total + 11 multi-select facets of a few filter
 * shapes, answered by testing every slot (fewShare 0) and through posting lists (the default).
 */
import { VALUE_FILTER_KEYS } from '../../src/search/document-values';
import { answerSearch } from '../../src/search/postgres/memory/memory-search';
import { OrgIndex, type MemoryRow } from '../../src/search/postgres/memory/org-index';
import type { SearchFilter, SearchRequest } from '../../src/search/search-types';
import { Rng } from '../../test/simulators/generator';
import { machineLine, percentile, writeSection } from '../report';
import { BENCH_FACETS } from './query-mix';

const NOW = new Date('2026-01-01T00:00:00Z');
const DAY = 86_400_000;
const STAGES = ['applied', 'screen', 'phone', 'onsite', 'offer', 'hired', 'rejected', 'archived'];
const ITERATIONS = 100;

/** Cardinalities shaped like the search bench's generated candidates. */
function row(rng: Rng, i: number): MemoryRow {
  const applications = Array.from({ length: rng.int(1, 2) }, () => ({
    jobId: `job${rng.int(0, 199)}`,
    stage: rng.pick(STAGES),
    status: rng.chance(0.3) ? 'REJECTED' : 'ACTIVE',
    rejectionReason: rng.chance(0.3) ? `reason${rng.int(0, 11)}` : null,
  }));
  const values = Object.fromEntries(VALUE_FILTER_KEYS.map((k) => [k, null])) as MemoryRow['values'];
  values.skills = Array.from({ length: rng.int(8, 13) }, () => `skill${rng.int(0, 399)}`);
  values.locations = `city${rng.int(0, 299)}`;
  values.sources = `source${rng.int(0, 14)}`;
  values.recruiterIds = `user${rng.int(0, 39)}`;
  values.companies = `company${rng.int(0, 19_999)}`;
  values.titles = `title${rng.int(0, 2_999)}`;
  values.schools = [`school${rng.int(0, 799)}`];
  values.stages = applications.map((a) => a.stage);
  values.statuses = applications.map((a) => a.status);
  values.jobIds = applications.map((a) => a.jobId);
  values.rejectionReasons = applications.map((a) => a.rejectionReason);
  return {
    id: `c${i}`,
    docNo: i,
    seq: i,
    kind: 'APPLICANT',
    updated: NOW.getTime() - rng.int(0, 599) * DAY,
    yearsExperience: rng.int(0, 30),
    yearsInRole: rng.int(0, 10),
    values,
    customFields: [],
    applications,
  };
}

const SHAPES: { name: string; filter: (i: number) => SearchFilter }[] = [
  {
    name: 'stage + skill + location (the search bench\'s "filtered")',
    filter: (i) => ({
      stages: [STAGES[i % STAGES.length] ?? 'applied'],
      skills: [`skill${i % 400}`],
      locations: [`city${(i * 7) % 300}`],
    }),
  },
  { name: 'one skill', filter: (i) => ({ skills: [`skill${i % 400}`] }) },
  {
    name: 'stage + job (same-application rule) + source',
    filter: (i) => ({
      stages: [STAGES[i % STAGES.length] ?? 'applied'],
      jobIds: [`job${i % 200}`],
      sources: [`source${i % 15}`],
    }),
  },
  { name: 'browse (no filter)', filter: () => ({}) },
];

export function runMemoryMasksBench(): Promise<void> {
  const ci = Boolean(process.env['CI']);
  const n = Number(process.env['FACETS_BENCH_N'] ?? (ci ? 50_000 : 1_000_000));
  const rng = Rng.fromSeed('facets-bench');
  const index = new OrgIndex();
  const loadStarted = performance.now();
  for (let i = 0; i < n; i++) index.upsert(row(rng, i));
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  console.log(`loaded ${n} candidates in ${loadSeconds.toFixed(1)} s`);
  const lines: string[] = [];
  for (const shape of SHAPES) {
    const cells: string[] = [];
    for (const [label, fewShare] of [
      ['every slot tested', 0],
      ['posting lists', undefined],
    ] as const) {
      const times: number[] = [];
      for (let i = 0; i < ITERATIONS + 5; i++) {
        const request: SearchRequest = {
          organizationId: 'bench',
          query: null,
          filter: shape.filter(i),
          facets: [...BENCH_FACETS],
          facetSize: 10,
          sort: { field: 'LAST_UPDATED', direction: 'DESC' },
          first: 25,
          after: null,
          now: NOW,
        };
        const started = performance.now();
        answerSearch(index, request, null, fewShare === undefined ? {} : { fewShare });
        if (i >= 5) times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      cells.push(`${percentile(times, 50).toFixed(1)} / ${percentile(times, 95).toFixed(1)}`);
      console.log(`${shape.name}, ${label}: p50/p95 ${cells.at(-1)} ms`);
    }
    lines.push(`| ${shape.name} | ${cells.join(' | ')} |`);
  }
  const command = `${n === 1_000_000 ? '' : `FACETS_BENCH_N=${n} `}npm run bench -- facets`;
  writeSection(
    'facets',
    `## Memory facet index alone (${n.toLocaleString('en-US')} candidates)

Command: \`${command}\`. Machine: ${machineLine()}. Measured ${new Date().toISOString().slice(0, 10)}.

The in-memory part of a faceted search (src/search/postgres/memory), without PostgreSQL: the total and 11 multi-select facets for ${ITERATIONS} requests per shape (after 5 unmeasured), with synthetic candidates shaped like the search bench's (8–13 skills of 400, 300 locations, 1–2 applications over 8 stages and 200 jobs). Loading them took ${loadSeconds.toFixed(1)} s. "Every slot tested" is the path before commit cd156aa (still taken when some facet keeps no value filter, as when browsing); "posting lists" visits only the slots listed under the most selective value filters.

| filter | every slot tested p50 / p95 ms | posting lists p50 / p95 ms |
|---|---|---|
${lines.join('\n')}`,
  );
  return Promise.resolve();
}
