import type { Result } from '../../common/result';
import type { ConnectorError } from '../connector';
import { VendorHttp } from '../http/vendor-http';
import { OAuthTokenCache } from '../shared/oauth-token-cache';
import { ghErrorSchema } from './greenhouse.schemas';

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

export class GreenhouseTokenSource {
  private readonly cache: OAuthTokenCache;

  constructor(options: GreenhouseTokenOptions) {
    const basic = Buffer.from(`${options.clientId}:${options.clientSecret}`).toString('base64');
    // Its own client: the token endpoint is another host with no Harvest rate limit, and a
    // token request must never wait behind the Harvest calls that need the token.
    const http = new VendorHttp({
      vendor: 'greenhouse-auth',
      baseUrl: options.tokenUrl,
      gate: { maxConcurrency: 2, rate: null },
      maxRetries: 6,
      timeoutMs: 30_000,
      authHeaders: () => Promise.resolve({ authorization: `Basic ${basic}` }),
      onRateLimited: options.onRateLimited,
    });
    this.cache = new OAuthTokenCache({
      vendor: 'Greenhouse',
      requestGrant: () =>
        http.request({
          method: 'POST',
          path: options.tokenUrl,
          form: { grant_type: 'client_credentials', sub: options.userId },
        }),
      describeError,
      now: options.now ?? Date.now,
    });
  }

  /** How many tokens were granted, for tests and diagnostics. */
  get granted(): number {
    return this.cache.granted;
  }

  /** The current token, fetching a new one when there is none or it is about to expire. */
  token(): Promise<Result<string, ConnectorError>> {
    return this.cache.token();
  }

  /** The cached token without any I/O (for per-request headers); null when none. */
  current(): string | null {
    return this.cache.current();
  }

  /** Drops the cached token (it was refused) and asks for a new one. */
  refresh(): Promise<Result<string, ConnectorError>> {
    return this.cache.refresh();
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
