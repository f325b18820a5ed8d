/**
 * A local SourceWhale public API (the export side): `api-key` auth, campaigns and projects,
 * candidate add (create or update a duplicate) / modify / search, Zapier-style hooks.
 */
import { faultControls, type FaultControls } from '../common/fault-injector';
import type { RateLimitControls } from '../common/harness-types';
import { randomToken } from '../common/hmac';
import { header, json, startHttpServer } from '../common/http-server';
import { IdRegistry, type VendorIds } from '../common/id-registry';
import type { RateLimitPolicy, RateLimitState } from '../common/rate-limiter';
import type { RequestLog } from '../common/request-log';
import { createRequestHandler, type VendorPolicy } from '../common/request-pipeline';
import { Router } from '../common/router';
import { createTrafficControls } from '../common/simulator-core';
import { WebhookSender, type WebhookLog, type WebhookRetryOptions } from '../common/webhook-sender';
import { DEFAULT_NOW, deterministicUuid } from '../generator';
import { SourceWhaleHooks } from './sourcewhale-hooks';
import { candidateView, sourceWhaleRoutes, type SourceWhaleRoute } from './sourcewhale-routes';
import { seedWorkspace } from './sourcewhale-seed';
import { SourceWhaleStore, type SourceWhaleCandidate } from './sourcewhale-store';

/** Not documented (UNCONFIRMED): 600 requests per minute per key, 429 with Retry-After beyond. */
export const SOURCEWHALE_DEFAULT_RATE_LIMIT: RateLimitPolicy = { limit: 600, windowMs: 60_000 };

export interface SourceWhaleSimulatorOptions {
  port?: number;
  host?: string;
  /** Seed for the workspace. Default 'rediscover'. */
  seed?: string | number;
  /**
   * Prospects already in SourceWhale: generator candidates 0..n-1 of the same seed (so an export
   * of the same seed's ATS candidates hits duplicates). Default 10.
   */
  candidates?: number;
  now?: number | Date;
  rateLimit?: RateLimitPolicy | false;
  webhookRetry?: WebhookRetryOptions;
}

export interface SourceWhaleSimulator {
  readonly url: string;
  readonly credentials: { apiKey: string };
  /** Users, campaigns, projects and every candidate received (with each add/modify in `history`). */
  readonly dataset: SourceWhaleStore;
  /** Neutral key → SourceWhale candidateId, for the seeded prospects. */
  readonly ids: VendorIds<string>;
  readonly mutate: {
    /** Moves a candidate in its outreach (e.g. replied), firing `candidate_stage_changed` hooks. */
    setStage(candidateId: string, stage: string, status?: string): SourceWhaleCandidate;
  };
  /** Deliveries of the Zapier-style hooks. */
  readonly webhooks: WebhookLog;
  readonly faults: FaultControls;
  readonly rateLimit: RateLimitControls;
  readonly requestLog: RequestLog;
  /** Another organisation-wide key. */
  createApiKey(): { apiKey: string };
  /** The key then answers 401. */
  revokeApiKey(apiKey: string): void;
  close(): Promise<void>;
}

export async function startSourceWhaleSimulator(
  options: SourceWhaleSimulatorOptions = {},
): Promise<SourceWhaleSimulator> {
  const seed = String(options.seed ?? 'rediscover');
  const now = options.now instanceof Date ? options.now.getTime() : (options.now ?? DEFAULT_NOW);
  const traffic = createTrafficControls(options.rateLimit, SOURCEWHALE_DEFAULT_RATE_LIMIT);
  let minted = 0;
  const store = new SourceWhaleStore(
    () => Math.max(Date.now(), now),
    () => deterministicUuid(seed, 'sourcewhale', 'candidate', minted++),
  );
  const seeded = seedWorkspace(store, seed, now, options.candidates ?? 10);
  // Only seeded prospects have a neutral key; their ids come from the store.
  const ids = new IdRegistry<string>((_kind, key) => {
    const id = seeded.get(key);
    if (id === undefined) throw new Error(`${key} was not seeded into SourceWhale`);
    return id;
  });
  for (const key of seeded.keys()) ids.ensure('candidate', key);
  const sender = new WebhookSender(options.webhookRetry ?? {});
  const hooks = new SourceWhaleHooks(sender);
  const keys = new Map<string, { id: string; active: boolean }>();
  const createApiKey = (): { apiKey: string } => {
    const apiKey = randomToken(24);
    keys.set(apiKey, { id: `key-${keys.size + 1}`, active: true });
    return { apiKey };
  };

  const router = new Router<SourceWhaleRoute>();
  for (const [signature, route] of Object.entries(
    sourceWhaleRoutes(
      store,
      hooks,
      (c) =>
        traffic.faults.isMalformed(c.candidateId) ||
        (c.neutralKey !== null && traffic.faults.isMalformed(c.neutralKey)),
    ),
  )) {
    const [method = 'GET', path = '/'] = signature.split(' ');
    router.add(method, path, route);
  }
  const rateHeaders = (state: RateLimitState): Record<string, string> => ({
    'Retry-After': String(state.retryAfterSeconds),
  });
  const policy: VendorPolicy<{ keyId: string }> = {
    anonymous: { keyId: 'anonymous' },
    // Error bodies are undocumented (UNCONFIRMED): `{message}`, 401 for a missing or bad key.
    authenticate: (req) => {
      const apiKey = header(req, 'api-key');
      if (!apiKey) return { response: json(401, { message: 'Missing api-key header' }) };
      const key = keys.get(apiKey);
      if (!key?.active) return { response: json(401, { message: 'Invalid API key' }) };
      return { principal: { keyId: key.id } };
    },
    credentialOf: (principal) => principal.keyId,
    rateLimitHeaders: () => ({}),
    tooManyRequests: (state) => json(429, { message: 'Too many requests' }, rateHeaders(state)),
    errorResponse: (status, _kind, message) => json(status, { message }),
  };
  const server = await startHttpServer(
    createRequestHandler({
      router,
      policy,
      faults: traffic.faults,
      limiter: traffic.limiter,
      log: traffic.requestLog,
    }),
    options,
  );

  return {
    url: server.url,
    credentials: createApiKey(),
    dataset: store,
    ids,
    mutate: {
      setStage: (candidateId, stage, status) => {
        const candidate = store.candidates.get(candidateId);
        if (!candidate) throw new Error(`No SourceWhale candidate ${candidateId}`);
        candidate.stage = stage;
        if (status) candidate.status = status;
        candidate.lastActivity = Date.now();
        hooks.fire('candidate_stage_changed', candidateView(candidate));
        return candidate;
      },
    },
    webhooks: { deliveries: sender.deliveries, flush: () => sender.flush() },
    faults: faultControls(traffic.faults),
    rateLimit: traffic.rateLimit,
    requestLog: traffic.requestLog,
    createApiKey,
    revokeApiKey: (apiKey) => {
      const key = keys.get(apiKey);
      if (key) key.active = false;
    },
    close: async () => {
      await sender.flush();
      await server.close();
    },
  };
}
