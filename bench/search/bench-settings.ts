import os from 'node:os';
import { z } from 'zod';
import { QUERY_KINDS, type QueryKind } from './query-mix';

/** Everything the search benchmark can be told, read from the environment once. */
export interface SearchBenchSettings {
  /** Candidates generated into every engine. 1,000,000 for the record, 10,000 with CI set. */
  n: number;
  ci: boolean;
  seed: string;
  organizationId: string;
  connectionId: string;
  /** Documents per index call (and per normalized-table insert). */
  batchSize: number;
  /** Index calls in flight at once against an engine. */
  indexConcurrency: number;
  /** Measured iterations per query kind at concurrency 1 and 8 (stopped early by the deadline). */
  iterations: { 1: number; 8: number };
  /** Unmeasured iterations per query kind and peer before measuring. */
  warmup: number;
  /** Wall-clock cap of one (kind, peer, concurrency) cell; slow peers get fewer samples. */
  cellSeconds: number;
  /** Connection pool of the bench's DataSource (the app's default is 10). */
  poolSize: number;
  /** Heap given to the Orama process (MiB); it stops inserting at `oramaHeapFraction` of it. */
  oramaHeapMb: number;
  oramaHeapFraction: number;
  /** Query kinds measured, in the mix's order (SEARCH_BENCH_KINDS=filtered,lookup; all by default). */
  kinds: QueryKind[];
  /** Skip the Orama peer (SEARCH_BENCH_ORAMA=off). */
  orama: boolean;
  /** Skip the naive SQL peer and its tables (SEARCH_BENCH_NAIVE=off). */
  naive: boolean;
  elasticsearchUrl: string | null;
}

const count = z.coerce.number().int().positive();
const flag = z.enum(['on', 'off']).default('on');

const ENV = z.object({
  CI: z.string().optional(),
  SEARCH_BENCH_N: count.optional(),
  SEARCH_BENCH_BATCH: count.optional(),
  SEARCH_BENCH_INDEX_CONCURRENCY: count.max(8).optional(),
  SEARCH_BENCH_ITERATIONS: count.optional(),
  SEARCH_BENCH_CELL_SECONDS: z.coerce.number().positive().optional(),
  SEARCH_BENCH_POOL: count.max(100).optional(),
  SEARCH_BENCH_ORAMA_HEAP_MB: count.optional(),
  SEARCH_BENCH_ORAMA: flag,
  SEARCH_BENCH_NAIVE: flag,
  SEARCH_BENCH_KINDS: z
    .string()
    .transform((list) => list.split(',').map((k) => k.trim()))
    .pipe(z.array(z.enum(QUERY_KINDS)).min(1))
    .optional(),
  ELASTICSEARCH_URL: z.url().optional(),
});

/**
 * Reads the settings; an invalid variable fails with every problem listed. Defaults follow the
 * issue: 200 iterations at concurrency 1 and 400 at 8 (20/40 in CI), a minute per cell (2 s in
 * CI), and an Orama heap of 16 GiB or half the RAM, whichever is smaller (PostgreSQL is stopped
 * by the time Orama runs).
 */
export function readSearchBenchSettings(env: NodeJS.ProcessEnv = process.env): SearchBenchSettings {
  const parsed = ENV.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid search bench settings:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  const ci = Boolean(e.CI) && e.CI !== 'false' && e.CI !== '0';
  const base = e.SEARCH_BENCH_ITERATIONS ?? (ci ? 20 : 200);
  return {
    n: e.SEARCH_BENCH_N ?? (ci ? 10_000 : 1_000_000),
    ci,
    seed: 'bench',
    organizationId: '11111111-1111-4111-8111-111111111111',
    connectionId: '22222222-2222-4222-8222-222222222222',
    batchSize: e.SEARCH_BENCH_BATCH ?? 1000,
    indexConcurrency: e.SEARCH_BENCH_INDEX_CONCURRENCY ?? 2,
    iterations: { 1: base, 8: base * 2 },
    warmup: Math.max(3, Math.round(base / 10)),
    cellSeconds: e.SEARCH_BENCH_CELL_SECONDS ?? (ci ? 2 : 60),
    poolSize: e.SEARCH_BENCH_POOL ?? 10,
    oramaHeapMb:
      e.SEARCH_BENCH_ORAMA_HEAP_MB ?? Math.min(16_384, Math.floor((os.totalmem() / 2 ** 20) * 0.5)),
    oramaHeapFraction: 0.7,
    orama: e.SEARCH_BENCH_ORAMA === 'on',
    kinds: QUERY_KINDS.filter((k) => !e.SEARCH_BENCH_KINDS || e.SEARCH_BENCH_KINDS.includes(k)),
    naive: e.SEARCH_BENCH_NAIVE === 'on',
    elasticsearchUrl: e.ELASTICSEARCH_URL ?? null,
  };
}
