import { Dictionary } from './dictionary';
import { GrowableInt32 } from './growable';

/**
 * One value dimension over document slots: a dictionary plus either one id per slot (-1 = no
 * value) or, for multi-valued fields, CSR (offsets[slot]..offsets[slot+1] into a flat id list).
 */
export class ValueColumn {
  readonly dictionary: Dictionary;
  /** Scalar: ids per slot. CSR: the flat id list. */
  readonly ids = new GrowableInt32(1024);
  /** CSR only: slot start offsets, one more than slots. */
  readonly offsets: GrowableInt32 | null;
  /**
   * Per value id, its occurrences in live slots: the facet counts of an unfiltered browse,
   * kept up to date on every append and kill so that browse needs no scan.
   */
  private live = new Int32Array(64);
  /**
   * Per value id, the slots holding it (ascending, dead slots included: readers check), built on
   * the first filter by this column and then kept up to date by append. Lets a selective filter
   * visit its own slots instead of every slot.
   */
  private postingLists: GrowableInt32[] | null = null;

  constructor(
    readonly multi: boolean,
    dictionary?: Dictionary,
  ) {
    this.dictionary = dictionary ?? new Dictionary();
    this.offsets = multi ? new GrowableInt32(1024) : null;
    this.offsets?.push(0);
  }

  /** Appends the next slot's values (scalars take the first or none). */
  append(values: readonly (string | null)[] | string | null): void {
    if (!this.offsets) {
      const value: string | null | undefined =
        typeof values === 'string' || values === null ? values : values[0];
      const id = typeof value === 'string' ? this.dictionary.intern(value) : -1;
      const slot = this.ids.length;
      this.ids.push(id);
      if (id >= 0) {
        this.adjust(id, 1);
        this.post(id, slot);
      }
      return;
    }
    const slot = this.offsets.length - 1;
    const list: readonly (string | null)[] =
      typeof values === 'string' || values === null ? [values] : values;
    for (const value of list) {
      if (typeof value !== 'string') continue;
      const id = this.dictionary.intern(value);
      this.ids.push(id);
      this.adjust(id, 1);
      this.post(id, slot);
    }
    this.offsets.push(this.ids.length);
  }

  /** The slots holding value `id` (dead ones included), building the lists on first use. */
  postings(id: number): Int32Array {
    if (!this.postingLists) this.buildPostings();
    return this.postingLists?.[id]?.view() ?? new Int32Array(0);
  }

  private buildPostings(): void {
    this.postingLists = [];
    const ids = this.ids.view();
    const offsets = this.offsets?.view();
    const slots = offsets ? offsets.length - 1 : ids.length;
    for (let s = 0; s < slots; s++) {
      const start = offsets ? (offsets[s] ?? 0) : s;
      const end = offsets ? (offsets[s + 1] ?? 0) : s + 1;
      for (let i = start; i < end; i++) {
        const id = ids[i] ?? -1;
        if (id >= 0) this.post(id, s);
      }
    }
  }

  private post(id: number, slot: number): void {
    const lists = this.postingLists;
    if (!lists) return;
    let list = lists[id];
    if (!list) {
      list = new GrowableInt32(16);
      lists[id] = list;
    }
    // A value listed twice on one document is posted once.
    if (list.last() !== slot) list.push(slot);
  }

  /** Takes a slot's values out of the live counts (the slot died). */
  kill(slot: number): void {
    const ids = this.ids.view();
    const offsets = this.offsets?.view();
    const start = offsets ? (offsets[slot] ?? 0) : slot;
    const end = offsets ? (offsets[slot + 1] ?? 0) : slot + 1;
    for (let i = start; i < end; i++) {
      const id = ids[i] ?? -1;
      if (id >= 0) this.adjust(id, -1);
    }
  }

  /** Live occurrences per value id (length >= dictionary size; read only). */
  liveCounts(): Int32Array {
    if (this.live.length < this.dictionary.size) this.grow();
    return this.live.subarray(0, this.dictionary.size);
  }

  private adjust(id: number, delta: number): void {
    if (id >= this.live.length) this.grow();
    this.live[id] = (this.live[id] ?? 0) + delta;
  }

  private grow(): void {
    const bigger = new Int32Array(Math.max(this.dictionary.size, this.live.length * 2));
    bigger.set(this.live);
    this.live = bigger;
  }

  get bytes(): number {
    let postings = 0;
    for (const list of this.postingLists ?? []) postings += (list?.bytes ?? 0) + 32;
    return this.ids.bytes + (this.offsets?.bytes ?? 0) + this.live.byteLength + postings;
  }
}

/**
 * Adds one slot's values to `counts` (per value id), for a column's `ids` and, when it is
 * multi-valued, its `offsets` (views taken once by the caller, outside its loop).
 */
export function countSlotValues(
  ids: Int32Array,
  offsets: Int32Array | undefined,
  slot: number,
  counts: Int32Array,
): void {
  if (!offsets) {
    const v = ids[slot] ?? -1;
    if (v >= 0) counts[v] = (counts[v] ?? 0) + 1;
    return;
  }
  for (let i = offsets[slot] ?? 0, end = offsets[slot + 1] ?? 0; i < end; i++) {
    const v = ids[i] ?? 0;
    counts[v] = (counts[v] ?? 0) + 1;
  }
}
