import type { EventTimes } from './event-times';

/** How the delivery worker kept up: its backlog and its rate when it never lacked work. */
export interface BacklogFigures {
  /** The most deliveries queued and not yet POSTed at once. */
  peakWaiting: number;
  /** Claims made while a full batch was already waiting behind the previous one. */
  busyCycles: number;
  /** Deliveries per second over those cycles: the worker's capacity against this partner. */
  postsPerSecond: number | null;
}

/** First POSTs this close together (ms) came from one claim: the worker stamps a batch at once. */
const SAME_CLAIM_MS = 2;
/** Fewer busy cycles than this say nothing about capacity. */
const MIN_CYCLES = 3;

/**
 * Replays the deliveries' queued and first-POST times. The worker claims up to `concurrency`
 * due deliveries, POSTs them and claims again when the batch is done; when at least
 * `concurrency` were still waiting right after a claim, that claim was full and the next one
 * came as soon as its batch was done, so the time between the two is one busy cycle. Deliveries per
 * second over the busy cycles is the worker's capacity, whatever rate the moves arrived at.
 */
export function deliveryBacklog(times: readonly EventTimes[], concurrency: number): BacklogFigures {
  const changes = times
    .flatMap((t) => [
      { at: t.queued, delta: 1 },
      ...(t.firstPost === null ? [] : [{ at: t.firstPost, delta: -1 }]),
    ])
    .sort((a, b) => a.at - b.at || b.delta - a.delta);
  const claims: { at: number; posts: number; waitingAfter: number }[] = [];
  let waiting = 0;
  let peakWaiting = 0;
  for (const { at, delta } of changes) {
    waiting += delta;
    peakWaiting = Math.max(peakWaiting, waiting);
    if (delta > 0) continue;
    const last = claims.at(-1);
    if (last && at - last.at <= SAME_CLAIM_MS) {
      last.posts++;
      last.waitingAfter = waiting;
    } else claims.push({ at, posts: 1, waitingAfter: waiting });
  }
  let busyCycles = 0;
  let busyMs = 0;
  let posts = 0;
  for (let i = 1; i < claims.length; i++) {
    const previous = claims[i - 1]!;
    const claim = claims[i]!;
    if (previous.waitingAfter < concurrency) continue;
    busyCycles++;
    // The cycle is the previous batch's: claimed, POSTed, answered, recorded.
    busyMs += claim.at - previous.at;
    posts += previous.posts;
  }
  return {
    peakWaiting,
    busyCycles,
    postsPerSecond: busyCycles >= MIN_CYCLES && busyMs > 0 ? posts / (busyMs / 1000) : null,
  };
}
