import { createHash, timingSafeEqual } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

const KNOWN_ROUTES = [
  '/graphql',
  '/healthz',
  '/readyz',
  '/metrics',
  '/webhooks',
  '/profiles',
  '/attachments',
  '/files',
];

/** The label operations get once `maxOperationNames` distinct names have been seen. */
export const OTHER_OPERATION = 'other';

export interface MetricsOptions {
  /**
   * Distinct GraphQL operation names labelled as themselves (the first ones seen); later ones
   * count as `other`. Names come from clients, and every name is a time series held in memory
   * and printed on every scrape. Default 100.
   */
  maxOperationNames?: number;
}

/** Prometheus metrics for HTTP requests and GraphQL operations, served at /metrics. */
export class Metrics {
  readonly registry = new Registry();
  private readonly operationNames = new Set<string>();
  private readonly maxOperationNames: number;

  private readonly httpRequests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests by method, route and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  private readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration.',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  private readonly operations = new Counter({
    name: 'graphql_operations_total',
    help: 'GraphQL operations by type, name and outcome.',
    labelNames: ['type', 'name', 'outcome'] as const,
    registers: [this.registry],
  });

  private readonly operationDuration = new Histogram({
    name: 'graphql_operation_duration_seconds',
    help: 'GraphQL operation duration.',
    labelNames: ['type', 'name'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  constructor(options: MetricsOptions = {}) {
    this.maxOperationNames = options.maxOperationNames ?? 100;
    collectDefaultMetrics({ register: this.registry });
  }

  /** The `name` label for a client's operation name: bounded, whatever clients send. */
  operationLabel(raw: string | null | undefined): string {
    const name = raw ?? '';
    if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name)) return 'anonymous';
    if (this.operationNames.has(name)) return name;
    if (this.operationNames.size >= this.maxOperationNames) return OTHER_OPERATION;
    this.operationNames.add(name);
    return name;
  }

  httpMiddleware() {
    return (req: Request, res: Response, next: NextFunction): void => {
      const stop = this.httpDuration.startTimer();
      res.once('finish', () => {
        const path = requestPath(req);
        // Label by route family, never by raw path: ids in paths would explode cardinality.
        const route = KNOWN_ROUTES.find((r) => path === r || path.startsWith(`${r}/`)) ?? 'other';
        this.httpRequests.inc({ method: req.method, route, status: String(res.statusCode) });
        stop({ method: req.method, route });
      });
      next();
    };
  }

  /** Counts and times every operation that reaches execution (or fails before it). */
  apolloPlugin<T extends object>(): ApolloServerPlugin<T> {
    const operations = this.operations;
    const duration = this.operationDuration;
    const label = (raw: string | null | undefined): string => this.operationLabel(raw);
    return {
      requestDidStart() {
        const started = process.hrtime.bigint();
        return Promise.resolve({
          willSendResponse(ctx) {
            const type = ctx.operation?.operation ?? 'unknown';
            const name = label(ctx.operationName);
            const outcome = ctx.errors?.length ? 'error' : 'ok';
            operations.inc({ type, name, outcome });
            duration.observe({ type, name }, Number(process.hrtime.bigint() - started) / 1e9);
            return Promise.resolve();
          },
        });
      },
    };
  }
}

/**
 * `GET /metrics`. With a token, only `Authorization: Bearer <token>` gets the figures (401
 * otherwise); without one, anyone who reaches the port does, so keep it on a private address.
 */
export function metricsRoute(metrics: Metrics, token: string | null): RequestHandler {
  const expected = token === null ? null : digest(token);
  return async (req, res) => {
    if (expected !== null) {
      const match = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
      if (!match?.[1] || !timingSafeEqual(digest(match[1]), expected)) {
        res.status(401).set('WWW-Authenticate', 'Bearer realm="metrics"').end();
        return;
      }
    }
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  };
}

/** Equal-length values for a constant-time comparison, whatever the lengths given. */
function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/**
 * The request's path as the client sent it, without the query string. Express rewrites
 * `req.path` inside mounted middleware, so by the time a response finishes it may read "/".
 */
export function requestPath(req: Request): string {
  const url = req.originalUrl;
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}
