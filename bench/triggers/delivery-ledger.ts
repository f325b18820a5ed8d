import type { Receipt } from './partner-endpoint';

/** A stage move into a watched pair: one delivery the partner must receive. */
export interface ExpectedDelivery {
  /** The phase the move was made in. */
  phase: string;
  applicationKey: string;
  applicationRemoteId: string;
  /** The hook of the trigger that must fire. */
  hook: string;
  stageName: string;
  /** When the simulator was told to move it (epoch ms, sub-ms precision). */
  movedAt: number;
  /** The first verified receipt of its event; null while not received. */
  receivedAt: number | null;
  webhookId: string | null;
  eventId: string | null;
}

/**
 * Matches the partner's receipts to the moves that should have caused them. An application is
 * moved again only after its last move's delivery arrived (PairMover), so a receipt belongs to
 * the one move its application awaits, if its trigger and stage are that move's. A `webhook-id`
 * seen again is a duplicate (at-least-once allows it); a verified receipt no move awaits is
 * unexpected (a stage entry the bench did not make, such as a stale state applied late).
 */
export class DeliveryLedger {
  readonly expected: ExpectedDelivery[] = [];
  /** Phase label stamped on receipts as they arrive. */
  phase = '';
  private readonly awaiting = new Map<string, ExpectedDelivery>();
  private readonly firstById = new Map<string, ExpectedDelivery | null>();
  /** Receipts by the phase they arrived in. */
  private readonly tallies = new Map<string, ReceiptTally>();

  expect(entry: ExpectedDelivery): void {
    this.expected.push(entry);
    this.awaiting.set(entry.applicationRemoteId, entry);
  }

  /** Records a receipt; answers the move it settled, if it settled one. */
  record(receipt: Receipt): ExpectedDelivery | null {
    const tally = this.tally(this.phase);
    tally.receipts++;
    const event = receipt.event;
    if (!event) {
      tally.invalid.push(receipt.verifyError ?? 'unverified');
      return null;
    }
    if (this.firstById.has(receipt.webhookId)) {
      tally.duplicates++;
      return null;
    }
    const entry = this.awaiting.get(event.applicationRemoteId);
    const matches = entry && entry.hook === receipt.hook && entry.stageName === event.stage;
    this.firstById.set(receipt.webhookId, matches ? entry : null);
    if (!matches) {
      tally.unexpected.push(`${event.applicationRemoteId} → ${event.stage} (${receipt.hook})`);
      return null;
    }
    this.awaiting.delete(event.applicationRemoteId);
    entry.receivedAt = receipt.receivedAt;
    entry.webhookId = receipt.webhookId;
    entry.eventId = event.id;
    return entry;
  }

  of(phase: string): ExpectedDelivery[] {
    return this.expected.filter((e) => e.phase === phase);
  }

  tally(phase: string): ReceiptTally {
    let tally = this.tallies.get(phase);
    if (!tally) {
      tally = { receipts: 0, duplicates: 0, unexpected: [], invalid: [] };
      this.tallies.set(phase, tally);
    }
    return tally;
  }
}

/** What arrived during one phase beyond the expected deliveries. */
export interface ReceiptTally {
  /** Every POST the partner received, retries included. */
  receipts: number;
  /** Receipts whose `webhook-id` had been received before. */
  duplicates: number;
  /** Verified deliveries no move awaited (application → stage (hook)). */
  unexpected: string[];
  /** Signature failures (the verifier's message). */
  invalid: string[];
}
