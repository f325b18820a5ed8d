/**
 * Records in insertion order with a change log, which is all a simulator needs for fast
 * pagination (a position in the order array is a cursor) and for incremental sync (a sequence
 * number is a watermark). Deleting leaves a hole in the order array that scans skip, so cursors
 * handed out earlier stay valid.
 */

/** A dataset-wide, ever-increasing change counter shared by all collections. */
export class ChangeSequence {
  private current = 0;

  get value(): number {
    return this.current;
  }

  next(): number {
    return ++this.current;
  }
}

export interface ScanResult<T> {
  items: T[];
  /** Position to continue from, or null when the scan reached the end. */
  next: number | null;
}

export class OrderedCollection<T extends { key: string }> {
  private readonly records = new Map<string, T>();
  private readonly order: string[] = [];
  private readonly positions = new Map<string, number>();
  private readonly changeSeqs: number[] = [];
  private readonly changeKeys: string[] = [];

  constructor(private readonly sequence: ChangeSequence) {}

  get size(): number {
    return this.records.size;
  }

  /** Length of the order array, holes included: the end position of a scan. */
  get length(): number {
    return this.order.length;
  }

  get(key: string): T | undefined {
    return this.records.get(key);
  }

  has(key: string): boolean {
    return this.records.has(key);
  }

  /** Initial data: stored without change-log entries, as if it had always been there. */
  load(record: T): void {
    this.place(record.key);
    this.records.set(record.key, record);
  }

  /** Inserts or replaces a record and logs the change; returns the change's sequence number. */
  put(record: T): number {
    this.place(record.key);
    this.records.set(record.key, record);
    return this.logChange(record.key);
  }

  delete(key: string): boolean {
    if (!this.records.delete(key)) return false;
    this.logChange(key);
    return true;
  }

  /** Where a key stands in the order (kept after a delete, as its hole is). */
  positionOf(key: string): number | undefined {
    return this.positions.get(key);
  }

  /** The live record at an order position (undefined for a hole or out of range). */
  at(position: number): T | undefined {
    const key = this.order[position];
    return key === undefined ? undefined : this.records.get(key);
  }

  *values(): IterableIterator<T> {
    for (const key of this.order) {
      const record = this.records.get(key);
      if (record) yield record;
    }
  }

  /**
   * Up to `limit` live records from `position` on that pass `filter`. `only` (ascending
   * positions) visits just those, as a vendor's index would: the answer is the same when every
   * record that can pass the filter stands at one of them.
   */
  scan(
    position: number,
    limit: number,
    filter?: (record: T) => boolean,
    only?: readonly number[],
  ): ScanResult<T> {
    const items: T[] = [];
    for (const i of positionsFrom(Math.max(0, position), this.order.length, only)) {
      const record = this.records.get(this.order[i] as string);
      if (!record || (filter && !filter(record))) continue;
      // Report "more" only if a matching record really follows, so the last page is the last.
      if (items.length === limit) return { items, next: i };
      items.push(record);
    }
    return { items, next: null };
  }

  /** Live records changed after `afterSeq` and up to `uptoSeq`, each once, in change order. */
  changedBetween(afterSeq: number, uptoSeq: number): T[] {
    const seen = new Set<string>();
    const out: T[] = [];
    for (let i = this.firstChangeAfter(afterSeq); i < this.changeSeqs.length; i++) {
      if ((this.changeSeqs[i] as number) > uptoSeq) break;
      const key = this.changeKeys[i] as string;
      if (seen.has(key)) continue;
      seen.add(key);
      const record = this.records.get(key);
      if (record) out.push(record);
    }
    return out;
  }

  /** A key new to the order goes last; a re-added key appears once more, at the end. */
  private place(key: string): void {
    if (this.records.has(key)) return;
    this.positions.set(key, this.order.length);
    this.order.push(key);
  }

  private logChange(key: string): number {
    const seq = this.sequence.next();
    this.changeSeqs.push(seq);
    this.changeKeys.push(key);
    return seq;
  }

  /** Binary search: index of the first change with sequence > afterSeq. */
  private firstChangeAfter(afterSeq: number): number {
    let lo = 0;
    let hi = this.changeSeqs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.changeSeqs[mid] as number) <= afterSeq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** Positions from `start` below `end`: all of them, or the listed ones (ascending). */
export function* positionsFrom(
  start: number,
  end: number,
  only?: readonly number[],
): Generator<number> {
  if (!only) {
    for (let i = start; i < end; i++) yield i;
    return;
  }
  for (const i of only) if (i >= start && i < end) yield i;
}
