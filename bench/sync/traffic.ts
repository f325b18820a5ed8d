import type { RequestLogEntry } from '../../test/simulators/common/request-log';
import type { Traffic } from './simulator-protocol';

const BUSIEST_SPAN_MS = 60_000;
const IDLE_GAP_MS = 1_000;

/**
 * Summarizes the simulator's request log over [since, until). A request counts against the
 * vendor's limit when it was authenticated (`credential` set: the limiter drew from that
 * credential's bucket) and not refused with a 429; public routes (OAuth token, pre-signed
 * file links) never do.
 */
export function summarizeTraffic(
  entries: readonly RequestLogEntry[],
  since: number,
  until: number,
): Traffic {
  const counted: number[] = [];
  let throttled = 0;
  let uncounted = 0;
  const endpoints = new Map<string, { counted: number; uncounted: number }>();
  for (const e of entries) {
    if (e.startedAt < since || e.startedAt >= until) continue;
    if (e.status === 429) {
      throttled++;
      continue;
    }
    const endpoint = endpointOf(e);
    const row = endpoints.get(endpoint) ?? { counted: 0, uncounted: 0 };
    if (e.credential === null) {
      uncounted++;
      row.uncounted++;
    } else {
      counted.push(e.startedAt);
      row.counted++;
    }
    endpoints.set(endpoint, row);
  }
  counted.sort((a, b) => a - b);
  return {
    counted: counted.length,
    throttled,
    uncounted,
    busiestRate: busiestRate(counted, until - since),
    idleMs: idleTime(counted, since, until),
    byEndpoint: [...endpoints.entries()]
      .map(([endpoint, c]) => ({ endpoint, ...c }))
      .sort((a, b) => b.counted + b.uncounted - (a.counted + a.uncounted)),
  };
}

/** `GET /v3/candidates`, `POST /candidate.info`, `GET /candidates/:id/attachments/:id`. */
function endpointOf(e: RequestLogEntry): string {
  const path = e.path
    .split('/')
    .map((segment) => (looksLikeId(segment) ? ':id' : segment))
    .join('/');
  return `${e.method} ${path}`;
}

function looksLikeId(segment: string): boolean {
  return (
    segment.length > 24 ||
    /^\d+$/.test(segment) ||
    /^[0-9a-f-]{8,}$/i.test(segment) ||
    /\d{3,}/.test(segment)
  );
}

/** Most calls in any window of 60 s (sliding), per second; the mean rate over shorter spans. */
function busiestRate(sorted: readonly number[], spanMs: number): number {
  if (sorted.length === 0) return 0;
  if (spanMs <= BUSIEST_SPAN_MS) return sorted.length / Math.max(0.001, spanMs / 1000);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while ((sorted[end] ?? 0) - (sorted[start] ?? 0) >= BUSIEST_SPAN_MS) start++;
    best = Math.max(best, end - start + 1);
  }
  return best / (BUSIEST_SPAN_MS / 1000);
}

/** Time in gaps of at least a second without a counted call, edges of the span included. */
function idleTime(sorted: readonly number[], since: number, until: number): number {
  let idle = 0;
  let previous = since;
  for (const t of [...sorted, until]) {
    const gap = t - previous;
    if (gap >= IDLE_GAP_MS) idle += gap;
    previous = t;
  }
  return idle;
}
