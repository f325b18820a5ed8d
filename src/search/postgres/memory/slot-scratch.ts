/**
 * Slot-sized work arrays an organization's index lends to the request being answered. A faceted
 * request needs several arrays as long as the index (4 MB each at 1,000,000 candidates);
 * allocating them per request made V8 collect garbage for "external memory pressure" every
 * request or two (2-16 ms each, and full collections up to 65 ms): the p95 of a filtered
 * search. Requests are answered synchronously (no await between lending and giving back), so
 * one set per index is enough.
 *
 * Two arrays keep an invariant between requests, restored by whoever wrote them: `zeros`
 * (Uint8) and `cleared` (Int32) are all 0, `dead` is all `deadValue`. `first` and `second` hold
 * anything and are overwritten by their user; `within` is zeroed on every loan
 * (a memset of 1 MB at 1,000,000 slots, against an allocation the collector must chase).
 */
export class SlotScratch {
  private zerosArray = new Uint8Array(0);
  private clearedArray = new Int32Array(0);
  private deadArray = new Int32Array(0);
  private firstArray = new Int32Array(0);
  private secondArray = new Int32Array(0);
  private withinArray = new Uint8Array(0);

  constructor(private readonly deadValue: number) {}

  /** All 0; set entries must be put back to 0. */
  zeros(slots: number): Uint8Array {
    if (this.zerosArray.length < slots) this.zerosArray = new Uint8Array(grow(slots));
    return this.zerosArray.subarray(0, slots);
  }

  /** All 0; set entries must be put back to 0. */
  cleared(slots: number): Int32Array {
    if (this.clearedArray.length < slots) this.clearedArray = new Int32Array(grow(slots));
    return this.clearedArray.subarray(0, slots);
  }

  /** All `deadValue`; set entries must be put back to it. */
  dead(slots: number): Int32Array {
    if (this.deadArray.length < slots)
      this.deadArray = new Int32Array(grow(slots)).fill(this.deadValue);
    return this.deadArray.subarray(0, slots);
  }

  /** Any content. */
  first(slots: number): Int32Array {
    if (this.firstArray.length < slots) this.firstArray = new Int32Array(grow(slots));
    return this.firstArray.subarray(0, slots);
  }

  /** Any content; not the same memory as first(). */
  second(slots: number): Int32Array {
    if (this.secondArray.length < slots) this.secondArray = new Int32Array(grow(slots));
    return this.secondArray.subarray(0, slots);
  }

  /** All 0 (cleared on every loan): the slots the query text matched (slotsOf). */
  within(slots: number): Uint8Array {
    if (this.withinArray.length < slots) this.withinArray = new Uint8Array(grow(slots));
    return this.withinArray.subarray(0, slots).fill(0);
  }

  get bytes(): number {
    return (
      this.zerosArray.byteLength +
      this.clearedArray.byteLength +
      this.deadArray.byteLength +
      this.firstArray.byteLength +
      this.secondArray.byteLength +
      this.withinArray.byteLength
    );
  }
}

/** Room for the index to grow a quarter before the next reallocation. */
function grow(slots: number): number {
  return Math.max(1024, Math.ceil(slots * 1.25));
}
