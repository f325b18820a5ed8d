import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/** A stretch of the run spent in one phase (a stream, or `attachments`), epoch ms. */
export interface PhaseSpan {
  phase: string;
  from: number;
  to: number;
  /** Pages (attachments: batches of files) committed in the phase; 0 when not known. */
  pages: number;
}

interface Progress {
  phase: string | null;
  at: number;
}

const SUBSCRIPTION = `subscription ($id: ID!) { syncStatus(connectionId: $id) { phase at } }`;

/**
 * Follows the `syncStatus` subscription (one event after every page the run commits) to learn
 * when the run moved from one phase to the next: a phase starts when the previous phase's last
 * page was committed.
 */
export class PhaseRecorder {
  private readonly events: Progress[] = [];
  private readonly client: Client;
  private readonly unsubscribe: () => void;
  private failure: string | null = null;

  constructor(httpUrl: string, key: string, connectionId: string) {
    this.client = createClient({
      url: `${httpUrl.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${key}` },
    });
    this.unsubscribe = this.client.subscribe<{ syncStatus: { phase: string | null; at: string } }>(
      { query: SUBSCRIPTION, variables: { id: connectionId } },
      {
        next: (result) => {
          const event = result.data?.syncStatus;
          if (event) this.events.push({ phase: event.phase, at: Date.parse(event.at) });
        },
        error: (error: unknown) => {
          this.failure = error instanceof Error ? error.message : JSON.stringify(error);
        },
        complete: () => undefined,
      },
    );
  }

  /** The phases between the run's start and end, in order. */
  spans(startedAt: number, finishedAt: number): PhaseSpan[] {
    if (this.failure) console.warn(`syncStatus subscription failed: ${this.failure}`);
    const spans: PhaseSpan[] = [];
    let previousAt = startedAt;
    for (const { phase, at } of this.events) {
      if (!phase) continue;
      const current = spans[spans.length - 1];
      if (current?.phase === phase) {
        current.to = at;
        current.pages++;
      } else {
        spans.push({ phase, from: current ? previousAt : startedAt, to: at, pages: 1 });
      }
      previousAt = at;
    }
    const last = spans[spans.length - 1];
    if (last) last.to = Math.max(last.to, finishedAt);
    return spans;
  }

  async close(): Promise<void> {
    this.unsubscribe();
    await this.client.dispose();
  }
}
