import { z } from 'zod';
import { QUERY_KINDS } from './query-mix';

/**
 * What the benchmark asks of its Orama process and what the process answers, checked on both
 * sides of the process boundary.
 */
export const OramaJob = z.object({
  n: z.number().int().positive(),
  seed: z.string(),
  organizationId: z.string(),
  connectionId: z.string(),
  batchSize: z.number().int().positive(),
  /** Stop inserting once the V8 heap uses this fraction of its limit. */
  heapFraction: z.number().positive().max(1),
  iterations: z.object({ 1: z.number().int().positive(), 8: z.number().int().positive() }),
  warmup: z.number().int().nonnegative(),
  cellSeconds: z.number().positive(),
  kinds: z.array(z.enum(QUERY_KINDS)),
});
export type OramaJob = z.infer<typeof OramaJob>;

const LatencyCell = z.object({
  peer: z.string(),
  kind: z.enum(QUERY_KINDS),
  concurrency: z.number().int(),
  samples: z.number().int(),
  p50: z.number(),
  p95: z.number(),
  p99: z.number(),
  meanMatches: z.number(),
  throughput: z.number(),
  truncated: z.boolean(),
});

export const OramaOutcome = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('done'),
    /** Documents Orama holds (less than n when the heap limit stopped the inserts). */
    indexed: z.number().int(),
    stoppedByHeap: z.boolean(),
    generationMs: z.number(),
    insertMs: z.number(),
    heapUsedBytes: z.number(),
    heapLimitBytes: z.number(),
    peakRssBytes: z.number(),
    cells: z.array(LatencyCell),
  }),
  z.object({ type: z.literal('failed'), message: z.string() }),
]);
export type OramaOutcome = z.infer<typeof OramaOutcome>;
