/**
 * npm run demo: the bundled ATS simulators (Ashby, Greenhouse, SmartRecruiters) with a few
 * thousand candidates, the server on the embedded default, one connection per ATS, the first
 * sync with a progress bar, then a stream of changes (and webhooks) every few seconds so the
 * API is visibly live. Ctrl-C stops everything.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { issueApiKey } from '../src/auth/api-keys';
import { loadConfig } from '../src/config/config';
import { createLogger } from '../src/common/logger';
import { startApp } from '../src/main';
import { startAshbySimulator } from '../test/simulators/ashby/ashby-simulator';
import { Rng } from '../test/simulators/generator';
import { startGreenhouseSimulator } from '../test/simulators/greenhouse/greenhouse-simulator';
import { startSmartRecruitersSimulator } from '../test/simulators/smartrecruiters/smartrecruiters-simulator';

const CANDIDATES = Number(process.env['DEMO_CANDIDATES'] ?? 1000);
const CHANGE_EVERY_MS = Number(process.env['DEMO_CHANGE_EVERY_MS'] ?? 3000);

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

/** A bar filled by phases done (vendor objects, then files), with the records read so far. */
function bar(
  label: string,
  phasesDone: number,
  phasesTotal: number,
  records: number,
  state: string,
): string {
  const width = 30;
  const filled = phasesTotal ? Math.round(Math.min(1, phasesDone / phasesTotal) * width) : 0;
  return `${label.padEnd(16)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(records).padStart(6)} records  ${state}`;
}

