import { dummyEmail } from '../../src/exports/dummy-email';
import { MemorySampler } from '../search/memory';
import type { BenchApp } from '../sync/bench-app';
import { duration, int, mib, pct, rate } from '../sync/format';
import type { Traffic } from '../sync/simulator-protocol';
import type { ExportTarget } from './destinations';
import { checkCorrectness, type Correctness, type ItemRow } from './export-correctness';
import type { ServiceTimes } from './export-simulator-protocol';
import type { ExportSimulatorProcess } from './export-simulator-process';
import { eventLag, subscribeToExport, type EventLag } from './status-events';

/** Which candidates an export takes. */
export type Selection = { search: Record<string, never> } | { candidateIds: string[] };

/** What one export measured. */
export interface ExportFigures {
  target: ExportTarget;
  exportJobId: string;
  /** startExport called → the job's finishedAt: what a user waits. */
  wallMs: number;
  /** Of which queued (startExport → startedAt, the queue picking the job up). */
  queuedMs: number;
  /** The job's startedAt → finishedAt, over which the vendor rate is measured. */
  runMs: number;
  /** The simulator's limit as a steady rate (requests/s); null when it enforces none. */
  allowedRate: number | null;
  /** Vendor calls during the run. */
  traffic: Traffic;
  serviceTimes: ServiceTimes;
  memory: { baselineRssBytes: number; peakRssBytes: number; peakPostgresBytes: number | null };
  /** CPU time of this process (the app, the subscriber and the bench's polling) during the export. */
  cpuMs: number;
  lag: EventLag;
  correctness: Correctness;
}

interface JobSnapshot {
  state: string;
  total: number;
  processed: number;
  succeeded: number;
  skipped: number;
  failed: number;
  error: string | null;
  startedAt: string | null;
  finishedAt: string | null;
}

const START = `mutation ($input: StartExportInput!) { startExport(input: $input) { id } }`;
const JOB = `query ($id: ID!) { exportJob(id: $id) {
  state total processed succeeded skipped failed error startedAt finishedAt } }`;
const FINAL = new Set(['COMPLETED', 'FAILED', 'CANCELLED']);
const POLL_MS = 500;
const SUBSCRIPTION_END_WAIT_MS = 10_000;

/**
 * Starts one export through GraphQL as `user`, follows it on the exportStatus subscription and
 * by polling exportJob (printing progress), then reads the vendor's traffic and store from its
 * simulator and the items from the app's database.
 */
export async function measureExport(
  user: BenchApp,
  sim: ExportSimulatorProcess,
  target: ExportTarget,
  selection: Selection,
  progressEveryMs: number,
): Promise<ExportFigures> {
  const label = `[${target.provider.toLowerCase()}]`;
  const memory = new MemorySampler(user.clusterDir || null);
  const baselineRssBytes = process.memoryUsage.rss();
  memory.start(500);
  const cpuBefore = process.cpuUsage();
  const calledAt = Date.now();
  const started = await user.gql<{ startExport: { id: string } }>(START, {
    input: {
      destinationId: target.connectionId,
      ...selection,
      as: target.as,
      ...(target.as === 'PROSPECT' ? { campaignId: target.placeId } : { jobId: target.placeId }),
      includePreviouslyExported: false,
      generateDummyEmails: true,
      dryRun: false,
    },
  });
  const exportJobId = started.startExport.id;
  const subscription = subscribeToExport(user.url, user.key, exportJobId);
  let job: JobSnapshot;
  try {
    job = await follow(user, sim, exportJobId, label, calledAt, progressEveryMs);
    await Promise.race([
      subscription.completed,
      new Promise((resolve) => setTimeout(resolve, SUBSCRIPTION_END_WAIT_MS)),
    ]);
  } finally {
    await subscription.close();
  }
  const cpu = process.cpuUsage(cpuBefore);
  const peaks = await memory.stop();
  if (job.state !== 'COMPLETED')
    throw new Error(`the export ended ${job.state}: ${job.error ?? ''}`);
  const startedAt = Date.parse(job.startedAt ?? '');
  const finishedAt = Date.parse(job.finishedAt ?? '');
  const window = { since: startedAt, until: finishedAt + 1 };
  const traffic = await sim.request({ type: 'traffic', ...window });
  const serviceTimes = await sim.request({ type: 'serviceTimes', ...window });
  const items = await readItems(user, exportJobId);
  const emails = await emailsAsSent(user, target.connectionId, items);
  const audit = await sim.request({ type: 'audit', target: target.placeId });
  const finished = new Map(
    items.flatMap((i) => (i.finishedAt === null ? [] : [[i.candidateId, i.finishedAt] as const])),
  );
  const figures: ExportFigures = {
    target,
    exportJobId,
    wallMs: finishedAt - calledAt,
    queuedMs: startedAt - calledAt,
    runMs: finishedAt - startedAt,
    allowedRate: sim.allowedRate,
    traffic,
    serviceTimes,
    memory: {
      baselineRssBytes,
      peakRssBytes: peaks.rssBytes,
      peakPostgresBytes: peaks.postgresBytes,
    },
    cpuMs: (cpu.user + cpu.system) / 1000,
    lag: eventLag(subscription.events, finished),
    correctness: checkCorrectness(job, items, audit, emails),
  };
  const achieved = traffic.counted / (figures.runMs / 1000);
  console.log(
    `${label} done in ${duration(figures.wallMs)}: ${int(job.total)} candidates ` +
      `(${rate(job.total / (figures.wallMs / 1000))}), ${int(traffic.counted)} API requests at ${rate(achieved)}` +
      (sim.allowedRate
        ? ` (${pct((100 * achieved) / sim.allowedRate)} of ${rate(sim.allowedRate)})`
        : '') +
      `, ${traffic.throttled} × 429; outcomes ${JSON.stringify(figures.correctness.outcomes)}`,
  );
  if (subscription.errors.length > 0)
    console.error(`${label} subscription errors: ${JSON.stringify(subscription.errors)}`);
  return figures;
}

