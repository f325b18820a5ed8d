/**
 * A local SmartRecruiters API: X-SmartToken or OAuth Bearer auth with scopes, limit/pageId
 * paging, `updatedAfter`, 10 req/s with 8 in flight (1 for GET /candidates) and the four
 * X-RateLimit-* headers, attachments downloaded through the API, and the webhooks-api
 * subscriptions with the X-Hook-Secret handshake and v1 signatures.
 */
import { faultControls, type FaultControls } from '../common/fault-injector';
import type { SimulatorHandle, SimulatorOptions } from '../common/harness-types';
import { startHttpServer } from '../common/http-server';
import { IdRegistry } from '../common/id-registry';
import { NoteStore, type StoredNote } from '../common/note-store';
import type { RateLimitPolicy, RateLimitState } from '../common/rate-limiter';
import { createRequestHandler, type VendorPolicy } from '../common/request-pipeline';
import { Router } from '../common/router';
import { createSimulatorCore } from '../common/simulator-core';
import { WebhookSender, type WebhookLog } from '../common/webhook-sender';
import { deterministicUuid, type Dataset } from '../generator';
import {
  SmartRecruitersAuth,
  SMARTRECRUITERS_SCOPES,
  type SmartRecruitersPrincipal,
} from './smartrecruiters-auth';
import { candidateRoutes } from './smartrecruiters-candidate-routes';
import { configRoutes } from './smartrecruiters-config-routes';
import type { SmartRecruitersContext, SmartRecruitersRoute } from './smartrecruiters-context';
import { srError } from './smartrecruiters-errors';
import { SmartRecruitersSerializer } from './smartrecruiters-serializers';
import { subscriptionRoutes } from './smartrecruiters-subscription-routes';
import { SubscriptionStore, type Subscription } from './smartrecruiters-subscriptions';
import { SmartRecruitersWebhooks } from './smartrecruiters-webhooks';

/** 10 requests per second and 8 concurrent per credential (SR-DOCS rate-limiting). */
export const SMARTRECRUITERS_DEFAULT_RATE_LIMIT: RateLimitPolicy = {
  limit: 10,
  windowMs: 1000,
  concurrency: 8,
};

export interface SmartRecruitersSimulatorOptions extends SimulatorOptions {
  /** How long activation waits for the handshake answer. Default 20 s, as upstream. */
  handshakeTimeoutMs?: number;
}

export interface SmartRecruitersCredentials {
  /** Company API key for `X-SmartToken`. */
  smartToken: string;
  /** OAuth client for `POST /identity/oauth/token`. */
  clientId: string;
  clientSecret: string;
}

export interface SmartRecruitersFaultControls extends FaultControls {
  /** Every OAuth access token issued so far answers 401. */
  expireAccessTokens(): void;
}

export interface SmartRecruitersWebhookControls extends WebhookLog {
  /** Subscriptions created through the API (the only way, as upstream). */
  subscriptions(): readonly Subscription[];
}

export interface SmartRecruitersSimulator extends SimulatorHandle<
  string,
  SmartRecruitersCredentials
> {
  readonly faults: SmartRecruitersFaultControls;
  readonly webhooks: SmartRecruitersWebhookControls;
  /** Notes shared through `POST /messages/shares` that tag a candidate. */
  readonly notes: readonly StoredNote[];
  /** An API key and an OAuth client with only these scopes (e.g. `candidates_read`). */
  createCredentials(scopes: readonly string[]): SmartRecruitersCredentials;
}

