import { describe, expect, it } from 'vitest';
import { SlotScratch } from './slot-scratch';

describe('SlotScratch', () => {
  it('lends the same text mask again, zeroed, however the last user left it', () => {
    const scratch = new SlotScratch(-1);
    const within = scratch.within(10);
    within.fill(1);
    const again = scratch.within(10);
    expect(again.buffer).toBe(within.buffer);
    expect([...again]).toEqual(new Array(10).fill(0));
    expect([...scratch.within(12)]).toEqual(new Array(12).fill(0));
  });
});
