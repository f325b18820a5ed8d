import { z } from 'zod';
import { err, ok, type Result } from '../../common/result';
import type { ConnectorError } from '../connector';
import { VendorUnavailableError, type VendorResponse } from '../http/vendor-http';

/** An OAuth 2 client-credentials grant answer (RFC 6749 §5.1). */
const tokenSchema = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().nullish(),
  expires_in: z.number().positive().nullish(),
});

export interface OAuthTokenCacheOptions {
  /** For messages: "Greenhouse", "SmartRecruiters". */
  vendor: string;
  /** Sends the vendor's grant request (its own HTTP client, so it never queues behind API calls). */
  requestGrant: () => Promise<VendorResponse>;
  /** The most specific message of a vendor error body. */
  describeError: (body: unknown, status: number) => string;
  now: () => number;
  /** When the grant names no lifetime. Default 3600 s (both vendors document an hour). */
  defaultTtlSeconds?: number;
}

/** Refresh this long before `expires_in` runs out, so no request carries a dying token. */
const EXPIRY_MARGIN_MS = 60_000;

/**
 * A client-credentials bearer token, cached until shortly before it expires and refreshed on
 * demand (after a 401); concurrent callers share one grant request.
 */
export class OAuthTokenCache {
  private cached: { value: string; refreshAt: number } | null = null;
  private inFlight: Promise<Result<string, ConnectorError>> | null = null;
  /** Tokens granted so far, for tests and diagnostics. */
  granted = 0;
  /** Why the last grant failed. */
  lastError: ConnectorError | null = null;

  constructor(private readonly options: OAuthTokenCacheOptions) {}

  /** The cached token when still good, without I/O; null when none. */
  current(): string | null {
    return this.cached && this.options.now() < this.cached.refreshAt ? this.cached.value : null;
  }

  /** The current token, granting a new one when there is none or it is about to expire. */
  token(): Promise<Result<string, ConnectorError>> {
    const current = this.current();
    return current ? Promise.resolve(ok(current)) : this.refresh();
  }

  /** Drops the cached token (a call was refused with it) and asks for a new one. */
  refresh(): Promise<Result<string, ConnectorError>> {
    this.cached = null;
    this.inFlight ??= this.grant().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async grant(): Promise<Result<string, ConnectorError>> {
    const result = await this.requestToken();
    this.lastError = result.ok ? null : result.error;
    return result;
  }

  private async requestToken(): Promise<Result<string, ConnectorError>> {
    const { vendor } = this.options;
    let response: VendorResponse;
    try {
      response = await this.options.requestGrant();
    } catch (error) {
      const message = error instanceof VendorUnavailableError ? error.message : String(error);
      return err({ kind: 'unavailable', message: `${vendor} token endpoint: ${message}` });
    }
    const body = parseJson(response.text());
    if (response.status >= 400 && response.status < 500) {
      // 400 invalid_request / invalid_grant, 401 invalid_client: the grant is refused.
      return err({
        kind: 'auth',
        message: `${vendor} refused the client credentials: ${this.options.describeError(body, response.status)}`,
      });
    }
    const token = tokenSchema.safeParse(body);
    if (response.status !== 200 || !token.success) {
      return err({
        kind: 'invalid_response',
        message: `${vendor} token endpoint answered ${response.status} without a token`,
      });
    }
    const ttlMs = (token.data.expires_in ?? this.options.defaultTtlSeconds ?? 3600) * 1000;
    // Short-lived tokens keep at least half their life rather than being refreshed at once.
    const margin = Math.min(EXPIRY_MARGIN_MS, ttlMs / 2);
    this.cached = {
      value: token.data.access_token,
      refreshAt: this.options.now() + ttlMs - margin,
    };
    this.granted++;
    return ok(token.data.access_token);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
