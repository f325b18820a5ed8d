import { percentile } from '../report';
import type { BenchApp } from './bench-app';
import { pollDatabase, pollSearch, searchCheckable, type TrackedEvent } from './event-watchers';
import type { SimulatorProcess } from './simulator-process';
import type { DeliveryStats, Traffic } from './simulator-protocol';
import type { SyncBenchSettings, VendorName } from './sync-settings';

/** Latency percentiles in ms; Infinity where the share of events not arrived reaches them. */
export interface Latency {
  p50: number;
  p95: number;
  p99: number;
}

export interface WebhookFigures {
  vendor: VendorName;
  eventsPerSecond: number;
  /** Stage moves made. */
  sent: number;
  /** How long the benchmark waited after the last move. */
  waitSeconds: number;
  arrivedInDatabase: number;
  database: Latency;
  /** Moves whose arrival in search could be checked, and how many arrived. */
  searchChecked: number;
  arrivedInSearch: number;
  search: Latency;
  deliveries: DeliveryStats;
  /** Vendor API traffic while events were applied (the app reads each changed candidate). */
  traffic: Traffic;
  spanMs: number;
  allowedRate: number;
}

const DATABASE_POLL_MS = 20;
const SEARCH_POLL_MS = 100;

/**
 * Moves `eventsPerSecond` random applications to their next stage for `seconds`, evenly spread,
 * on a synced connection; the simulator delivers the vendor's signed webhooks. Each move's
 * latency runs from the mutation to the first database poll (every 20 ms, one query for all
 * pending moves) that sees the row at the new stage, and to the first search (every 100 ms) that
 * returns the candidate under the new stage facet.
 */
export async function measureWebhookLatency(
  bench: BenchApp,
  sim: SimulatorProcess,
  vendor: VendorName,
  connectionId: string,
  settings: SyncBenchSettings,
): Promise<WebhookFigures> {
  const { eventsPerSecond, seconds, waitSeconds } = settings.webhook;
  const organizationId = (
    await bench.db.query<{ id: string }>(
      'SELECT organization_id AS id FROM connections WHERE id = $1',
      [connectionId],
    )
  ).rows[0]?.id;
  if (!organizationId) throw new Error(`connection ${connectionId} not found`);
  const scope = { organizationId, connectionId };
  const events: TrackedEvent[] = [];
  const since = Date.now();
  const watching = { on: true };
  const watchers = [
    repeat(watching, DATABASE_POLL_MS, () => pollDatabase(bench, scope, events)),
    repeat(watching, SEARCH_POLL_MS, () => pollSearch(bench, connectionId, events)),
  ];

  const wanted = Math.round(eventsPerSecond * seconds);
  const total = Math.min(wanted, sim.info.movable);
  if (total < wanted)
    console.log(`[${vendor}] only ${total} active applications to move (of ${wanted} events)`);
  const moves: Promise<void>[] = [];
  const failures: unknown[] = [];
  const first = performance.now();
  for (let i = 0; i < total; i++) {
    const wait = first + (i * 1000) / eventsPerSecond - performance.now();
    if (wait > 0) await sleep(wait);
    moves.push(
      sim.request({ type: 'moveStage' }).then(
        (moved) => {
          events.push({ ...moved, dbAt: null, searchAt: null, candidateId: null, email: null });
        },
        (error: unknown) => {
          failures.push(error);
        },
      ),
    );
  }
  await Promise.all(moves);
  if (failures.length > 0) {
    watching.on = false;
    await Promise.all(watchers);
    throw failures[0] instanceof Error ? failures[0] : new Error(String(failures[0]));
  }
  const deadline = Date.now() + waitSeconds * 1000;
  const settled = (e: TrackedEvent): boolean =>
    e.dbAt !== null && (e.searchAt !== null || !searchCheckable(e));
  while (!events.every(settled) && Date.now() < deadline) await sleep(SEARCH_POLL_MS);
  watching.on = false;
  await Promise.all(watchers);
  const until = Date.now();

  const checked = events.filter(searchCheckable);
  const figures: WebhookFigures = {
    vendor,
    eventsPerSecond,
    sent: events.length,
    waitSeconds,
    arrivedInDatabase: events.filter((e) => e.dbAt !== null).length,
    database: latency(events.map((e) => (e.dbAt === null ? Infinity : e.dbAt - e.mutatedAt))),
    searchChecked: checked.length,
    arrivedInSearch: checked.filter((e) => e.searchAt !== null).length,
    search: latency(
      checked.map((e) => (e.searchAt === null ? Infinity : e.searchAt - e.mutatedAt)),
    ),
    deliveries: await sim.request({ type: 'deliveries', since }),
    traffic: await sim.request({ type: 'traffic', since, until }),
    spanMs: until - since,
    allowedRate: sim.info.policy.limit / (sim.info.policy.windowMs / 1000),
  };
  console.log(
    `[${vendor}] webhooks: ${figures.arrivedInDatabase}/${figures.sent} rows updated, ` +
      `p50 ${fmt(figures.database.p50)} p95 ${fmt(figures.database.p95)}; ` +
      `search ${figures.arrivedInSearch}/${figures.searchChecked}, p50 ${fmt(figures.search.p50)}; ` +
      `${figures.traffic.counted} API requests, ${figures.traffic.throttled} × 429`,
  );
  return figures;
}

function latency(values: number[]): Latency {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) };
}

function fmt(ms: number): string {
  return Number.isFinite(ms) ? `${Math.round(ms)} ms` : '—';
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Runs `task` every `everyMs` (never overlapping) while `state.on`; a failed poll is retried. */
async function repeat(
  state: { on: boolean },
  everyMs: number,
  task: () => Promise<void>,
): Promise<void> {
  while (state.on) {
    const started = performance.now();
    try {
      await task();
    } catch (error) {
      console.error(`poll failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    await sleep(Math.max(0, everyMs - (performance.now() - started)));
  }
}
