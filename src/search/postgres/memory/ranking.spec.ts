import { describe, expect, it } from 'vitest';
import { compareCodePoints } from './dictionary';
import { rankedIds } from './ranking';

describe('rankedIds', () => {
  const values = ['d', 'b', 'a', 'c', 'e'];
  const counts = Int32Array.from([3, 5, 3, 1, 0]);

  it('orders by count desc then value, keeps the top and selected values beyond it', () => {
    expect(rankedIds(counts, values, 2).map((id) => values[id])).toEqual(['b', 'a']);
    expect(rankedIds(counts, values, 2, new Set(['c'])).map((id) => values[id])).toEqual([
      'b',
      'a',
      'c',
    ]);
    // Values without a count do not exist, selected or not.
    expect(rankedIds(counts, values, 10, new Set(['e'])).map((id) => values[id])).toEqual([
      'b',
      'a',
      'd',
      'c',
    ]);
    expect(rankedIds(counts, values, 0, new Set(['d'])).map((id) => values[id])).toEqual(['d']);
  });
});

describe('compareCodePoints', () => {
  it('orders by code point like the C collation, also above U+FFFF', () => {
    const sorted = ['\u{1F600}', '\uFB01', 'b', 'a', 'ab'].sort(compareCodePoints);
    expect(sorted).toEqual(['a', 'ab', 'b', '\uFB01', '\u{1F600}']);
  });
});
