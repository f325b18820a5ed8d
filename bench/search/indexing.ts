import type { ReferenceData } from '../../test/simulators/generator';
import { benchCandidate, type BenchCandidate } from './documents';

/** Something the generated candidates are loaded into, timed on its own. */
export interface IndexTarget {
  name: string;
  /** Loads one batch; several may be in flight at once (`concurrency`). */
  load(batch: readonly BenchCandidate[]): Promise<void>;
}

export interface IndexingPlan {
  n: number;
  seed: string;
  organizationId: string;
  connectionId: string;
  batchSize: number;
  /** Batches in flight against a target at once. */
  concurrency: number;
  log: (line: string) => void;
}

export interface IndexingResult {
  documents: number;
  /** Building the candidates and their documents (not part of any target's time). */
  generationMs: number;
  /** Wall time each target spent loading, excluding generation and the other targets. */
  targets: { name: string; ms: number }[];
}

/**
 * Generates the candidates once, `concurrency` batches at a time (the very first batch alone, so
 * targets see their first-ever labels and reference rows without a race), and hands each group
 * to every target in turn. A target's time is only the wall time of its own load calls, so generation and
 * the other targets never count against it.
 */
export async function indexAll(
  reference: ReferenceData,
  targets: readonly IndexTarget[],
  plan: IndexingPlan,
): Promise<IndexingResult> {
  const spent = new Map(targets.map((t) => [t.name, 0]));
  let generationMs = 0;
  let done = 0;
  let lastLog = performance.now();
  const started = performance.now();
  while (done < plan.n) {
    const groupSize = done === 0 ? 1 : plan.concurrency;
    const t0 = performance.now();
    const group: BenchCandidate[][] = [];
    for (let b = 0; b < groupSize && done < plan.n; b++) {
      const size = Math.min(plan.batchSize, plan.n - done);
      group.push(
        Array.from({ length: size }, (_, j) =>
          benchCandidate(plan.seed, done + j, reference, plan.organizationId, plan.connectionId),
        ),
      );
      done += size;
    }
    generationMs += performance.now() - t0;
    for (const target of targets) {
      const t1 = performance.now();
      await Promise.all(group.map((batch) => target.load(batch)));
      spent.set(target.name, (spent.get(target.name) ?? 0) + performance.now() - t1);
    }
    if (performance.now() - lastLog > 10_000 || done === plan.n) {
      lastLog = performance.now();
      const elapsed = (lastLog - started) / 1000;
      plan.log(
        `indexed ${done}/${plan.n} in ${elapsed.toFixed(0)} s (${targets.map((t) => `${t.name} ${rate(done, spent.get(t.name) ?? 0)}/s`).join(', ')}; generation ${rate(done, generationMs)}/s)`,
      );
    }
  }
  return {
    documents: done,
    generationMs,
    targets: targets.map((t) => ({ name: t.name, ms: spent.get(t.name) ?? 0 })),
  };
}

export const rate = (documents: number, ms: number): number =>
  ms > 0 ? Math.round(documents / (ms / 1000)) : 0;
