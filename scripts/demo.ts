/**
 * npm run demo: the bundled ATS simulators (Ashby, Greenhouse, SmartRecruiters) with a few
 * thousand candidates, the server on an embedded PostgreSQL of the demo's own (DEMO_DATA_DIR,
 * default data/demo, reset on every run), the API key and a first query printed at once, one
 * connection per ATS, the first sync with its progress (searchable while it runs), then a stream
 * of changes (and webhooks) every few seconds so the API is visibly live. Ctrl-C stops everything.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { createClient } from 'graphql-ws';
import { Client } from 'pg';
import WebSocket from 'ws';
import { issueApiKey } from '../src/auth/api-keys';
import { loadConfig, PROJECT_ROOT, type AppConfig } from '../src/config/config';
import { createLogger, type Logger } from '../src/common/logger';
import { EmbeddedPostgres } from '../src/database/embedded-postgres';
import { startApp, type RunningApp } from '../src/main';
import { startAshbySimulator } from '../test/simulators/ashby/ashby-simulator';
import type { RandomChange } from '../test/simulators/common/dataset-mutator';
import { Rng } from '../test/simulators/generator';
import { startGreenhouseSimulator } from '../test/simulators/greenhouse/greenhouse-simulator';
import { startSmartRecruitersSimulator } from '../test/simulators/smartrecruiters/smartrecruiters-simulator';
import { formatCount, seconds, SyncScreen, type SyncRow } from './demo-screen';

const CANDIDATES = Number(process.env['DEMO_CANDIDATES'] ?? 1000);
const CHANGE_EVERY_MS = Number(process.env['DEMO_CHANGE_EVERY_MS'] ?? 3000);
/** The demo's own data folder: `npm start` (DATA_DIR, default data/) never sees its connections. */
const DATA_DIR = path.resolve(
  process.env['DEMO_DATA_DIR'] ?? path.join(PROJECT_ROOT, 'data', 'demo'),
);
const POLL_MS = 500;
/** After every sync has ended, how long the last pages may take to become searchable. */
const INDEX_GRACE_MS = 60_000;
const ENDED = new Set(['COMPLETED', 'FAILED', 'CANCELLED']);

/** Milliseconds since the process started. */
const elapsed = (): number => performance.now();
const print = (text = ''): void => void process.stdout.write(`${text}\n`);

async function gql<T>(
  url: string,
  key: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
  return body.data as T;
}

/**
 * The server's settings for the demo: the environment's, except where its data lives (the
 * demo's folder and cluster, never DATABASE_URL) and what the simulators need (loopback).
 */
function demoConfig(): AppConfig {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR,
    LOG_LEVEL: process.env['LOG_LEVEL'] ?? 'warn',
    OUTBOUND_ALLOW_PRIVATE_NETWORKS: 'true',
    ELASTICSEARCH_INDEX_PREFIX: 'rediscover-demo',
  };
  delete env['DATABASE_URL'];
  return loadConfig(env);
}

/**
 * The demo's PostgreSQL, with an empty database: every run starts from nothing (no connections
 * of a previous run's simulators, long gone). Without fsync: nothing here needs to survive a crash.
 */
async function startDatabase(logger: Logger): Promise<EmbeddedPostgres> {
  const database = await EmbeddedPostgres.start({
    dataDir: DATA_DIR,
    port: 0,
    durable: false,
    // Ctrl-C reaches the demo, which stops the server before PostgreSQL.
    ownProcessGroup: true,
    logger,
  });
  try {
    const admin = new Client({ connectionString: database.url.replace(/\/[^/]*$/, '/postgres') });
    await admin.connect();
    try {
      await admin.query('DROP DATABASE IF EXISTS rediscover WITH (FORCE)');
      await admin.query('CREATE DATABASE rediscover');
    } finally {
      await admin.end();
    }
  } catch (error) {
    await database.stop();
    throw error;
  }
  return database;
}

