/**
 * Which changes the memory index has surely seen, given that sequence values can commit out of
 * order: a writer may take change_seq 41, another 42 and commit first; a reader that then saw
 * 42 and moved its mark to 42 would never look at 41 again.
 *
 * The rule used here: before each catch-up query we read the sequence's last value S and then,
 * in the same statement, the xids of this database's transactions that hold one (the writers,
 * W). Writers take an xid before their first nextval (see the engine), so a transaction holding
 * a value <= S had its xid when S was read: when W is read it has either finished (committed
 * before the catch-up's snapshot, so its rows are read now) or it is in W. Once a later
 * snapshot shows every xid of W finished, every value <= S is final and has been read, so the
 * mark can move to S. Until then the catch-up re-reads everything above the old mark (rows
 * already applied at the same change_seq are skipped). A long transaction in the database only
 * widens that re-read window; it never hides a change.
 *
 * The snapshot's own in-progress list is not enough: PostgreSQL lists only running xids below
 * its xmax, which is the latest *completed* xid + 1, so a writer that took its xid after the
 * last commit is running, invisible and unlisted (a catch-up at "5603:5603:" while xid 5603
 * held an uncommitted change_seq moved the mark past it for good).
 */
export interface Snapshot {
  xmin: bigint;
  xmax: bigint;
  inProgress: bigint[];
}

/** Parses pg_snapshot text: "xmin:xmax:xip1,xip2". */
export function parseSnapshot(text: string): Snapshot {
  const [xmin = '0', xmax = '0', xip = ''] = text.split(':');
  return {
    xmin: BigInt(xmin),
    xmax: BigInt(xmax),
    inProgress: xip ? xip.split(',').map((x) => BigInt(x)) : [],
  };
}

/** Whether xid was still running (or not yet started) as of the snapshot. */
export function runningAt(xid: bigint, snapshot: Snapshot): boolean {
  if (xid < snapshot.xmin) return false;
  if (xid >= snapshot.xmax) return true;
  return snapshot.inProgress.includes(xid);
}

const EPOCH = 1n << 32n;

/**
 * A 32-bit xid (pg_stat_activity.backend_xid) as the 64-bit xid of snapshots: the one nearest
 * `near` (a snapshot's xmax), since a running xid is always within 2^31 of it.
 */
export function fullXid(xid: bigint, near: bigint): bigint {
  const candidate = (near / EPOCH) * EPOCH + xid;
  if (candidate > near + EPOCH / 2n) return candidate - EPOCH;
  if (candidate < near - EPOCH / 2n) return candidate + EPOCH;
  return candidate;
}

/** The sequence's last value and the transactions that may still hold values up to it. */
export interface ChangePoint {
  sequence: number;
  /** 32-bit xids of the database's transactions holding one, read after the sequence. */
  writers: bigint[];
}

export class ChangeMark {
  /** Every change with change_seq <= mark has been applied. */
  mark = 0;
  /** Sequence values whose fate waits on writers running when they were read. */
  private pending: { seq: number; xids: bigint[] }[] = [];
  /** The sequence value read before the last catch-up. */
  private lastSequence = -1;

  /**
   * Nothing can have changed when the sequence has not moved since a catch-up that left
   * nothing pending: skip the catch-up query.
   */
  upToDate(sequence: number): boolean {
    return sequence === this.lastSequence && this.pending.length === 0 && this.mark === sequence;
  }

  /**
   * Records a catch-up (or load) that read, at `snapshot`, everything above the mark, after
   * `point` was read.
   */
  caughtUp(point: ChangePoint, snapshot: Snapshot): void {
    this.lastSequence = point.sequence;
    this.pending.push({
      seq: point.sequence,
      xids: point.writers.map((x) => fullXid(x, snapshot.xmax)),
    });
    const settled = this.pending.filter((p) => p.xids.every((x) => !runningAt(x, snapshot)));
    for (const p of settled) this.mark = Math.max(this.mark, p.seq);
    this.pending = this.pending.filter((p) => p.seq > this.mark);
  }

  /** Whether every writer of `point` has finished at `snapshot`. */
  static settledAt(point: ChangePoint, snapshot: Snapshot): boolean {
    return point.writers.every((x) => !runningAt(fullXid(x, snapshot.xmax), snapshot));
  }
}
