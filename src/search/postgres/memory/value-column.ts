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
      this.ids.push(typeof value === 'string' ? this.dictionary.intern(value) : -1);
      return;
    }
    const list: readonly (string | null)[] =
      typeof values === 'string' || values === null ? [values] : values;
    for (const value of list) {
      if (typeof value === 'string') this.ids.push(this.dictionary.intern(value));
    }
    this.offsets.push(this.ids.length);
  }

  get bytes(): number {
    return this.ids.bytes + (this.offsets?.bytes ?? 0);
  }
}
