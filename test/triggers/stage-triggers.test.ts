import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { Job } from '../../src/entities';
import { createTenant, sharedDataSource } from '../helpers/database';
import { graphql } from '../helpers/graphql';
import { startPartnerReceiver, type PartnerReceiver } from '../helpers/partner-receiver';
import { holdSubscription } from '../helpers/subscription';
import { startAshbySimulator, type AshbySimulator } from '../simulators/ashby/ashby-simulator';
import type { NeutralApplication, NeutralStage } from '../simulators/generator';
import {
  connectAshbyWithWebhooks,
  eventually,
  startSyncApp,
  syncNow,
  type TestApp,
} from '../sync/sync-harness';

/**
 * Stage triggers end to end: the Ashby simulator moves an application and sends its signed
 * webhook; the real server mirrors the move, fires the trigger once, and POSTs a Standard
 * Webhooks delivery that a partner verifies with an independent implementation.
 */
describe('stage triggers', () => {
  let dataSource: DataSource;
  let app: TestApp;
  let sim: AshbySimulator;
  let partner: PartnerReceiver;
  let key: string;
  let connectionId: string;

  const gql = <T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    as = key,
  ) => graphql<T>(app.http.url, query, { key: as, variables });

  /** Our job id for a neutral job key. */
  const jobIdOf = async (jobKey: string): Promise<string> =>
    (
      await dataSource.getRepository(Job).findOneByOrFail({
        connectionId,
        remoteId: String(sim.ids.get('job', jobKey)),
      })
    ).id;
  const stages = (): NeutralStage[] =>
    sim.dataset.reference.stages
      .filter((s) => s.kind !== 'ARCHIVED' && s.kind !== 'HIRED')
      .sort((a, b) => a.order - b.order);
  const activeApplications = (): NeutralApplication[] =>
    [...sim.dataset.applications.values()].filter((a) => a.status === 'ACTIVE' && a.jobKey);

  const createTrigger = async (jobId: string, stage: string, webhookUrl: string | null) => {
    const res = await gql<{ createStageTrigger: { id: string; signingSecret: string } }>(
      `mutation ($input: CreateStageTriggerInput!) {
         createStageTrigger(input: $input) { id stage signingSecret webhookUrl job { id title } }
       }`,
      { input: { connectionId, jobId, stage, webhookUrl } },
    );
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.createStageTrigger;
  };

  beforeAll(async () => {
    dataSource = await sharedDataSource();
    app = await startSyncApp(inject('databaseUrl'), {
      OUTBOUND_RETRY_SCHEDULE: '1,1,1',
      OUTBOUND_TIMEOUT_SECONDS: '2',
    });
    sim = await startAshbySimulator({ seed: 'triggers', candidates: 25, rateLimit: false });
    partner = await startPartnerReceiver();
    key = (await createTenant(dataSource, 'triggers')).key;
    connectionId = await connectAshbyWithWebhooks(app, key, sim, randomBytes(16).toString('hex'));
  });
  afterAll(async () => {
    await app?.stop();
    await sim?.close();
    await partner?.close();
    await dataSource?.destroy();
  });

  it('lists the ATS jobs with their stages, as the ATS spells them', async () => {
    const res = await gql<{ atsJobs: { id: string; title: string; stages: string[] }[] }>(
      `query ($id: ID!) { atsJobs(connectionId: $id) { id title status stages } }`,
      { id: connectionId },
    );
    expect(res.body.errors).toBeUndefined();
    const jobs = res.body.data!.atsJobs;
    expect(jobs).toHaveLength(sim.dataset.jobs.size);
    const names = new Set(jobs.flatMap((j) => j.stages));
    for (const stage of stages()) expect(names).toContain(stage.name);
  });

  it('refuses an unknown job or a stage the job does not have, naming the field', async () => {
    const job = await jobIdOf([...sim.dataset.jobs.values()][0]!.key);
    const cases: [Record<string, unknown>, string][] = [
      [{ connectionId, jobId: '00000000-0000-4000-8000-000000000000', stage: 'x' }, 'input.jobId'],
      [{ connectionId, jobId: job, stage: 'No Such Stage' }, 'input.stage'],
      [
        { connectionId, jobId: job, stage: stages()[0]!.name, webhookUrl: 'ftp://x' },
        'input.webhookUrl',
      ],
    ];
    for (const [input, field] of cases) {
      const res = await gql(
        `mutation ($input: CreateStageTriggerInput!) { createStageTrigger(input: $input) { id } }`,
        { input },
      );
      expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });

  it('fires once per stage entry: a verified delivery and a stageChanged event; replays and syncs do not fire again, re-entry does', async () => {
    const [moving] = activeApplications();
    const job = await jobIdOf(moving!.jobKey!);
    const [target, other] = stages().filter((s) => s.key !== moving!.stageKey);
    const trigger = await createTrigger(job, target!.name, partner.url);
    expect(trigger.signingSecret).toMatch(/^whsec_/);
    partner.setSecret(trigger.signingSecret);
    const listed = await gql<{ stageTriggers: { id: string; signingSecret: string | null }[] }>(
      '{ stageTriggers { id signingSecret } }',
    );
    expect(listed.body.data!.stageTriggers).toEqual([{ id: trigger.id, signingSecret: null }]);

    const sub = holdSubscription<{
      stage: string;
      previousStage: string | null;
      candidate: { id: string };
    }>(
      app.http.url,
      key,
      `subscription ($job: ID) { stageChanged(jobId: $job) {
         id stage previousStage occurredAt trigger { id } job { id } candidate { id fullName } } }`,
      { job },
      (data) => data['stageChanged'] as never,
    );
    try {
      await new Promise((r) => setTimeout(r, 300));
      const before = partner.received.length;
      sim.mutate.moveStage(moving!.key, target!.key);
      await partner.until((r) => r.length === before + 1);
      const delivery = partner.received.at(-1)!;
      expect(delivery.verifyError).toBeNull();
      expect(delivery.headers['webhook-id']).toMatch(/^msg_/);
      expect(delivery.verified).toMatchObject({
        type: 'application.stage_entered',
        trigger: { id: trigger.id, stage: target!.name, jobId: job },
        application: { stage: target!.name },
      });
      const event = await sub.until((e) => e.stage === target!.name);
      expect(event.previousStage).toBe(sim.dataset.stage(moving!.stageKey)!.name);

      // Another job's application entering the stage: nothing fires.
      const elsewhere = activeApplications().find(
        (a) => a.jobKey !== moving!.jobKey && a.stageKey !== target!.key,
      );
      expect(elsewhere).toBeDefined();
      sim.mutate.moveStage(elsewhere!.key, target!.key);
      // The same entry seen again: a full sync, then the vendor webhook queue drained.
      await syncNow(app, key, connectionId, 'FULL');
      await sim.webhooks.flush?.();
      await new Promise((r) => setTimeout(r, 1500));
      expect(partner.received.length).toBe(before + 1);

      // Leaving and entering again is a new entry.
      sim.mutate.moveStage(moving!.key, other!.key);
      sim.mutate.moveStage(moving!.key, target!.key);
      await partner.until((r) => r.length === before + 2);
      const ids = partner.received.slice(before).map((r) => r.headers['webhook-id']);
      expect(new Set(ids).size).toBe(2);
    } finally {
      await sub.close();
      await gql('mutation ($id: ID!) { removeStageTrigger(id: $id) }', { id: trigger.id });
    }
  });

  it('retries until a 2xx (honouring Retry-After) with one webhook-id, and lists every attempt', async () => {
    const moving = activeApplications()[2]!;
    const job = await jobIdOf(moving.jobKey!);
    const target = stages().find((s) => s.key !== moving.stageKey)!;
    const trigger = await createTrigger(job, target.name, partner.url);
    partner.setSecret(trigger.signingSecret);
    const before = partner.received.length;
    partner.script({ status: 500 }, { status: 429, retryAfterSeconds: 2 });
    sim.mutate.moveStage(moving.key, target.key);
    await partner.until((r) => r.length === before + 3, 30_000);
    const attempts = partner.received.slice(before);
    expect(attempts.map((a) => a.answeredWith)).toEqual([500, 429, 200]);
    expect(new Set(attempts.map((a) => a.headers['webhook-id'])).size).toBe(1);
    expect(attempts.every((a) => a.verifyError === null)).toBe(true);
    // Retry-After 2 s was honoured over the 1 s schedule.
    expect(attempts[2]!.at - attempts[1]!.at).toBeGreaterThanOrEqual(1900);
    await eventually(async () => {
      const res = await gql<{
        stageTriggers: { deliveries: { attempt: number; status: number }[] }[];
      }>('{ stageTriggers { id deliveries { attempt status error at eventId } } }');
      const deliveries = res.body.data!.stageTriggers.flatMap((t) => t.deliveries);
      expect(deliveries.map((d) => [d.attempt, d.status])).toEqual([
        [3, 200],
        [2, 429],
        [1, 500],
      ]);
    });
    await gql('mutation ($id: ID!) { removeStageTrigger(id: $id) }', { id: trigger.id });
  });

  it('disables the trigger when the partner answers 410 Gone', async () => {
    // Two applications of one job, neither in the stage yet.
    const target = stages()[1]!;
    const candidates = activeApplications().filter((a) => a.stageKey !== target.key);
    const first = candidates.find((a) =>
      candidates.some((b) => b.key !== a.key && b.jobKey === a.jobKey),
    )!;
    const second = candidates.find((b) => b.key !== first.key && b.jobKey === first.jobKey)!;
    const job = await jobIdOf(first.jobKey!);
    const trigger = await createTrigger(job, target.name, partner.url);
    partner.setSecret(trigger.signingSecret);
    const before = partner.received.length;
    partner.script({ status: 410 });
    sim.mutate.moveStage(first.key, target.key);
    await partner.until((r) => r.length === before + 1);
    await eventually(async () => {
      const res = await gql<{
        stageTriggers: { id: string; active: boolean; disabledReason: string }[];
      }>('{ stageTriggers { id active disabledReason } }');
      expect(res.body.data!.stageTriggers.find((t) => t.id === trigger.id)).toMatchObject({
        active: false,
        disabledReason: expect.stringContaining('410') as unknown,
      });
    });
    // A later entry into the stage sends nothing more.
    const secondJob = await jobIdOf(second.jobKey!);
    if (secondJob === job && second.stageKey !== target.key)
      sim.mutate.moveStage(second.key, target.key);
    await new Promise((r) => setTimeout(r, 1500));
    expect(partner.received.length).toBe(before + 1);
  });

  it('writes a note back to the candidate in the ATS', async () => {
    const neutral = [...sim.dataset.candidates.values()][1]!;
    const [row] = await dataSource.query<{ id: string }[]>(
      'SELECT id FROM candidates WHERE connection_id = $1 AND remote_id = $2',
      [connectionId, String(sim.ids.get('candidate', neutral.key))],
    );
    const text = `Assessment: 87/100 (${randomBytes(4).toString('hex')})`;
    const res = await gql<{
      addNote: { id: string; remoteId: string; state: string; connection: { id: string } };
    }>(
      `mutation ($c: ID!, $t: String!) { addNote(candidateId: $c, text: $t) { id remoteId state connection { id } createdAt } }`,
      { c: row!.id, t: text },
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.addNote).toMatchObject({
      state: 'WRITTEN',
      connection: { id: connectionId },
    });
    const stored = sim.notes.filter((n) => n.candidateKey === neutral.key && n.body.includes(text));
    expect(stored).toHaveLength(1);
    expect(res.body.data!.addNote.remoteId).toBe(stored[0]!.id);

    const empty = await gql(`mutation ($c: ID!) { addNote(candidateId: $c, text: "  ") { id } }`, {
      c: row!.id,
    });
    expect(empty.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'text',
    });
  });

  it('keeps organizations apart: triggers, events, notes and deliveries', async () => {
    const other = await createTenant(dataSource, 'triggers-other');
    const moving = activeApplications()[5]!;
    const job = await jobIdOf(moving.jobKey!);
    const target = stages().find((s) => s.key !== moving.stageKey)!;
    const trigger = await createTrigger(job, target.name, null);
    const sub = holdSubscription<{ id: string }>(
      app.http.url,
      other.key,
      'subscription { stageChanged { id } }',
      {},
      (data) => data['stageChanged'] as never,
    );
    const mine = holdSubscription<{ id: string }>(
      app.http.url,
      key,
      'subscription { stageChanged { id } }',
      {},
      (data) => data['stageChanged'] as never,
    );
    try {
      await new Promise((r) => setTimeout(r, 300));
      sim.mutate.moveStage(moving.key, target.key);
      await mine.until(() => true);
      await new Promise((r) => setTimeout(r, 500));
      expect(sub.events).toHaveLength(0);
      const theirs = await gql<{ stageTriggers: unknown[] }>(
        '{ stageTriggers { id } }',
        {},
        other.key,
      );
      expect(theirs.body.data!.stageTriggers).toEqual([]);
      const remove = await gql(
        'mutation ($id: ID!) { removeStageTrigger(id: $id) }',
        { id: trigger.id },
        other.key,
      );
      expect(remove.body.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
      const jobs = await gql(
        'query ($id: ID!) { atsJobs(connectionId: $id) { id } }',
        { id: connectionId },
        other.key,
      );
      expect(jobs.body.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
      const [row] = await dataSource.query<{ id: string }[]>(
        'SELECT id FROM candidates WHERE connection_id = $1 LIMIT 1',
        [connectionId],
      );
      const note = await gql(
        `mutation ($c: ID!) { addNote(candidateId: $c, text: "not yours") { id } }`,
        { c: row!.id },
        other.key,
      );
      expect(note.body.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    } finally {
      await sub.close();
      await mine.close();
    }
  });
});
