import type { RequestLogEntry } from '../../test/simulators/common/request-log';
import { percentile } from '../report';
import type { ServiceTimes } from './export-simulator-protocol';

/**
 * How long the simulator took to answer the counted calls of [since, until), by endpoint: the
 * vendor's share of each call's round trip. SourceWhale's and Ashby's paths hold no ids, so
 * `METHOD path` names an endpoint.
 */
export function serviceTimes(
  entries: readonly RequestLogEntry[],
  since: number,
  until: number,
): ServiceTimes {
  const byEndpoint = new Map<string, number[]>();
  for (const e of entries) {
    if (e.startedAt < since || e.startedAt >= until || e.status === 429 || e.credential === null)
      continue;
    const endpoint = `${e.method} ${e.path}`;
    const times = byEndpoint.get(endpoint) ?? [];
    times.push(e.durationMs);
    byEndpoint.set(endpoint, times);
  }
  return [...byEndpoint.entries()]
    .map(([endpoint, times]) => {
      const sorted = times.sort((a, b) => a - b);
      return {
        endpoint,
        count: sorted.length,
        p50Ms: percentile(sorted, 50),
        p95Ms: percentile(sorted, 95),
      };
    })
    .sort((a, b) => b.count - a.count);
}
