import { describe, expect, it } from 'vitest';
import { SlotScratch } from './slot-scratch';

describe('SlotScratch', () => {
  it('lends the same text and insight masks again, zeroed, however the last user left them', () => {
    const scratch = new SlotScratch(-1);
    const within = scratch.within(10);
    within.fill(1);
    const again = scratch.within(10);
    expect(again.buffer).toBe(within.buffer);
    expect([...again]).toEqual(new Array(10).fill(0));

    const matched = scratch.matched(10);
    matched[3] = 1;
    expect(matched.buffer).not.toBe(within.buffer);
    expect([...scratch.matched(12)]).toEqual(new Array(12).fill(0));
  });
});
