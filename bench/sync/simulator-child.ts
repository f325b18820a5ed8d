/**
 * One vendor simulator in its own process (forked by simulator-process.ts): a 100,000-candidate
 * dataset takes about half a GiB, which must not count as the app's memory, and answering the
 * app's calls must not compete with the app for one event loop. Commands come over IPC
 * (simulator-protocol.ts); the simulator runs at the vendor's default rate limit.
 */
import { Rng } from '../../test/simulators/generator';
import {
  SimulatorRequest,
  SimulatorStart,
  type SimulatorCommand,
  type SimulatorInfo,
  type SimulatorMessage,
} from './simulator-protocol';
import { deliveryStats } from './delivery-stats';
import { StageMover } from './stage-mover';
import { summarizeTraffic } from './traffic';
import { startVendorSimulator, type VendorSimulator } from './vendor-simulators';

const CLOSE_TIMEOUT_MS = 10_000;

function send(message: SimulatorMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send)
      throw new Error('simulator-child.ts must be started by simulator-process.ts');
    process.send(message, () => resolve());
  });
}

async function handle(
  sim: VendorSimulator,
  mover: StageMover,
  command: SimulatorCommand,
): Promise<unknown> {
  switch (command.type) {
    case 'traffic':
      return summarizeTraffic(sim.handle.requestLog.entries, command.since, command.until);
    case 'registerWebhook':
      if (!sim.registerWebhook) throw new Error('this vendor subscribes through its API');
      await sim.registerWebhook(command.url, command.secret);
      return null;
    case 'moveStage':
      return mover.move();
    case 'deliveries':
      return deliveryStats(sim.webhooks.deliveries, mover.moved, command.since);
    case 'close':
      await Promise.race([
        sim.handle.close(),
        new Promise((resolve) => setTimeout(resolve, CLOSE_TIMEOUT_MS)),
      ]);
      return null;
  }
}

async function main(): Promise<void> {
  const start = SimulatorStart.parse(JSON.parse(process.argv[2] ?? '{}'));
  const sim = await startVendorSimulator(
    start.vendor,
    { candidates: start.candidates, seed: start.seed },
    start.webhookSecret,
  );
  const { handle: h } = sim;
  const mover = new StageMover(sim, Rng.fromSeed(start.seed, 'stage-moves'));
  const policy = h.rateLimit.vendorDefault;
  const info: SimulatorInfo = {
    url: h.url,
    credentials: sim.credentials,
    policy: {
      limit: policy.limit,
      windowMs: policy.windowMs,
      ...(policy.concurrency !== undefined ? { concurrency: policy.concurrency } : {}),
    },
    candidates: h.dataset.candidates.size,
    applications: sim.servedApplications(h.dataset),
    jobs: h.dataset.jobs.size,
    movable: mover.remaining,
    webhooksByHarness: sim.registerWebhook !== null,
    startMs: Date.now(),
  };
  process.on('message', (raw: unknown) => {
    const request = SimulatorRequest.safeParse(raw);
    if (!request.success) {
      void send({ type: 'error', id: null, message: `bad request: ${request.error.message}` });
      return;
    }
    const { id, command } = request.data;
    handle(sim, mover, command)
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
  await send({ type: 'ready', info });
}

main().catch(async (error: unknown) => {
  await send({
    type: 'error',
    id: null,
    message: error instanceof Error ? (error.stack ?? error.message) : String(error),
  });
  process.exit(1);
});
