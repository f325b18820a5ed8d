import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type NextFunction, type Request, type Response } from 'express';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import { authenticateApiKey, bearerToken } from '../auth/api-keys';
import type { AppConfig } from '../config/config';
import type { Logger } from '../common/logger';
import type { Tenant } from '../common/tenant';
import type { SearchEngine } from '../search/search-engine';
import { isConnectionError } from '../database/connection-errors';
import { checkDatabaseReady } from '../database/data-source';
import { createRequestContext, type AppServices, type RequestContext } from '../resolvers/context';
import { createErrorFormatter } from './format-error';
import type { WebhookIntake } from '../sync/webhook-intake';
import { attachmentsRouter } from './attachments-route';
import { profilesRouter, type ProfilesImportedHook } from './profiles-route';
import { workbookRouter } from './workbook-route';
import { webhookRouter } from './webhook-route';
import { graphiqlRouter } from './graphiql';
import { metricsRoute, requestPath, type Metrics } from './metrics';
import { inputGuardPlugin } from './input-guard';
import { createQueryLimits } from './query-limits';
import { attachGraphqlWebSocket } from './websocket';

export interface HttpServerDeps {
  config: AppConfig;
  logger: Logger;
  dataSource: DataSource;
  metrics: Metrics;
  /** Its readiness is part of /readyz (an api cannot search, nor a worker index, without it). */
  engine: Pick<SearchEngine, 'ready'>;
  /** Absent on worker-only processes: they serve health and metrics, not the API. */
  api?: {
    schema: GraphQLSchema;
    services: AppServices;
    webhooks: WebhookIntake;
    /**
     * After `POST /profiles/import` changed profiles (matching reruns for them). Default:
     * `services.profiles.onImported`, the hook `importProfiles` calls; none when that is absent.
     */
    onProfilesImported?: ProfilesImportedHook;
  };
}

export interface RunningHttpServer {
  port: number;
  url: string;
  close(): Promise<void>;
}

export async function startHttpServer(deps: HttpServerDeps): Promise<RunningHttpServer> {
  const { config, logger, dataSource, metrics } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.use(metrics.httpMiddleware());
  app.use(requestLog(logger));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const database = await checkDatabaseReady(dataSource);
    const ready = database.ok ? await deps.engine.ready() : database;
    res
      .status(ready.ok ? 200 : 503)
      .json(ready.ok ? { status: 'ready' } : { status: 'not ready', reason: ready.reason });
  });
  app.get('/metrics', metricsRoute(metrics, config.metricsToken));

  const httpServer = createServer(app);
  const closers: (() => Promise<void>)[] = [];

  if (deps.api) {
    const { schema, services, webhooks } = deps.api;
    app.use(webhookRouter(webhooks, logger));
    const formatError = createErrorFormatter(logger, config.isProduction);
    const authenticate = async (header: string | null | undefined): Promise<Tenant | null> => {
      const key = bearerToken(header);
      return key ? authenticateApiKey(dataSource, key) : null;
    };
    const createContext = (tenant: Tenant): RequestContext =>
      createRequestContext(dataSource.manager, tenant, logger, services);

    const limits = createQueryLimits(config.graphql, config.isProduction);
    const ws = attachGraphqlWebSocket({
      httpServer,
      schema,
      authenticate,
      createContext,
      formatError,
      limits,
    });
    closers.push(() => ws.close());

    const apollo = new ApolloServer<RequestContext>({
      schema,
      introspection: config.graphql.introspection,
      formatError,
      includeStacktraceInErrorResponses: false,
      hideSchemaDetailsFromClientErrors: config.isProduction,
      allowBatchedHttpRequests: false,
      // Shutdown order is ours (main.ts): Apollo must not stop itself and re-raise the signal.
      stopOnTerminationSignals: false,
      validationRules: limits.validationRules,
      parseOptions: { maxTokens: limits.maxTokens },
      plugins: [
        ...(limits.plugins as ApolloServerPlugin<RequestContext>[]),
        inputGuardPlugin<RequestContext>(),
        metrics.apolloPlugin<RequestContext>(),
        ApolloServerPluginDrainHttpServer({ httpServer }),
        ApolloServerPluginLandingPageDisabled(),
      ],
    });
    await apollo.start();
    closers.push(() => apollo.stop());

    app.use(graphiqlRouter());
    app.use(attachmentsRouter(dataSource.manager, authenticate));
    app.use(workbookRouter(services.workbooks, logger));
    app.use(
      profilesRouter({
        dataSource,
        authenticate,
        limits: config.profiles,
        onImported:
          deps.api.onProfilesImported ??
          ((organizationId, ids) =>
            services.profiles?.onImported(organizationId, ids) ?? Promise.resolve()),
        logger,
      }),
    );
    app.use(
      '/graphql',
      express.json({ limit: '2mb' }),
      expressMiddleware(apollo, {
        context: async ({ req }) => {
          const tenant = await authenticate(req.headers.authorization).catch((error: unknown) => {
            if (!isConnectionError(error)) throw error;
            throw new GraphQLError(
              'A service Rediscover depends on is unavailable; try again shortly.',
              {
                extensions: { code: 'UPSTREAM_UNAVAILABLE', http: { status: 503 } },
              },
            );
          });
          if (!tenant) {
            throw new GraphQLError('A valid API key is required (Authorization: Bearer <key>).', {
              extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
            });
          }
          return createContext(tenant);
        },
      }),
    );
  }

  app.use((_req, res) => {
    res.status(404).json({ error: 'not found' });
  });
  // Body-parser and other middleware errors: a clear 4xx, never a stack trace.
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const status = httpStatusOf(error);
    if (status >= 500) logger.error({ err: error }, 'unhandled HTTP error');
    else logger.info({ status, message: errorMessage(error) }, 'HTTP client error');
    res
      .status(status)
      .json({ error: status >= 500 ? 'internal server error' : errorMessage(error) });
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
  logger.info({ url, role: config.role }, 'HTTP server listening');

  return {
    port,
    url,
    async close() {
      for (const close of closers.reverse()) await close();
      await closeServer(httpServer);
    },
  };
}

function requestLog(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = Date.now();
    res.once('finish', () => {
      // Method, path and status only: headers (keys) and bodies (candidate data) stay out of logs.
      logger.debug(
        {
          method: req.method,
          path: requestPath(req),
          status: res.statusCode,
          ms: Date.now() - started,
        },
        'http',
      );
    });
    next();
  };
}

function httpStatusOf(error: unknown): number {
  if (typeof error === 'object' && error !== null) {
    const status =
      (error as { status?: unknown; statusCode?: unknown }).status ??
      (error as { statusCode?: unknown }).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 600) return status;
  }
  return 500;
}

function errorMessage(error: unknown): string {
  if (
    typeof error === 'object' &&
    error !== null &&
    'type' in error &&
    error.type === 'entity.parse.failed'
  ) {
    return 'request body is not valid JSON';
  }
  return error instanceof Error ? error.message : 'bad request';
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
