import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/** A graphql-ws subscription as a partner app holds it: every event, and a way to wait for one. */
export interface HeldSubscription<T> {
  events: T[];
  errors: unknown[];
  /** Resolves with the first event (from the start) that passes `check`. */
  until(check: (event: T) => boolean, timeoutMs?: number): Promise<T>;
  completed: Promise<void>;
  close(): Promise<void>;
}

export function holdSubscription<T>(
  httpUrl: string,
  key: string,
  query: string,
  variables: Record<string, unknown>,
  pick: (data: Record<string, unknown>) => T,
): HeldSubscription<T> {
  const client: Client = createClient({
    url: `${httpUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${key}` },
    retryAttempts: 0,
  });
  const events: T[] = [];
  const errors: unknown[] = [];
  const waiters = new Set<() => void>();
  const wake = (): void => {
    for (const waiter of [...waiters]) waiter();
  };
  const completed = new Promise<void>((resolve) => {
    client.subscribe<Record<string, unknown>>(
      { query, variables },
      {
        next: (value) => {
          if (value.errors) errors.push(...value.errors);
          if (value.data) events.push(pick(value.data));
          wake();
        },
        error: (error) => {
          errors.push(error);
          wake();
          resolve();
        },
        complete: () => {
          wake();
          resolve();
        },
      },
    );
  });
  return {
    events,
    errors,
    completed,
    until: (check, timeoutMs = 30_000) =>
      new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(look);
          reject(
            new Error(
              `no matching event in ${timeoutMs} ms; saw ${JSON.stringify(events.slice(-5))} ${JSON.stringify(errors)}`,
            ),
          );
        }, timeoutMs);
        function look(): void {
          const found = events.find(check);
          if (found !== undefined) {
            clearTimeout(timer);
            waiters.delete(look);
            resolve(found);
          } else if (errors.length > 0) {
            clearTimeout(timer);
            waiters.delete(look);
            reject(new Error(`subscription failed: ${JSON.stringify(errors)}`));
          }
        }
        waiters.add(look);
        look();
      }),
    close: () => client.dispose() as Promise<void>,
  };
}
