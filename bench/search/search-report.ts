import type { StorageSizes } from './bench-database';
import type { LatencyCell } from './measure-peer';
import { CONCURRENCIES } from './measure-peer';
import { QUERY_KINDS, type QueryKind } from './query-mix';

/** Everything one run measured, as the BENCHMARKS.md section shows it. */
export interface SearchBenchReport {
  command: string;
  machine: string;
  date: string;
  n: number;
  batchSize: number;
  indexConcurrency: number;
  poolSize: number;
  cellSeconds: number;
  generationRate: number;
  /** Documents per second per target (engines, normalized tables). */
  indexing: { name: string; rate: number; seconds: number }[];
  vacuumSeconds: number;
  orama: {
    indexed: number;
    stoppedByHeap: boolean;
    insertRate: number;
    insertSeconds: number;
    heapUsedBytes: number;
    heapLimitBytes: number;
    peakRssBytes: number;
  } | null;
  cells: LatencyCell[];
  memory: {
    indexing: { rssBytes: number; postgresBytes: number | null };
    queries: { rssBytes: number; postgresBytes: number | null };
  };
  storage: StorageSizes;
}

export const ENGINE = 'postgres';
export const ORAMA = 'Orama';
export const NAIVE = 'naive SQL';
export const ELASTICSEARCH = 'elasticsearch';
const RECORD_N = 1_000_000;

const KIND_LABEL: Record<QueryKind, string> = {
  keyword: 'keyword (one word)',
  boolean: 'Boolean with phrases',
  browse: 'browse, 11 facets',
  filtered: 'filtered + faceted',
  insights: 'insights, 15 dimensions',
  lookup: 'Connect lookup, 25 profiles',
};

const ms = (value: number): string =>
  Number.isNaN(value) ? '–' : value >= 100 ? value.toFixed(0) : value.toFixed(1);
const gib = (bytes: number | null): string =>
  bytes === null ? 'n/a' : `${(bytes / 2 ** 30).toFixed(2)} GiB`;
const int = (value: number): string => Math.round(value).toLocaleString('en-US');

export function findCell(
  report: SearchBenchReport,
  peer: string,
  kind: QueryKind,
  concurrency: number,
): LatencyCell | undefined {
  return report.cells.find(
    (c) => c.peer === peer && c.kind === kind && c.concurrency === concurrency,
  );
}

/** Our engines first, then the peers they are compared with. */
const PEER_ORDER = [ENGINE, ELASTICSEARCH, ORAMA, NAIVE];

function peersOf(report: SearchBenchReport): string[] {
  const rank = (peer: string): number =>
    PEER_ORDER.includes(peer) ? PEER_ORDER.indexOf(peer) : PEER_ORDER.length;
  return [...new Set(report.cells.map((c) => c.peer))].sort((a, b) => rank(a) - rank(b));
}

function latencyTable(report: SearchBenchReport): string {
  const peers = peersOf(report);
  const lines = [
    `| query kind | clients | ${peers.map((p) => `${p} p50 / p95 / p99 ms`).join(' | ')} |`,
    `|---|---|${peers.map(() => '---|').join('')}`,
  ];
  for (const kind of QUERY_KINDS) {
    for (const concurrency of CONCURRENCIES) {
      const cells = peers.map((peer) => {
        const cell = findCell(report, peer, kind, concurrency);
        if (!cell) return findCell(report, peer, kind, 1) ? 'not run (too slow at 1 client)' : '–';
        const note = cell.truncated ? ` (${cell.samples} run${cell.samples === 1 ? '' : 's'})` : '';
        return `${ms(cell.p50)} / ${ms(cell.p95)} / ${ms(cell.p99)}${note}`;
      });
      lines.push(`| ${KIND_LABEL[kind]} | ${concurrency} | ${cells.join(' | ')} |`);
    }
  }
  return lines.join('\n');
}

function matchesTable(report: SearchBenchReport): string {
  const peers = peersOf(report);
  const lines = [
    `| query kind | ${peers.map((p) => `${p} mean matches`).join(' | ')} |`,
    `|---|${peers.map(() => '---|').join('')}`,
  ];
  for (const kind of QUERY_KINDS) {
    const values = peers.map((peer) => int(findCell(report, peer, kind, 1)?.meanMatches ?? NaN));
    lines.push(`| ${KIND_LABEL[kind]} | ${values.join(' | ')} |`);
  }
  return lines.join('\n');
}

