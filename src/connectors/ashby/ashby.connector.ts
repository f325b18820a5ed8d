import { err, ok, type Result } from '../../common/result';
import type {
  ConnectorError,
  InboundWebhook,
  Page,
  PageRequest,
  SourceConnector,
  SyncMode,
  VerifyResult,
  WebhookVerdict,
} from '../connector';
import type { ApplicationRecord, AttachmentRef, SyncRecord } from '../records';
import { ASHBY_DEFAULT_BASE_URL, AshbyClient, type AshbyMethod } from './ashby.client';
import {
  fetchAshbyCandidate,
  mapAshbyWebhookApplication,
  type FetchedCandidate,
} from './ashby.fetch-candidate';
import { AshbyFiles, type DownloadedFile } from './ashby.files';
import { AshbyLookups } from './ashby.lookups';
import type { StreamContext } from './ashby.pages';
import { ASHBY_STREAMS, isAshbyStream, STREAM_READERS } from './ashby.streams';
import { parseAshbyWebhook } from './ashby.webhooks';

/** How to reach one Ashby organization. */
export interface AshbyConnectorOptions {
  /** Default https://api.ashbyhq.com. */
  baseUrl: string | null;
  credentials: {
    apiKey: string;
    /** The `secretToken` the webhooks were saved with; used when parseWebhook gets none. */
    webhookSecret?: string;
  };
  /** Told about every wait Ashby's rate limits cause. */
  onRateLimited?: (waitMs: number) => void;
  /** Retry tuning (tests shorten it). Defaults: VendorHttp's 6 retries from a 250 ms base. */
  retry?: { backoffMs?: number; maxRetries?: number };
  /** The connection's pace, instead of Ashby's default 16 a second. */
  requestsPerSecond?: number;
}

/**
 * One call per permission group the mirror needs, each as small as Ashby allows. The plan list is
 * probed on its own because sources disagree on its permission (see ASHBY_ENDPOINT_PERMISSIONS):
 * whatever Ashby names is what gets reported.
 */
const PERMISSION_PROBES: ReadonlyArray<{ method: AshbyMethod; body: Record<string, unknown> }> = [
  { method: 'candidate.list', body: { limit: 1 } },
  { method: 'job.list', body: { limit: 1 } },
  { method: 'user.list', body: { limit: 1 } },
  { method: 'archiveReason.list', body: {} },
  { method: 'interviewPlan.list', body: {} },
];

export class AshbyConnector implements SourceConnector {
  readonly provider = 'ASHBY' as const;
  private readonly ctx: StreamContext;
  private readonly files: AshbyFiles;

  constructor(private readonly options: AshbyConnectorOptions) {
    const baseUrl = options.baseUrl ?? ASHBY_DEFAULT_BASE_URL;
    const client = new AshbyClient({
      baseUrl,
      apiKey: options.credentials.apiKey,
      onRateLimited: options.onRateLimited,
      backoffMs: options.retry?.backoffMs,
      maxRetries: options.retry?.maxRetries,
      requestsPerSecond: options.requestsPerSecond,
    });
    this.ctx = { client, lookups: new AshbyLookups(client) };
    this.files = new AshbyFiles(client, {
      baseUrl,
      backoffMs: options.retry?.backoffMs,
      maxRetries: options.retry?.maxRetries,
    });
  }

  async verify(): Promise<Result<VerifyResult, ConnectorError>> {
    const answers = await Promise.all(
      PERMISSION_PROBES.map(({ method, body }) => this.ctx.client.call(method, body)),
    );
    const missing = new Set<string>();
    for (const answer of answers) {
      if (answer.ok) continue;
      if (answer.error.kind !== 'permission') return answer;
      for (const permission of answer.error.missing) missing.add(permission);
    }
    // Ashby has no "who am I" for a key that every key may call.
    return ok({ account: null, missingPermissions: [...missing].sort() });
  }

  streams(_mode: SyncMode): string[] {
    return [...ASHBY_STREAMS];
  }

  fetchPage(stream: string, request: PageRequest): Promise<Result<Page, ConnectorError>> {
    if (!isAshbyStream(stream)) {
      return Promise.resolve(
        err({ kind: 'not_found', message: `Ashby has no stream "${stream}"` }),
      );
    }
    return STREAM_READERS[stream](this.ctx, request);
  }

  fetchCandidate(remoteId: string): Promise<Result<FetchedCandidate | null, ConnectorError>> {
    return fetchAshbyCandidate(this.ctx, remoteId);
  }

  applicationFromWebhook(
    payload: Record<string, unknown>,
  ): Promise<Result<{ application: ApplicationRecord; related: SyncRecord[] }, ConnectorError>> {
    return mapAshbyWebhookApplication(this.ctx, payload);
  }

  downloadAttachment(ref: AttachmentRef): Promise<Result<DownloadedFile, ConnectorError>> {
    return this.files.download(ref);
  }

  parseWebhook(webhook: InboundWebhook, secret: string): WebhookVerdict {
    return parseAshbyWebhook(webhook, secret || (this.options.credentials.webhookSecret ?? ''));
  }
}
