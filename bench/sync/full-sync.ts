import { monitorEventLoopDelay } from 'node:perf_hooks';
import { MemorySampler } from '../search/memory';
import type { BenchApp } from './bench-app';
import { countRows, databaseBytes, waitUntilSearchable, type RowCounts } from './database-figures';
import { duration, int, mib, pct, rate } from './format';
import { PhaseRecorder, type PhaseSpan } from './phase-recorder';
import { watchRun, type RunSnapshot, type WatchedRun } from './run-watcher';
import type { SimulatorProcess } from './simulator-process';
import type { Traffic } from './simulator-protocol';
import type { SyncBenchSettings, VendorName } from './sync-settings';
import { PROVIDERS } from './vendor-simulators';

/** The API traffic of one phase of the run. */
export interface PhaseFigures {
  phase: string;
  ms: number;
  pages: number;
  counted: number;
  throttled: number;
  uncounted: number;
}

/** What one vendor's first full sync measured. */
export interface SyncFigures {
  vendor: VendorName;
  n: number;
  simulator: { candidates: number; applications: number; jobs: number };
  run: RunSnapshot;
  connectionId: string;
  /** From the createConnection call to the run's end (what a user waits). */
  durationMs: number;
  /** Of which the run itself (startedAt → finishedAt). */
  runMs: number;
  /** The vendor's limit as a steady rate, requests per second. */
  allowedRate: number;
  traffic: Traffic;
  phases: PhaseFigures[];
  rows: RowCounts;
  memory: { baselineRssBytes: number; peakRssBytes: number; peakPostgresBytes: number | null };
  /** CPU time of this process (the app, plus the benchmark's polling) during the sync. */
  cpuMs: number;
  /**
   * How late this process's event loop ran its timers during the sync (p50 / p99 / max, ms): the
   * connector's pacing and every API request wait behind whatever blocks it.
   */
  eventLoopDelay: { p50Ms: number; p99Ms: number; maxMs: number };
  databaseBytes: number;
  /** After the run finished, until search returned every live candidate; null on timeout. */
  searchCaughtUpMs: number | null;
}

const LOOP_RESOLUTION_MS = 10;

const CREATE = `mutation ($input: CreateConnectionInput!) {
  createConnection(input: $input) { id webhooks { url } } }`;

/**
 * Creates the connection through GraphQL, as a user would (no pace override: the connector's
 * production pacing), and follows its first FULL run to the end, printing progress.
 */
