import { err, ok, type Result } from '../../common/result';
import type { Provider } from '../../entities/provider';
import type {
  CandidateBatch,
  ConnectorError,
  InboundWebhook,
  Page,
  PageRequest,
  SourceConnector,
  SyncMode,
  VerifyResult,
  WebhookVerdict,
} from '../connector';
import type { AttachmentRef } from '../records';
import { GreenhouseTokenSource } from './greenhouse-auth';
import {
  fetchCandidateSnapshot,
  fetchCandidateSnapshots,
  type SnapshotDeps,
  type CandidateSnapshot,
} from './greenhouse-candidate';
import { HarvestClient, type HarvestPage, type HarvestError } from './greenhouse-client';
import { mapUser } from './greenhouse.mapper';
import {
  completeState,
  decodeCursor,
  encodeCursor,
  MAX_RESTARTS,
  updatedSinceFilter,
} from './greenhouse-paging';
import { JobContextLoader } from './greenhouse-related';
import { ReferenceCache } from './greenhouse-reference-cache';
import { parseRows } from '../shared/validated-rows';
import { ghUserSchema } from './greenhouse.schemas';
import {
  GREENHOUSE_STREAMS,
  isGreenhouseStream,
  STREAM_SPECS,
  type StreamDeps,
} from './greenhouse-streams';
import { parseGreenhouseWebhook } from './greenhouse.webhooks';

/** Options of {@link GreenhouseConnector}. */
export interface GreenhouseConnectorOptions {
  /**
   * Null for Greenhouse itself (https://harvest.greenhouse.io/v3, token at
   * https://auth.greenhouse.io/token); otherwise a sandbox or simulator serving `/v3` and `/token`.
   */
  baseUrl: string | null;
  credentials: {
    clientId: string;
    clientSecret: string;
    /** The Greenhouse user the integration acts as (OAuth `sub`). */
    userId: string;
    /** The secret key typed when the webhook was created in Greenhouse's UI. */
    webhookSecret?: string | undefined;
  };
  /** Told about every wait the rate limit causes. */
  onRateLimited?: ((waitMs: number) => void) | undefined;
  /** Length of Greenhouse's rate-limit window. Default 10 000 ms (the only documented one). */
  rateLimitWindowMs?: number;
  /** Clock for token expiry. Default Date.now. */
  now?: () => number;
}

/** Every list the mirroring reads; the last five only enrich records. */
const VERIFIED_RESOURCES = [
  'users',
  'sources',
  'rejection_reasons',
  'jobs',
  'job_interview_stages',
  'candidates',
  'applications',
  'attachments',
  'candidate_employments',
  'candidate_educations',
  'job_posts',
  'departments',
  'offices',
] as const;

/**
 * Greenhouse Harvest v3 as a {@link SourceConnector}: OAuth client credentials, cursor-paged
 * lists with `updated_at=gte|…` incremental reads, attachments/employments/educations joined onto
 * each page of candidates, and signed webhooks. See greenhouse-paging.ts for the cursor and
 * incremental-state design.
 */
export class GreenhouseConnector implements SourceConnector {
  readonly provider: Provider = 'GREENHOUSE';
  /** Attachment URLs are pre-signed (ATS-APIS.md §2): fetching one is not a Harvest call. */
  readonly unmeteredDownloads = true;
  private readonly tokens: GreenhouseTokenSource;
  private readonly client: HarvestClient;
  private readonly deps: StreamDeps & SnapshotDeps;
  private readonly now: () => number;

  constructor(private readonly options: GreenhouseConnectorOptions) {
    const base = options.baseUrl?.replace(/\/+$/, '') ?? null;
    this.now = options.now ?? Date.now;
    this.tokens = new GreenhouseTokenSource({
      tokenUrl: base ? `${base}/token` : 'https://auth.greenhouse.io/token',
      clientId: options.credentials.clientId,
      clientSecret: options.credentials.clientSecret,
      userId: options.credentials.userId,
      now: this.now,
      onRateLimited: options.onRateLimited,
    });
    this.client = new HarvestClient({
      apiUrl: base ? `${base}/v3` : 'https://harvest.greenhouse.io/v3',
      tokens: this.tokens,
      ...(options.onRateLimited ? { onRateLimited: options.onRateLimited } : {}),
      ...(options.rateLimitWindowMs ? { rateLimitWindowMs: options.rateLimitWindowMs } : {}),
    });
    this.deps = {
      client: this.client,
      jobContext: new JobContextLoader(this.client, this.now),
      references: new ReferenceCache(this.client, this.now),
    };
  }

