/**
 * The Orama peer's own process (forked by orama-runner.ts): Orama lives in the V8 heap, so it gets
 * a heap of its own, sized for it, and its garbage collection does not slow the other peers'
 * measurements. It generates the same candidates (same seed), inserts them until done or until the
 * heap is nearly full, runs the same query mix, and sends one OramaOutcome to its parent.
 */
import v8 from 'node:v8';
import { benchDocument, benchReference } from './documents';
import { measurePeer } from './measure-peer';
import { createOramaDb } from './orama-schema';
import { OramaPeer } from './orama-peer';
import { OramaJob, type OramaOutcome } from './orama-protocol';
import { buildQueryMix } from './query-mix';

async function runOramaJob(job: OramaJob): Promise<OramaOutcome> {
  const reference = benchReference(job.seed);
  const now = new Date(reference.now);
  const document = (i: number): ReturnType<typeof benchDocument> =>
    benchDocument(job.seed, i, reference, job.organizationId, job.connectionId);
  const peer = new OramaPeer(createOramaDb(), now);
  const heapLimit = v8.getHeapStatistics().heap_size_limit;
  let peakRss = 0;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 250);

  let indexed = 0;
  let generationMs = 0;
  let insertMs = 0;
  let stoppedByHeap = false;
  while (indexed < job.n) {
    const started = performance.now();
    const batch = Array.from({ length: Math.min(job.batchSize, job.n - indexed) }, (_, j) =>
      document(indexed + j),
    );
    const generated = performance.now();
    await peer.insert(batch);
    generationMs += generated - started;
    insertMs += performance.now() - generated;
    indexed += batch.length;
    if (indexed % (job.batchSize * 50) === 0) console.log(`Orama: ${indexed} inserted`);
    if (v8.getHeapStatistics().used_heap_size > job.heapFraction * heapLimit) {
      stoppedByHeap = indexed < job.n;
      break;
    }
  }
  const heapUsed = v8.getHeapStatistics().used_heap_size;
  console.log(
    `Orama: ${indexed} documents, ${Math.round(indexed / (insertMs / 1000))}/s, heap ${(heapUsed / 2 ** 30).toFixed(2)} GiB of ${(heapLimit / 2 ** 30).toFixed(2)}`,
  );

  const mix = buildQueryMix({ seed: job.seed, documentCount: indexed, documentAt: document });
  const cells = await measurePeer(peer, mix, {
    iterations: job.iterations,
    warmup: job.warmup,
    cellSeconds: job.cellSeconds,
    kinds: job.kinds,
    log: (line) => console.log(line),
  });
  clearInterval(sampler);
  return {
    type: 'done',
    indexed,
    stoppedByHeap,
    generationMs,
    insertMs,
    heapUsedBytes: heapUsed,
    heapLimitBytes: heapLimit,
    peakRssBytes: Math.max(peakRss, process.memoryUsage.rss()),
    cells,
  };
}

function send(outcome: OramaOutcome): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) throw new Error('orama-child.ts must be started by orama-runner.ts');
    process.send(outcome, () => resolve());
  });
}

const job = OramaJob.parse(JSON.parse(process.argv[2] ?? '{}'));
runOramaJob(job)
  .catch((error: unknown): OramaOutcome => ({
    type: 'failed',
    message: error instanceof Error ? (error.stack ?? error.message) : String(error),
  }))
  .then(send)
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
