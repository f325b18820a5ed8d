import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { bootstrapFirstKey } from './auth/api-keys';
import { ConfigError, loadConfig, type AppConfig } from './config/config';
import { createLogger, type Logger } from './common/logger';
import { createDataSource, runMigrations } from './database/data-source';
import { EmbeddedPostgres } from './database/embedded-postgres';
import { InlineQueue } from './jobs/inline-queue';
import type { JobQueue } from './jobs/job-queue';
import { parseJob, type AppJob } from './jobs/jobs';
import { PgBossQueue } from './jobs/pg-boss-queue';
import { createConnector } from './connectors/connector-factory';
import { createDestination, destinationFields } from './connectors/destination-factory';
import { PgPubSub } from './database/pg-pubsub';
import { loadSecretBox } from './database/secrets';
import { Indexer } from './indexer/indexer';
import { ConnectionReindexer } from './indexer/connection-reindex';
import { buildAppSchema } from './resolvers/schema';
import { createSearchEngine } from './search/create-search-engine';
import type { SearchEngine } from './search/search-engine';
import { SearchService } from './search/search-service';
import { DatabaseModelLabels } from './search/model-labels';
import { ConnectionService } from './sync/connection-service';
import { ConnectorPool } from './sync/connector-pool';
import { openCredentials, type ConnectorFactory } from './sync/connector-provider';
import { pooledDestinations } from './exports/destination-pool';
import { ExportRunner } from './exports/export-runner';
import { ExportService } from './exports/export-service';
import {
  InsightsWorkbookService,
  WORKBOOK_LINK_KEY_PURPOSE,
} from './exports/insights-workbook/insights-workbook-service';
import { exportPeopleLoader } from './workers/export-people';
import { createNoteWriter } from './connectors/note-writer-factory';
import type { NoteWriter } from './connectors/notes';
import { NoteService } from './triggers/note-service';
import { StageEventDispatcher } from './triggers/stage-event-dispatcher';
import { TriggerService } from './triggers/trigger-service';
import { DirectoryProfileProvider } from './profiles/directory-provider';
import { HttpProfileProvider } from './profiles/http-provider';
import { ProfileMatcher } from './profiles/profile-matcher';
import { candidateIdentityLoader } from './workers/candidate-identities';
import { WebhookDeliveryWorker } from './triggers/webhook-delivery-worker';
import { SyncRunner } from './sync/sync-runner';
import { SyncScheduler } from './sync/sync-scheduler';
import { WebhookApplier } from './sync/webhook-applier';
import { WebhookIntake } from './sync/webhook-intake';
import { createJobHandler, JOB_WORKERS } from './workers/handle-job';
import { startHttpServer, type RunningHttpServer } from './server/http-server';
import { Metrics } from './server/metrics';

/**
 * The composition root: the only place that picks concrete implementations (embedded or
 * external PostgreSQL, pg-boss or inline queue) and wires them together.
 */
export interface RunningApp {
  config: AppConfig;
  dataSource: DataSource;
  queue: JobQueue<AppJob>;
  engine: SearchEngine;
  indexer: Indexer;
  http: RunningHttpServer;
  /** The key printed on the first start of an empty database, else null. */
  bootstrapKey: string | null;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Where the one-time `API key: …` line goes. Default: stdout. */
  printKey?: (line: string) => void;
  /** Tests run the embedded cluster without fsync. */
  durableEmbeddedPostgres?: boolean;
}

