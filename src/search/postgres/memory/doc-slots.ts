/**
 * Doc number (search_candidates.doc_no, kept across updates) -> current slot, as a typed array
 * indexed by `docNo - base`: text matches arrive as doc numbers and become slots without hashing.
 * Doc numbers are given out in insertion order database-wide, so one organization's numbers
 * mostly form a few dense runs; the array spans its lowest to its highest (-1 = no slot).
 */
export class DocSlots {
  private base = 0;
  private slots = new Int32Array(0);

  get(docNo: number): number {
    const i = docNo - this.base;
    return i >= 0 && i < this.slots.length ? (this.slots[i] ?? -1) : -1;
  }

  set(docNo: number, slot: number): void {
    this.cover(docNo);
    this.slots[docNo - this.base] = slot;
  }

  delete(docNo: number): void {
    const i = docNo - this.base;
    if (i >= 0 && i < this.slots.length) this.slots[i] = -1;
  }

  get bytes(): number {
    return this.slots.byteLength;
  }

  /** Grows the span (by half again at least, so appends stay amortized) to include docNo. */
  private cover(docNo: number): void {
    if (this.slots.length === 0) {
      this.base = docNo;
      this.slots = new Int32Array(1024).fill(-1);
      return;
    }
    const end = this.base + this.slots.length;
    if (docNo >= this.base && docNo < end) return;
    const slack = Math.max(1024, this.slots.length >>> 1);
    const base = docNo < this.base ? Math.max(0, docNo - slack) : this.base;
    const newEnd = docNo >= end ? docNo + 1 + slack : end;
    const grown = new Int32Array(newEnd - base).fill(-1);
    grown.set(this.slots, this.base - base);
    this.base = base;
    this.slots = grown;
  }
}
