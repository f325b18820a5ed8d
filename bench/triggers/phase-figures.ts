import { percentile } from '../report';
import type { DeliveryLedger, ExpectedDelivery } from './delivery-ledger';
import type { PhaseRun } from './move-phase';
import type { VendorSends } from './vendor-sends';

/** Percentiles in ms; Infinity where the share of deliveries never received reaches them. */
export interface Latency {
  p50: number;
  p95: number;
  p99: number;
}

/** One phase's figures. */
export interface PhaseFigures {
  run: PhaseRun;
  /** Moves made: deliveries the partner must receive. */
  expected: number;
  /** Of those, received (first verified receipt of the event). */
  received: number;
  /** Every POST the partner answered in the phase, retries and duplicates included. */
  receipts: number;
  /** Receipts of a `webhook-id` already received. */
  duplicates: number;
  /** Verified deliveries no move awaited, with a few examples. */
  unexpected: { count: number; examples: string[] };
  /** Deliveries whose signature the `standardwebhooks` verifier refused, with the first message. */
  invalid: { count: number; first: string | null };
  /** From the move in the simulator to the partner's receipt. */
  fromMove: Latency;
  /** From the simulator's first webhook POST about the move to the partner's receipt. */
  fromVendorSend: Latency;
  /** The app's answer to the simulator's webhook POSTs (p50 / p95 ms, and how many). */
  vendorAnswer: { p50: number; p95: number; count: number };
  /** Deliveries received while the moves went on, per second of moves. */
  duringMovesPerSecond: number;
  /** After the last move: deliveries received per second until the last one (the backlog draining). */
  drainPerSecond: number | null;
  /** From the last move to the last expected delivery received, ms. */
  drainMs: number | null;
}

export function phaseFigures(
  ledger: DeliveryLedger,
  run: PhaseRun,
  sends: VendorSends,
): PhaseFigures {
  const entries = ledger.of(run.label);
  const received = entries.filter((e): e is ExpectedDelivery & { receivedAt: number } =>
    Number.isFinite(e.receivedAt ?? NaN),
  );
  const tally = ledger.tally(run.label);
  const during = received.filter((e) => e.receivedAt <= run.movesEndedAt).length;
  const after = received.filter((e) => e.receivedAt > run.movesEndedAt);
  const last = Math.max(...received.map((e) => e.receivedAt));
  const drainMs = after.length > 0 ? last - run.movesEndedAt : null;
  return {
    run,
    expected: entries.length,
    received: received.length,
    receipts: tally.receipts,
    duplicates: tally.duplicates,
    unexpected: { count: tally.unexpected.length, examples: tally.unexpected.slice(0, 3) },
    invalid: { count: tally.invalid.length, first: tally.invalid[0] ?? null },
    fromMove: latency(entries.map((e) => (e.receivedAt ?? Infinity) - e.movedAt)),
    fromVendorSend: latency(
      entries.map((e) => {
        const sent = sends.firstAfter(e);
        return e.receivedAt === null || sent === undefined ? Infinity : e.receivedAt - sent;
      }),
    ),
    vendorAnswer: sends.answer,
    duringMovesPerSecond: during / ((run.movesEndedAt - run.startedAt) / 1000),
    drainPerSecond: drainMs && drainMs > 0 ? after.length / (drainMs / 1000) : null,
    drainMs,
  };
}

function latency(values: number[]): Latency {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) };
}
