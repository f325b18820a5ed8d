import { err, type Result } from '../../common/result';
import type { Provider } from '../../entities/provider';
import type {
  ConnectorError,
  InboundWebhook,
  Page,
  PageRequest,
  SourceConnector,
  SyncMode,
  VerifyResult,
  WebhookRegistration,
  WebhookVerdict,
} from '../connector';
import type { RateGateOptions } from '../http/rate-gate';
import type { AttachmentRef } from '../records';
import { SmartRecruitersAuth } from './smartrecruiters.auth';
import type { CandidateContext } from './smartrecruiters.candidates';
import { SMARTRECRUITERS_DEFAULT_BASE_URL, SmartRecruitersClient } from './smartrecruiters.client';
import {
  fetchSmartRecruitersCandidate,
  type CandidateSnapshot,
} from './smartrecruiters.fetch-candidate';
import { HiringTeams } from './smartrecruiters.hiring-teams';
import {
  isSmartRecruitersStream,
  SMARTRECRUITERS_STREAMS,
  STREAM_READERS,
} from './smartrecruiters.streams';
import { registerSubscription, removeSubscriptions } from './smartrecruiters.subscriptions';
import { verifyCredentials } from './smartrecruiters.verify';
import { parseSmartRecruitersWebhook } from './smartrecruiters.webhooks';

/** How to reach one SmartRecruiters company. */
export interface SmartRecruitersConnectorOptions {
  /** Default https://api.smartrecruiters.com (the sandbox is https://api.sandbox.smartrecruiters.com). */
  baseUrl: string | null;
  /** A SmartToken (API key), or an OAuth client; the SmartToken wins when both are given. */
  credentials: {
    smartToken?: string | undefined;
    clientId?: string | undefined;
    clientSecret?: string | undefined;
    /** The subscription's secret key, used when parseWebhook is given none. */
    webhookSecret?: string | undefined;
  };
  /** Told about every wait SR's rate limits cause. */
  onRateLimited?: ((waitMs: number) => void) | undefined;
  /**
   * Client-side pacing. Default SMARTRECRUITERS_PACING: one request every 105 ms, 8 in flight
   * (GET /candidates is always single-file). Tests against an unthrottled simulator relax it.
   */
  pacing?: RateGateOptions;
  /** Retry tuning (tests shorten it). Defaults: VendorHttp's 6 retries from a 250 ms base. */
  retry?: { backoffMs?: number; maxRetries?: number };
  /** Read each candidate's custom fields (`/properties`, one call per candidate). Default true. */
  readCustomFields?: boolean;
  /** Clock for token expiry and webhook freshness. Default Date.now. */
  now?: () => number;
}

/**
 * SmartRecruiters as a {@link SourceConnector}: SmartToken or OAuth client credentials,
 * `pageId`-paged lists with `updatedAfter` high-water marks, candidate details/files/custom
 * fields read per page within SR's 10 req/s, applications taken from each candidate's
 * assignments, and webhooks created through the API with signed, fresh deliveries.
 * See smartrecruiters.candidates.ts for the request cost and smartrecruiters.paging.ts for the
 * incremental state.
 */
export class SmartRecruitersConnector implements SourceConnector {
  readonly provider: Provider = 'SMARTRECRUITERS';
  private readonly auth: SmartRecruitersAuth;
  private readonly client: SmartRecruitersClient;
  private readonly ctx: CandidateContext;
  private readonly now: () => number;

  constructor(private readonly options: SmartRecruitersConnectorOptions) {
    const baseUrl = (options.baseUrl ?? SMARTRECRUITERS_DEFAULT_BASE_URL).replace(/\/+$/, '');
    this.now = options.now ?? Date.now;
    this.auth = new SmartRecruitersAuth(baseUrl, options.credentials, this.now);
    this.client = new SmartRecruitersClient({
      baseUrl,
      auth: this.auth,
      pacing: options.pacing,
      onRateLimited: options.onRateLimited,
      backoffMs: options.retry?.backoffMs,
      maxRetries: options.retry?.maxRetries,
    });
    this.ctx = {
      client: this.client,
      hiringTeams: new HiringTeams(this.client),
      readProperties: options.readCustomFields ?? true,
    };
  }

  /** OAuth tokens granted so far (a token is reused until shortly before it expires). */
  get tokensGranted(): number {
    return this.auth.granted;
  }

  verify(): Promise<Result<VerifyResult, ConnectorError>> {
    return verifyCredentials(this.client);
  }

  streams(_mode: SyncMode): string[] {
    return [...SMARTRECRUITERS_STREAMS];
  }

  async fetchPage(stream: string, request: PageRequest): Promise<Result<Page, ConnectorError>> {
    if (!isSmartRecruitersStream(stream)) {
      return err({ kind: 'not_found', message: `SmartRecruiters has no stream "${stream}"` });
    }
    return STREAM_READERS[stream](this.ctx, request);
  }

  fetchCandidate(remoteId: string): Promise<Result<CandidateSnapshot | null, ConnectorError>> {
    return fetchSmartRecruitersCandidate(this.ctx, remoteId);
  }

  downloadAttachment(
    ref: AttachmentRef,
  ): Promise<Result<{ content: Buffer; contentType: string | null }, ConnectorError>> {
    // Only our own relative download paths: credentials never go to a host a payload named.
    if (!ref.locator.startsWith('/candidates/')) {
      return Promise.resolve(
        err({
          kind: 'not_found',
          message: `Not a SmartRecruiters attachment path: ${ref.locator}`,
        }),
      );
    }
    return this.client.download(ref.locator);
  }

  parseWebhook(webhook: InboundWebhook, secret: string): WebhookVerdict {
    return parseSmartRecruitersWebhook(
      webhook,
      secret || (this.options.credentials.webhookSecret ?? ''),
      this.now(),
    );
  }

  registerWebhooks(
    callbackUrl: string,
  ): Promise<
    Result<{ registrations: WebhookRegistration[]; secret: string | null }, ConnectorError>
  > {
    return registerSubscription(this.client, callbackUrl);
  }

  unregisterWebhooks(registrations: WebhookRegistration[]): Promise<Result<void, ConnectorError>> {
    return removeSubscriptions(
      this.client,
      registrations.map((r) => r.remoteId),
    );
  }
}
