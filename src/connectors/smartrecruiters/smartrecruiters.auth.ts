import { err, ok, type Result } from '../../common/result';
import type { ConnectorError } from '../connector';
import { VendorHttp, VendorUnavailableError } from '../http/vendor-http';
import { describeSrError, parseJson } from './smartrecruiters.errors';
import { srTokenSchema } from './smartrecruiters.schemas';

/**
 * SmartRecruiters credentials (ATS-APIS.md §3.1): a company API key sent as `X-SmartToken`, or an
 * OAuth client whose `POST /identity/oauth/token` (client_credentials, form body) grants a Bearer
 * token for an hour. The token is cached until shortly before it expires, refreshed once when a
 * call answers 401, and concurrent callers share one token request.
 */
export interface SmartRecruitersCredentials {
  smartToken?: string | undefined;
  clientId?: string | undefined;
  clientSecret?: string | undefined;
}

/** Refresh this long before `expires_in` runs out, so no request carries a dying token. */
const EXPIRY_MARGIN_MS = 60_000;
/** When the grant names no lifetime: SR documents one hour. */
const DEFAULT_TTL_SECONDS = 3600;

export class SmartRecruitersAuth {
  private readonly http: VendorHttp | null;
  private cached: { value: string; refreshAt: number } | null = null;
  private inFlight: Promise<Result<string, ConnectorError>> | null = null;
  /** Tokens granted so far, for tests and diagnostics. */
  granted = 0;
  /** Why the last grant failed; what a 401 is reported as after a refused refresh. */
  lastError: ConnectorError | null = null;

  constructor(
    baseUrl: string,
    private readonly credentials: SmartRecruitersCredentials,
    private readonly now: () => number,
  ) {
    // Its own client: the token call must never queue behind the API calls that wait for it.
    this.http = this.usesOAuth
      ? new VendorHttp({
          vendor: 'smartrecruiters-oauth',
          baseUrl,
          gate: { maxConcurrency: 2, rate: null },
          maxRetries: 3,
          timeoutMs: 30_000,
          authHeaders: () => Promise.resolve({}),
        })
      : null;
  }

  /** An API key wins when both are configured: it needs no token round trip. */
  get usesOAuth(): boolean {
    return !this.credentials.smartToken && Boolean(this.credentials.clientId);
  }

  /** Makes sure a usable credential exists (granting a token when needed) before a request. */
  async ready(): Promise<Result<void, ConnectorError>> {
    if (this.credentials.smartToken) return ok(undefined);
    if (!this.usesOAuth) {
      return err({ kind: 'auth', message: 'No SmartToken or OAuth client is configured.' });
    }
    if (this.cached && this.now() < this.cached.refreshAt) return ok(undefined);
    const token = await this.refresh();
    return token.ok ? ok(undefined) : token;
  }

  /** Headers for one request, without I/O (call {@link ready} first). */
  headers(): Record<string, string> {
    if (this.credentials.smartToken) return { 'x-smarttoken': this.credentials.smartToken };
    return this.cached ? { authorization: `Bearer ${this.cached.value}` } : {};
  }

  /** Drops the token (a call was refused with it) and asks for a new one. */
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
    if (!this.http) return err({ kind: 'auth', message: 'No OAuth client is configured.' });
    let response;
    try {
      response = await this.http.request({
        method: 'POST',
        path: '/identity/oauth/token',
        form: {
          grant_type: 'client_credentials',
          client_id: this.credentials.clientId ?? '',
          client_secret: this.credentials.clientSecret ?? '',
        },
      });
    } catch (error) {
      const message = error instanceof VendorUnavailableError ? error.message : String(error);
      return err({ kind: 'unavailable', message: `SmartRecruiters token endpoint: ${message}` });
    }
    const body = parseJson(response.text());
    if (response.status >= 400 && response.status < 500) {
      return err({
        kind: 'auth',
        message: `SmartRecruiters refused the OAuth client: ${describeSrError(body, response.status)}`,
      });
    }
    const token = srTokenSchema.safeParse(body);
    if (response.status !== 200 || !token.success) {
      return err({
        kind: 'invalid_response',
        message: `SmartRecruiters token endpoint answered ${response.status} without a token`,
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
