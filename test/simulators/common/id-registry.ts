/**
 * Neutral key ↔ vendor id, per kind of record. Ids are minted deterministically (a hash for UUID
 * vendors, a counter for Greenhouse's integers) so the same seed serves the same ids every run.
 */

/** Kinds of records that get vendor ids. `jobStage` is Greenhouse's per-job copy of a stage. */
export type IdKind =
  | 'candidate'
  | 'application'
  | 'job'
  | 'jobPosting'
  | 'jobStage'
  | 'stage'
  | 'interviewPlan'
  | 'user'
  | 'source'
  | 'sourceType'
  | 'rejectionReason'
  | 'department'
  | 'office'
  | 'customField'
  | 'tag'
  | 'attachment';

/** Read-only view for tests: the vendor id of a neutral record and back. */
export interface VendorIds<Id extends string | number> {
  /** The vendor id of a neutral record, if the simulator serves it. */
  get(kind: IdKind, key: string): Id | undefined;
  /** The neutral key behind a vendor id (numbers may be given as strings). */
  keyOf(kind: IdKind, id: Id | string): string | undefined;
  /** All ids of one kind, keyed by neutral key. */
  all(kind: IdKind): ReadonlyMap<string, Id>;
}

export class IdRegistry<Id extends string | number> implements VendorIds<Id> {
  private readonly forward = new Map<IdKind, Map<string, Id>>();
  private readonly backward = new Map<IdKind, Map<string, string>>();

  constructor(private readonly mint: (kind: IdKind, key: string) => Id) {}

  /** The id for this record, minting one on first use. */
  ensure(kind: IdKind, key: string): Id {
    const existing = this.forwardOf(kind).get(key);
    if (existing !== undefined) return existing;
    const id = this.mint(kind, key);
    this.forwardOf(kind).set(key, id);
    this.backwardOf(kind).set(String(id), key);
    return id;
  }

  get(kind: IdKind, key: string): Id | undefined {
    return this.forward.get(kind)?.get(key);
  }

  keyOf(kind: IdKind, id: Id | string): string | undefined {
    return this.backward.get(kind)?.get(String(id));
  }

  all(kind: IdKind): ReadonlyMap<string, Id> {
    return this.forwardOf(kind);
  }

  private forwardOf(kind: IdKind): Map<string, Id> {
    let map = this.forward.get(kind);
    if (!map) this.forward.set(kind, (map = new Map<string, Id>()));
    return map;
  }

  private backwardOf(kind: IdKind): Map<string, string> {
    let map = this.backward.get(kind);
    if (!map) this.backward.set(kind, (map = new Map<string, string>()));
    return map;
  }
}

/** Per-kind counters from per-kind bases, so ids look like the vendor's (large, distinct ranges). */
export function sequentialIdMinter(
  bases: Partial<Record<IdKind, number>>,
  fallback: number,
): (kind: IdKind) => number {
  const counters = new Map<IdKind, number>();
  return (kind) => {
    const next = (counters.get(kind) ?? 0) + 1;
    counters.set(kind, next);
    return (bases[kind] ?? fallback) + next;
  };
}
