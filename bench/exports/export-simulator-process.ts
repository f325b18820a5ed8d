import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import {
  EXPORT_REPLIES,
  ExportSimulatorMessage,
  type ExportReplyOf,
  type ExportSimulatorCommand,
  type ExportSimulatorInfo,
  type ExportSimulatorRequest,
  type ExportSimulatorStart,
} from './export-simulator-protocol';

/** A 10,000-candidate dataset, the destination's store and the request log of a long run. */
const HEAP_MB = 2048;
const READY_TIMEOUT_MS = 5 * 60_000;
const EXIT_TIMEOUT_MS = 15_000;

interface Pending {
  type: ExportSimulatorCommand['type'];
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/**
 * The parent's handle on export-simulator-child.ts: typed commands over IPC (the same shape as
 * bench/sync/simulator-process.ts, for the export benchmark's own roles and commands).
 */
export class ExportSimulatorProcess {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private exited = false;

  private constructor(
    private readonly child: ChildProcess,
    readonly role: ExportSimulatorStart['role'],
    readonly info: ExportSimulatorInfo,
  ) {
    child.on('message', (raw: unknown) => this.receive(raw));
    child.once('exit', (code, signal) => {
      this.exited = true;
      for (const p of this.pending.values())
        p.reject(new Error(`${role} simulator exited (code ${code}, signal ${signal})`));
      this.pending.clear();
    });
  }

  /** Allowed requests per second, or null when the simulator enforces no limit. */
  get allowedRate(): number | null {
    const { policy } = this.info;
    return policy ? policy.limit / (policy.windowMs / 1000) : null;
  }

  static start(start: ExportSimulatorStart): Promise<ExportSimulatorProcess> {
    const child = fork(path.join(__dirname, 'export-simulator-child.ts'), [JSON.stringify(start)], {
      execArgv: ['-r', '@swc-node/register', `--max-old-space-size=${HEAP_MB}`],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill();
        reject(new Error(`the ${start.role} simulator did not start in time`));
      }, READY_TIMEOUT_MS);
      const onMessage = (raw: unknown): void => {
        const message = ExportSimulatorMessage.safeParse(raw);
        if (!message.success) return;
        clearTimeout(timer);
        child.off('message', onMessage);
        if (message.data.type === 'ready')
          resolve(new ExportSimulatorProcess(child, start.role, message.data.info));
        else
          reject(
            new Error(
              `the ${start.role} simulator failed to start: ${JSON.stringify(message.data)}`,
            ),
          );
      };
      child.on('message', onMessage);
      child.once('error', reject);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the ${start.role} simulator exited (code ${code}) before it was ready`));
      });
    });
  }

  request<T extends ExportSimulatorCommand['type']>(
    command: Extract<ExportSimulatorCommand, { type: T }>,
  ): Promise<ExportReplyOf<T>> {
    if (this.exited) return Promise.reject(new Error(`the ${this.role} simulator has exited`));
    const id = this.nextId++;
    const message: ExportSimulatorRequest = { id, command };
    return new Promise<ExportReplyOf<T>>((resolve, reject) => {
      this.pending.set(id, {
        type: command.type,
        resolve: (value) => resolve(value as ExportReplyOf<T>),
        reject,
      });
      this.child.send(message);
    });
  }

  /** Asks the simulator to close its server and exit; kills it if it does not. */
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
    const message = ExportSimulatorMessage.safeParse(raw);
    if (!message.success || message.data.type === 'ready') return;
    const { id } = message.data;
    const pending = id === null ? undefined : this.pending.get(id);
    if (!pending) {
      if (message.data.type === 'error') console.error(`${this.role}: ${message.data.message}`);
      return;
    }
    this.pending.delete(message.data.id ?? 0);
    if (message.data.type === 'error') {
      pending.reject(new Error(`${this.role} ${pending.type}: ${message.data.message}`));
      return;
    }
    const parsed = EXPORT_REPLIES[pending.type].safeParse(message.data.result);
    if (parsed.success) pending.resolve(parsed.data);
    else pending.reject(new Error(`unreadable ${pending.type} answer: ${parsed.error.message}`));
  }
}