interface Goal {
  goal: string;
  measured: string;
  verdict: string;
}

function verdictAtMost(value: number, limit: number, unit: string): string {
  if (Number.isNaN(value)) return 'not measured';
  return value <= limit
    ? 'met'
    : `missed by ${ms(value - limit)} ${unit} (${(value / limit).toFixed(1)}× the goal)`;
}

function verdictAtLeast(value: number, goal: number, unit: string): string {
  if (Number.isNaN(value)) return 'not measured';
  return value >= goal
    ? 'met'
    : `missed by ${int(goal - value)} ${unit} (${((value / goal) * 100).toFixed(0)} % of the goal)`;
}

function goals(report: SearchBenchReport): Goal[] {
  const p95 = (peer: string, kind: QueryKind): number =>
    findCell(report, peer, kind, 1)?.p95 ?? NaN;
  const filtered = p95(ENGINE, 'filtered');
  const lookup = p95(ENGINE, 'lookup');
  const engineRate = report.indexing.find((t) => t.name === ENGINE)?.rate ?? NaN;
  const oramaRatio = p95(ORAMA, 'filtered') / filtered;
  const naiveRatio = p95(NAIVE, 'filtered') / filtered;
  const oramaNote =
    report.orama && report.orama.indexed < report.n
      ? ` (Orama held only ${int(report.orama.indexed)} candidates)`
      : '';
  const ratio = (r: number): string => `${r >= 10 ? r.toFixed(0) : r.toFixed(1)}×`;
  const versus = (peer: string, r: number, goal: number, note = ''): Goal => ({
    goal: `filtered + faceted ≥ ${goal}× faster than ${peer} (p95, 1 client)`,
    measured: Number.isNaN(r)
      ? 'not measured'
      : `${peer} ${ms(p95(peer, 'filtered'))} ms vs ${ms(filtered)} ms: ${ratio(r)}${note}`,
    verdict: Number.isNaN(r)
      ? 'not measured'
      : r >= goal
        ? 'met'
        : r >= 1
          ? `missed: ${ratio(r)} faster, not ${goal}×`
          : `missed: ${ratio(1 / r)} slower than ${peer}`,
  });
  return [
    {
      goal: 'filtered + faceted p95 ≤ 50 ms (1 client)',
      measured: `${ms(filtered)} ms`,
      verdict: verdictAtMost(filtered, 50, 'ms'),
    },
    versus(ORAMA, oramaRatio, 2, oramaNote),
    versus(NAIVE, naiveRatio, 10),
    {
      goal: 'Connect lookup p95 ≤ 10 ms (1 client, 25 profiles)',
      measured: `${ms(lookup)} ms`,
      verdict: verdictAtMost(lookup, 10, 'ms'),
    },
    {
      goal: 'indexing ≥ 10,000 candidates/s (engine alone)',
      measured: `${int(engineRate)}/s`,
      verdict: verdictAtLeast(engineRate, 10_000, 'candidates/s'),
    },
    ...elasticsearchGoals(report),
  ];
}

/** The same goals for the Elasticsearch engine, when the run had a node. */
function elasticsearchGoals(report: SearchBenchReport): Goal[] {
  const rate = report.indexing.find((t) => t.name === ELASTICSEARCH)?.rate;
  if (rate === undefined) return [];
  const p95 = (kind: QueryKind): number => findCell(report, ELASTICSEARCH, kind, 1)?.p95 ?? NaN;
  return [
    {
      goal: 'Elasticsearch: filtered + faceted p95 ≤ 50 ms (1 client)',
      measured: `${ms(p95('filtered'))} ms`,
      verdict: verdictAtMost(p95('filtered'), 50, 'ms'),
    },
    {
      goal: 'Elasticsearch: Connect lookup p95 ≤ 10 ms (1 client, 25 profiles)',
      measured: `${ms(p95('lookup'))} ms`,
      verdict: verdictAtMost(p95('lookup'), 10, 'ms'),
    },
    {
      goal: 'Elasticsearch: indexing ≥ 10,000 candidates/s (bulk)',
      measured: `${int(rate)}/s`,
      verdict: verdictAtLeast(rate, 10_000, 'candidates/s'),
    },
  ];
}

