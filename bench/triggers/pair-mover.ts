import type { Rng } from '../../test/simulators/generator';
import type { AshbyProcess } from './ashby-process';
import type { DeliveryLedger, ExpectedDelivery } from './delivery-ledger';
import type { MovableApplication, TriggerSetup, TriggeredPair } from './trigger-pairs';

/**
 * Moves applications of the watched jobs between their job's two watched stages, as a recruiter
 * in Ashby's UI would, so every move enters a watched (job, stage) and must fire its trigger.
 * An application is moved again only once the partner received its last move's delivery: a
 * recruiter does not move one candidate twice in a second, and two quick moves could reach the
 * app as one change, which is not a lost delivery.
 */
export class PairMover {
  /** Applications free to move (not awaiting a delivery). */
  private readonly free: MovableApplication[];
  private readonly byKey = new Map<string, MovableApplication>();
  private readonly pairsOf = new Map<string, TriggeredPair[]>();
  private readonly requests = new Set<Promise<void>>();
  private readonly failures: Error[] = [];

  constructor(
    private readonly sim: AshbyProcess,
    setup: TriggerSetup,
    private readonly ledger: DeliveryLedger,
    private readonly rng: Rng,
  ) {
    this.free = [...setup.applications];
    for (const a of setup.applications) this.byKey.set(a.key, a);
    for (const pair of setup.pairs)
      this.pairsOf.set(pair.jobKey, [...(this.pairsOf.get(pair.jobKey) ?? []), pair]);
  }

  get freeCount(): number {
    return this.free.length;
  }

  /**
   * Moves a random free application into its job's other watched stage; false when none is free.
   * The delivery is expected from now; the simulator's own mutation time replaces it on reply.
   */
  move(phase: string): boolean {
    if (this.free.length === 0) return false;
    const index = this.rng.int(0, this.free.length - 1);
    const application = this.free[index]!;
    this.free[index] = this.free.at(-1)!;
    this.free.pop();
    const pairs = this.pairsOf.get(application.jobKey) ?? [];
    const others = pairs.filter((p) => p.stageKey !== application.stageKey);
    const target = others[this.rng.int(0, others.length - 1)];
    if (!target) throw new Error(`application ${application.key} has no watched stage to enter`);
    application.stageKey = target.stageKey;
    const entry: ExpectedDelivery = {
      phase,
      applicationKey: application.key,
      applicationRemoteId: application.remoteId,
      hook: target.hook,
      stageName: target.stageName,
      movedAt: performance.timeOrigin + performance.now(),
      receivedAt: null,
      webhookId: null,
      eventId: null,
    };
    this.ledger.expect(entry);
    const request = this.sim
      .request({ type: 'move', applicationKey: application.key, stageKey: target.stageKey })
      .then(
        (reply) => {
          entry.movedAt = reply.movedAt;
        },
        (error: unknown) => {
          this.failures.push(error instanceof Error ? error : new Error(String(error)));
        },
      );
    this.requests.add(request);
    void request.finally(() => this.requests.delete(request));
    return true;
  }

  /** Waits for the simulator to have made every move asked; throws the first that failed. */
  async settle(): Promise<void> {
    await Promise.all([...this.requests]);
    const [failure] = this.failures;
    if (failure) throw failure;
  }

  /** The application's delivery arrived: it may move again. */
  release(applicationKey: string): void {
    const application = this.byKey.get(applicationKey);
    if (application) this.free.push(application);
  }
}
