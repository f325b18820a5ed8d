import { describe, expect, it } from 'vitest';
import { DocSlots } from './doc-slots';

describe('DocSlots', () => {
  it('maps doc numbers to slots across growth in both directions, -1 for none', () => {
    const slots = new DocSlots();
    expect(slots.get(5)).toBe(-1);
    const expected = new Map<number, number>();
    // Out of order and far apart: above, below and inside the span covered so far.
    const numbers = [50_000, 50_001, 10, 120_000, 49_999, 3, 75_000];
    numbers.forEach((docNo, slot) => {
      slots.set(docNo, slot);
      expected.set(docNo, slot);
    });
    for (const [docNo, slot] of expected) expect(slots.get(docNo)).toBe(slot);
    for (const absent of [0, 4, 11, 50_002, 119_999, 120_001, 10_000_000, -1])
      expect(slots.get(absent)).toBe(-1);
  });

  it('moves a doc number to its new slot and forgets a deleted one', () => {
    const slots = new DocSlots();
    slots.set(7, 0);
    slots.set(7, 4);
    expect(slots.get(7)).toBe(4);
    slots.delete(7);
    slots.delete(123_456);
    expect(slots.get(7)).toBe(-1);
  });
});
