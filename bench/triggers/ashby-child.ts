/**
 * The Ashby simulator in its own process (forked by ashby-process.ts), as the vendor is remote
 * in production: sending its webhooks one at a time per receiver and answering the app's API
 * calls must not share an event loop with the app. Commands come over IPC (ashby-protocol.ts).
 */
import {
  startAshbySimulator,
  type AshbySimulator,
} from '../../test/simulators/ashby/ashby-simulator';
import {
  AshbyRequest,
  AshbyStart,
  type AshbyCommand,
  type AshbyInfo,
  type AshbyMessage,
  type WebhookSend,
} from './ashby-protocol';

const CLOSE_TIMEOUT_MS = 10_000;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

function send(message: AshbyMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) throw new Error('ashby-child.ts must be started by ashby-process.ts');
    process.send(message, () => resolve());
  });
}

async function handle(sim: AshbySimulator, command: AshbyCommand): Promise<unknown> {
  switch (command.type) {
    case 'registerWebhook':
      sim.webhooks.register({ url: command.url, secret: command.secret });
      return null;
    case 'move': {
      const movedAt = performance.timeOrigin + performance.now();
      sim.mutate.moveStage(command.applicationKey, command.stageKey);
      return { movedAt };
    }
    case 'sends':
      return sim.webhooks.deliveries
        .filter((d) => d.sentAt >= command.since)
        .map((d): WebhookSend => ({
          sentAt: d.sentAt,
          durationMs: d.durationMs,
          ok: d.ok,
          ids: [...new Set(d.body.match(UUID) ?? [])],
        }));
    case 'close':
      await Promise.race([
        sim.close(),
        new Promise((resolve) => setTimeout(resolve, CLOSE_TIMEOUT_MS)),
      ]);
      return null;
  }
}

function describe(sim: AshbySimulator): AshbyInfo {
  const { dataset, ids } = sim;
  const id = (kind: 'job' | 'application', key: string): string => {
    const value = ids.get(kind, key);
    if (value === undefined) throw new Error(`${kind} ${key} has no Ashby id`);
    return value;
  };
  return {
    url: sim.url,
    apiKey: sim.credentials.apiKey,
    candidates: dataset.candidates.size,
    stages: dataset.reference.stages.map(({ key, name, kind, order }) => ({
      key,
      name,
      kind,
      order,
    })),
    jobs: [...dataset.jobs.values()].map((j) => ({ key: j.key, remoteId: id('job', j.key) })),
    applications: [...dataset.applications.values()].flatMap((a) =>
      a.jobKey === null
        ? []
        : [
            {
              key: a.key,
              remoteId: id('application', a.key),
              jobKey: a.jobKey,
              stageKey: a.stageKey,
              status: a.status,
            },
          ],
    ),
  };
}

async function main(): Promise<void> {
  const start = AshbyStart.parse(JSON.parse(process.argv[2] ?? '{}'));
  const sim = await startAshbySimulator({ candidates: start.candidates, seed: start.seed });
  process.on('message', (raw: unknown) => {
    const request = AshbyRequest.safeParse(raw);
    if (!request.success) {
      void send({ type: 'error', id: null, message: `bad request: ${request.error.message}` });
      return;
    }
    const { id, command } = request.data;
    handle(sim, command)
      .then(
        (result) => send({ type: 'reply', id, result }),
        (error: unknown) =>
          send({
            type: 'error',
            id,
            message: error instanceof Error ? error.message : String(error),
          }),
      )
      .then(() => {
        if (command.type === 'close') process.disconnect();
      })
      .catch(() => process.exit(1));
  });
  // The parent went away: nothing left to serve.
  process.once('disconnect', () => process.exit(0));
  await send({ type: 'ready', info: describe(sim) });
}

main().catch(async (error: unknown) => {
  await send({
    type: 'error',
    id: null,
    message: error instanceof Error ? (error.stack ?? error.message) : String(error),
  });
  process.exit(1);
});
