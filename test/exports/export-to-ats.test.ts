import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { sharedDataSource } from '../helpers/database';
import { startAshbySimulator, type AshbySimulator } from '../simulators/ashby/ashby-simulator';
import { createConnection } from '../sync/sync-harness';
import { outcomes, startExportWorld, waitForExport, type ExportWorld } from './export-harness';

/**
 * "An ATS can be a destination too": candidates mirrored from one Ashby go into a job of
 * another, through the connection's job-status whitelist; verification sends a marked test
 * candidate to a SourceWhale campaign and says where it landed.
 */
describe('export into an ATS job, and destination verification', () => {
  let dataSource: DataSource;
  let world: ExportWorld;
  let target: AshbySimulator;
  let destinationId: string;

  const jobsOf = (status: string) =>
    [...target.dataset.jobs.values()]
      .filter((j) => j.status === status)
      .map((j) => String(target.ids.get('job', j.key)));

  beforeAll(async () => {
    dataSource = await sharedDataSource();
    world = await startExportWorld(dataSource, inject('databaseUrl'), {
      seed: 'export-ats',
      candidates: 6,
      duplicates: 0,
    });
    target = await startAshbySimulator({
      seed: 'export-ats-target',
      candidates: 4,
      rateLimit: false,
    });
    destinationId = (
      await createConnection(world.app, world.key, {
        provider: 'ASHBY',
        name: 'Ashby (hiring)',
        credentials: { apiKey: target.credentials.apiKey },
        capabilities: ['EXPORT'],
        baseUrl: target.url,
        settings: { jobStatusWhitelist: ['open'] },
      })
    ).id;
  });
  afterAll(async () => {
    await world?.close();
    await target?.close();
    await dataSource?.destroy();
  });

  it('lists only whitelisted jobs, compared case-insensitively in the vendor spelling', async () => {
    const res = await world.gql<{ destinationJobs: { id: string; status: string }[] }>(
      `query ($id: ID!) { destinationJobs(connectionId: $id) { id title status } }`,
      { id: destinationId },
    );
    expect(res.body.errors).toBeUndefined();
    const open = jobsOf('OPEN');
    expect(open.length).toBeGreaterThan(0);
    expect(jobsOf('CLOSED').length).toBeGreaterThan(0);
    expect(res.body.data!.destinationJobs.map((j) => j.id).sort()).toEqual(open.sort());
    expect(new Set(res.body.data!.destinationJobs.map((j) => j.status))).toEqual(new Set(['Open']));
  });

  it('sends candidates into an open job: one candidate and one application each, never twice', async () => {
    const jobId = jobsOf('OPEN')[0]!;
    const before = target.dataset.candidates.size;
    const input = { candidateIds: world.candidateIds.slice(0, 3), as: 'CANDIDATE', jobId };
    // The export goes to the ATS destination, not the world's SourceWhale.
    const started = await world.gql<{ startExport: { id: string } }>(
      `mutation ($input: StartExportInput!) { startExport(input: $input) { id } }`,
      { input: { ...input, destinationId } },
    );
    expect(started.body.errors).toBeUndefined();
    const job = await runExportById(started.body.data!.startExport.id);
    expect(outcomes(job)).toEqual({ CREATED: 3 });
    expect(target.dataset.candidates.size).toBe(before + 3);
    const jobKey = target.ids.keyOf('job', jobId)!;
    const applied = (candidateId: string) =>
      [...target.dataset.applications.values()].filter(
        (a) =>
          a.jobKey === jobKey &&
          String(target.ids.get('candidate', a.candidateKey)) === candidateId,
      ).length;
    for (const { node } of job.items.edges) expect(applied(node.remoteId!)).toBe(1);

    const again = await world.gql<{ startExport: { id: string } }>(
      `mutation ($input: StartExportInput!) { startExport(input: $input) { id } }`,
      { input: { ...input, destinationId, includePreviouslyExported: true } },
    );
    const second = await runExportById(again.body.data!.startExport.id);
    expect(outcomes(second)).toEqual({ UPDATED: 3 });
    expect(target.dataset.candidates.size).toBe(before + 3);
    for (const { node } of second.items.edges) expect(applied(node.remoteId!)).toBe(1);
  });

  it('refuses a job outside the whitelist, naming the field', async () => {
    const res = await world.gql(
      `mutation ($input: StartExportInput!) { startExport(input: $input) { id } }`,
      {
        input: {
          destinationId,
          candidateIds: world.candidateIds.slice(0, 1),
          as: 'CANDIDATE',
          jobId: jobsOf('CLOSED')[0],
        },
      },
    );
    expect(res.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.jobId',
    });
  });

  it('verifies a destination with a marked test candidate and says where it landed', async () => {
    const campaignId = world.sw.dataset.campaigns.find(
      (c) => c.ownerEmail.toLowerCase() === world.userEmail.toLowerCase(),
    )!.campaignId;
    const verify = () =>
      world.gql<{
        verifyConnection: { ok: boolean; testRecord: { remoteId: string; outcome: string } };
      }>(
        `mutation ($id: ID!, $c: ID) { verifyConnection(id: $id, testCampaignId: $c) {
           ok testRecord { remoteId url outcome } } }`,
        { id: world.destinationId, c: campaignId },
      );
    const first = await verify();
    expect(first.body.errors).toBeUndefined();
    const record = world.sw.dataset.candidates.get(
      first.body.data!.verifyConnection.testRecord.remoteId,
    )!;
    expect(record.campaignIds).toContain(campaignId);
    expect(JSON.stringify(record.fields)).toMatch(/Rediscover test candidate/i);
    // A second verification finds the first test record instead of adding another.
    const second = await verify();
    expect(second.body.data!.verifyConnection.testRecord).toMatchObject({
      remoteId: record.candidateId,
      outcome: 'UPDATED',
    });
    const unknown = await world.gql(
      `mutation ($id: ID!) { verifyConnection(id: $id, testCampaignId: "cmp_9999") { ok } }`,
      { id: world.destinationId },
    );
    expect(unknown.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'testCampaignId',
    });
  });

  const runExportById = (id: string) => waitForExport(world, id);
});