/** Polls the job until it ends, printing a progress line every `progressEveryMs`. */
async function follow(
  user: BenchApp,
  sim: ExportSimulatorProcess,
  id: string,
  label: string,
  calledAt: number,
  progressEveryMs: number,
): Promise<JobSnapshot> {
  let nextProgress = Date.now() + progressEveryMs;
  let lastProcessed = 0;
  for (;;) {
    const { exportJob: job } = await user.gql<{ exportJob: JobSnapshot }>(JOB, { id });
    if (FINAL.has(job.state)) return job;
    const now = Date.now();
    if (now >= nextProgress) {
      const recent = await sim.request({
        type: 'traffic',
        since: now - progressEveryMs,
        until: now,
      });
      const achieved = recent.counted / (progressEveryMs / 1000);
      const allowed = sim.allowedRate;
      console.log(
        `${label} ${duration(now - calledAt)}: ${job.state}, ${int(job.processed)} of ${int(job.total)} ` +
          `(${rate((job.processed - lastProcessed) / (progressEveryMs / 1000))} candidates); ` +
          `API ${rate(achieved)}${allowed ? ` (${pct((100 * achieved) / allowed)} of ${rate(allowed)})` : ''}, ` +
          `${recent.throttled} × 429; RSS ${mib(process.memoryUsage.rss())}`,
      );
      lastProcessed = job.processed;
      nextProgress = now + progressEveryMs;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

async function readItems(user: BenchApp, exportJobId: string): Promise<ItemRow[]> {
  const rows = await user.db.query<{
    candidate_id: string;
    outcome: string | null;
    remote_id: string | null;
    finished_at: Date | null;
  }>(
    'SELECT candidate_id, outcome, remote_id, finished_at FROM export_items WHERE export_job_id = $1',
    [exportJobId],
  );
  return rows.rows.map((r) => ({
    candidateId: r.candidate_id,
    outcome: r.outcome,
    remoteId: r.remote_id,
    finishedAt: r.finished_at?.getTime() ?? null,
  }));
}

/**
 * Each candidate's e-mails as Rediscover holds them, or the address generateDummyEmails gives
 * one without (the same function the app uses, so the same address).
 */
async function emailsAsSent(
  user: BenchApp,
  destinationId: string,
  items: readonly ItemRow[],
): Promise<Map<string, string[]>> {
  const rows = await user.db.query<{ id: string; emails: string[] }>(
    'SELECT id, emails FROM candidates WHERE id = ANY($1::uuid[])',
    [items.map((i) => i.candidateId)],
  );
  const domain = user.app.config.exports.dummyEmailDomain;
  return new Map(
    rows.rows.map((r) => [
      r.id,
      r.emails.length > 0 ? r.emails : [dummyEmail(r.id, destinationId, domain)],
    ]),
  );
}
