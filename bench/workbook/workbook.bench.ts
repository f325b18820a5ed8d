/**
 * npm run bench -- workbook: the insights workbook built from an insights answer over every
 * dimension of 1,000,000 generated candidates (10,000 with CI set), at the default 20 buckets
 * per dimension and at the most the API allows (1000), streamed into a sink as the HTTP route
 * streams it into the response. Measures build time, CPU time, the process's RSS while
 * building and the longest event-loop stall.
 */
import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { z } from 'zod';
import { dimensionSheets } from '../../src/exports/insights-workbook/workbook-model';
import { writeWorkbook } from '../../src/exports/insights-workbook/workbook-writer';
import { INSIGHT_DIMENSIONS, type InsightBreakdown } from '../../src/search/search-types';
import { machineLine, percentile, writeSection } from '../report';
import { generateInsightsAnswer } from './insights-answer';

const MIB = 2 ** 20;

function loadLine(): string {
  return os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ')
    .concat(` (1 / 5 / 15 min, ${os.cpus().length} cores)`);
}

const ENV = z.object({
  CI: z.string().optional(),
  WORKBOOK_BENCH_N: z.coerce.number().int().positive().optional(),
  WORKBOOK_BENCH_RUNS: z.coerce.number().int().positive().optional(),
});

interface Figures {
  size: number;
  buckets: number;
  bytes: number;
  times: number[];
  /** CPU time (user + system, all threads) per build: steadier than wall time on a busy machine. */
  cpu: number[];
  rssBefore: number;
  rssPeak: number;
  /** Longest the event loop was held at once while building (what other requests wait). */
  loopStallMs: number;
}

/** Takes the bytes like a fast client would, noting the RSS at every chunk (the writer's pace). */
class MeasuringSink extends Writable {
  bytes = 0;
  peak = 0;
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.bytes += chunk.length;
    this.peak = Math.max(this.peak, process.memoryUsage.rss());
    done();
  }
}

async function measure(answer: InsightBreakdown[], size: number, runs: number): Promise<Figures> {
  const build = async (): Promise<{ ms: number; cpuMs: number; sink: MeasuringSink }> => {
    const sink = new MeasuringSink();
    const cpuStarted = process.cpuUsage();
    const started = performance.now();
    const ok = await writeWorkbook(
      {
        organizationName: 'Bench Organization',
        generatedAt: new Date(),
        query: 'engineer',
        filters: [{ filter: 'Locations', value: 'berlin, germany', label: null }],
        totalCount: 1_000_000,
        sheets: dimensionSheets(answer),
      },
      sink,
    );
    if (!ok) throw new Error('the sink closed early');
    const ms = performance.now() - started;
    const cpu = process.cpuUsage(cpuStarted);
    return { ms, cpuMs: (cpu.user + cpu.system) / 1000, sink };
  };
  await build(); // warm-up: JIT, zlib's first streams
  const rssBefore = process.memoryUsage.rss();
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const times: number[] = [];
  const cpu: number[] = [];
  let rssPeak = rssBefore;
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const { ms, cpuMs, sink } = await build();
    times.push(ms);
    cpu.push(cpuMs);
    rssPeak = Math.max(rssPeak, sink.peak);
    bytes = sink.bytes;
  }
  loop.disable();
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const buckets = answer.reduce((sum, b) => sum + b.buckets.length, 0);
  return { size, buckets, bytes, times, cpu, rssBefore, rssPeak, loopStallMs: loop.max / 1e6 };
}

export async function runWorkbookBench(): Promise<void> {
  const env = ENV.parse(process.env);
  const ci = Boolean(env.CI) && env.CI !== 'false' && env.CI !== '0';
  const n = env.WORKBOOK_BENCH_N ?? (ci ? 10_000 : 1_000_000);
  const runs = env.WORKBOOK_BENCH_RUNS ?? (ci ? 3 : 20);
  const sizes = ci ? [20, 100] : [20, 1000];

  const rows: Figures[] = [];
  const generation: string[] = [];
  for (const size of sizes) {
    const started = performance.now();
    const answer = generateInsightsAnswer(n, size);
    const seconds = (performance.now() - started) / 1000;
    generation.push(`${seconds.toFixed(1)} s at size ${size}`);
    console.log(
      `generated the insights answer of ${n} candidates, size ${size}: ${seconds.toFixed(1)} s`,
    );
    const figures = await measure(answer, size, runs);
    console.log(
      `size ${size}: ${figures.buckets} buckets, ${figures.bytes} bytes, p50 ${percentile(figures.times, 50).toFixed(1)} ms (CPU ${percentile(figures.cpu, 50).toFixed(1)} ms), peak RSS ${(figures.rssPeak / MIB).toFixed(0)} MiB`,
    );
    rows.push(figures);
  }

  const command = `${n === 1_000_000 ? '' : `WORKBOOK_BENCH_N=${n} `}npm run bench -- workbook`;
  const table = rows.map((r) => {
    const p50 = percentile(r.times, 50);
    const max = r.times[r.times.length - 1] ?? NaN;
    return `| ${r.size} | ${r.buckets.toLocaleString('en-US')} | ${(r.bytes / 1024).toFixed(0)} KiB | ${p50.toFixed(1)} / ${max.toFixed(1)} | ${percentile(r.cpu, 50).toFixed(1)} | ${(r.rssBefore / MIB).toFixed(0)} MiB | ${(r.rssPeak / MIB).toFixed(0)} MiB (+${((r.rssPeak - r.rssBefore) / MIB).toFixed(1)} MiB) | ${r.loopStallMs.toFixed(1)} ms |`;
  });
  writeSection(
    'workbook',
    `## Insights workbook (${INSIGHT_DIMENSIONS.length} dimensions, ${n.toLocaleString('en-US')} candidates)

Command: \`${command}\`. Machine: ${machineLine()}. Measured ${new Date().toISOString().slice(0, 10)}.

The .xlsx of an \`exportInsights\` link (src/exports/insights-workbook): a summary sheet, then one sheet, drawing and DrawingML chart per dimension, deflated and streamed part by part into a sink, as \`GET /exports/insights-workbook\` streams it into the response. The insights answer is generated (bench/workbook/insights-answer.ts: ${n.toLocaleString('en-US')} candidates drawn over every dimension with the search bench's cardinalities; ${generation.join(', ')}; not in the build time). The answer is already bucketed, so the build depends on buckets per dimension, not on candidates: ${runs} builds per row after one warm-up. CPU time counts every thread of the process (zlib deflates on the thread pool) and is the steadier figure when the machine is shared; the load average during the run is ${loadLine()}. RSS is the process's, before the builds and its peak sampled at every chunk written.

| buckets per dimension | buckets | .xlsx | build p50 / max ms | CPU ms per build (p50) | RSS before | peak RSS while building | longest event-loop stall |
|---|---|---|---|---|---|---|---|
${table.join('\n')}

Following a link also runs the insights query and a count for the same request (the search bench's "insights" rows give that cost); the workbook adds the build above.`,
  );
}
