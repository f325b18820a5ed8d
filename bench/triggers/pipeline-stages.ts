import { percentile } from '../report';
import type { ExpectedDelivery } from './delivery-ledger';
import type { EventTimes } from './event-times';
import type { VendorSends } from './vendor-sends';

/** p50 / p95 of one step, ms. */
export interface StepLatency {
  step: string;
  p50: number;
  p95: number;
}

/** Where the received deliveries' time went. */
export interface PipelineFigures {
  steps: StepLatency[];
  /** Received deliveries that needed more than one attempt. */
  retried: number;
}

/**
 * Splits each received delivery's time at the simulator's first webhook POST about the move and
 * at the app's timestamps (event-times.ts): what the vendor's queue, the app's intake and
 * applier, the dispatcher, the delivery worker and the partner's HTTP each took.
 */
export function pipelineFigures(
  received: readonly ExpectedDelivery[],
  times: ReadonlyMap<string, EventTimes>,
  sends: VendorSends,
): PipelineFigures {
  const spans: [string, number[]][] = [
    ["move → Ashby's first webhook POST (the simulator's in-order queue)", []],
    ["Ashby's POST → row mirrored (intake, job queue, applier)", []],
    ['row mirrored → delivery queued (commit, NOTIFY, dispatcher)', []],
    ['delivery queued → first POST to the partner (commit, worker wake-up, claim, backlog)', []],
    ['first POST → partner received (signing, HTTP)', []],
  ];
  const [vendor, mirror, dispatch, claim, post] = spans.map(([, values]) => values) as [
    number[],
    number[],
    number[],
    number[],
    number[],
  ];
  let retried = 0;
  for (const e of received) {
    const row = e.eventId ? times.get(e.eventId) : undefined;
    if (!row || e.receivedAt === null) continue;
    const sent = sends.firstAfter(e);
    if (sent !== undefined) {
      vendor.push(sent - e.movedAt);
      mirror.push(row.mirrored - sent);
    }
    dispatch.push(row.queued - row.mirrored);
    if (row.firstPost !== null) {
      claim.push(row.firstPost - row.queued);
      post.push(e.receivedAt - row.firstPost);
    }
    if (row.attempts > 1) retried++;
  }
  return {
    steps: spans.map(([step, values]) => {
      const sorted = values.sort((a, b) => a - b);
      return { step, p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
    }),
    retried,
  };
}
