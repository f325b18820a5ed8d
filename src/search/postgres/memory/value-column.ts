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
      this.ids.push(id);
      if (id >= 0) this.adjust(id, 1);
      return;
    }
    const list: readonly (string | null)[] =
      typeof values === 'string' || values === null ? [values] : values;
    for (const value of list) {
      if (typeof value !== 'string') continue;
      const id = this.dictionary.intern(value);
      this.ids.push(id);
      this.adjust(id, 1);
    }
    this.offsets.push(this.ids.length);
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
    return this.ids.bytes + (this.offsets?.bytes ?? 0) + this.live.byteLength;
  }
}
