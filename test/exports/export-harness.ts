import { expect } from 'vitest';
import type { DataSource } from 'typeorm';
import { issueApiKey } from '../../src/auth/api-keys';
import { Candidate } from '../../src/entities';
import { graphql, type GraphQLResponse } from '../helpers/graphql';
import type { NeutralCandidate } from '../simulators/generator';
import { startAshbySimulator, type AshbySimulator } from '../simulators/ashby/ashby-simulator';
import {
  startSourceWhaleSimulator,
  type SourceWhaleSimulator,
} from '../simulators/sourcewhale/sourcewhale-simulator';
import { createConnection, startSyncApp, waitForRun, type TestApp } from '../sync/sync-harness';

/**
 * One organization with an Ashby ATS mirrored (the candidates to export) and a SourceWhale
 * destination, both real simulators on loopback, driven through the real server's GraphQL.
 * SourceWhale is seeded with the first `duplicates` people of the same seed, so exports meet
 * records the destination already holds.
 */
export interface ExportWorld {
  app: TestApp;
  ats: AshbySimulator;
  sw: SourceWhaleSimulator;
  key: string;
  organizationId: string;
  userEmail: string;
  atsConnectionId: string;
  destinationId: string;
  /** Our candidate ids, in the ATS's order. */
  candidateIds: string[];
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    as?: string,
  ): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

export async function startExportWorld(
  dataSource: DataSource,
  databaseUrl: string,
  options: { seed: string; candidates: number; duplicates: number; env?: Record<string, string> },
): Promise<ExportWorld> {
  const app = await startSyncApp(databaseUrl, options.env ?? {});
  const ats = await startAshbySimulator({
    seed: options.seed,
    candidates: options.candidates,
    rateLimit: false,
  });
  const sw = await startSourceWhaleSimulator({
    seed: options.seed,
    candidates: options.duplicates,
    rateLimit: false,
  });
  // The API key's user is a SourceWhale user with campaigns: destination calls act as them.
  const userEmail = sw.dataset.campaigns[0]!.ownerEmail;
  const issued = await issueApiKey(dataSource.manager, `export-${options.seed}`, userEmail);
  const key = issued.key;
  const ats_ = await createConnection(app, key, {
    provider: 'ASHBY',
    name: 'Ashby',
    credentials: { apiKey: ats.credentials.apiKey },
    capabilities: ['REDISCOVERY'],
    baseUrl: ats.url,
  });
  expect(await waitForRun(app, key, ats_.id)).toMatchObject({ state: 'COMPLETED' });
  const destination = await createConnection(app, key, {
    provider: 'SOURCEWHALE',
    name: 'SourceWhale',
    credentials: { apiKey: sw.credentials.apiKey },
    capabilities: ['EXPORT'],
    baseUrl: sw.url,
  });
  const rows = await dataSource.getRepository(Candidate).find({
    where: { organizationId: issued.organization.id, connectionId: ats_.id },
    order: { createdAt: 'ASC', id: 'ASC' },
  });
  const byRemote = new Map(rows.map((r) => [r.remoteId, r.id]));
  const candidateIds = [...ats.dataset.candidates.values()]
    .map((c) => byRemote.get(String(ats.ids.get('candidate', c.key))))
    .filter((id): id is string => id !== undefined);
  const gql = <T>(query: string, variables: Record<string, unknown> = {}, as = key) =>
    graphql<T>(app.http.url, query, { key: as, variables });
  return {
    app,
    ats,
    sw,
    key,
    organizationId: issued.organization.id,
    userEmail,
    atsConnectionId: ats_.id,
    destinationId: destination.id,
    candidateIds,
    gql,
    close: async () => {
      await app.stop();
      await ats.close();
      await sw.close();
    },
  };
}

export const JOB_FIELDS = `id state as total processed succeeded skipped failed error dryRun
  destination { id name provider } campaignId jobId
  items(first: 100) { totalCount edges { node { candidateId outcome remoteId error attempts sentFields } } }`;

export interface ExportItemView {
  candidateId: string;
  outcome: string | null;
  remoteId: string | null;
  error: string | null;
  attempts: number;
  sentFields: string[];
}

export interface ExportJobView {
  id: string;
  state: string;
  total: number;
  processed: number;
  succeeded: number;
  skipped: number;
  failed: number;
  error: string | null;
  items: { totalCount: number; edges: { node: ExportItemView }[] };
}

/** Starts an export and waits for it to end; answers the job with its items. */
export async function runExport(
  world: ExportWorld,
  input: Record<string, unknown>,
  timeoutMs = 30_000,
): Promise<ExportJobView> {
  const started = await world.gql<{ startExport: { id: string } }>(
    `mutation ($input: StartExportInput!) { startExport(input: $input) { id } }`,
    { input: { destinationId: world.destinationId, ...input } },
  );
  expect(started.body.errors).toBeUndefined();
  return waitForExport(world, started.body.data!.startExport.id, timeoutMs);
}

export async function waitForExport(
  world: ExportWorld,
  id: string,
  timeoutMs = 30_000,
): Promise<ExportJobView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await world.gql<{ exportJob: ExportJobView }>(
      `query ($id: ID!) { exportJob(id: $id) { ${JOB_FIELDS} } }`,
      { id },
    );
    const job = res.body.data?.exportJob;
    if (job && ['COMPLETED', 'FAILED', 'CANCELLED'].includes(job.state)) return job;
    if (Date.now() > deadline) throw new Error(`export did not end: ${JSON.stringify(res.body)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const outcomes = (job: ExportJobView): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const { node } of job.items.edges)
    counts[node.outcome ?? 'PENDING'] = (counts[node.outcome ?? 'PENDING'] ?? 0) + 1;
  return counts;
};

/** The ATS simulator's i-th person (the source of world.candidateIds[i]). */
export const atsPerson = (world: ExportWorld, i: number): NeutralCandidate =>
  [...world.ats.dataset.candidates.values()][i]!;
