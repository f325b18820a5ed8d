/**
 * A local Greenhouse Harvest v3 API: OAuth client-credentials at `/token`, Bearer calls under
 * `/v3`, cursor-only next links, `updated_at=gte|…` filters, 50-per-10-s rate limiting with
 * Greenhouse's headers, signed webhooks configured through the harness, attachment URLs.
 */
import type { DatasetEvent } from '../common/dataset-events';
import { faultControls } from '../common/fault-injector';
import type { FaultControls } from '../common/fault-injector';
import type { SimulatorHandle, SimulatorOptions } from '../common/harness-types';
import { startHttpServer } from '../common/http-server';
import { IdRegistry, sequentialIdMinter, type IdKind } from '../common/id-registry';
import { NoteStore, type StoredNote } from '../common/note-store';
import type { RateLimitPolicy, RateLimitState } from '../common/rate-limiter';
import { createRequestHandler, type VendorPolicy } from '../common/request-pipeline';
import { Router } from '../common/router';
import { UrlSigner } from '../common/signed-url';
import { createSimulatorCore } from '../common/simulator-core';
import { WebhookSender, type WebhookLog } from '../common/webhook-sender';
import { fileResponse, findAttachment, renderAttachment } from '../common/attachment-files';
import type { Dataset } from '../generator';
import { ALL_GREENHOUSE_SCOPES, GreenhouseAuth, type GreenhousePrincipal } from './greenhouse-auth';
import type { GreenhouseContext, GreenhouseRoute } from './greenhouse-context';
import { greenhouseError } from './greenhouse-errors';
import { readRoutes } from './greenhouse-read-routes';
import { GreenhouseSerializer, jobStageKey } from './greenhouse-serializers';
import { GreenhouseWebhookPayloads } from './greenhouse-webhook-payloads';
import {
  GreenhouseWebhooks,
  type GreenhouseWebhook,
  type GreenhouseWebhookRegistration,
} from './greenhouse-webhooks';
import { writeRoutes } from './greenhouse-write-routes';

/** The v1 docs' example (50 calls per 10 s); v3 publishes no numbers (UNCONFIRMED). */
export const GREENHOUSE_DEFAULT_RATE_LIMIT: RateLimitPolicy = { limit: 50, windowMs: 10_000 };

/** Attachment URLs are valid for 7 days, as upstream's signed S3 links. */
const ATTACHMENT_URL_TTL_MS = 7 * 24 * 3600 * 1000;

/** Realistic-looking, distinct id ranges per kind. */
const ID_BASES: Partial<Record<IdKind, number>> = {
  candidate: 40_000_000,
  application: 50_000_000,
  job: 4_000_000,
  jobPosting: 5_000_000,
  jobStage: 6_000_000,
  attachment: 70_000_000,
  user: 100_000,
  source: 10_000,
  rejectionReason: 20_000,
  department: 30_000,
  office: 35_000,
  customField: 80_000,
};

export interface GreenhouseCredentials {
  clientId: string;
  clientSecret: string;
  /** The Greenhouse user id to send as `sub`. */
  userId: number;
}

export interface GreenhouseFaultControls extends FaultControls {
  /** Every access token issued so far answers 401 (clients must fetch a new one). */
  expireAccessTokens(): void;
}

export interface GreenhouseWebhookControls extends WebhookLog {
  /** Saves a webhook "in the Greenhouse UI": pings it, and enables it only if the ping succeeds. */
  register(registration: GreenhouseWebhookRegistration): Promise<GreenhouseWebhook>;
  unregister(id: number): void;
  list(): GreenhouseWebhook[];
}

export interface GreenhouseSimulator extends SimulatorHandle<number, GreenhouseCredentials> {
  readonly faults: GreenhouseFaultControls;
  readonly webhooks: GreenhouseWebhookControls;
  /** Notes written through `POST /v3/notes`. */
  readonly notes: readonly StoredNote[];
  /** OAuth client credentials with only these scopes (e.g. `harvest:candidates:list`). */
  createCredentials(scopes: readonly string[]): GreenhouseCredentials;
}