export async function measureFullSync(
  bench: BenchApp,
  sim: SimulatorProcess,
  vendor: VendorName,
  settings: SyncBenchSettings,
  webhookSecret: string,
): Promise<SyncFigures> {
  const { info } = sim;
  const allowedRate = info.policy.limit / (info.policy.windowMs / 1000);
  const memory = new MemorySampler(bench.clusterDir || null);
  const baselineRssBytes = process.memoryUsage.rss();
  memory.start(500);
  const cpuBefore = process.cpuUsage();
  const loopDelay = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  loopDelay.enable();
  const createdAt = Date.now();
  const connectionId = await createConnection(bench, sim, vendor, webhookSecret);
  const recorder = new PhaseRecorder(bench.url, bench.key, connectionId);
  let watched: WatchedRun;
  try {
    watched = await watchRun(bench, connectionId, {
      pollMs: 500,
      progressEveryMs: settings.progressEveryMs,
      onProgress: (run) => printProgress(sim, vendor, run, createdAt, settings.progressEveryMs),
    });
  } finally {
    await recorder.close();
  }
  const cpu = process.cpuUsage(cpuBefore);
  loopDelay.disable();
  // The histogram holds the intervals between the monitor's ticks: lateness is what exceeds one.
  const late = (ns: number): number => Math.max(0, ns / 1e6 - LOOP_RESOLUTION_MS);
  const eventLoopDelay = {
    p50Ms: late(loopDelay.percentile(50)),
    p99Ms: late(loopDelay.percentile(99)),
    maxMs: late(loopDelay.max),
  };
  if (watched.run.state !== 'COMPLETED')
    throw new Error(`the run ended ${watched.run.state}: ${watched.run.error ?? ''}`);

  const traffic = await sim.request({
    type: 'traffic',
    since: createdAt,
    until: watched.finishedAt + 1,
  });
  const phases = await phaseTraffic(sim, [
    { phase: 'verify + queued', from: createdAt, to: watched.startedAt, pages: 0 },
    ...recorder.spans(watched.startedAt, watched.finishedAt),
  ]);
  const rows = await countRows(bench.db, connectionId);
  const caughtUp = await waitUntilSearchable(
    bench,
    connectionId,
    Math.max(120_000, settings.n * 10),
  );
  const peaks = await memory.stop();
  const durationMs = watched.finishedAt - createdAt;
  console.log(
    `[${vendor}] done in ${duration(durationMs)}: ${int(traffic.counted)} API requests ` +
      `(${pct((100 * traffic.counted) / (durationMs / 1000) / allowedRate)} of the allowed rate), ` +
      `${traffic.throttled} × 429, ${int(rows.total)} rows; event loop late by ` +
      `${eventLoopDelay.p50Ms.toFixed(1)} / ${eventLoopDelay.p99Ms.toFixed(1)} / ${eventLoopDelay.maxMs.toFixed(0)} ms (p50 / p99 / max)`,
  );
  return {
    vendor,
    n: settings.n,
    simulator: { candidates: info.candidates, applications: info.applications, jobs: info.jobs },
    run: watched.run,
    connectionId,
    durationMs,
    runMs: watched.finishedAt - watched.startedAt,
    allowedRate,
    traffic,
    phases,
    rows,
    memory: {
      baselineRssBytes,
      peakRssBytes: peaks.rssBytes,
      peakPostgresBytes: peaks.postgresBytes,
    },
    cpuMs: (cpu.user + cpu.system) / 1000,
    eventLoopDelay,
    databaseBytes: await databaseBytes(bench.db),
    searchCaughtUpMs: caughtUp === null ? null : caughtUp - watched.finishedAt,
  };
}

/** createConnection (which checks the credentials and queues the first FULL run); its id. */
async function createConnection(
  bench: BenchApp,
  sim: SimulatorProcess,
  vendor: VendorName,
  webhookSecret: string,
): Promise<string> {
  const created = await bench.gql<{
    createConnection: { id: string; webhooks: { url: string }[] };
  }>(CREATE, {
    input: {
      provider: PROVIDERS[vendor],
      name: `${vendor} (sync bench)`,
      credentials: sim.info.credentials,
      capabilities: ['REDISCOVERY', 'CONNECT'],
      baseUrl: sim.info.url,
    },
  });
  const hook = created.createConnection.webhooks[0];
  if (sim.info.webhooksByHarness && hook)
    await sim.request({ type: 'registerWebhook', url: hook.url, secret: webhookSecret });
  return created.createConnection.id;
}

async function phaseTraffic(sim: SimulatorProcess, spans: PhaseSpan[]): Promise<PhaseFigures[]> {
  const phases: PhaseFigures[] = [];
  for (const span of spans) {
    const t = await sim.request({ type: 'traffic', since: span.from, until: span.to });
    phases.push({
      phase: span.phase,
      ms: span.to - span.from,
      pages: span.pages,
      counted: t.counted,
      throttled: t.throttled,
      uncounted: t.uncounted,
    });
  }
  return phases;
}

async function printProgress(
  sim: SimulatorProcess,
  vendor: VendorName,
  run: RunSnapshot | null,
  createdAt: number,
  spanMs: number,
): Promise<void> {
  const now = Date.now();
  const recent = await sim.request({ type: 'traffic', since: now - spanMs, until: now });
  const achieved = recent.counted / (spanMs / 1000);
  const { limit, windowMs } = sim.info.policy;
  const allowed = limit / (windowMs / 1000);
  console.log(
    `[${vendor}] ${duration(now - createdAt)}: ${run?.state ?? 'QUEUED'} ${run?.phase ?? ''}, ` +
      `${int(run?.processed ?? 0)} records` +
      `${run?.total ? ` (of ${int(run.total)} candidates)` : ''}; ` +
      `API ${rate(achieved)} over the last ${spanMs / 1000} s (${pct((100 * achieved) / allowed)} of ${rate(allowed)}), ` +
      `${recent.throttled} × 429; RSS ${mib(process.memoryUsage.rss())}`,
  );
}
