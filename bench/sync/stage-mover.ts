import { type Rng, type NeutralApplication } from '../../test/simulators/generator';
import type { MovedApplication } from './simulator-protocol';
import type { VendorSimulator } from './vendor-simulators';

/**
 * Moves random active applications (each at most once, so every event has one expected stage)
 * to their next stage, as a recruiter in the vendor's UI would; the simulator then delivers the
 * vendor's webhook.
 */
export class StageMover {
  private queue: string[] | null = null;
  /** Vendor application id → when it was moved (ms). */
  readonly moved = new Map<string, number>();

  constructor(
    private readonly sim: VendorSimulator,
    private readonly rng: Rng,
  ) {}

  /** Applications that can still be moved. */
  get remaining(): number {
    return this.candidates().length;
  }

  move(): MovedApplication {
    const { dataset, mutate, ids } = this.sim.handle;
    for (;;) {
      const key = this.candidates().pop();
      if (key === undefined) throw new Error('no active application left to move');
      const current = dataset.applications.get(key);
      if (!current || !this.movable(current)) continue;
      const mutatedAt = performance.timeOrigin + performance.now();
      let moved: NeutralApplication;
      try {
        moved = mutate.moveStage(key);
      } catch {
        continue; // the last stage before an archive: nothing to move to
      }
      const stage = dataset.stage(moved.stageKey);
      const remoteId = this.sim.applicationRemoteId(moved);
      const candidateId = ids.get('candidate', moved.candidateKey);
      if (!stage || remoteId === undefined || candidateId === undefined)
        throw new Error(`moved application ${key} has no stage or vendor id`);
      const others = dataset
        .applicationsOf(moved.candidateKey)
        .filter((a) => a.key !== moved.key && dataset.stage(a.stageKey)?.name === stage.name);
      this.moved.set(remoteId, mutatedAt);
      return {
        applicationRemoteId: remoteId,
        candidateRemoteId: String(candidateId),
        stageName: stage.name,
        mutatedAt,
        searchable: others.length === 0,
      };
    }
  }

  private movable(a: NeutralApplication): boolean {
    return (
      a.status === 'ACTIVE' && a.jobKey !== null && this.sim.applicationRemoteId(a) !== undefined
    );
  }

  /** Active applications with a job, shuffled once (Fisher–Yates). */
  private candidates(): string[] {
    if (this.queue) return this.queue;
    const keys: string[] = [];
    for (const a of this.sim.handle.dataset.applications.values())
      if (this.movable(a)) keys.push(a.key);
    for (let i = keys.length - 1; i > 0; i--) {
      const j = this.rng.int(0, i);
      [keys[i], keys[j]] = [keys[j]!, keys[i]!];
    }
    this.queue = keys;
    return keys;
  }
}