export async function startGreenhouseSimulator(
  options: SimulatorOptions = {},
): Promise<GreenhouseSimulator> {
  const core = createSimulatorCore(options, GREENHOUSE_DEFAULT_RATE_LIMIT);
  const { dataset, faults, clock } = core;
  const ids = new IdRegistry<number>(sequentialIdMinter(ID_BASES, 1_000_000));
  assignIds(dataset, ids);
  const files = new UrlSigner();
  let baseUrl = '';
  const attachmentUrl = (candidateKey: string, attachmentKey: string): string =>
    `${baseUrl}/attachment-files/${files.sign(`${candidateKey}/${attachmentKey}`, ATTACHMENT_URL_TTL_MS, clock.now())}`;

  const serializer = new GreenhouseSerializer(
    dataset,
    ids,
    (key) => faults.isMalformed(key),
    (c, a) => attachmentUrl(c, a.key),
  );
  const sender = new WebhookSender(options.webhookRetry ?? {});
  const webhooks = new GreenhouseWebhooks(
    sender,
    new GreenhouseWebhookPayloads(dataset, ids, attachmentUrl),
  );
  const auth = new GreenhouseAuth(clock, (userId) => {
    const key = ids.keyOf('user', userId);
    return key !== undefined && dataset.user(key)?.enabled === true;
  });
  const notes = new NoteStore();
  core.mutator.onChange((event) => {
    ensureEventIds(event, dataset, ids);
    if (!faults.webhooksWithheld) webhooks.handle(event);
  });

  const ctx: GreenhouseContext = {
    dataset,
    ids,
    serializer,
    mutator: core.mutator,
    clock,
    notes,
    files,
    baseUrl: () => baseUrl,
  };
  const router = new Router<GreenhouseRoute>();
  router.add('POST', '/token', { public: true, handle: ({ req }) => auth.issueToken(req) });
  for (const [resource, route] of Object.entries(readRoutes(ctx)))
    router.add('GET', `/v3/${resource}`, route);
  for (const [signature, route] of Object.entries(writeRoutes(ctx))) {
    const [method = 'POST', path = '/'] = signature.split(' ');
    router.add(method, path, route);
  }
  router.add('GET', '/attachment-files/:token', {
    public: true,
    handle: ({ params }) => {
      const check = files.verify(params['token'] ?? '', clock.now());
      if (!check.ok) {
        return { status: 403, raw: 'AccessDenied', headers: { 'content-type': 'text/plain' } };
      }
      const [candidateKey = '', attachmentKey = ''] = check.file.split('/');
      const found = findAttachment(dataset, candidateKey, attachmentKey);
      return found
        ? fileResponse(renderAttachment(found.owner, found.attachment))
        : { status: 404, raw: 'NoSuchKey' };
    },
  });

  const server = await startHttpServer(
    createRequestHandler({
      router,
      policy: greenhousePolicy(auth),
      faults,
      limiter: core.limiter,
      log: core.requestLog,
    }),
    options,
  );
  baseUrl = server.url;
  const actingUser =
    dataset.reference.users.find((u) => u.role === 'ADMIN') ?? dataset.reference.users[0];
  const userId = actingUser ? ids.ensure('user', actingUser.key) : 0;

  return {
    url: server.url,
    credentials: { ...auth.createClient(ALL_GREENHOUSE_SCOPES), userId },
    dataset,
    ids,
    mutate: core.mutator,
    rateLimit: core.rateLimit,
    requestLog: core.requestLog,
    notes: notes.notes,
    faults: { ...faultControls(faults), expireAccessTokens: () => auth.expireTokens() },
    webhooks: {
      deliveries: sender.deliveries,
      flush: () => sender.flush(),
      register: (registration) => webhooks.register(registration),
      unregister: (id) => webhooks.unregister(id),
      list: () => webhooks.list(),
    },
    createCredentials: (scopes) => ({ ...auth.createClient(scopes), userId }),
    close: async () => {
      await sender.flush();
      await server.close();
    },
  };
}

function greenhousePolicy(auth: GreenhouseAuth): VendorPolicy<GreenhousePrincipal> {
  const headers = (state: RateLimitState): Record<string, string> => ({
    'X-RateLimit-Limit': String(state.limit),
    'X-RateLimit-Remaining': String(state.remaining),
  });
  return {
    anonymous: { clientId: 'anonymous', userId: 0, scopes: new Set() },
    authenticate: (req, scope) => auth.authenticate(req, scope),
    credentialOf: (principal) => principal.clientId,
    rateLimitHeaders: headers,
    tooManyRequests: (state) =>
      greenhouseError(429, 'Rate limit exceeded', undefined, {
        ...headers(state),
        'Retry-After': String(state.retryAfterSeconds),
        // "When the window resets": epoch seconds here (UNCONFIRMED format).
        'X-RateLimit-Reset': String(Math.ceil(state.resetAt / 1000)),
      }),
    errorResponse: (status, kind, message) =>
      greenhouseError(status, kind === 'not_found' ? 'Resource not found' : message),
  };
}

/** Ids in a fixed order, so the same seed always yields the same integers. */
function assignIds(dataset: Dataset, ids: IdRegistry<number>): void {
  const ref = dataset.reference;
  for (const u of ref.users) ids.ensure('user', u.key);
  for (const s of ref.sources) ids.ensure('source', s.key);
  for (const r of ref.rejectionReasons) ids.ensure('rejectionReason', r.key);
  for (const d of ref.departments) ids.ensure('department', d.key);
  for (const o of ref.offices) ids.ensure('office', o.key);
  for (const f of ref.customFields) ids.ensure('customField', f.key);
  for (const job of dataset.jobs.values()) ensureJobIds(job.key, dataset, ids);
  for (const c of dataset.candidates.values()) {
    ids.ensure('candidate', c.key);
    for (const a of c.attachments) ids.ensure('attachment', a.key);
  }
  for (const a of dataset.applications.values()) ids.ensure('application', a.key);
}

function ensureJobIds(jobKey: string, dataset: Dataset, ids: IdRegistry<number>): void {
  ids.ensure('job', jobKey);
  ids.ensure('jobPosting', jobKey);
  for (const s of dataset.reference.stages)
    if (s.kind !== 'ARCHIVED') ids.ensure('jobStage', jobStageKey(jobKey, s.key));
}

function ensureEventIds(event: DatasetEvent, dataset: Dataset, ids: IdRegistry<number>): void {
  if (event.type === 'candidate.created') {
    ids.ensure('candidate', event.candidate.key);
    for (const a of event.candidate.attachments) ids.ensure('attachment', a.key);
    for (const a of event.applications) ids.ensure('application', a.key);
  } else if (event.type === 'application.created') {
    ids.ensure('application', event.application.key);
  } else if (event.type === 'job.created') {
    ensureJobIds(event.job.key, dataset, ids);
  }
}
