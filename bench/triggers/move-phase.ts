import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { DeliveryLedger } from './delivery-ledger';
import type { PairMover } from './pair-mover';
import type { PartnerEndpoint } from './partner-endpoint';
import type { MovePhase } from './trigger-settings';

/** What one phase did, for its figures. */
export interface PhaseRun {
  label: string;
  settings: MovePhase;
  /** Epoch ms: the first move, the last move, when every delivery had arrived (or the wait ended). */
  startedAt: number;
  movesEndedAt: number;
  settledAt: number;
  moves: number;
  /** Moves not made because every application still awaited its delivery. */
  skipped: number;
  /** The most deliveries the partner held at once (received, not yet answered). */
  peakInFlight: number;
  /** How late this process's timers ran (the app, simulator and partner share it), ms. */
  eventLoop: { p50: number; p99: number; max: number };
}

const PROGRESS_EVERY_MS = 5_000;
/** After the last expected delivery: time for a duplicate to show up. */
const GRACE_MS = 1_000;
const LOOP_RESOLUTION_MS = 10;

/**
 * Makes `movesPerSecond` moves for `seconds`, evenly spread, with the partner answering after
 * `answerDelayMs`; then waits up to `waitSeconds` for the phase's missing deliveries.
 */
export async function runMovePhase(
  label: string,
  settings: MovePhase,
  waitSeconds: number,
  deps: { mover: PairMover; ledger: DeliveryLedger; partner: PartnerEndpoint },
): Promise<PhaseRun> {
  const { mover, ledger, partner } = deps;
  partner.setAnswerDelay(settings.answerDelayMs);
  partner.takePeakInFlight();
  ledger.phase = label;
  const loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  loop.enable();
  const startedAt = Date.now();
  const progress = setInterval(() => {
    const entries = ledger.of(label);
    const received = entries.filter((e) => e.receivedAt !== null).length;
    console.log(
      `[${label}] ${((Date.now() - startedAt) / 1000).toFixed(0)} s: ${entries.length} moves, ` +
        `${received} delivered, ${entries.length - received} awaited; ` +
        `${mover.freeCount} applications free`,
    );
  }, PROGRESS_EVERY_MS);

  const total = Math.round(settings.movesPerSecond * settings.seconds);
  let moves = 0;
  let skipped = 0;
  const first = performance.now();
  for (let i = 0; i < total; i++) {
    const wait = first + (i * 1000) / settings.movesPerSecond - performance.now();
    if (wait > 0) await sleep(wait);
    if (mover.move(label)) moves++;
    else skipped++;
  }
  await mover.settle();
  const movesEndedAt = Date.now();
  const deadline = movesEndedAt + waitSeconds * 1000;
  const entries = ledger.of(label);
  while (entries.some((e) => e.receivedAt === null) && Date.now() < deadline) await sleep(50);
  const settledAt = Date.now();
  await sleep(GRACE_MS);
  clearInterval(progress);
  loop.disable();
  // The histogram holds the intervals between the monitor's ticks: lateness is what exceeds one.
  const late = (ns: number): number => Math.max(0, ns / 1e6 - LOOP_RESOLUTION_MS);
  return {
    label,
    settings,
    startedAt,
    movesEndedAt,
    settledAt,
    moves,
    skipped,
    peakInFlight: partner.takePeakInFlight(),
    eventLoop: {
      p50: late(loop.percentile(50)),
      p99: late(loop.percentile(99)),
      max: late(loop.max),
    },
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
