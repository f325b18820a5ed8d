/**
 * A local Ashby API (RPC over POST, Basic auth with per-key permissions, `success:false`
 * envelopes, cursor + syncToken pagination, signed webhooks, pre-signed file URLs).
 */
import { randomUUID } from 'node:crypto';
import type { DatasetEvent } from '../common/dataset-events';
import { faultControls, type FaultControls } from '../common/fault-injector';
import type { SimulatorHandle, SimulatorOptions } from '../common/harness-types';
import { startHttpServer } from '../common/http-server';
import { IdRegistry } from '../common/id-registry';
import { NoteStore, type StoredNote } from '../common/note-store';
import type { RateLimitPolicy } from '../common/rate-limiter';
import { createRequestHandler, type VendorPolicy } from '../common/request-pipeline';
import { Router } from '../common/router';
import { UrlSigner } from '../common/signed-url';
import { createSimulatorCore } from '../common/simulator-core';
import { WebhookSender, type WebhookLog } from '../common/webhook-sender';
import { deterministicUuid, type Dataset } from '../generator';
import {
  AshbyApiKeys,
  ASHBY_PERMISSIONS,
  type AshbyPermission,
  type AshbyPrincipal,
} from './ashby-api-keys';
import { applicationRoutes } from './ashby-application-routes';
import { candidateRoutes, fileDownloadRoute } from './ashby-candidate-routes';
import { ashbyFailure, REQUEST_ID_HEADER } from './ashby-envelope';
import { jobRoutes } from './ashby-job-routes';
import { metadataRoutes } from './ashby-metadata-routes';
import type { AshbyContext, AshbyRoute } from './ashby-rpc';
import { AshbySerializer, DEFAULT_PLAN_KEY } from './ashby-serializers';
import { AshbySyncTokens, DEFAULT_SYNC_TOKEN_TTL_MS } from './ashby-sync-tokens';
import { webhookRoutes } from './ashby-webhook-routes';
import { AshbyWebhooks, type AshbyWebhook, type AshbyWebhookRegistration } from './ashby-webhooks';

/**
 * Ashby publishes no numbers (UNCONFIRMED). 1000 per minute per key matches the
 * `x-ratelimit-limit: 1000` seen in recorded responses.
 */
export const ASHBY_DEFAULT_RATE_LIMIT: RateLimitPolicy = { limit: 1000, windowMs: 60_000 };

export interface AshbySimulatorOptions extends SimulatorOptions {
  /** Lifetime of `file.info` URLs. Default 10 minutes (UNCONFIRMED upstream: "short-lived"). */
  fileUrlTtlMs?: number;
  /** Lifetime of sync tokens. Default 7 days (UNCONFIRMED upstream). */
  syncTokenTtlMs?: number;
  /** Incremental runs needing more pages fail with `incremental_sync_too_large`. Default 100. */
  maxIncrementalPages?: number;
}

export interface AshbyCredentials {
  apiKey: string;
}

export interface AshbyFaultControls extends FaultControls {
  /** Every sync token issued so far answers `sync_token_expired`. */
  expireSyncTokens(): void;
  /** Page limit for incremental runs (beyond it: `incremental_sync_too_large`). */
  setIncrementalPageLimit(pages: number): void;
  /** Token lifetime for tokens checked from now on. */
  setSyncTokenTtl(ms: number): void;
}

export interface AshbyWebhookControls extends WebhookLog {
  /** A receiver "configured in the Ashby UI": one webhook per type. No ping is sent. */
  register(registration: AshbyWebhookRegistration): AshbyWebhook[];
  unregister(webhookId: string): void;
  list(): AshbyWebhook[];
}

export interface AshbySimulator extends SimulatorHandle<string, AshbyCredentials> {
  readonly faults: AshbyFaultControls;
  readonly webhooks: AshbyWebhookControls;
  /** Notes written through `candidate.createNote`. */
  readonly notes: readonly StoredNote[];
  /** A key with only these permissions (a missing one answers 403 `missing_endpoint_permission`). */
  createApiKey(permissions: readonly AshbyPermission[]): AshbyCredentials;
  /** The key then answers 403 `invalid_api_key`. */
  deactivateApiKey(apiKey: string): void;
}

