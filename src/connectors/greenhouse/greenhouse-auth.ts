import { err, ok, type Result } from '../../common/result';
import type { ConnectorError } from '../connector';
import { VendorHttp, VendorUnavailableError } from '../http/vendor-http';
import { ghErrorSchema, ghTokenSchema } from './greenhouse.schemas';

/**
 * Harvest v3 OAuth client credentials (ATS-APIS.md §2.7): HTTP Basic client_id:client_secret and
 * the form `grant_type=client_credentials&sub=<user id>` at the token URL give a Bearer token
 * (one hour). The token is cached until shortly before it expires, refreshed once on a 401, and
 * concurrent callers share one token request.
 */
export interface GreenhouseTokenOptions {
  /** Full URL of the token endpoint, e.g. https://auth.greenhouse.io/token. */
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** The Greenhouse user the calls act as (`sub`). */
  userId: string;
  /** Clock, for tests. Default Date.now. */
  now?: () => number;
  /** Told about waits the token endpoint's rate limit causes. */
  onRateLimited?: (waitMs: number) => void;
}

/** Refresh this long before `expires_in` runs out, so no request carries a dying token. */
const EXPIRY_MARGIN_MS = 60_000;
/** When the grant names no lifetime: Greenhouse documents one hour. */
const DEFAULT_TTL_SECONDS = 3600;

interface CachedToken {
  value: string;
  /** Epoch ms after which the token is no longer used. */
  refreshAt: number;
}

export class GreenhouseTokenSource {
  private readonly http: VendorHttp;
  private readonly now: () => number;
  private cached: CachedToken | null = null;
  private inFlight: Promise<Result<string, ConnectorError>> | null = null;
  /** How many tokens were granted, for tests and diagnostics. */
  granted = 0;

  constructor(private readonly options: GreenhouseTokenOptions) {
    this.now = options.now ?? Date.now;
    const basic = Buffer.from(`${options.clientId}:${options.clientSecret}`).toString('base64');
    // Its own client: the token endpoint is another host with no Harvest rate limit, and a
    // token request must never wait behind the Harvest calls that need the token.
    this.http = new VendorHttp({
      vendor: 'greenhouse-auth',
      baseUrl: options.tokenUrl,
      gate: { maxConcurrency: 2, rate: null },
      maxRetries: 6,
      timeoutMs: 30_000,
      authHeaders: () => Promise.resolve({ authorization: `Basic ${basic}` }),
      onRateLimited: options.onRateLimited,
    });
  }

  /** The current token, fetching a new one when there is none or it is about to expire. */
  token(): Promise<Result<string, ConnectorError>> {
    if (this.cached && this.now() < this.cached.refreshAt)
      return Promise.resolve(ok(this.cached.value));
    return this.refresh();
  }

  /** The cached token without any I/O (for per-request headers); null when none. */
  current(): string | null {
    return this.cached?.value ?? null;
  }

  /** Drops the cached token (it was refused) and asks for a new one. */
  refresh(): Promise<Result<string, ConnectorError>> {
    this.cached = null;
    this.inFlight ??= this.grant().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async grant(): Promise<Result<string, ConnectorError>> {
    let response;
    try {
      response = await this.http.request({
        method: 'POST',
        path: this.options.tokenUrl,
        form: { grant_type: 'client_credentials', sub: this.options.userId },
      });
    } catch (error) {
      const message = error instanceof VendorUnavailableError ? error.message : String(error);
      return err({ kind: 'unavailable', message: `Greenhouse token endpoint: ${message}` });
    }
    const body = parseJson(response.text());
    if (response.status >= 400 && response.status < 500) {
      // 400 invalid_request (unknown `sub`), 401 invalid_client: the grant is refused.
      return err({
        kind: 'auth',
        message: `Greenhouse refused the client credentials: ${describeError(body, response.status)}`,
      });
    }
    const token = ghTokenSchema.safeParse(body);
    if (response.status !== 200 || !token.success) {
      return err({
        kind: 'invalid_response',
        message: `Greenhouse token endpoint answered ${response.status} without a token`,
      });
    }
    const ttlMs = (token.data.expires_in ?? DEFAULT_TTL_SECONDS) * 1000;
    // Short-lived tokens keep at least half their life rather than being refreshed at once.
    const margin = Math.min(EXPIRY_MARGIN_MS, ttlMs / 2);
    this.cached = { value: token.data.access_token, refreshAt: this.now() + ttlMs - margin };
    this.granted++;
    return ok(token.data.access_token);
  }
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** The most specific message an OAuth or Harvest error body carries. */
export function describeError(body: unknown, status: number): string {
  const parsed = ghErrorSchema.safeParse(body);
  if (!parsed.success) return `HTTP ${status}`;
  const e = parsed.data;
  const text =
    e.error_description ?? e.errors?.find((x) => x.message)?.message ?? e.message ?? e.error;
  return text ? `${text} (HTTP ${status})` : `HTTP ${status}`;
}
