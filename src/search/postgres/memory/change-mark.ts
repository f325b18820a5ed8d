/**
 * Which changes the memory index has surely seen, given that sequence values can commit out of
 * order: a writer may take change_seq 41, another 42 and commit first; a reader that then saw
 * 42 and moved its mark to 42 would never look at 41 again.
 *
 * The rule used here: before each catch-up query we read the sequence's last value S (a
 * separate, earlier statement), then the catch-up query reports its snapshot (xmin, xmax, the
 * in-progress xids). Writers take an xid before their first nextval (see the engine), so any
 * transaction holding a value <= S already had an xid when S was read, i.e. before the
 * snapshot: at the snapshot it was either committed (its rows are read now) or in progress
 * (listed in the snapshot). Once a later snapshot shows all of those in-progress xids finished,
 * every value <= S is final and has been read, so the mark can move to S. Until then the
 * catch-up re-reads everything above the old mark (rows already applied at the same change_seq
 * are skipped). A long-running transaction elsewhere in the cluster only widens that re-read
 * window; it never hides a change.
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

export class ChangeMark {
  /** Every change with change_seq <= mark has been applied. */
  mark = 0;
  /** Sequence values whose fate waits on transactions in progress at an earlier snapshot. */
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

  /** Records a catch-up (or load) that read everything above the mark at `snapshot`. */
  caughtUp(sequence: number, snapshot: Snapshot): void {
    this.lastSequence = sequence;
    this.pending.push({ seq: sequence, xids: snapshot.inProgress });
    const settled = this.pending.filter((p) => p.xids.every((x) => !runningAt(x, snapshot)));
    for (const p of settled) this.mark = Math.max(this.mark, p.seq);
    this.pending = this.pending.filter((p) => p.seq > this.mark);
  }
}