async function startServer(
  config: AppConfig,
  logger: Logger,
): Promise<{ app: RunningApp; database: EmbeddedPostgres }> {
  const database = await startDatabase(logger);
  try {
    const app = await startApp(
      { ...config, database: { ...config.database, url: database.url } },
      logger,
      {
        printKey: () => undefined,
      },
    );
    return { app, database };
  } catch (error) {
    await database.stop();
    throw error;
  }
}

function startSimulators() {
  // Relaxed vendor limits: a newcomer should be searching within seconds, not an hour.
  const options = { candidates: CANDIDATES, rateLimit: false as const, now: new Date() };
  return Promise.all([
    startAshbySimulator({ ...options, seed: 'demo-ashby' }),
    // Greenhouse paces by the limit its responses announce, and without one at its documented
    // default (50 per 10 s): announce a generous one instead of none.
    startGreenhouseSimulator({
      ...options,
      seed: 'demo-greenhouse',
      rateLimit: { limit: 100_000, windowMs: 10_000 },
    }),
    startSmartRecruitersSimulator({ ...options, seed: 'demo-smartrecruiters' }),
  ]);
}

interface Status {
  searchCandidates: { totalCount: number };
  connections: {
    id: string;
    syncRuns: { state: string; phase: string | null; processed: number; error: string | null }[];
  }[];
}

/** What is searchable now, and each connection's latest run; null when the poll failed. */
async function pollStatus(url: string, key: string): Promise<Status | null> {
  try {
    return await gql<Status>(
      url,
      key,
      '{ searchCandidates(first: 1) { totalCount } connections { id syncRuns(first: 1) { state phase processed error } } }',
    );
  } catch {
    return null;
  }
}

const CHANGE_WORDS: Record<RandomChange['kind'], string> = {
  createCandidate: 'new candidate',
  updateCandidate: 'profile edited',
  applyToJob: 'applied to a job',
  moveStage: 'moved to another stage',
  reject: 'rejected',
  deleteCandidate: 'candidate deleted',
  mergeCandidates: 'two candidates merged',
};