  /** Tokens granted so far (cached tokens are reused until shortly before they expire). */
  get tokensGranted(): number {
    return this.tokens.granted;
  }

  async verify(): Promise<Result<VerifyResult, ConnectorError>> {
    const token = await this.tokens.token();
    if (!token.ok) return token;
    const { userId } = this.options.credentials;
    // One cheap page per resource: a 403 names a missing scope, anything else stops here.
    const checks = await Promise.all(
      VERIFIED_RESOURCES.map((resource) =>
        this.client.firstPage(resource, {
          per_page: '1',
          ...(resource === 'users' ? { ids: userId } : {}),
        }),
      ),
    );
    const missing: string[] = [];
    let users: HarvestPage | null = null;
    for (const [i, check] of checks.entries()) {
      if (check.ok) {
        if (VERIFIED_RESOURCES[i] === 'users') users = check.value;
      } else if (check.error.kind === 'permission') {
        missing.push(...check.error.missing);
      } else {
        return err(check.error);
      }
    }
    const me = users ? parseRows('users', users.rows, ghUserSchema).rows[0] : undefined;
    const user = me ? mapUser(me.data, me.raw) : null;
    return ok({
      account: user
        ? `${user.name}${user.email ? ` <${user.email}>` : ''}`
        : `Greenhouse user ${userId}`,
      missingPermissions: missing,
    });
  }

  streams(_mode: SyncMode): string[] {
    return [...GREENHOUSE_STREAMS];
  }

  async fetchPage(stream: string, request: PageRequest): Promise<Result<Page, ConnectorError>> {
    if (!isGreenhouseStream(stream)) {
      return err({ kind: 'invalid_response', message: `Greenhouse has no stream "${stream}".` });
    }
    const spec = STREAM_SPECS[stream];
    // A cursor that is not ours (corrupted checkpoint) restarts the stream: duplicates are harmless.
    let cursor = request.cursor ? decodeCursor(request.cursor) : null;
    let startedAt = cursor?.startedAt ?? null;
    let restarts = cursor?.restarts ?? 0;
    let page: Result<HarvestPage, HarvestError>;
    for (;;) {
      if (cursor) {
        page = await this.client.nextPage(stream, cursor.vendorCursor);
      } else {
        const since =
          request.mode === 'INCREMENTAL' && spec.incremental
            ? updatedSinceFilter(request.state)
            : null;
        page = await this.client.firstPage(stream, since ? { updated_at: since } : {});
      }
      // Greenhouse refuses a cursor it no longer knows (422): read the stream again from the top.
      if (!page.ok && cursor && page.error.status === 422 && restarts < MAX_RESTARTS) {
        cursor = null;
        restarts++;
        continue;
      }
      break;
    }
    if (!page.ok) return page;
    startedAt ??= page.value.serverTime ?? this.now();

    const mapped = await spec.map(page.value.rows, this.deps);
    if (!mapped.ok) return mapped;
    const next = page.value.nextCursor;
    return ok({
      records: mapped.value.records,
      skipped: mapped.value.skipped,
      nextCursor: next === null ? null : encodeCursor({ vendorCursor: next, startedAt, restarts }),
      ...(next === null && spec.incremental ? { completeState: completeState(startedAt) } : {}),
      // Harvest v3 sends no counts.
      total: null,
    });
  }

  fetchCandidate(remoteId: string): Promise<Result<CandidateSnapshot | null, ConnectorError>> {
    return fetchCandidateSnapshot(this.deps, remoteId);
  }

  fetchCandidates(remoteIds: readonly string[]): Promise<Result<CandidateBatch, ConnectorError>> {
    return fetchCandidateSnapshots(this.deps, remoteIds);
  }

  downloadAttachment(
    ref: AttachmentRef,
  ): Promise<Result<{ content: Buffer; contentType: string | null }, ConnectorError>> {
    return this.client.download(ref.locator);
  }

  parseWebhook(webhook: InboundWebhook, secret: string): WebhookVerdict {
    return parseGreenhouseWebhook(webhook, secret);
  }
}
