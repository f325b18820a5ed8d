/**
 * Append-only typed arrays that double when full: the columnar index appends a slot per
 * document version, and typed arrays keep per-candidate heap small and free of GC pressure.
 */
type TypedArray = Int32Array | Float64Array | Float32Array | Uint8Array;

abstract class Growable<T extends TypedArray> {
  protected data: T;
  length = 0;

  constructor(capacity: number) {
    this.data = this.allocate(Math.max(16, capacity));
  }

  protected abstract allocate(capacity: number): T;

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = this.allocate(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }

  /** The live part, without copying; invalid after the next push that grows the array. */
  view(): T {
    return this.data.subarray(0, this.length) as T;
  }

  /** The last value pushed, or undefined when empty. */
  last(): number | undefined {
    return this.length > 0 ? this.data[this.length - 1] : undefined;
  }

  set(index: number, value: number): void {
    this.data[index] = value;
  }

  get bytes(): number {
    return this.data.byteLength;
  }
}

export class GrowableInt32 extends Growable<Int32Array> {
  protected allocate(capacity: number): Int32Array {
    return new Int32Array(capacity);
  }
}

export class GrowableFloat64 extends Growable<Float64Array> {
  protected allocate(capacity: number): Float64Array {
    return new Float64Array(capacity);
  }
}

/** float4 columns (years_*): storing them as float32 keeps comparisons identical to PostgreSQL's. */
export class GrowableFloat32 extends Growable<Float32Array> {
  protected allocate(capacity: number): Float32Array {
    return new Float32Array(capacity);
  }
}

export class GrowableUint8 extends Growable<Uint8Array> {
  protected allocate(capacity: number): Uint8Array {
    return new Uint8Array(capacity);
  }
}
