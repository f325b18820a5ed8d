import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { ExportJob } from '../../src/entities';
import { createTenant, sharedDataSource } from '../helpers/database';
import { holdSubscription } from '../helpers/subscription';
import {
  atsPerson,
  outcomes,
  runExport,
  startExportWorld,
  waitForExport,
  type ExportJobView,
  type ExportWorld,
} from './export-harness';

const CANDIDATES = 12;
const DUPLICATES = 3;

/**
 * Exports end to end: the real server over HTTP and WebSocket, candidates mirrored from the
 * Ashby simulator, sent to the SourceWhale simulator. Every check reads the destination's own
 * store, not our view of it.
 */
describe('export to SourceWhale', () => {
  let dataSource: DataSource;
  let world: ExportWorld;
  let campaignId: string;

  const swRecords = () => [...world.sw.dataset.candidates.values()];
  const setSettings = async (settings: Record<string, unknown>) => {
    const res = await world.gql(
      `mutation ($id: ID!, $input: UpdateConnectionInput!) { updateConnection(id: $id, input: $input) { id } }`,
      { id: world.destinationId, input: { settings } },
    );
    expect(res.body.errors).toBeUndefined();
  };

  beforeAll(async () => {
    dataSource = await sharedDataSource();
    world = await startExportWorld(dataSource, inject('databaseUrl'), {
      seed: 'export-e2e',
      candidates: CANDIDATES,
      duplicates: DUPLICATES,
    });
    campaignId = world.sw.dataset.campaigns.find(
      (c) => c.ownerEmail.toLowerCase() === world.userEmail.toLowerCase(),
    )!.campaignId;
  });
  afterAll(async () => {
    await world?.close();
    await dataSource?.destroy();
  });

  it("lists the calling user's campaigns only, and the destination's projects as jobs", async () => {
    const res = await world.gql<{
      destinationCampaigns: { id: string; name: string }[];
      destinationJobs: { id: string; title: string; status: string | null }[];
    }>(
      `query ($id: ID!) { destinationCampaigns(connectionId: $id) { id name }
                          destinationJobs(connectionId: $id) { id title status } }`,
      { id: world.destinationId },
    );
    expect(res.body.errors).toBeUndefined();
    const mine = world.sw.dataset.campaigns.filter(
      (c) => c.ownerEmail.toLowerCase() === world.userEmail.toLowerCase(),
    );
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.length).toBeLessThan(world.sw.dataset.campaigns.length);
    expect(res.body.data!.destinationCampaigns.map((c) => c.id).sort()).toEqual(
      mine.map((c) => c.campaignId).sort(),
    );
    expect(res.body.data!.destinationJobs.map((j) => j.id).sort()).toEqual(
      world.sw.dataset.projects.map((p) => p.projectId).sort(),
    );
  });

  it('exports by ids as prospects into a campaign: new people created, known people updated, every field sent', async () => {
    const before = swRecords().length;
    const ids = world.candidateIds.slice(0, 6);
    const job = await runExport(world, { candidateIds: ids, as: 'PROSPECT', campaignId });
    expect(job).toMatchObject({ state: 'COMPLETED', total: 6, processed: 6, failed: 0 });
    // The first DUPLICATES people were already at SourceWhale: updated, not duplicated.
    expect(outcomes(job)).toEqual({ UPDATED: DUPLICATES, CREATED: 6 - DUPLICATES });
    expect(swRecords().length).toBe(before + 6 - DUPLICATES);
    for (const { node } of job.items.edges) {
      const record = world.sw.dataset.candidates.get(node.remoteId!);
      expect(record?.campaignIds).toContain(campaignId);
    }
    const first = atsPerson(world, 4);
    const sent = world.sw.dataset.candidates.get(job.items.edges[4]!.node.remoteId!)!;
    expect(sent.fields['name']).toBe(`${first.firstName} ${first.lastName}`);
    expect(sent.emails).toEqual(expect.arrayContaining(first.emails.map((e) => e.value)));
    const experience = sent.fields['experience'] as { company?: string; startedAt?: string }[];
    expect(experience.length).toBe(first.experience.length);
    expect(experience[0]!.startedAt).toMatch(/^\d{4}-\d{2}$/);
    expect(job.items.edges[4]!.node.sentFields).toEqual(
      expect.arrayContaining(['name', 'emails', 'experience']),
    );

    const marks = await world.gql<{
      candidate: { exports: { destination: { id: string }; remoteId: string }[] };
    }>(
      `query ($id: ID!) { candidate(id: $id) { exports { destination { id } remoteId exportedAt } } }`,
      {
        id: ids[4],
      },
    );
    expect(marks.body.data!.candidate.exports).toEqual([
      expect.objectContaining({
        destination: { id: world.destinationId },
        remoteId: job.items.edges[4]!.node.remoteId,
      }),
    ]);
  });

  it('skips previously exported candidates, and with includePreviouslyExported updates them without duplicating', async () => {
    const ids = world.candidateIds.slice(0, 6);
    const count = swRecords().length;
    const skipped = await runExport(world, { candidateIds: ids, as: 'PROSPECT', campaignId });
    expect(outcomes(skipped)).toEqual({ SKIPPED_PREVIOUSLY_EXPORTED: 6 });
    expect(skipped).toMatchObject({ skipped: 6, succeeded: 0 });
    const again = await runExport(world, {
      candidateIds: ids,
      as: 'PROSPECT',
      campaignId,
      includePreviouslyExported: true,
    });
    expect(outcomes(again), JSON.stringify(again.items.edges)).toEqual({ UPDATED: 6 });
    expect(swRecords().length).toBe(count);
  });

  it('exports everything a search matches, as candidates into a project (a snapshot of ids)', async () => {
    const project = world.sw.dataset.projects[0]!.projectId;
    const target = atsPerson(world, 8);
    const query = `name:"${target.firstName} ${target.lastName}"`;
    const job = await runExport(world, { search: { query }, as: 'CANDIDATE', jobId: project });
    expect(job.total).toBe(1);
    expect(job.items.edges[0]!.node.candidateId).toBe(world.candidateIds[8]);
    const record = world.sw.dataset.candidates.get(job.items.edges[0]!.node.remoteId!)!;
    expect(record.projectIds).toContain(project);
  });

  it('gives candidates without an e-mail a stable dummy address when asked, so a re-export finds the same record', async () => {
    const keyless = world.candidateIds[9]!;
    // No e-mail anywhere: not on the record, not in a resume.
    await dataSource.query(`UPDATE candidates SET emails = '{}' WHERE id = $1`, [keyless]);
    await dataSource.query(`UPDATE attachments SET deleted_at = now() WHERE candidate_id = $1`, [
      keyless,
    ]);
    await world.app.indexer.indexCandidates(world.organizationId, [keyless]);
    const first = await runExport(world, {
      candidateIds: [keyless],
      as: 'PROSPECT',
      campaignId,
      generateDummyEmails: true,
    });
    expect(outcomes(first)).toEqual({ CREATED: 1 });
    const record = world.sw.dataset.candidates.get(first.items.edges[0]!.node.remoteId!)!;
    expect(record.emails).toHaveLength(1);
    expect(record.emails[0]).toMatch(/^no-email--\d{16}@rediscover\.invalid$/);
    const second = await runExport(world, {
      candidateIds: [keyless],
      as: 'PROSPECT',
      campaignId,
      generateDummyEmails: true,
      includePreviouslyExported: true,
    });
    expect(outcomes(second)).toEqual({ UPDATED: 1 });
    expect(second.items.edges[0]!.node.remoteId).toBe(record.candidateId);
    expect(world.sw.dataset.candidates.get(record.candidateId)!.emails).toEqual(record.emails);
  });

  it('skips candidates lacking a mandatory field and says which', async () => {
    await setSettings({ mandatoryFields: ['phones'] });
    try {
      const phoneless = world.candidateIds[10]!;
      await dataSource.query(`UPDATE candidates SET phones = '{}' WHERE id = $1`, [phoneless]);
      const job = await runExport(world, {
        candidateIds: [phoneless, world.candidateIds[11]],
        as: 'PROSPECT',
        campaignId,
      });
      const [missing, sent] = job.items.edges.map((e) => e.node);
      expect(missing).toMatchObject({ outcome: 'SKIPPED_MISSING_MANDATORY' });
      expect(missing!.remoteId).toBeNull();
      const items = await world.gql<{
        exportJob: { items: { edges: { node: { error: string | null } }[] } };
      }>(
        `query ($id: ID!) { exportJob(id: $id) { items(outcome: SKIPPED_MISSING_MANDATORY) { edges { node { error } } } } }`,
        { id: job.id },
      );
      expect(items.body.data!.exportJob.items.edges).toHaveLength(1);
      expect(sent!.outcome).toMatch(/CREATED|UPDATED/);
    } finally {
      await setSettings({ mandatoryFields: [] });
    }
  });

  it('never overwrites a protected field the destination already holds, and fills an empty one', async () => {
    const id = world.candidateIds[1]!;
    const [row] = await dataSource.query<{ remote_id: string }[]>(
      `SELECT remote_id FROM export_items WHERE candidate_id = $1 AND state = 'SUCCEEDED' LIMIT 1`,
      [id],
    );
    const held = world.sw.dataset.candidates.get(row!.remote_id)!;
    held.fields['location'] = 'Set by a recruiter at SourceWhale';
    delete held.fields['role'];
    await setSettings({ protectedFields: ['location', 'currentTitle'] });
    try {
      const job = await runExport(world, {
        candidateIds: [id],
        as: 'PROSPECT',
        campaignId,
        includePreviouslyExported: true,
      });
      expect(outcomes(job)).toEqual({ UPDATED: 1 });
      expect(held.fields['location']).toBe('Set by a recruiter at SourceWhale');
      const person = atsPerson(world, 1);
      expect(held.fields['role']).toBe(person.currentTitle);
      expect(job.items.edges[0]!.node.sentFields).not.toContain('location');
    } finally {
      await setSettings({ protectedFields: [] });
    }
  });

  it('sends a field where fieldMapping says, and refuses an unknown destination field when saved', async () => {
    const refused = await world.gql(
      `mutation ($id: ID!, $input: UpdateConnectionInput!) { updateConnection(id: $id, input: $input) { id } }`,
      {
        id: world.destinationId,
        input: { settings: { fieldMapping: [{ source: 'currentTitle', target: 'jobTitleX' }] } },
      },
    );
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.settings.fieldMapping',
    });
    expect(refused.body.errors?.[0]?.message).toContain('jobTitleX');
    await setSettings({ fieldMapping: [{ source: 'currentTitle', target: 'headline' }] });
    try {
      const id = world.candidateIds[7]!;
      const job = await runExport(world, { candidateIds: [id], as: 'PROSPECT', campaignId });
      const record = world.sw.dataset.candidates.get(job.items.edges[0]!.node.remoteId!)!;
      const person = atsPerson(world, 7);
      expect(record.fields['headline']).toBe(person.currentTitle);
      expect(record.fields['role']).toBeUndefined();
    } finally {
      await setSettings({ fieldMapping: [] });
    }
  });

  it('reports what a dry run would send and sends nothing', async () => {
    const requests = world.sw.requestLog.entries.length;
    const count = swRecords().length;
    const job = await runExport(world, {
      candidateIds: world.candidateIds.slice(0, 2),
      as: 'PROSPECT',
      campaignId,
      includePreviouslyExported: true,
      dryRun: true,
    });
    expect(job).toMatchObject({ state: 'COMPLETED', dryRun: true, succeeded: 0, skipped: 2 });
    expect(job.items.edges.every((e) => e.node.sentFields.includes('name'))).toBe(true);
    expect(swRecords().length).toBe(count);
    const writes = world.sw.requestLog.entries.slice(requests).filter((e) => e.method === 'POST');
    expect(writes).toHaveLength(0);
  });

  it('rides out a 429 storm with Retry-After and fails one refused person without failing the job', async () => {
    const count = swRecords().length;
    world.sw.faults.throttleNext(3, 1, '/v1/candidates/add');
    const fresh = world.candidateIds.slice(2, 4);
    await dataSource.query(`DELETE FROM export_items WHERE candidate_id = ANY($1::uuid[])`, [
      fresh,
    ]);
    world.sw.faults.failNext(1, 400, '/v1/candidates/search');
    const job = await runExport(world, { candidateIds: fresh, as: 'PROSPECT', campaignId });
    world.sw.faults.clear();
    expect(job.state).toBe('COMPLETED');
    expect(job.failed).toBe(1);
    const failedItem = job.items.edges.find((e) => e.node.outcome === 'FAILED')!.node;
    expect(failedItem.error).toContain('SOURCEWHALE');
    expect(job.succeeded).toBe(1);
    // Nothing was created twice despite the retries.
    expect(swRecords().length).toBe(count);
  });

  it('streams the state first, then each change, over graphql-ws', async () => {
    const started = await world.gql<{ startExport: { id: string } }>(
      `mutation ($input: StartExportInput!) { startExport(input: $input) { id } }`,
      {
        input: {
          destinationId: world.destinationId,
          candidateIds: world.candidateIds.slice(0, 4),
          as: 'PROSPECT',
          campaignId,
          includePreviouslyExported: true,
        },
      },
    );
    const id = started.body.data!.startExport.id;
    const sub = holdSubscription<{
      state: string;
      processed: number;
      results: { outcome: string }[];
    }>(
      world.app.http.url,
      world.key,
      `subscription ($id: ID!) { exportStatus(jobId: $id) { jobId state processed total results { candidateId outcome } } }`,
      { id },
      (data) => data['exportStatus'] as never,
    );
    try {
      const done = await sub.until((e) => e.state === 'COMPLETED');
      expect(done.processed).toBe(4);
      await sub.completed;
      const processed = sub.events.map((e) => e.processed);
      expect(processed).toEqual([...processed].sort((a, b) => a - b));
      expect(sub.events.flatMap((e) => e.results).length).toBeGreaterThan(0);
    } finally {
      await sub.close();
    }
  });

  it('refuses bad input by field and queues nothing', async () => {
    const jobsBefore = await dataSource.getRepository(ExportJob).count();
    const cases: [Record<string, unknown>, string][] = [
      [
        {
          candidateIds: world.candidateIds.slice(0, 1),
          search: { query: 'x' },
          as: 'PROSPECT',
          campaignId,
        },
        'input.search',
      ],
      [{ candidateIds: world.candidateIds.slice(0, 1), as: 'CANDIDATE' }, 'input.jobId'],
      [{ candidateIds: world.candidateIds.slice(0, 1), as: 'PROSPECT' }, 'input.campaignId'],
      [
        { candidateIds: world.candidateIds.slice(0, 1), as: 'CANDIDATE', jobId: 'prj_9999' },
        'input.jobId',
      ],
      [
        { candidateIds: world.candidateIds.slice(0, 1), as: 'PROSPECT', campaignId: 'cmp_9999' },
        'input.campaignId',
      ],
      [{ candidateIds: ['not-an-id'], as: 'PROSPECT', campaignId }, 'input.candidateIds.0'],
    ];
    for (const [input, field] of cases) {
      const res = await world.gql(
        `mutation ($input: StartExportInput!) { startExport(input: $input) { id } }`,
        { input: { destinationId: world.destinationId, ...input } },
      );
      expect(res.body.errors?.[0]?.extensions, JSON.stringify(input)).toMatchObject({
        code: 'BAD_USER_INPUT',
        field,
      });
    }
    expect(await dataSource.getRepository(ExportJob).count()).toBe(jobsBefore);
  });

  it('keeps organizations apart: another org cannot see, cancel or use any of it', async () => {
    const other = await createTenant(dataSource, 'export-other');
    const [job] = await dataSource
      .getRepository(ExportJob)
      .find({ where: { organizationId: world.organizationId }, take: 1 });
    const asOther = (query: string, variables: Record<string, unknown>) =>
      world.gql(query, variables, other.key);
    const codes = await Promise.all([
      asOther(`query ($id: ID!) { exportJob(id: $id) { id } }`, { id: job!.id }),
      asOther(`mutation ($id: ID!) { cancelExport(id: $id) { id } }`, { id: job!.id }),
      asOther(`query ($id: ID!) { destinationJobs(connectionId: $id) { id } }`, {
        id: world.destinationId,
      }),
      asOther(`mutation ($input: StartExportInput!) { startExport(input: $input) { id } }`, {
        input: {
          destinationId: world.destinationId,
          candidateIds: [world.candidateIds[0]],
          as: 'PROSPECT',
          campaignId,
        },
      }),
    ]);
    for (const res of codes) expect(res.body.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    const list = await asOther(`{ exportJobs { edges { node { id } } } }`, {});
    expect(list.body.data).toEqual({ exportJobs: { edges: [] } });
  });

  it('cancels: nothing more is sent once the job notices, sent items keep their results', async () => {
    // A slow destination: one request a second.
    world.sw.faults.delayNext(1000, 300, '/v1/candidates');
    const started = await world.gql<{ startExport: { id: string } }>(
      `mutation ($input: StartExportInput!) { startExport(input: $input) { id } }`,
      {
        input: {
          destinationId: world.destinationId,
          candidateIds: world.candidateIds,
          as: 'PROSPECT',
          campaignId,
          includePreviouslyExported: true,
        },
      },
    );
    const id = started.body.data!.startExport.id;
    const poll = async () =>
      (
        await world.gql<{ exportJob: ExportJobView }>(
          `query ($id: ID!) { exportJob(id: $id) { processed } }`,
          { id },
        )
      ).body.data!.exportJob;
    while ((await poll()).processed < 1) await new Promise((r) => setTimeout(r, 50));
    const cancelled = await world.gql<{ cancelExport: { state: string } }>(
      `mutation ($id: ID!) { cancelExport(id: $id) { state } }`,
      { id },
    );
    expect(cancelled.body.data!.cancelExport.state).toBe('CANCELLED');
    const requestsAtCancel = world.sw.requestLog.entries.length;
    let job = await waitForExport(world, id);
    // The item in flight when the cancel came finishes and keeps its result.
    while (job.items.edges.some((e) => e.node.outcome === null)) {
      await new Promise((r) => setTimeout(r, 50));
      job = await waitForExport(world, id);
    }
    world.sw.faults.clear();
    const sent = job.items.edges.filter((e) => /CREATED|UPDATED/.test(e.node.outcome ?? ''));
    const cancelledItems = job.items.edges.filter((e) => e.node.outcome === 'CANCELLED');
    expect(job.state).toBe('CANCELLED');
    expect(sent.length).toBeGreaterThan(0);
    expect(cancelledItems.length).toBeGreaterThan(0);
    expect(sent.length + cancelledItems.length, JSON.stringify(job.items.edges)).toBe(CANDIDATES);
    // At most the item in flight finishes its calls (search + modify + add) after the cancel.
    expect(world.sw.requestLog.entries.length - requestsAtCancel).toBeLessThanOrEqual(3);
  });
});