export async function startApp(
  config: AppConfig,
  logger: Logger,
  options: StartOptions = {},
): Promise<RunningApp> {
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async (): Promise<void> => {
    for (const stop of stops.reverse()) {
      try {
        await stop();
      } catch (error) {
        logger.error({ err: error }, 'error during shutdown');
      }
    }
  };

  try {
    let databaseUrl = config.database.url;
    if (!databaseUrl) {
      const embedded = await EmbeddedPostgres.start({
        dataDir: config.dataDir,
        port: config.database.embeddedPort,
        durable: options.durableEmbeddedPostgres ?? true,
        // Ctrl-C reaches only this process, which drains before it stops PostgreSQL.
        ownProcessGroup: true,
        logger,
      });
      stops.push(() => embedded.stop());
      databaseUrl = embedded.url;
    }

    const dataSource = createDataSource({ url: databaseUrl, poolSize: config.database.poolSize });
    await dataSource.initialize();
    stops.push(() => dataSource.destroy());
    const applied = await runMigrations(dataSource);
    if (applied.length > 0) logger.info({ migrations: applied }, 'migrations applied');

    let bootstrapKey: string | null = null;
    if (config.role !== 'worker') {
      const issued = await bootstrapFirstKey(
        dataSource,
        config.bootstrap.organizationName,
        config.bootstrap.userEmail,
      );
      if (issued) {
        bootstrapKey = issued.key;
        (options.printKey ?? ((line) => process.stdout.write(`${line}\n`)))(
          `API key: ${issued.key}`,
        );
      }
    }

    const queue: JobQueue<AppJob> =
      config.jobQueue === 'inline'
        ? new InlineQueue(parseJob, logger)
        : new PgBossQueue({ databaseUrl, parse: parseJob, logger });
    await queue.start();
    stops.push(() => queue.stop());
    const engine = createSearchEngine(config, dataSource);
    await engine.init();
    stops.push(() => engine.close());
    const indexer = new Indexer(dataSource, engine, logger);

    const secrets = loadSecretBox({ ...config.secrets, dataDir: config.dataDir }, logger);
    const pubsub = new PgPubSub(
      databaseUrl,
      (text, values) => dataSource.query(text, values),
      logger,
    );
    stops.push(() => pubsub.close());
    const connectors: ConnectorFactory = (connection, credentials, hooks) =>
      createConnector({
        provider: connection.provider,
        baseUrl: connection.baseUrl,
        credentials,
        requestsPerSecond: connection.settings?.requestsPerSecond,
        ...hooks,
      });
    const scheduler = new SyncScheduler(dataSource, queue, logger);
    const destinations = pooledDestinations((connection) =>
      createDestination(connection.provider, {
        baseUrl: connection.baseUrl,
        credentials: openCredentials(secrets, connection),
        requestsPerSecond: connection.settings?.requestsPerSecond,
      }),
    );
    // One note writer per connection per process: notes share the connection's pace.
    const writers = new Map<string, { stamp: number; writer: NoteWriter | null }>();
    const notes = new NoteService({
      dataSource,
      queue,
      logger,
      writers: (connection) => {
        const cached = writers.get(connection.id);
        if (cached && cached.stamp === connection.updatedAt.getTime()) return cached.writer;
        const writer = createNoteWriter(connection.provider, {
          baseUrl: connection.baseUrl,
          credentials: openCredentials(secrets, connection),
        });
        writers.set(connection.id, { stamp: connection.updatedAt.getTime(), writer });
        return writer;
      },
    });
    const matcher = new ProfileMatcher({
      dataSource,
      provider:
        config.profiles.provider.kind === 'http'
          ? new HttpProfileProvider(
              dataSource,
              { ...config.profiles.provider, timeoutMs: 10_000 },
              logger,
            )
          : new DirectoryProfileProvider(dataSource),
      identities: candidateIdentityLoader(dataSource.manager),
      queue,
      logger,
    });
    if (config.role !== 'api') {
      // Sync runs and webhook batches of one connection share its connector (and its pace).
      const pool = new ConnectorPool(connectors, secrets);
      const syncRunner = new SyncRunner({ dataSource, connectors: pool, queue, pubsub, logger });
      const webhooks = new WebhookApplier(dataSource, pool, queue, scheduler, logger);
      const exports = new ExportRunner({
        dataSource,
        destinations,
        people: exportPeopleLoader(dataSource.manager),
        pubsub,
        queue,
        logger,
        batchSize: config.exports.batchSize,
        dummyEmailDomain: config.exports.dummyEmailDomain,
      });
      const handler = createJobHandler({
        indexer,
        syncRunner,
        webhooks,
        exports,
        notes,
        matcher,
        reindexer: new ConnectionReindexer(dataSource, indexer, logger),
        logger,
      });
      for (const { types, ...options } of JOB_WORKERS) await queue.work(types, handler, options);
      await exports.resumeStranded();
      // Stage triggers: the outbox of stage entries, then partner webhook deliveries.
      const deliveries = new WebhookDeliveryWorker({
        dataSource,
        secrets,
        logger,
        settings: {
          retrySchedule: config.outbound.retrySchedule,
          timeoutMs: config.outbound.timeoutMs,
          outbound: config.outbound,
          concurrency: 8,
        },
      });
      const dispatcher = new StageEventDispatcher({
        dataSource,
        pubsub,
        logger,
        onQueued: () => deliveries.wake(),
      });
      deliveries.start();
      dispatcher.start();
      stops.push(() => deliveries.stop());
      stops.push(() => dispatcher.stop());
      await scheduler.start(config.syncScheduleCheckSeconds * 1000);
      stops.push(() => Promise.resolve(scheduler.stop()));
    }

    const search = new SearchService(engine, undefined, new DatabaseModelLabels(dataSource));
    const metrics = new Metrics();
    const intake = new WebhookIntake(dataSource, secrets, connectors, queue, logger);
    const http = await startHttpServer({
      config,
      logger,
      dataSource,
      metrics,
      engine,
      ...(config.role !== 'worker'
        ? {
            api: {
              schema: await buildAppSchema(),
              services: {
                search,
                triggers: new TriggerService({ secrets, outbound: config.outbound }),
                profiles: {
                  onImported: (organizationId, profileIds) =>
                    matcher.queueRematch(organizationId, profileIds),
                },
                notes,
                workbooks: new InsightsWorkbookService({
                  dataSource,
                  search,
                  linkKey: secrets.deriveKey(WORKBOOK_LINK_KEY_PURPOSE),
                  publicUrl: config.publicUrl,
                  linkTtlSeconds: config.workbooks.linkTtlSeconds,
                }),
                exports: new ExportService({
                  destinations,
                  queue,
                  search,
                  pubsub,
                  maxCandidates: config.exports.maxCandidates,
                }),
                connections: new ConnectionService({
                  secrets,
                  connectors,
                  scheduler,
                  engine,
                  publicUrl: config.publicUrl,
                  outbound: config.outbound,
                  destinationFields,
                  logger,
                  onChanged: (connectionId) => intake.forget(connectionId),
                  queue,
                }),
                pubsub,
              },
              webhooks: intake,
            },
          }
        : {}),
    });
    stops.push(() => http.close());

    return { config, dataSource, queue, engine, indexer, http, bootstrapKey, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const app = await startApp(config, logger);

  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    app.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(
      `Rediscover failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  });
}
