import { describe, expect, it } from 'vitest';
import { mapInChunks } from './yield-to-loop';

describe('mapInChunks', () => {
  it('maps every item in order', async () => {
    expect(await mapInChunks([1, 2, 3, 4, 5], (n) => n * 10, 2)).toEqual([10, 20, 30, 40, 50]);
    expect(await mapInChunks([], (n: number) => n)).toEqual([]);
  });

  it('lets waiting callbacks run between chunks, not inside one', async () => {
    const seen: string[] = [];
    setImmediate(() => seen.push('waiting callback'));
    await mapInChunks([1, 2, 3, 4], (n) => seen.push(`item ${n}`), 2);
    expect(seen).toEqual(['item 1', 'item 2', 'waiting callback', 'item 3', 'item 4']);
  });
});
