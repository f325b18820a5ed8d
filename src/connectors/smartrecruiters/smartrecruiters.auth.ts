import { err, ok, type Result } from '../../common/result';
import type { ConnectorError } from '../connector';
import { VendorHttp } from '../http/vendor-http';
import { OAuthTokenCache } from '../shared/oauth-token-cache';
import { describeSrError } from './smartrecruiters.errors';

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

export class SmartRecruitersAuth {
  private readonly tokens: OAuthTokenCache | null;

  constructor(
    baseUrl: string,
    private readonly credentials: SmartRecruitersCredentials,
    now: () => number,
  ) {
    // Its own client: the token call must never queue behind the API calls that wait for it.
    const http = new VendorHttp({
      vendor: 'smartrecruiters-oauth',
      baseUrl,
      gate: { maxConcurrency: 2, rate: null },
      maxRetries: 6,
      timeoutMs: 30_000,
      authHeaders: () => Promise.resolve({}),
    });
    this.tokens = this.usesOAuth
      ? new OAuthTokenCache({
          vendor: 'SmartRecruiters',
          requestGrant: () =>
            http.request({
              method: 'POST',
              path: '/identity/oauth/token',
              form: {
                grant_type: 'client_credentials',
                client_id: credentials.clientId ?? '',
                client_secret: credentials.clientSecret ?? '',
              },
            }),
          describeError: describeSrError,
          now,
        })
      : null;
  }

  /** Tokens granted so far, for tests and diagnostics. */
  get granted(): number {
    return this.tokens?.granted ?? 0;
  }

  /** Why the last grant failed; what a 401 is reported as after a refused refresh. */
  get lastError(): ConnectorError | null {
    return this.tokens?.lastError ?? null;
  }

  /** An API key wins when both are configured: it needs no token round trip. */
  get usesOAuth(): boolean {
    return !this.credentials.smartToken && Boolean(this.credentials.clientId);
  }

  /** Makes sure a usable credential exists (granting a token when needed) before a request. */
  async ready(): Promise<Result<void, ConnectorError>> {
    if (this.credentials.smartToken) return ok(undefined);
    if (!this.tokens)
      return err({ kind: 'auth', message: 'No SmartToken or OAuth client is configured.' });
    const token = await this.tokens.token();
    return token.ok ? ok(undefined) : token;
  }

  /** Headers for one request, without I/O (call {@link ready} first). */
  headers(): Record<string, string> {
    if (this.credentials.smartToken) return { 'x-smarttoken': this.credentials.smartToken };
    const token = this.tokens?.current();
    return token ? { authorization: `Bearer ${token}` } : {};
  }

  /** Drops the token (a call was refused with it) and asks for a new one. */
  refresh(): Promise<Result<string, ConnectorError>> {
    if (!this.tokens)
      return Promise.resolve(err({ kind: 'auth', message: 'No OAuth client is configured.' }));
    return this.tokens.refresh();
  }
}
