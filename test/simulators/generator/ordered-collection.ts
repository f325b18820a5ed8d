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
    if (!this.records.has(record.key)) this.order.push(record.key);
    this.records.set(record.key, record);
  }

  /** Inserts or replaces a record and logs the change; returns the change's sequence number. */
  put(record: T): number {
    if (!this.records.has(record.key)) this.order.push(record.key);
    this.records.set(record.key, record);
    return this.logChange(record.key);
  }

  delete(key: string): boolean {
    if (!this.records.delete(key)) return false;
    this.logChange(key);
    return true;
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

  /** Up to `limit` live records from `position` on that pass `filter`. */
  scan(position: number, limit: number, filter?: (record: T) => boolean): ScanResult<T> {
    const items: T[] = [];
    let i = Math.max(0, position);
    for (; i < this.order.length && items.length < limit; i++) {
      const record = this.records.get(this.order[i] as string);
      if (record && (!filter || filter(record))) items.push(record);
    }
    // Report "more" only if a matching record really follows, so the last page is the last.
    for (; i < this.order.length; i++) {
      const record = this.records.get(this.order[i] as string);
      if (record && (!filter || filter(record))) return { items, next: i };
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
