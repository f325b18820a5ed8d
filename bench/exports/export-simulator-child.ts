/**
 * One simulator of the export benchmark in its own process (forked by export-simulator-process.ts):
 * its dataset and request log must not count as the app's memory, and answering the app's calls
 * must not compete with the app for one event loop. Commands come over IPC
 * (export-simulator-protocol.ts).
 */
import { summarizeTraffic } from '../sync/traffic';
import {
  ExportSimulatorRequest,
  ExportSimulatorStart,
  type ExportSimulatorCommand,
  type ExportSimulatorMessage,
} from './export-simulator-protocol';
import { startExportSimulator, type ExportSimulator } from './export-simulators';
import { serviceTimes } from './service-times';

const CLOSE_TIMEOUT_MS = 10_000;

function send(message: ExportSimulatorMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send)
      throw new Error('export-simulator-child.ts must be started by export-simulator-process.ts');
    process.send(message, () => resolve());
  });
}

async function handle(sim: ExportSimulator, command: ExportSimulatorCommand): Promise<unknown> {
  switch (command.type) {
    case 'traffic':
      return summarizeTraffic(sim.requestLog.entries, command.since, command.until);
    case 'serviceTimes':
      return serviceTimes(sim.requestLog.entries, command.since, command.until);
    case 'audit':
      return sim.audit(command.target);
    case 'close':
      await Promise.race([
        sim.close(),
        new Promise((resolve) => setTimeout(resolve, CLOSE_TIMEOUT_MS)),
      ]);
      return null;
  }
}

async function main(): Promise<void> {
  const start = ExportSimulatorStart.parse(JSON.parse(process.argv[2] ?? '{}'));
  const sim = await startExportSimulator(start);
  process.on('message', (raw: unknown) => {
    const request = ExportSimulatorRequest.safeParse(raw);
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
  await send({ type: 'ready', info: sim.info });
}

main().catch(async (error: unknown) => {
  await send({
    type: 'error',
    id: null,
    message: error instanceof Error ? (error.stack ?? error.message) : String(error),
  });
  process.exit(1);
});
