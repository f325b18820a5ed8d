import { Client } from 'pg';
import type { Logger } from '../common/logger';

/**
 * Events between processes through PostgreSQL LISTEN/NOTIFY, so a subscription served by one
 * API process sees what a worker in another process publishes. One listening connection per
 * process; payloads are small JSON (NOTIFY caps them at 8000 bytes).
 */
export interface PubSub {
  publish(topic: string, payload: unknown): Promise<void>;
  subscribe<T>(topic: string): AsyncIterableIterator<T>;
  close(): Promise<void>;
}

const CHANNEL = 'rediscover_events';

export class PgPubSub implements PubSub {
  private listener: Client | null = null;
  private connecting: Promise<Client> | null = null;
  private readonly subscribers = new Map<string, Set<(payload: unknown) => void>>();
  /** Wakes every waiting iterator (on close), without handing it a fake event. */
  private readonly wakers = new Set<() => void>();
  private closed = false;

  constructor(
    private readonly databaseUrl: string,
    private readonly publishQuery: (text: string, values: unknown[]) => Promise<unknown>,
    private readonly logger: Logger,
  ) {}

  async publish(topic: string, payload: unknown): Promise<void> {
    const message = JSON.stringify({ topic, payload });
    if (Buffer.byteLength(message) > 7900)
      throw new Error(`event for ${topic} is too large for NOTIFY`);
    await this.publishQuery('SELECT pg_notify($1, $2)', [CHANNEL, message]);
  }

  subscribe<T>(topic: string): AsyncIterableIterator<T> {
    const queue: T[] = [];
    let wake: (() => void) | null = null;
    let done = false;
    const push = (payload: unknown): void => {
      queue.push(payload as T);
      wake?.();
    };
    let set = this.subscribers.get(topic);
    if (!set) this.subscribers.set(topic, (set = new Set()));
    set.add(push);
    const ready = this.listen();
    const stop = (): void => {
      done = true;
      this.subscribers.get(topic)?.delete(push);
      wake?.();
    };
    const iterator: AsyncIterableIterator<T> = {
      next: async () => {
        await ready;
        while (queue.length === 0 && !done && !this.closed) {
          await new Promise<void>((resolve) => {
            wake = resolve;
            this.wakers.add(resolve);
          });
          if (wake) this.wakers.delete(wake);
          wake = null;
        }
        if (queue.length > 0) return { value: queue.shift() as T, done: false };
        return { value: undefined, done: true };
      },
      return: () => {
        stop();
        return Promise.resolve({ value: undefined, done: true });
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const wake of this.wakers) wake();
    this.wakers.clear();
    this.subscribers.clear();
    const client = this.listener;
    this.listener = null;
    await client?.end().catch(() => undefined);
  }

  /** The shared LISTEN connection, opened on first use and reopened if it drops. */
  private listen(): Promise<Client> {
    if (this.listener) return Promise.resolve(this.listener);
    this.connecting ??= (async () => {
      const client = new Client({
        connectionString: this.databaseUrl,
        application_name: 'rediscover-events',
      });
      client.on('notification', (message) => this.dispatch(message.payload));
      client.on('error', (error) => {
        this.logger.warn({ err: error }, 'event listener connection lost; reconnecting');
        if (this.listener === client) this.listener = null;
        this.relisten(1000);
      });
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      this.listener = client;
      this.connecting = null;
      return client;
    })();
    return this.connecting;
  }

  /**
   * Long-lived subscribers (a worker's dispatcher) subscribe once: when the connection drops,
   * listening resumes by itself while anyone still listens, retrying until it works.
   */
  private relisten(delayMs: number): void {
    if (this.closed || this.subscribers.size === 0) return;
    const timer = setTimeout(() => {
      this.listen().catch((error: unknown) => {
        this.connecting = null;
        this.logger.warn({ err: error }, 'event listener could not reconnect; retrying');
        this.relisten(Math.min(delayMs * 2, 30_000));
      });
    }, delayMs);
    timer.unref();
  }

  private dispatch(raw: string | undefined): void {
    if (!raw) return;
    try {
      const { topic, payload } = JSON.parse(raw) as { topic: string; payload: unknown };
      for (const push of this.subscribers.get(topic) ?? []) push(payload);
    } catch (error) {
      this.logger.warn({ err: error }, 'ignored a malformed event');
    }
  }
}