/** Observations computed from the figures; the lead adds the 1M run's explanation. */
function bounds(report: SearchBenchReport): string {
  const c1 = findCell(report, ENGINE, 'filtered', 1);
  const c8 = findCell(report, ENGINE, 'filtered', 8);
  const facts: string[] = [];
  if (c1 && c8) {
    facts.push(
      `A filtered + faceted request is, at once, the page of hits (SQL) and the ids matching the query text (one SQL query), intersected with the filters and counted for 11 facets in the in-memory index of this process; then the page's documents and the facet labels (two more round trips), on a pool of ${report.poolSize} connections. From 1 to 8 clients its p50 goes from ${ms(c1.p50)} to ${ms(c8.p50)} ms (${(c8.p50 / c1.p50).toFixed(1)}×) and its throughput from ${c1.throughput.toFixed(1)} to ${c8.throughput.toFixed(1)} requests/s: the counting runs on the one Node thread, and the two cores are shared with PostgreSQL.`,
    );
  }
  const slowest = QUERY_KINDS.map((kind) => ({ kind, cell: findCell(report, ENGINE, kind, 1) }))
    .filter((x): x is { kind: QueryKind; cell: LatencyCell } => x.cell !== undefined)
    .sort((a, b) => b.cell.p95 - a.cell.p95)[0];
  if (slowest)
    facts.push(
      `The engine's slowest kind at 1 client is ${KIND_LABEL[slowest.kind]} (p95 ${ms(slowest.cell.p95)} ms).`,
    );
  const engineRate = report.indexing.find((t) => t.name === ENGINE)?.rate ?? 0;
  facts.push(
    `Indexing: ${int(engineRate)} candidates/s in the engine against ${int(report.generationRate)}/s to generate them; the engine's tables take ${gib(report.storage.engineBytes)} on disk (the whole database ${gib(report.storage.databaseBytes)}).`,
  );
  if (report.orama?.stoppedByHeap)
    facts.push(
      `Orama filled ${gib(report.orama.heapUsedBytes)} of its ${gib(report.orama.heapLimitBytes)} heap at ${int(report.orama.indexed)} candidates and was measured at that size, not at ${int(report.n)}.`,
    );
  return facts.join(' ');
}

