/** Every request a simulator answered, for assertions and for rate benchmarks. */
export interface RequestLogEntry {
  method: string;
  /** Path without the query string. */
  path: string;
  query: string;
  status: number;
  /** Epoch ms when the request arrived. */
  startedAt: number;
  durationMs: number;
  /** Which credential made it (API key id, client id), when authenticated. */
  credential: string | null;
}

export interface RequestRateOptions {
  /** Only count requests that arrived at or after this time (epoch ms). */
  since?: number;
  /** Only count requests that arrived before this time. Default: now. */
  until?: number;
  /** Leave out some requests, e.g. token calls or 429s. */
  filter?: (entry: RequestLogEntry) => boolean;
}

export class RequestLog {
  readonly entries: RequestLogEntry[] = [];

  record(entry: RequestLogEntry): void {
    this.entries.push(entry);
  }

  clear(): void {
    this.entries.length = 0;
  }

  /** Entries matching a predicate, e.g. `(e) => e.status === 429`. */
  where(predicate: (entry: RequestLogEntry) => boolean): RequestLogEntry[] {
    return this.entries.filter(predicate);
  }

  /**
   * Achieved requests per second over [since, until), comparable with the allowed rate
   * (`limit / windowMs * 1000`). Without `since`, the span starts at the first counted request.
   */
  rate(options: RequestRateOptions = {}): number {
    const until = options.until ?? Date.now();
    const counted = this.entries.filter(
      (e) =>
        (options.since === undefined || e.startedAt >= options.since) &&
        e.startedAt < until &&
        (!options.filter || options.filter(e)),
    );
    const first = counted[0];
    if (!first) return 0;
    const since = options.since ?? first.startedAt;
    const seconds = Math.max(0.001, (until - since) / 1000);
    return counted.length / seconds;
  }
}