export async function startAshbySimulator(
  options: AshbySimulatorOptions = {},
): Promise<AshbySimulator> {
  const core = createSimulatorCore(options, ASHBY_DEFAULT_RATE_LIMIT);
  const { dataset, faults, clock } = core;
  const ids = new IdRegistry<string>((kind, key) =>
    deterministicUuid(dataset.seed, 'ashby', kind, key),
  );
  assignIds(dataset, ids);
  const serializer = new AshbySerializer(dataset, ids, (key) => faults.isMalformed(key));
  // Ashby retries everything but these (ATS-APIS.md §1.8).
  const sender = new WebhookSender(options.webhookRetry ?? {}, new Set([401, 403, 404, 405, 410]));
  const webhooks = new AshbyWebhooks(sender, serializer, ids);
  const keys = new AshbyApiKeys();
  const notes = new NoteStore();
  const tokens = new AshbySyncTokens(clock, options.syncTokenTtlMs ?? DEFAULT_SYNC_TOKEN_TTL_MS);
  let baseUrl = '';

  const ctx: AshbyContext = {
    dataset,
    ids,
    serializer,
    mutator: core.mutator,
    clock,
    listSettings: {
      tokens,
      sequence: dataset.sequence,
      maxIncrementalPages: options.maxIncrementalPages ?? 100,
    },
    notes,
    webhooks,
    extraTags: new Set(),
    files: {
      signer: new UrlSigner(),
      ttlMs: options.fileUrlTtlMs ?? 10 * 60_000,
      baseUrl: () => baseUrl,
    },
  };
  core.mutator.onChange((event) => {
    ensureEventIds(event, ids);
    if (!faults.webhooksWithheld) webhooks.handle(event);
  });

  const router = new Router<AshbyRoute>();
  const rpcRoutes = {
    ...candidateRoutes(ctx),
    ...applicationRoutes(ctx),
    ...jobRoutes(ctx),
    ...metadataRoutes(ctx),
    ...webhookRoutes(ctx),
  };
  for (const [method, route] of Object.entries(rpcRoutes)) router.add('POST', `/${method}`, route);
  router.add('GET', '/files/:token', fileDownloadRoute(ctx));

  const server = await startHttpServer(
    createRequestHandler({
      router,
      policy: ashbyPolicy(keys),
      faults,
      limiter: core.limiter,
      log: core.requestLog,
    }),
    options,
  );
  baseUrl = server.url;

  return {
    url: server.url,
    credentials: { apiKey: keys.create(ASHBY_PERMISSIONS) },
    dataset,
    ids,
    mutate: core.mutator,
    rateLimit: core.rateLimit,
    requestLog: core.requestLog,
    notes: notes.notes,
    faults: {
      ...faultControls(faults),
      expireSyncTokens: () => tokens.expireAll(),
      setIncrementalPageLimit: (pages: number) => {
        ctx.listSettings.maxIncrementalPages = pages;
      },
      setSyncTokenTtl: (ms: number) => {
        tokens.ttlMs = ms;
      },
    },
    webhooks: {
      deliveries: sender.deliveries,
      flush: () => sender.flush(),
      register: (registration) => webhooks.register(registration),
      unregister: (id) => {
        webhooks.delete(id);
      },
      list: () => webhooks.list(),
    },
    createApiKey: (permissions) => ({ apiKey: keys.create(permissions) }),
    deactivateApiKey: (apiKey) => keys.deactivate(apiKey),
    close: async () => {
      await sender.flush();
      await server.close();
    },
  };
}

function ashbyPolicy(keys: AshbyApiKeys): VendorPolicy<AshbyPrincipal> {
  const rateHeaders = (state: {
    limit: number;
    remaining: number;
    resetAt: number;
  }): Record<string, string> => ({
    'x-ratelimit-limit': String(state.limit),
    'x-ratelimit-remaining': String(state.remaining),
    'x-ratelimit-reset': String(Math.ceil(state.resetAt / 1000)),
  });
  return {
    anonymous: { keyId: 'anonymous', permissions: new Set() },
    authenticate: (req, permission) => keys.authenticate(req, permission),
    credentialOf: (principal) => principal.keyId,
    // The header names come from recorded responses; whether Ashby or a proxy sets them is UNCONFIRMED.
    rateLimitHeaders: rateHeaders,
    tooManyRequests: (state) =>
      ashbyFailure('rate_limit_exceeded', 'Rate limit exceeded; retry later.', 429, undefined, {
        ...rateHeaders(state),
        'retry-after': String(state.retryAfterSeconds),
      }),
    errorResponse: (status, kind, message) =>
      ashbyFailure(
        kind === 'not_found'
          ? 'endpoint_not_found'
          : kind === 'method_not_allowed'
            ? 'method_not_allowed'
            : 'internal_error',
        message,
        status,
      ),
    decorate: (response) =>
      response.headers?.[REQUEST_ID_HEADER]
        ? response
        : {
            ...response,
            headers: { ...response.headers, [REQUEST_ID_HEADER]: randomUUID() },
          },
  };
}

/** Ids for everything served, up front, so `ids.get` answers before a client has seen a record. */
function assignIds(dataset: Dataset, ids: IdRegistry<string>): void {
  const ref = dataset.reference;
  ids.ensure('interviewPlan', DEFAULT_PLAN_KEY);
  for (const s of ref.stages) ids.ensure('stage', s.key);
  for (const u of ref.users) ids.ensure('user', u.key);
  for (const s of ref.sources) ids.ensure('source', s.key);
  for (const r of ref.rejectionReasons) ids.ensure('rejectionReason', r.key);
  for (const d of ref.departments) ids.ensure('department', d.key);
  for (const o of ref.offices) ids.ensure('office', o.key);
  for (const f of ref.customFields) ids.ensure('customField', f.key);
  for (const t of ref.tags) ids.ensure('tag', t);
  for (const j of dataset.jobs.values()) {
    ids.ensure('job', j.key);
    if (j.hasPosting) ids.ensure('jobPosting', j.key);
  }
  for (const c of dataset.candidates.values()) {
    ids.ensure('candidate', c.key);
    for (const a of c.attachments) ids.ensure('attachment', a.key);
  }
  for (const a of dataset.applications.values())
    if (a.jobKey !== null) ids.ensure('application', a.key);
}

function ensureEventIds(event: DatasetEvent, ids: IdRegistry<string>): void {
  switch (event.type) {
    case 'candidate.created':
      ids.ensure('candidate', event.candidate.key);
      for (const a of event.candidate.attachments) ids.ensure('attachment', a.key);
      for (const a of event.applications) if (a.jobKey !== null) ids.ensure('application', a.key);
      return;
    case 'application.created':
      if (event.application.jobKey !== null) ids.ensure('application', event.application.key);
      return;
    case 'job.created':
      ids.ensure('job', event.job.key);
      ids.ensure('jobPosting', event.job.key);
      return;
    default:
      return;
  }
}
