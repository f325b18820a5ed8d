/** String ↔ dense int id for one dimension, so documents store 4-byte ids instead of strings. */
export class Dictionary {
  private readonly ids = new Map<string, number>();
  readonly values: string[] = [];

  /** The id of a value, adding it if new. */
  intern(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.ids.set(value, id);
      this.values.push(value);
    }
    return id;
  }

  /** The id of a known value, or -1. */
  find(value: string): number {
    return this.ids.get(value) ?? -1;
  }

  get size(): number {
    return this.values.length;
  }

  /** Rough heap estimate: the strings plus a Map entry each. */
  get bytes(): number {
    let bytes = 0;
    for (const v of this.values) bytes += 2 * v.length + 80;
    return bytes;
  }
}

/**
 * Code-point order, which is how PostgreSQL sorts text under the C / C.UTF-8 collations (the
 * memory path is only used under those, see collation check in memory-facets.ts). Plain `<` on
 * JS strings compares UTF-16 units and misorders characters above U+FFFF against U+E000–U+FFFF.
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return fixup(x) - fixup(y);
  }
  return a.length - b.length;
}

function fixup(unit: number): number {
  if (unit >= 0xd800 && unit <= 0xdfff) return unit + 0x2000;
  if (unit >= 0xe000) return unit - 0x800;
  return unit;
}