async function main(): Promise<void> {
  print(
    `Rediscover demo: simulated Ashby, Greenhouse and SmartRecruiters accounts, ${formatCount(CANDIDATES)} candidates each.`,
  );
  print(`Data folder: ${DATA_DIR} (the demo's own; its database starts empty on every run)`);
  const config = demoConfig();
  const logger = createLogger(config.logLevel);
  // PostgreSQL starts in its own process while this one generates the simulators' data.
  const server = startServer(config, logger);
  const simulators = await startSimulators().catch(async (error: unknown) => {
    await server.then(
      async ({ app, database }) => {
        await app.stop();
        await database.stop();
      },
      () => undefined,
    );
    throw error;
  });
  const [ashby, greenhouse, smartrecruiters] = simulators;
  const { app, database } = await server;
  // Stopped in this order on Ctrl-C, whenever it comes.
  const stops: (() => Promise<unknown> | void)[] = [
    () => app.stop(),
    () => database.stop(),
    () => Promise.all(simulators.map((s) => s.close())),
  ];
  let stopping = false;
  const shutdown = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    for (const stop of stops) {
      try {
        await stop();
      } catch (error) {
        logger.error({ err: error }, 'demo shutdown step failed');
      }
    }
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
  const url = app.http.url;
  const { key } = await issueApiKey(app.dataSource.manager, 'Demo', 'demo@rediscover.local');

  const firstQuery = JSON.stringify({
    query:
      '{ searchCandidates(query: "python", first: 3) { totalCount edges { node { fullName currentTitle } } } }',
  });
  print();
  print(`Rediscover is up at ${url}/graphql (GraphiQL in a browser).`);
  print(`API key: ${key}`);
  print('Search right away: while the first sync runs, it answers with what is indexed so far.');
  print(
    `  curl -s ${url}/graphql -H 'Authorization: Bearer ${key}' -H 'Content-Type: application/json' -d '${firstQuery.replace(/'/g, "'\\''")}'`,
  );
  print(
    `  In GraphiQL, add the header {"Authorization": "Bearer ${key}"} and run ${JSON.parse(firstQuery).query as string}`,
  );

  // A public-profile directory, as a deployment would import it: half of the Ashby candidates
  // have a profile (found by LinkedIn URL or e-mail) adding an industry, a company size and a
  // skill the ATS does not know. Imported before the sync, each candidate is matched as it is
  // indexed (nothing to match and index again afterwards).
  const directory = [...ashby.dataset.candidates.values()]
    .filter((_, i) => i % 2 === 0)
    .map((c, i) => ({
      externalId: `demo-profile-${i}`,
      fullName: `${c.firstName} ${c.lastName}`,
      ...(c.linkedinUrl ? { linkedinUrl: c.linkedinUrl } : {}),
      emails: c.emails.map((e) => e.value),
      skills: ['Public Speaking', ...c.skills.slice(0, 2)],
      industry: ['Software', 'Fintech', 'E-commerce', 'Healthcare'][i % 4],
      companySize: ['11-50', '51-200', '201-500', '1001-5000'][i % 4],
    }));
  let imported = 0;
  for (let i = 0; i < directory.length; i += 1000) {
    const result = await gql<{ importProfiles: { created: number } }>(
      url,
      key,
      'mutation($p: [ProfileInput!]!) { importProfiles(profiles: $p) { created } }',
      { p: directory.slice(i, i + 1000) },
    );
    imported += result.importProfiles.created;
  }
  print();
  print(
    `Profile directory: ${formatCount(imported)} public profiles imported; candidates are matched to them as they arrive.`,
  );

  const secret = randomBytes(16).toString('hex');
  const connect = async (
    label: string,
    input: Record<string, unknown>,
  ): Promise<{ label: string; id: string; webhooks: { url: string }[] }> => ({
    label,
    ...(
      await gql<{ createConnection: { id: string; webhooks: { url: string }[] } }>(
        url,
        key,
        'mutation($input: CreateConnectionInput!) { createConnection(input: $input) { id webhooks { url } } }',
        { input: { capabilities: ['REDISCOVERY', 'CONNECT'], syncIntervalMinutes: 5, ...input } },
      )
    ).createConnection,
  });
  // All three at once: each first sync starts as its connection is created.
  const connections = await Promise.all([
    connect('Ashby', {
      provider: 'ASHBY',
      name: 'Ashby (simulator)',
      baseUrl: ashby.url,
      credentials: { apiKey: ashby.credentials.apiKey, webhookSecret: secret },
      // Ashby's default pace (16/s) would make its 1,000 résumé links alone take a minute.
      settings: { requestsPerSecond: 100 },
    }),
    connect('Greenhouse', {
      provider: 'GREENHOUSE',
      name: 'Greenhouse (simulator)',
      baseUrl: greenhouse.url,
      credentials: {
        ...greenhouse.credentials,
        userId: String(greenhouse.credentials.userId),
        webhookSecret: secret,
      },
    }),
    connect('SmartRecruiters', {
      provider: 'SMARTRECRUITERS',
      name: 'SmartRecruiters (simulator)',
      baseUrl: smartrecruiters.url,
      credentials: { smartToken: smartrecruiters.credentials.smartToken },
      // The simulator runs without limits; against the real API keep the default (9/s).
      settings: { requestsPerSecond: 1000 },
    }),
  ]);
  // Ashby and Greenhouse webhooks are configured in their UIs: the demo does what an admin would.
  ashby.webhooks.register({ url: connections[0].webhooks[0]!.url, secret });
  await greenhouse.webhooks.register({ url: connections[1].webhooks[0]!.url, secret });
  const labelOf = new Map(connections.map((c) => [c.id, c.label]));

  const expected =
    ashby.dataset.candidates.size +
    greenhouse.dataset.candidates.size +
    smartrecruiters.dataset.candidates.size;
  print();
  print('First sync (progress from the syncStatus subscription):');
  const screen = new SyncScreen(
    process.stdout,
    connections.map((c) => c.label),
    expected,
    elapsed,
  );
  screen.start();

  // Progress over the public subscription, as a frontend would show it.
  const ws = createClient({
    url: url.replace('http', 'ws') + '/graphql',
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${key}` },
  });
  stops.unshift(() => ws.dispose());
  const unsubscribe = connections.map((c) =>
    ws.subscribe<{ syncStatus: SyncRow }>(
      {
        query: `subscription($id: ID!) { syncStatus(connectionId: $id) { state phase percent processed error } }`,
        variables: { id: c.id },
      },
      {
        next: ({ data }) => {
          if (data?.syncStatus) screen.update(c.label, data.syncStatus);
        },
        // The poll below still sees the runs end.
        error: () => undefined,
        complete: () => undefined,
      },
    ),
  );

  // The same search a user would run, and the runs' states (a run may end before its
  // subscription starts), until everything is searchable.
  let searchable = 0;
  let allEndedAt: number | null = null;
  for (;;) {
    const status = await pollStatus(url, key);
    if (!status) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      continue;
    }
    searchable = status.searchCandidates.totalCount;
    screen.setSearchable(searchable);
    for (const c of status.connections) {
      const run = c.syncRuns[0];
      const label = labelOf.get(c.id);
      if (label && run && ENDED.has(run.state))
        screen.update(label, { ...run, percent: run.state === 'COMPLETED' ? 100 : 0 });
    }
    if (screen.allEnded()) allEndedAt ??= elapsed();
    if (searchable >= expected && screen.allEnded()) break;
    if (allEndedAt !== null && elapsed() - allEndedAt > INDEX_GRACE_MS) break;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  for (const stop of unsubscribe) stop();
  screen.finish();
  print();
  print(
    searchable >= expected
      ? `All ${formatCount(expected)} candidates are searchable, ${seconds(elapsed())} after the start.`
      : `${formatCount(searchable)} of ${formatCount(expected)} candidates are searchable ${seconds(elapsed())} after the start (${screen.allCompleted() ? 'the rest are still being indexed' : 'a sync did not complete: its error is above and in syncRuns'}).`,
  );
  print();
  print('More to try (GraphiQL, with the Authorization header above):');
  for (const example of [
    '{ searchCandidates(query: "python AND (staff OR senior) NOT intern", first: 5) { totalCount edges { node { fullName currentTitle } highlights { field snippets } } facets { field values { label count } } } }',
    '{ insights(dimensions: [SKILL, CURRENT_COMPANY, STAGE], size: 5) { dimension buckets { label count } otherCount missingCount } }',
    '{ insights(dimensions: [INDUSTRY, COMPANY_SIZE]) { dimension buckets { label count } } }',
    '{ atsStatus(profile: { name: "…", company: "…", title: "…" }) { kind matchedBy confidence applications { stage status } } }',
    `subscription { syncStatus(connectionId: "${connections[0].id}") { state phase percent processed } }`,
  ])
    print(`  ${example}`);
  print();
  print(
    `The simulators now change a candidate every ${CHANGE_EVERY_MS / 1000} s and send webhooks. Ctrl-C to stop.`,
  );
  print();

  const rng = Rng.fromSeed('demo-changes');
  const sims = [
    { label: 'Ashby', sim: ashby },
    { label: 'Greenhouse', sim: greenhouse },
    { label: 'SmartRecruiters', sim: smartrecruiters },
  ];
  const timer: NodeJS.Timeout = setInterval(() => {
    const { label, sim } = sims[Math.floor(Math.random() * sims.length)]!;
    try {
      const change = sim.mutate.randomChange(rng);
      const names = change.keys
        .map((k) => sim.dataset.candidates.get(k))
        .filter((c) => c !== undefined)
        .map((c) => `${c.firstName} ${c.lastName}`);
      print(
        `  change: ${label}: ${CHANGE_WORDS[change.kind]}${names.length ? `, ${names.join(' and ')}` : ''} (${change.keys.join(', ')})`,
      );
    } catch (error) {
      print(`  (no change in ${label}: ${error instanceof Error ? error.message : String(error)})`);
    }
  }, CHANGE_EVERY_MS);
  stops.unshift(() => clearInterval(timer));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