export function renderSearchSection(report: SearchBenchReport): string {
  const record =
    report.n < RECORD_N
      ? `\n\n> **Small run (${int(report.n)} candidates), not the record.** The goals are for ${int(RECORD_N)} candidates; \`npm run bench -- search\` without \`CI\` or \`SEARCH_BENCH_N\` measures them.`
      : '';
  const indexingRows = report.indexing.map(
    (t) => `| ${t.name} | ${int(t.rate)}/s | ${t.seconds.toFixed(1)} s |`,
  );
  if (report.orama)
    indexingRows.push(
      `| Orama (own process, insertMultiple; ${int(report.orama.indexed)} candidates${report.orama.stoppedByHeap ? ', stopped by its heap limit' : ''}) | ${int(report.orama.insertRate)}/s | ${report.orama.insertSeconds.toFixed(1)} s |`,
    );
  indexingRows.push(
    `| (generating the candidates, not in any rate) | ${int(report.generationRate)}/s | |`,
  );
  const memoryRows = [
    `| bench process (our engine's client side) | ${gib(report.memory.indexing.rssBytes)} | ${gib(report.memory.queries.rssBytes)} |`,
    `| PostgreSQL server processes (PSS) | ${gib(report.memory.indexing.postgresBytes)} | ${gib(report.memory.queries.postgresBytes)} |`,
  ];
  if (report.orama)
    memoryRows.push(
      `| Orama process (RSS; heap ${gib(report.orama.heapUsedBytes)} of ${gib(report.orama.heapLimitBytes)} after inserting) | ${gib(report.orama.peakRssBytes)} | (same process) |`,
    );
  return `## Search (${int(report.n)} candidates)

Command: \`${report.command}\`. Machine: ${report.machine}. Measured ${report.date}.${record}

The deterministic generator's candidates go straight into each peer: our postgres engine (embedded PostgreSQL, through \`SearchService\`), ${report.indexing.some((t) => t.name === ELASTICSEARCH) ? 'our Elasticsearch engine (a real single-node Elasticsearch started by scripts/search-node.sh, loaded with bulk writes as a full sync does, one refresh before the queries), ' : ''}Orama 3 (in its own Node process) and a naive SQL baseline over the normalized tables (ILIKE, joins, one GROUP BY per facet). All peers answer the same rotating mix (40+ terms per kind; bench/search/query-mix.ts). Latency is measured with closed-loop clients after a warm-up: ${CONCURRENCIES.join(' and ')} clients, up to ${report.cellSeconds} s per cell (cells cut short show their run count). PostgreSQL pool: ${report.poolSize} connections.

### Indexing

Batches of ${int(report.batchSize)}, ${report.indexConcurrency} in flight per target (the first batch alone). Each rate counts only that target's own calls. \`VACUUM (ANALYZE)\` and a \`CHECKPOINT\` after the load took ${report.vacuumSeconds.toFixed(1)} s (not in the rates).

| target | candidates/s | time |
|---|---|---|
${indexingRows.join('\n')}

### Latency

${latencyTable(report)}

Mean matching candidates per query (search kinds: total count; insights: candidates in the first dimension; lookup: matches per batch). Differences are semantic: Orama matches word prefixes and cannot check phrase word order; the naive SQL matches substrings.

${matchesTable(report)}

### Goals

| goal | measured | verdict |
|---|---|---|
${goals(report)
  .map((g) => `| ${g.goal} | ${g.measured} | ${g.verdict} |`)
  .join('\n')}

### Memory and storage

| process | peak while indexing | peak while querying |
|---|---|---|
${memoryRows.join('\n')}

Database ${gib(report.storage.databaseBytes)}: engine tables ${gib(report.storage.engineBytes)}, normalized tables ${gib(report.storage.normalizedBytes)}.

### What bounds it

${bounds(report)}

What moves the missed goals (measured on this machine; see the commits of 2026-11-23 and 2026-11-24):

- **Indexing** is bound by PostgreSQL's write path on two cores. Profiled at 200,000 candidates: building a candidate's rows in JavaScript takes about 0.21 ms and its INSERT about 0.35 ms, of which parsing and storing the weighted tsvector is about 0.14 ms, its GIN index about 0.08 ms and the other indexes about 0.13 ms. With two batches in flight on two cores the engine measured 1,300–1,800 candidates/s (1,354/s over a 1,000,000 load). 10,000/s needs the text index out of the per-batch transaction (COPY into a staging table merged in bulk), or the Elasticsearch engine's bulk API; neither is done.
- **Connect lookup** answers 25 profiles per request with up to six indexed queries in parallel (LinkedIn, GitHub, e-mail, and one per pair of name, company and title) that read covering indexes (migration 1795472000000): 0.1–3.5 ms each under EXPLAIN ANALYZE at 200,000. Its p95 sat at 10–14 ms from 200,000 to 1,000,000 candidates; the tail is not in the plans (suspects: the six round trips on the shared pool, garbage collection in the bench process).
- **Filtered + faceted** is the page of hits (SQL) and its documents, alongside the memory index's counts and the facet labels (two parallel chains since commit 9edba80). Since commit cd156aa the memory index visits only the slots in the posting lists of the most selective value filters instead of testing every filter on every slot (at 1,000,000: p50 81 → 27 ms, p95 127 → 60 ms), and since commit 120d003 it reuses its slot-sized work arrays instead of allocating ~9 MB per request, which had V8 collecting garbage every request or two (the p95 tail). The hits query itself takes 5–9 ms (a GIN bitmap of three filter keys); the memory index alone 6 ms p50. See the hand-kept section after this one for the figures after these commits.
- **Keyword, Boolean and insights with query text** read every text match (~80,000 for a common word at 1,000,000). Since commit 9edba80 they read them from a narrow table (\`search_text\`: the full tsvector out of line, a ~600-byte tsvector of the profile fields in the row for ranking) instead of the wide candidate rows, and since commit bce95dc every session plans with \`work_mem\` 32 MB and \`random_page_cost\` 1.1: PostgreSQL's defaults made a common word's bitmap lossy or chose a sequential scan, either way reading every row's out-of-line tsvector (2.4 s for 172,353 matches). Keyword p50 1,042 → 182 ms, p95 3,256 → 413 ms; insights p95 3,165 → 371 ms (hand-kept section below). What remains is ~1 µs per match of heap visit and ranking; Boolean queries with phrases still recheck each candidate row's full tsvector for word positions (p50 431 ms), which an in-row copy would only move, not remove.`;
}
