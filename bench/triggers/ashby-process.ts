import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import {
  ASHBY_REPLIES,
  AshbyMessage,
  type AshbyCommand,
  type AshbyInfo,
  type AshbyReplyOf,
  type AshbyRequest,
  type AshbyStart,
} from './ashby-protocol';

const READY_TIMEOUT_MS = 2 * 60_000;
const EXIT_TIMEOUT_MS = 15_000;

interface Pending {
  type: AshbyCommand['type'];
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/**
 * The parent's handle on ashby-child.ts: typed commands over IPC (the shape of
 * bench/sync/simulator-process.ts, with this benchmark's commands).
 */
export class AshbyProcess {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private exited = false;

  private constructor(
    private readonly child: ChildProcess,
    readonly info: AshbyInfo,
  ) {
    child.on('message', (raw: unknown) => this.receive(raw));
    child.once('exit', (code, signal) => {
      this.exited = true;
      for (const p of this.pending.values())
        p.reject(new Error(`the Ashby simulator exited (code ${code}, signal ${signal})`));
      this.pending.clear();
    });
  }

  static start(start: AshbyStart): Promise<AshbyProcess> {
    const child = fork(path.join(__dirname, 'ashby-child.ts'), [JSON.stringify(start)], {
      execArgv: ['-r', '@swc-node/register'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill();
        reject(new Error('the Ashby simulator did not start in time'));
      }, READY_TIMEOUT_MS);
      const onMessage = (raw: unknown): void => {
        const message = AshbyMessage.safeParse(raw);
        if (!message.success) return;
        clearTimeout(timer);
        child.off('message', onMessage);
        if (message.data.type === 'ready') resolve(new AshbyProcess(child, message.data.info));
        else
          reject(new Error(`the Ashby simulator failed to start: ${JSON.stringify(message.data)}`));
      };
      child.on('message', onMessage);
      child.once('error', reject);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the Ashby simulator exited (code ${code}) before it was ready`));
      });
    });
  }

  request<T extends AshbyCommand['type']>(
    command: Extract<AshbyCommand, { type: T }>,
  ): Promise<AshbyReplyOf<T>> {
    if (this.exited) return Promise.reject(new Error('the Ashby simulator has exited'));
    const id = this.nextId++;
    const message: AshbyRequest = { id, command };
    return new Promise<AshbyReplyOf<T>>((resolve, reject) => {
      this.pending.set(id, {
        type: command.type,
        resolve: (value) => resolve(value as AshbyReplyOf<T>),
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
    const message = AshbyMessage.safeParse(raw);
    if (!message.success || message.data.type === 'ready') return;
    const { id } = message.data;
    const pending = id === null ? undefined : this.pending.get(id);
    if (!pending || id === null) {
      if (message.data.type === 'error') console.error(`Ashby simulator: ${message.data.message}`);
      return;
    }
    this.pending.delete(id);
    if (message.data.type === 'error') {
      pending.reject(new Error(`Ashby simulator ${pending.type}: ${message.data.message}`));
      return;
    }
    const parsed = ASHBY_REPLIES[pending.type].safeParse(message.data.result);
    if (parsed.success) pending.resolve(parsed.data);
    else pending.reject(new Error(`unreadable ${pending.type} answer: ${parsed.error.message}`));
  }
}
