import { RateGate, type RateGateOptions } from './rate-gate';

/**
 * The one HTTP client every connector uses: vendor auth headers, pacing (RateGate), retries of
 * 5xx, network errors and timeouts with exponential backoff and jitter, and patient handling of
 * 429s (Retry-After, X-RateLimit-Reset) so that one throttled request never fails a run.
 */
export interface VendorHttpOptions {
  vendor: string;
  baseUrl: string;
  gate: RateGateOptions;
  /** Per request. Default 60 s (SmartRecruiters recommends ≥ 128 s for big pages). */
  timeoutMs?: number;
  /** Retries of 5xx / network errors / timeouts. Default 6. */
  maxRetries?: number;
  /** Consecutive 429s tolerated for one request before giving up. Default 60. */
  maxThrottles?: number;
  /** Auth headers, asked for on every request (tokens can be refreshed in between). */
  authHeaders: () => Promise<Record<string, string>>;
  /** Called on 401 once per request: refresh a token and return true to retry. */
  onUnauthorized?: () => Promise<boolean>;
  /** Told about every wait caused by the vendor's limits. */
  onRateLimited?: (waitMs: number) => void;
  /** Backoff base. Default 250 ms. */
  backoffMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface VendorRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path relative to baseUrl, or an absolute URL (e.g. a `Link rel="next"`). */
  path: string;
  query?: Record<string, string | number | boolean | undefined | null | readonly string[]>;
  json?: unknown;
  form?: Record<string, string>;
  headers?: Record<string, string>;
  /**
   * Not idempotent (creates a record): a network error, timeout or 5xx is not retried, since the
   * vendor may have acted before failing; the caller looks before it sends again. A 429 is
   * still waited out: it was refused, not done.
   */
  once?: boolean;
}

export interface VendorResponse {
  status: number;
  headers: Headers;
  body: Buffer;
  json<T = unknown>(): T;
  text(): string;
}

/** The vendor could not be reached or kept failing after every retry. */
export class VendorUnavailableError extends Error {
  constructor(
    readonly vendor: string,
    message: string,
    readonly status: number | null,
  ) {
    super(`${vendor}: ${message}`);
    this.name = 'VendorUnavailableError';
  }
}

const RETRYABLE_STATUS = new Set([500, 502, 503, 504, 520, 522, 524]);

export class VendorHttp {
  private readonly gate: RateGate;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: VendorHttpOptions) {
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.gate = new RateGate(options.gate, Date.now, this.sleep);
  }

  /** Changes the steady pace (see RateGate.setRate). */
  setRate(rate: RateGateOptions['rate']): void {
    this.gate.setRate(rate);
  }

  async request(request: VendorRequest): Promise<VendorResponse> {
    const url = this.url(request);
    let failures = 0;
    let throttles = 0;
    let reauthorized = false;
    for (;;) {
      const waited = await this.gate.acquire();
      if (waited > 50) this.options.onRateLimited?.(waited);
      let response: Response;
      try {
        response = await this.send(url, request);
      } catch (error) {
        this.gate.release();
        failures++;
        if (request.once || failures > (this.options.maxRetries ?? 6)) {
          throw new VendorUnavailableError(
            this.options.vendor,
            `unreachable after ${failures} attempts (${describe(error)})`,
            null,
          );
        }
        await this.sleep(this.backoff(failures));
        continue;
      }
      this.gate.release();
      this.observeWindow(response.headers);

      if (response.status === 429) {
        throttles++;
        if (throttles > (this.options.maxThrottles ?? 60)) {
          throw new VendorUnavailableError(
            this.options.vendor,
            'still rate-limited after many waits',
            429,
          );
        }
        await response.arrayBuffer().catch(() => undefined);
        const wait = retryAfterMs(response.headers) ?? this.backoff(throttles);
        this.gate.pauseFor(wait);
        this.options.onRateLimited?.(wait);
        continue;
      }
      if (RETRYABLE_STATUS.has(response.status)) {
        failures++;
        await response.arrayBuffer().catch(() => undefined);
        if (request.once || failures > (this.options.maxRetries ?? 6)) {
          throw new VendorUnavailableError(
            this.options.vendor,
            `answered ${response.status} ${failures} times`,
            response.status,
          );
        }
        await this.sleep(retryAfterMs(response.headers) ?? this.backoff(failures));
        continue;
      }
      if (response.status === 401 && !reauthorized && this.options.onUnauthorized) {
        reauthorized = true;
        if (await this.options.onUnauthorized()) {
          await response.arrayBuffer().catch(() => undefined);
          continue;
        }
      }
      const body = Buffer.from(await response.arrayBuffer());
      return {
        status: response.status,
        headers: response.headers,
        body,
        json: <T>() => JSON.parse(body.toString('utf8')) as T,
        text: () => body.toString('utf8'),
      };
    }
  }

  private async send(url: string, request: VendorRequest): Promise<Response> {
    const headers: Record<string, string> = {
      accept: 'application/json',
      'user-agent': 'Rediscover/0.1 (+https://github.com/rediscover)',
      ...(await this.options.authHeaders()),
      ...request.headers,
    };
    let body: string | undefined;
    if (request.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(request.json);
    } else if (request.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(request.form).toString();
    }
    return fetch(url, {
      method: request.method ?? 'GET',
      headers,
      body,
      redirect: 'follow',
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 60_000),
    });
  }

  /** A window reported as used up pauses everyone until it resets, instead of earning a 429. */
  private observeWindow(headers: Headers): void {
    const remaining = Number(headers.get('x-ratelimit-remaining'));
    if (!headers.has('x-ratelimit-remaining') || Number.isNaN(remaining) || remaining > 0) return;
    const reset = resetMs(headers.get('x-ratelimit-reset'));
    if (reset !== null) {
      this.gate.pauseFor(reset);
      this.options.onRateLimited?.(reset);
    }
  }

  private backoff(attempt: number): number {
    const base = (this.options.backoffMs ?? 250) * 2 ** Math.min(attempt - 1, 8);
    // Full jitter: spreads retries of many workers apart.
    return Math.round(base / 2 + Math.random() * (base / 2));
  }

  private url(request: VendorRequest): string {
    const url = /^https?:\/\//.test(request.path)
      ? new URL(request.path)
      : new URL(this.options.baseUrl.replace(/\/$/, '') + '/' + request.path.replace(/^\//, ''));
    for (const [key, value] of Object.entries(request.query ?? {})) {
      if (value === undefined || value === null) continue;
      if (Array.isArray(value))
        for (const v of value as readonly string[]) url.searchParams.append(key, v);
      else url.searchParams.set(key, String(value));
    }
    return url.toString();
  }
}

/** Retry-After as seconds or an HTTP date, else X-RateLimit-Reset. */
export function retryAfterMs(headers: Headers): number | null {
  const retryAfter = headers.get('retry-after');
  if (retryAfter) {
    const seconds = Number(retryAfter);
    if (!Number.isNaN(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - Date.now());
  }
  return resetMs(headers.get('x-ratelimit-reset'));
}

/** X-RateLimit-Reset is an epoch time (seconds or ms) at some vendors, seconds-to-wait at others. */
function resetMs(value: string | null): number | null {
  if (!value) return null;
  const n = Number(value);
  if (Number.isNaN(n)) {
    const date = Date.parse(value);
    return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
  }
  if (n > 1e12) return Math.max(0, n - Date.now());
  if (n > 1e9) return Math.max(0, n * 1000 - Date.now());
  return Math.max(0, n * 1000);
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return cause ? `${error.name}: ${cause}` : `${error.name}: ${error.message}`;
  }
  return String(error);
}
