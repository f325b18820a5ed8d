/**
 * The order every simulator handles a request in, with the vendor-specific parts (credentials,
 * error bodies, rate-limit headers) supplied by a {@link VendorPolicy}:
 * route → injected failure → authentication → rate limit → injected delay → handler → log.
 */
import type { FaultInjector } from './fault-injector';
import { json, type SimRequest, type SimResponse } from './http-server';
import type { ConcurrencyGroup, RateLimiter, RateLimitState } from './rate-limiter';
import type { RequestLog } from './request-log';
import type { Router } from './router';

export interface RouteContext<P> {
  req: SimRequest;
  params: Record<string, string>;
  /** The authenticated caller; the policy's `anonymous` principal on public routes. */
  principal: P;
}

export interface RouteSpec<P> {
  /** Anyone may call it (token endpoints, pre-signed file links): no auth, no rate limit. */
  public?: boolean;
  /** The vendor permission or scope the caller needs. */
  permission?: string;
  /** A stricter in-flight limit shared by the routes naming the same group. */
  concurrency?: ConcurrencyGroup;
  handle(ctx: RouteContext<P>): SimResponse | Promise<SimResponse>;
}

export type ErrorKind = 'not_found' | 'method_not_allowed' | 'injected' | 'internal';

/** What differs between vendors at the HTTP level. */
export interface VendorPolicy<P> {
  anonymous: P;
  /** Checks credentials and the route's permission: a principal, or the vendor's 401/403. */
  authenticate(
    req: SimRequest,
    permission: string | undefined,
  ): { principal: P } | { response: SimResponse };
  /** The rate-limit bucket this principal draws from. */
  credentialOf(principal: P): string;
  /** Headers the vendor sends on every rate-limited response. */
  rateLimitHeaders(state: RateLimitState): Record<string, string>;
  /** The vendor's 429. */
  tooManyRequests(state: RateLimitState): SimResponse;
  /** The vendor's error body for a status the simulator produces itself. */
  errorResponse(status: number, kind: ErrorKind, message: string): SimResponse;
  /** Last touch on every response (e.g. a request-id header). */
  decorate?(response: SimResponse): SimResponse;
}

export interface PipelineDeps<P> {
  router: Router<RouteSpec<P>>;
  policy: VendorPolicy<P>;
  faults: FaultInjector;
  limiter: RateLimiter;
  log: RequestLog;
}

export function createRequestHandler<P>(
  deps: PipelineDeps<P>,
): (req: SimRequest) => Promise<SimResponse> {
  const { router, policy, faults, limiter, log } = deps;

  return async (req) => {
    const startedAt = Date.now();
    let credential: string | null = null;
    const finish = (response: SimResponse): SimResponse => {
      const final = policy.decorate ? policy.decorate(response) : response;
      log.record({
        method: req.method,
        path: req.path,
        query: req.query.toString(),
        status: final.status,
        startedAt,
        durationMs: Date.now() - startedAt,
        credential,
      });
      return final;
    };

    const matched = router.match(req.method, req.path);
    if (!matched)
      return finish(
        policy.errorResponse(404, 'not_found', `No route for ${req.method} ${req.path}`),
      );
    if ('methodNotAllowed' in matched) {
      return finish(
        policy.errorResponse(
          405,
          'method_not_allowed',
          `${req.method} is not allowed on ${req.path}`,
        ),
      );
    }
    const { route, params } = matched;

    const failure = faults.takeFailure(req.path);
    if (failure?.kind === 'fail')
      return finish(policy.errorResponse(failure.status, 'injected', 'Injected failure'));
    if (failure?.kind === 'throttle') {
      const limit = limiter.policy ? limiter.policy.limit : 0;
      return finish(
        policy.tooManyRequests({
          limit,
          remaining: 0,
          resetAt: startedAt + failure.retryAfterSeconds * 1000,
          retryAfterSeconds: failure.retryAfterSeconds,
          concurrencyLimit: null,
          concurrencyRemaining: null,
        }),
      );
    }

    let principal = policy.anonymous;
    let rateHeaders: Record<string, string> = {};
    let release = (): void => undefined;
    if (!route.public) {
      const auth = policy.authenticate(req, route.permission);
      if ('response' in auth) return finish(auth.response);
      principal = auth.principal;
      credential = policy.credentialOf(principal);
      const decision = limiter.acquire(credential, startedAt, route.concurrency);
      if (decision && !decision.allowed) return finish(policy.tooManyRequests(decision.state));
      if (decision) {
        rateHeaders = policy.rateLimitHeaders(decision.state);
        release = decision.release;
      }
    }

    try {
      const delay = faults.takeDelay(req.path);
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
      const response = await route.handle({ req, params, principal });
      return finish({ ...response, headers: { ...rateHeaders, ...response.headers } });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return finish(policy.errorResponse(500, 'internal', message));
    } finally {
      release();
    }
  };
}

/** A bare JSON 404/405/500 for vendors with no documented error body. */
export function plainError(status: number, message: string): SimResponse {
  return json(status, { message });
}
