import type { ApolloServerPlugin } from '@apollo/server';
import type { NextFunction, Request, Response } from 'express';
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

/** Prometheus metrics for HTTP requests and GraphQL operations, served at /metrics. */
export class Metrics {
  readonly registry = new Registry();

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

  constructor() {
    collectDefaultMetrics({ register: this.registry });
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
    return {
      requestDidStart() {
        const started = process.hrtime.bigint();
        return Promise.resolve({
          willSendResponse(ctx) {
            const type = ctx.operation?.operation ?? 'unknown';
            // Names come from clients: keep only plausible identifiers to bound cardinality.
            const raw = ctx.operationName ?? '';
            const name = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(raw) ? raw : 'anonymous';
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
 * The request's path as the client sent it, without the query string. Express rewrites
 * `req.path` inside mounted middleware, so by the time a response finishes it may read "/".
 */
export function requestPath(req: Request): string {
  const url = req.originalUrl;
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}