export async function startSmartRecruitersSimulator(
  options: SmartRecruitersSimulatorOptions = {},
): Promise<SmartRecruitersSimulator> {
  const core = createSimulatorCore(options, SMARTRECRUITERS_DEFAULT_RATE_LIMIT);
  const { dataset, faults, clock } = core;
  const ids = new IdRegistry<string>((kind, key) =>
    deterministicUuid(dataset.seed, 'smartrecruiters', kind, key),
  );
  assignIds(dataset, ids);
  let baseUrl = '';
  const serializer = new SmartRecruitersSerializer(
    dataset,
    ids,
    (key) => faults.isMalformed(key),
    () => baseUrl,
  );
  const subscriptions = new SubscriptionStore(clock, options.handshakeTimeoutMs ?? 20_000);
  const sender = new WebhookSender(options.webhookRetry ?? {});
  const webhooks = new SmartRecruitersWebhooks(sender, subscriptions, ids, () => baseUrl);
  const auth = new SmartRecruitersAuth(clock);
  const notes = new NoteStore();
  core.mutator.onChange((event) => {
    // SR has no application ids (an application is candidate × job): only these need ids.
    if (event.type === 'candidate.created') {
      ids.ensure('candidate', event.candidate.key);
      for (const a of event.candidate.attachments) ids.ensure('attachment', a.key);
    } else if (event.type === 'job.created') {
      ids.ensure('job', event.job.key);
    }
    if (!faults.webhooksWithheld) webhooks.handle(event);
  });

  const ctx: SmartRecruitersContext = {
    dataset,
    ids,
    serializer,
    mutator: core.mutator,
    clock,
    notes,
    subscriptions,
    deliveries: sender,
    baseUrl: () => baseUrl,
  };
  const router = new Router<SmartRecruitersRoute>();
  router.add('POST', '/identity/oauth/token', {
    public: true,
    handle: ({ req }) => auth.issueToken(req),
  });
  const routes = { ...candidateRoutes(ctx), ...configRoutes(ctx), ...subscriptionRoutes(ctx) };
  for (const [signature, route] of Object.entries(routes)) {
    const [method = 'GET', path = '/'] = signature.split(' ');
    router.add(method, path, route);
  }

  const server = await startHttpServer(
    createRequestHandler({
      router,
      policy: smartRecruitersPolicy(auth),
      faults,
      limiter: core.limiter,
      log: core.requestLog,
    }),
    options,
  );
  baseUrl = server.url;
  const createCredentials = (scopes: readonly string[]): SmartRecruitersCredentials => ({
    smartToken: auth.createSmartToken(scopes),
    ...auth.createClient(scopes),
  });

  return {
    url: server.url,
    credentials: createCredentials(SMARTRECRUITERS_SCOPES),
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
      subscriptions: () => subscriptions.all(),
    },
    createCredentials,
    close: async () => {
      await sender.flush();
      await server.close();
    },
  };
}

function smartRecruitersPolicy(auth: SmartRecruitersAuth): VendorPolicy<SmartRecruitersPrincipal> {
  const headers = (state: RateLimitState): Record<string, string> => ({
    'X-RateLimit-Limit': String(state.limit),
    'X-RateLimit-Remaining': String(state.remaining),
    ...(state.concurrencyLimit === null
      ? {}
      : {
          'X-RateLimit-Concurrent-Limit': String(state.concurrencyLimit),
          'X-RateLimit-Concurrent-Remaining': String(state.concurrencyRemaining ?? 0),
        }),
  });
  return {
    anonymous: { credentialId: 'anonymous', scopes: new Set() },
    authenticate: (req, scope) => auth.authenticate(req, scope),
    credentialOf: (principal) => principal.credentialId,
    rateLimitHeaders: headers,
    // Retry-After is not documented for SR (UNCONFIRMED); sending it helps well-behaved clients.
    tooManyRequests: (state) =>
      srError(429, 'TOO_MANY_REQUESTS', 'Rate limit exceeded.', {
        ...headers(state),
        'Retry-After': String(state.retryAfterSeconds),
      }),
    errorResponse: (status, kind, message) =>
      srError(
        status,
        kind === 'not_found'
          ? 'NOT_FOUND'
          : kind === 'method_not_allowed'
            ? 'METHOD_NOT_ALLOWED'
            : 'SERVER_ERROR',
        message,
      ),
  };
}

function assignIds(dataset: Dataset, ids: IdRegistry<string>): void {
  const ref = dataset.reference;
  for (const u of ref.users) ids.ensure('user', u.key);
  for (const s of ref.sources) ids.ensure('source', s.key);
  for (const r of ref.rejectionReasons) ids.ensure('rejectionReason', r.key);
  for (const d of ref.departments) ids.ensure('department', d.key);
  for (const f of ref.customFields) ids.ensure('customField', f.key);
  for (const j of dataset.jobs.values()) ids.ensure('job', j.key);
  for (const c of dataset.candidates.values()) {
    ids.ensure('candidate', c.key);
    for (const a of c.attachments) ids.ensure('attachment', a.key);
  }
}