async function main(): Promise<void> {
  // Relaxed vendor limits: a newcomer should be searching within a minute, not an hour.
  const options = {
    candidates: CANDIDATES,
    seed: 'demo',
    rateLimit: false as const,
    now: new Date(),
  };
  process.stdout.write(`Starting the ATS simulators with ${CANDIDATES} candidates each…\n`);
  const [ashby, greenhouse, smartrecruiters] = await Promise.all([
    startAshbySimulator({ ...options, seed: 'demo-ashby' }),
    startGreenhouseSimulator({ ...options, seed: 'demo-greenhouse' }),
    startSmartRecruitersSimulator({ ...options, seed: 'demo-smartrecruiters' }),
  ]);

  // The simulators listen on loopback, which user-given addresses may not reach by default.
  const config = loadConfig({
    ...process.env,
    LOG_LEVEL: process.env['LOG_LEVEL'] ?? 'warn',
    OUTBOUND_ALLOW_PRIVATE_NETWORKS: 'true',
  });
  const app = await startApp(config, createLogger(config.logLevel), { printKey: () => undefined });
  const url = app.http.url;
  const { key } = await issueApiKey(app.dataSource.manager, 'Demo', 'demo@rediscover.local');

  const secret = randomBytes(16).toString('hex');
  const connect = async (
    input: Record<string, unknown>,
  ): Promise<{ id: string; webhooks: { url: string }[] }> =>
    (
      await gql<{ createConnection: { id: string; webhooks: { url: string }[] } }>(
        url,
        key,
        'mutation($input: CreateConnectionInput!) { createConnection(input: $input) { id webhooks { url } } }',
        { input: { capabilities: ['REDISCOVERY', 'CONNECT'], syncIntervalMinutes: 5, ...input } },
      )
    ).createConnection;
  const connections = [
    {
      label: 'Ashby',
      ...(await connect({
        provider: 'ASHBY',
        name: 'Ashby (simulator)',
        baseUrl: ashby.url,
        credentials: { apiKey: ashby.credentials.apiKey, webhookSecret: secret },
      })),
    },
    {
      label: 'Greenhouse',
      ...(await connect({
        provider: 'GREENHOUSE',
        name: 'Greenhouse (simulator)',
        baseUrl: greenhouse.url,
        credentials: {
          ...greenhouse.credentials,
          userId: String(greenhouse.credentials.userId),
          webhookSecret: secret,
        },
      })),
    },
    {
      label: 'SmartRecruiters',
      ...(await connect({
        provider: 'SMARTRECRUITERS',
        name: 'SmartRecruiters (simulator)',
        baseUrl: smartrecruiters.url,
        credentials: { smartToken: smartrecruiters.credentials.smartToken },
        // The simulator runs without limits; against the real API keep the default (9/s).
        settings: { requestsPerSecond: 100 },
      })),
    },
  ];
  // Ashby and Greenhouse webhooks are configured in their UIs: the demo does what an admin would.
  ashby.webhooks.register({ url: connections[0]!.webhooks[0]!.url, secret });
  await greenhouse.webhooks.register({ url: connections[1]!.webhooks[0]!.url, secret });

  // Progress over the public subscription, as a frontend would show it.
  const progress = new Map<string, string>(
    connections.map((c) => [c.id, bar(c.label, 0, 1, 0, 'QUEUED')]),
  );
  const render = (): void => {
    process.stdout.write(`\x1b[${connections.length}A`);
    for (const c of connections) process.stdout.write(`\x1b[2K${progress.get(c.id)}\n`);
  };
  process.stdout.write('\nFirst sync:\n' + connections.map(() => '\n').join(''));
  const ws = createClient({
    url: url.replace('http', 'ws') + '/graphql',
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${key}` },
  });
  await Promise.all(
    connections.map(
      (c) =>
        new Promise<void>((resolve, reject) => {
          const stop = ws.subscribe<{
            syncStatus: {
              state: string;
              phase: string | null;
              processed: number;
              phasesDone: number;
              phasesTotal: number;
            };
          }>(
            {
              query: `subscription($id: ID!) { syncStatus(connectionId: $id) { state phase processed phasesDone phasesTotal } }`,
              variables: { id: c.id },
            },
            {
              next: ({ data }) => {
                const s = data?.syncStatus;
                if (!s) return;
                progress.set(
                  c.id,
                  bar(
                    c.label,
                    s.phasesDone,
                    s.phasesTotal,
                    s.processed,
                    `${s.state} ${s.phase ?? ''}`,
                  ),
                );
                render();
                if (s.state === 'COMPLETED' || s.state === 'FAILED') {
                  stop();
                  resolve();
                }
              },
              error: reject,
              complete: resolve,
            },
          );
        }),
    ),
  );

  // A public-profile directory, as a deployment would import it: half of the Ashby candidates
  // have a profile (found by LinkedIn URL or e-mail) adding an industry, a company size and a
  // skill the ATS does not know; the import reruns matching and the matched are re-indexed.
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
  const imported = { created: 0 };
  for (let i = 0; i < directory.length; i += 1000) {
    const result = await gql<{ importProfiles: { created: number } }>(
      url,
      key,
      'mutation($p: [ProfileInput!]!) { importProfiles(profiles: $p) { created } }',
      { p: directory.slice(i, i + 1000) },
    );
    imported.created += result.importProfiles.created;
  }
  process.stdout.write(
    `\nProfile directory: ${imported.created} public profiles imported and matched.\n`,
  );

  const total = await gql<{ searchCandidates: { totalCount: number } }>(
    url,
    key,
    '{ searchCandidates { totalCount } }',
  );
  process.stdout.write(
    [
      '',
      `Rediscover is live at ${url}/graphql (GraphiQL in a browser) with ${total.searchCandidates.totalCount} candidates.`,
      `API key: ${key}`,
      '',
      'Try (in GraphiQL, Headers: {"Authorization": "Bearer <key>"}):',
      '  { searchCandidates(query: "python AND (staff OR senior) NOT intern", first: 5) { totalCount edges { node { fullName currentTitle } highlights { field snippets } } facets { field values { label count } } } }',
      '  { insights(dimensions: [SKILL, CURRENT_COMPANY, STAGE], size: 5) { dimension buckets { label count } otherCount missingCount } }',
      '  { insights(dimensions: [INDUSTRY, COMPANY_SIZE]) { dimension buckets { label count } } }',
      '  { atsStatus(profile: { name: "…", company: "…", title: "…" }) { kind matchedBy confidence applications { stage status } } }',
      '  subscription { syncStatus(connectionId: "' +
        connections[0]!.id +
        '") { state processed } }',
      '',
      `The simulators now change a candidate every ${CHANGE_EVERY_MS / 1000} s and send webhooks. Ctrl-C to stop.`,
      '',
    ].join('\n'),
  );

  const rng = Rng.fromSeed('demo-changes');
  const sims = [ashby, greenhouse, smartrecruiters];
  const timer = setInterval(() => {
    const sim = sims[Math.floor(Math.random() * sims.length)]!;
    try {
      const change = sim.mutate.randomChange(rng);
      process.stdout.write(`  change: ${change.kind} ${change.keys.join(', ')}\n`);
    } catch (error) {
      process.stdout.write(
        `  (no change: ${error instanceof Error ? error.message : String(error)})\n`,
      );
    }
  }, CHANGE_EVERY_MS);

  const shutdown = async (): Promise<void> => {
    clearInterval(timer);
    await ws.dispose();
    await app.stop();
    await Promise.all(sims.map((s) => s.close()));
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
