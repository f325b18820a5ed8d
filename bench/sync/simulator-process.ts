import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import {
  REPLIES,
  SimulatorMessage,
  type ReplyOf,
  type SimulatorCommand,
  type SimulatorInfo,
  type SimulatorRequest,
  type SimulatorStart,
} from './simulator-protocol';

/** The simulator's own heap: a 100,000-candidate dataset plus the request log of a long run. */
const HEAP_MB = 4096;
const READY_TIMEOUT_MS = 10 * 60_000;
const EXIT_TIMEOUT_MS = 15_000;

interface Pending {
  type: SimulatorCommand['type'];
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/** The parent's handle on simulator-child.ts: typed commands over IPC. */
export class SimulatorProcess {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private exited = false;

  private constructor(
    private readonly child: ChildProcess,
    readonly info: SimulatorInfo,
  ) {
    child.on('message', (raw: unknown) => this.receive(raw));
    child.once('exit', (code, signal) => {
      this.exited = true;
      for (const p of this.pending.values())
        p.reject(new Error(`simulator exited (code ${code}, signal ${signal})`));
      this.pending.clear();
    });
  }

  static start(start: SimulatorStart): Promise<SimulatorProcess> {
    const child = fork(path.join(__dirname, 'simulator-child.ts'), [JSON.stringify(start)], {
      execArgv: ['-r', '@swc-node/register', `--max-old-space-size=${HEAP_MB}`],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill();
        reject(new Error(`the ${start.vendor} simulator did not start in time`));
      }, READY_TIMEOUT_MS);
      const onMessage = (raw: unknown): void => {
        const message = SimulatorMessage.safeParse(raw);
        if (!message.success) return;
        clearTimeout(timer);
        child.off('message', onMessage);
        if (message.data.type === 'ready') resolve(new SimulatorProcess(child, message.data.info));
        else
          reject(
            new Error(
              `the ${start.vendor} simulator failed to start: ${JSON.stringify(message.data)}`,
            ),
          );
      };
      child.on('message', onMessage);
      child.once('error', reject);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(
          new Error(`the ${start.vendor} simulator exited (code ${code}) before it was ready`),
        );
      });
    });
  }

  request<T extends SimulatorCommand['type']>(
    command: Extract<SimulatorCommand, { type: T }>,
  ): Promise<ReplyOf<T>> {
    if (this.exited) return Promise.reject(new Error('the simulator has exited'));
    const id = this.nextId++;
    const message: SimulatorRequest = { id, command };
    return new Promise<ReplyOf<T>>((resolve, reject) => {
      this.pending.set(id, {
        type: command.type,
        resolve: (value) => resolve(value as ReplyOf<T>),
        reject,
      });
      this.child.send(message);
    });
  }

  /** Asks the simulator to finish its deliveries and exit; kills it if it does not. */
  async close(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    await Promise.race([
      this.request({ type: 'close' }).catch(() => null),
      new Promise((resolve) => setTimeout(resolve, EXIT_TIMEOUT_MS)),
    ]);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), EXIT_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  }

  private receive(raw: unknown): void {
    const message = SimulatorMessage.safeParse(raw);
    if (!message.success || message.data.type === 'ready') return;
    const { id } = message.data;
    const pending = id === null ? undefined : this.pending.get(id);
    if (!pending) {
      if (message.data.type === 'error') console.error(`simulator: ${message.data.message}`);
      return;
    }
    this.pending.delete(message.data.id ?? 0);
    if (message.data.type === 'error') {
      pending.reject(new Error(`simulator ${pending.type}: ${message.data.message}`));
      return;
    }
    const parsed = REPLIES[pending.type].safeParse(message.data.result);
    if (parsed.success) pending.resolve(parsed.data);
    else pending.reject(new Error(`unreadable ${pending.type} answer: ${parsed.error.message}`));
  }
}
