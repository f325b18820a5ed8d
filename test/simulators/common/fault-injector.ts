/**
 * Scripted failures: the next N requests (optionally only those whose path matches) fail, get
 * throttled or are slowed down; chosen candidates are served with a broken shape.
 */

/** Which requests a fault applies to: all, a path substring, or a path pattern. */
export type PathMatch = string | RegExp;

/** Test controls for injected failures. */
export interface FaultControls {
  /** The next `n` matching requests answer `status` (default 503) with the vendor's error body. */
  failNext(n: number, status?: number, match?: PathMatch): void;
  /** The next `n` matching requests answer 429 with the vendor's rate-limit headers. */
  throttleNext(n: number, retryAfterSeconds?: number, match?: PathMatch): void;
  /** The next `n` matching requests are answered only after `ms` (for client timeouts). */
  delayNext(n: number, ms: number, match?: PathMatch): void;
  /** Serve this neutral candidate with a broken shape (missing id, wrong types) everywhere. */
  malformCandidate(key: string): void;
  /**
   * While on, changes send no webhooks (the vendor's webhook system is down, or the change was
   * made where no webhook fires): only a sync can find them.
   */
  withholdWebhooks(on: boolean): void;
  /** Forget all pending faults and malformed records; webhooks flow again. */
  clear(): void;
}

export type InjectedFailure =
  { kind: 'fail'; status: number } | { kind: 'throttle'; retryAfterSeconds: number };

interface Rule<T> {
  remaining: number;
  match: PathMatch | undefined;
  value: T;
}

function matches(match: PathMatch | undefined, path: string): boolean {
  if (match === undefined) return true;
  return typeof match === 'string' ? path.includes(match) : match.test(path);
}

export class FaultInjector implements FaultControls {
  private readonly failures: Array<Rule<InjectedFailure>> = [];
  private readonly delays: Array<Rule<number>> = [];
  private readonly malformed = new Set<string>();
  private withheld = false;

  failNext(n: number, status = 503, match?: PathMatch): void {
    if (n > 0) this.failures.push({ remaining: n, match, value: { kind: 'fail', status } });
  }

  throttleNext(n: number, retryAfterSeconds = 1, match?: PathMatch): void {
    if (n > 0)
      this.failures.push({ remaining: n, match, value: { kind: 'throttle', retryAfterSeconds } });
  }

  delayNext(n: number, ms: number, match?: PathMatch): void {
    if (n > 0) this.delays.push({ remaining: n, match, value: ms });
  }

  malformCandidate(key: string): void {
    this.malformed.add(key);
  }

  withholdWebhooks(on: boolean): void {
    this.withheld = on;
  }

  clear(): void {
    this.failures.length = 0;
    this.delays.length = 0;
    this.malformed.clear();
    this.withheld = false;
  }

  get webhooksWithheld(): boolean {
    return this.withheld;
  }

  isMalformed(candidateKey: string): boolean {
    return this.malformed.has(candidateKey);
  }

  /** Consumes and returns the failure scripted for this request, if any. */
  takeFailure(path: string): InjectedFailure | null {
    return take(this.failures, path);
  }

  /** Consumes and returns the delay scripted for this request (0 when none). */
  takeDelay(path: string): number {
    return take(this.delays, path) ?? 0;
  }
}

function take<T>(rules: Array<Rule<T>>, path: string): T | null {
  const index = rules.findIndex((r) => matches(r.match, path));
  const rule = rules[index];
  if (!rule) return null;
  rule.remaining--;
  if (rule.remaining <= 0) rules.splice(index, 1);
  return rule.value;
}

/** Just the public controls of an injector, bound, for a simulator handle to expose. */
export function faultControls(injector: FaultInjector): FaultControls {
  return {
    failNext: (n, status, match) => injector.failNext(n, status, match),
    throttleNext: (n, retryAfterSeconds, match) =>
      injector.throttleNext(n, retryAfterSeconds, match),
    delayNext: (n, ms, match) => injector.delayNext(n, ms, match),
    malformCandidate: (key) => injector.malformCandidate(key),
    withholdWebhooks: (on) => injector.withholdWebhooks(on),
    clear: () => injector.clear(),
  };
}
