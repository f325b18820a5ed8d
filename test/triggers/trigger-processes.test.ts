import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createEmptyDatabase } from '../helpers/database';
import { graphql } from '../helpers/graphql';
import { startPartnerReceiver } from '../helpers/partner-receiver';
import { apiKeyLines, startServer, type ServerProcess } from '../helpers/server-process';
import { holdSubscription } from '../helpers/subscription';
import { startAshbySimulator, type AshbySimulator } from '../simulators/ashby/ashby-simulator';

/**
 * Stage triggers as production runs them: `npm start` children on the durable queue. A sender
 * killed mid-delivery delivers after restart with the same webhook-id; stageChanged reaches a
 * subscriber on an api process while a separate worker process applies the vendor's webhook.
 */
describe('stage triggers across processes', () => {
  const children: ServerProcess[] = [];
  afterAll(() => {
    for (const child of children) child.child.kill('SIGKILL');
  });

  const start = (env: Record<string, string>, port?: number) => startServer(children, env, port);

  /** Connects the Ashby simulator with its webhooks, waits for the sync; answers ids. */
  const connect = async (url: string, key: string, sim: AshbySimulator, db: Client) => {
    const secret = randomBytes(16).toString('hex');
    const created = await graphql<{
      createConnection: { id: string; webhooks: { url: string }[] };
    }>(
      url,
      'mutation($input: CreateConnectionInput!) { createConnection(input: $input) { id webhooks { url } } }',
      {
        key,
        variables: {
          input: {
            provider: 'ASHBY',
            name: 'Ashby',
            credentials: { apiKey: sim.credentials.apiKey, webhookSecret: secret },
            capabilities: ['REDISCOVERY'],
            baseUrl: sim.url,
          },
        },
      },
    );
    expect(created.body.errors).toBeUndefined();
    const connection = created.body.data!.createConnection;
    sim.webhooks.register({ url: connection.webhooks[0]!.url, secret });
    for (let i = 0; i < 600; i++) {
      const { rows } = await db.query<{ state: string }>(
        'SELECT state FROM sync_runs WHERE connection_id = $1 ORDER BY created_at DESC LIMIT 1',
        [connection.id],
      );
      if (rows[0]?.state === 'COMPLETED') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    return connection.id;
  };

  /** An active application, its job's id with us, and a stage it is not in. */
  const pick = async (sim: AshbySimulator, db: Client, connectionId: string) => {
    const application = [...sim.dataset.applications.values()].find(
      (a) => a.status === 'ACTIVE' && a.jobKey,
    )!;
    const stage = sim.dataset.reference.stages.find(
      (s) => s.kind === 'INTERVIEW' && s.key !== application.stageKey,
    )!;
    const { rows } = await db.query<{ id: string }>(
      'SELECT id FROM jobs WHERE connection_id = $1 AND remote_id = $2',
      [connectionId, String(sim.ids.get('job', application.jobKey!))],
    );
    return { application, stage, jobId: rows[0]!.id };
  };

  const createTrigger = async (
    url: string,
    key: string,
    input: Record<string, unknown>,
  ): Promise<{ id: string; signingSecret: string }> => {
    const res = await graphql<{ createStageTrigger: { id: string; signingSecret: string } }>(
      url,
      'mutation($input: CreateStageTriggerInput!) { createStageTrigger(input: $input) { id signingSecret } }',
      { key, variables: { input } },
    );
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.createStageTrigger;
  };

  it('a sender killed mid-delivery delivers after restart, once, with the same webhook-id', async () => {
    const databaseUrl = await createEmptyDatabase();
    const sim = await startAshbySimulator({
      seed: 'trigger-crash',
      candidates: 10,
      rateLimit: false,
    });
    const partner = await startPartnerReceiver();
    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    const env = {
      DATABASE_URL: databaseUrl,
      SECRET_KEY: randomBytes(32).toString('hex'),
      SYNC_SCHEDULE_CHECK_SECONDS: '3600',
      OUTBOUND_RETRY_SCHEDULE: '1,1,1',
      OUTBOUND_TIMEOUT_SECONDS: '2',
    };
    try {
      const started = await start(env);
      let { server, url } = started;
      const { port } = started;
      const key = apiKeyLines(server.stdout)[0]!.slice('API key: '.length);
      const connectionId = await connect(url, key, sim, db);
      const { application, stage, jobId } = await pick(sim, db, connectionId);
      const trigger = await createTrigger(url, key, {
        connectionId,
        jobId,
        stage: stage.name,
        webhookUrl: partner.url,
      });
      partner.setSecret(trigger.signingSecret);
      // The first attempt hangs: the process is killed while it is in flight.
      partner.script({ hang: true });
      sim.mutate.moveStage(application.key, stage.key);
      await partner.until((r) => r.length === 1, 30_000);
      server.child.kill('SIGKILL');
      await server.exited;
      // The restarted process listens where the vendor's webhooks go.
      ({ server, url } = await start(env, port));
      await partner.until((r) => r.length === 2, 30_000);
      await new Promise((r) => setTimeout(r, 2500));
      expect(partner.received).toHaveLength(2);
      const [first, second] = partner.received;
      expect(second!.headers['webhook-id']).toBe(first!.headers['webhook-id']);
      expect(second!.verifyError).toBeNull();
      expect(second!.answeredWith).toBe(200);
      const { rows } = await db.query<{ state: string; attempts: number }>(
        'SELECT state, attempts FROM webhook_deliveries',
      );
      expect(rows).toEqual([{ state: 'DELIVERED', attempts: 2 }]);
      server.child.kill('SIGTERM');
      await server.exited;
    } finally {
      await db.end().catch(() => undefined);
      await sim.close();
      await partner.close();
    }
  }, 120_000);

  it('stageChanged reaches an api process while a separate worker applies the vendor webhook', async () => {
    const databaseUrl = await createEmptyDatabase();
    const sim = await startAshbySimulator({
      seed: 'trigger-split',
      candidates: 10,
      rateLimit: false,
    });
    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    const env = {
      DATABASE_URL: databaseUrl,
      SECRET_KEY: randomBytes(32).toString('hex'),
      SYNC_SCHEDULE_CHECK_SECONDS: '3600',
    };
    try {
      const api = await start({ ...env, ROLE: 'api' });
      const key = apiKeyLines(api.server.stdout)[0]!.slice('API key: '.length);
      const worker = await start({ ...env, ROLE: 'worker' });
      const connectionId = await connect(api.url, key, sim, db);
      const { application, stage, jobId } = await pick(sim, db, connectionId);
      await createTrigger(api.url, key, { connectionId, jobId, stage: stage.name });
      const sub = holdSubscription<{ stage: string; job: { id: string } }>(
        api.url,
        key,
        'subscription ($job: ID, $stage: String) { stageChanged(jobId: $job, stage: $stage) { id stage job { id } } }',
        { job: jobId, stage: stage.name },
        (data) => data['stageChanged'] as never,
      );
      try {
        await new Promise((r) => setTimeout(r, 500));
        sim.mutate.moveStage(application.key, stage.key);
        const event = await sub.until(() => true, 30_000);
        expect(event).toMatchObject({ stage: stage.name, job: { id: jobId } });
      } finally {
        await sub.close();
      }
      api.server.child.kill('SIGTERM');
      worker.server.child.kill('SIGTERM');
      await Promise.all([api.server.exited, worker.server.exited]);
    } finally {
      await db.end().catch(() => undefined);
      await sim.close();
    }
  }, 120_000);
});
