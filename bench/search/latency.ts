import { percentile } from '../report';

/** How one (kind, peer, concurrency) cell is measured. */
export interface LatencyPlan {
  /** Queries to measure, spread over the clients. */
  iterations: number;
  /** Closed-loop clients: each sends its next query when its previous one is answered. */
  concurrency: number;
  /** No query is started after this long; slow peers get fewer samples. */
  deadlineMs: number;
}

export interface LatencyResult {
  concurrency: number;
  samples: number;
  p50: number;
  p95: number;
  p99: number;
  /** Mean of what the runs returned (matching candidates), to compare peers' answers. */
  meanMatches: number;
  /** Answered queries per second over the cell. */
  throughput: number;
  /** True when the deadline cut the cell short. */
  truncated: boolean;
}

/** Runs query number `i` of the rotation; resolves to the number of matching candidates. */
export type QueryRunner = (i: number) => Promise<number>;

/** Unmeasured runs, one at a time (connections, plans and caches get warm), time-capped. */
export async function warmUp(
  run: QueryRunner,
  iterations: number,
  deadlineMs: number,
): Promise<void> {
  const deadline = performance.now() + deadlineMs;
  for (let i = 0; i < iterations && performance.now() < deadline; i++) await run(i);
}

/**
 * Measures `plan.iterations` queries with `plan.concurrency` closed-loop clients. A sample is the
 * time from when the client was ready to send (its previous answer arrived) to its answer, so an
 * engine that answers on the caller's thread (Orama) shows the queueing its clients see, exactly
 * as an engine behind a connection pool does.
 */
export async function measureLatency(run: QueryRunner, plan: LatencyPlan): Promise<LatencyResult> {
  const samples: number[] = [];
  let matches = 0;
  let next = 0;
  let truncated = false;
  const started = performance.now();
  const deadline = started + plan.deadlineMs;
  const client = async (): Promise<void> => {
    let ready = performance.now();
    for (;;) {
      if (next >= plan.iterations) return;
      if (performance.now() > deadline) {
        truncated = true;
        return;
      }
      const i = next++;
      const matched = await run(i);
      matches += matched;
      const answered = performance.now();
      samples.push(answered - ready);
      ready = answered;
    }
  };
  await Promise.all(Array.from({ length: plan.concurrency }, client));
  const seconds = (performance.now() - started) / 1000;
  samples.sort((a, b) => a - b);
  return {
    concurrency: plan.concurrency,
    samples: samples.length,
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    p99: percentile(samples, 99),
    meanMatches: samples.length > 0 ? matches / samples.length : 0,
    throughput: seconds > 0 ? samples.length / seconds : 0,
    truncated,
  };
}
