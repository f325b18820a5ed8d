/**
 * Per-credential fixed-window rate limiting plus concurrency limits, as the vendors describe them
 * (Greenhouse: N calls per 10 s window; SmartRecruiters: 10 per second and 8 in flight, 1 for
 * GET /candidates). Vendors differ only in the headers they print, which is the caller's job.
 */

/** How much traffic one credential may send. */
export interface RateLimitPolicy {
  /** Requests allowed per window. */
  limit: number;
  /** Window length in ms. */
  windowMs: number;
  /** Requests one credential may have in flight at once. Unlimited when absent. */
  concurrency?: number;
}

/** A stricter in-flight limit for one group of routes (e.g. SmartRecruiters GET /candidates). */
export interface ConcurrencyGroup {
  key: string;
  limit: number;
}

export interface RateLimitState {
  limit: number;
  remaining: number;
  /** Epoch ms when the current window ends. */
  resetAt: number;
  /** Whole seconds until the window ends (at least 1). */
  retryAfterSeconds: number;
  concurrencyLimit: number | null;
  concurrencyRemaining: number | null;
}

export type RateLimitDecision =
  | { allowed: true; state: RateLimitState; release: () => void }
  | { allowed: false; reason: 'rate' | 'concurrency'; state: RateLimitState };

interface WindowCounter {
  start: number;
  count: number;
}

export class RateLimiter {
  private readonly windows = new Map<string, WindowCounter>();
  private readonly inFlight = new Map<string, number>();

  constructor(private current: RateLimitPolicy | false) {}

  get policy(): RateLimitPolicy | false {
    return this.current;
  }

  setPolicy(policy: RateLimitPolicy | false): void {
    this.current = policy;
    this.windows.clear();
  }

  acquire(credential: string, now: number, group?: ConcurrencyGroup): RateLimitDecision | null {
    const policy = this.current;
    if (!policy) return null;
    let window = this.windows.get(credential);
    if (!window || now >= window.start + policy.windowMs) {
      window = { start: now, count: 0 };
      this.windows.set(credential, window);
    }
    const globalKey = credential;
    const groupKey = group ? `${credential}\u0000${group.key}` : null;
    const concurrencyLimit = group?.limit ?? policy.concurrency ?? null;
    const inFlightCount = this.inFlight.get(groupKey ?? globalKey) ?? 0;
    const globalInFlight = this.inFlight.get(globalKey) ?? 0;

    const state = (count: number, flying: number): RateLimitState => ({
      limit: policy.limit,
      remaining: Math.max(0, policy.limit - count),
      resetAt: window.start + policy.windowMs,
      retryAfterSeconds: Math.max(1, Math.ceil((window.start + policy.windowMs - now) / 1000)),
      concurrencyLimit,
      concurrencyRemaining:
        concurrencyLimit === null ? null : Math.max(0, concurrencyLimit - flying),
    });

    if (window.count >= policy.limit)
      return { allowed: false, reason: 'rate', state: state(window.count, inFlightCount) };
    const overGroup = group && inFlightCount >= group.limit;
    const overGlobal = policy.concurrency !== undefined && globalInFlight >= policy.concurrency;
    window.count++;
    if (overGroup || overGlobal) {
      return { allowed: false, reason: 'concurrency', state: state(window.count, inFlightCount) };
    }

    this.adjust(globalKey, +1);
    if (groupKey) this.adjust(groupKey, +1);
    let released = false;
    return {
      allowed: true,
      state: state(window.count, inFlightCount + 1),
      release: () => {
        if (released) return;
        released = true;
        this.adjust(globalKey, -1);
        if (groupKey) this.adjust(groupKey, -1);
      },
    };
  }

  private adjust(key: string, delta: number): void {
    const next = (this.inFlight.get(key) ?? 0) + delta;
    if (next <= 0) this.inFlight.delete(key);
    else this.inFlight.set(key, next);
  }
}
