import { measureLatency, warmUp, type LatencyResult } from './latency';
import { QUERY_KINDS, type BenchQuery, type QueryKind, type QueryMix } from './query-mix';
import type { QueryPeer } from './query-peer';

export const CONCURRENCIES = [1, 8] as const;

/** One measured cell of the latency table. */
export interface LatencyCell extends LatencyResult {
  peer: string;
  kind: QueryKind;
}

export interface MeasureOptions {
  /** The kinds to measure (a subset of QUERY_KINDS, in its order). */
  kinds: readonly QueryKind[];
  iterations: Record<(typeof CONCURRENCIES)[number], number>;
  warmup: number;
  cellSeconds: number;
  log: (line: string) => void;
}

/**
 * The chosen kinds of the mix against one peer: warm-up, then each concurrency in turn. A kind whose
 * single query already takes over a quarter of the cell budget at 1 client is not run with more
 * clients (a round of 8 would take minutes and say nothing new); the report shows it as not run.
 */
export async function measurePeer(
  peer: QueryPeer,
  mix: QueryMix,
  options: MeasureOptions,
): Promise<LatencyCell[]> {
  const cells: LatencyCell[] = [];
  for (const kind of QUERY_KINDS.filter((k) => options.kinds.includes(k))) {
    const queries: readonly BenchQuery[] = mix[kind];
    const run = (i: number): Promise<number> => peer.run(queries[i % queries.length]!);
    await warmUp(run, options.warmup, (options.cellSeconds * 1000) / 4);
    for (const concurrency of CONCURRENCIES) {
      const single = cells.find((c) => c.kind === kind && c.concurrency === 1);
      if (concurrency > 1 && single && single.p50 > (options.cellSeconds * 1000) / 4) {
        options.log(
          `${peer.name.padEnd(13)} ${kind.padEnd(9)} c=${concurrency}  not run (too slow at 1 client)`,
        );
        continue;
      }
      const result = await measureLatency(run, {
        iterations: options.iterations[concurrency],
        concurrency,
        deadlineMs: options.cellSeconds * 1000,
      });
      options.log(
        `${peer.name.padEnd(13)} ${kind.padEnd(9)} c=${concurrency}  p50 ${result.p50.toFixed(1)} ms  p95 ${result.p95.toFixed(1)} ms  p99 ${result.p99.toFixed(1)} ms  (${result.samples} run${result.samples === 1 ? '' : 's'}${result.truncated ? ', cut by the deadline' : ''}; ${Math.round(result.meanMatches)} matches)`,
      );
      cells.push({ peer: peer.name, kind, ...result });
    }
  }
  return cells;
}
