import { percentile } from '../report';
import type { WebhookSend } from './ashby-protocol';
import type { ExpectedDelivery } from './delivery-ledger';

/**
 * The simulator's webhook POSTs of a phase, indexed by the ids they name: when Ashby began
 * telling the app about a move (it sends one POST at a time per receiver, in order, so a queue
 * there delays every later move), and how fast the app answered.
 */
export class VendorSends {
  private readonly byId = new Map<string, number[]>();
  /** The app's answer time to the simulator's POSTs, ms. */
  readonly answer: { p50: number; p95: number; count: number };

  constructor(sends: readonly WebhookSend[]) {
    for (const send of sends) {
      for (const id of send.ids) {
        const list = this.byId.get(id);
        if (list) list.push(send.sentAt);
        else this.byId.set(id, [send.sentAt]);
      }
    }
    for (const list of this.byId.values()) list.sort((a, b) => a - b);
    const answers = sends.map((s) => s.durationMs).sort((a, b) => a - b);
    this.answer = {
      p50: percentile(answers, 50),
      p95: percentile(answers, 95),
      count: sends.length,
    };
  }

  /** When the simulator began its first POST naming the move's application after the move. */
  firstAfter(entry: ExpectedDelivery): number | undefined {
    // sentAt is whole ms (Date.now()); the move time has sub-ms precision.
    return this.byId.get(entry.applicationRemoteId)?.find((t) => t >= Math.floor(entry.movedAt));
  }
}
