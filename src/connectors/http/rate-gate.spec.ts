import { describe, expect, it } from 'vitest';
import { RateGate } from './rate-gate';

describe('RateGate', () => {
  it('keeps a slack on the window, so latency jitter cannot put one request too many in a vendor window', async () => {
    let clock = 0;
    const gate = new RateGate(
      { maxConcurrency: 100, rate: { requests: 20, perMs: 1000 } },
      () => clock,
      (ms) => {
        clock += ms;
        return Promise.resolve();
      },
    );
    const sentAt: number[] = [];
    for (let i = 0; i < 41; i++) {
      await gate.acquire();
      sentAt.push(clock);
      gate.release();
    }
    // Any 21 consecutive requests span more than the vendor's 1,000 ms plus the slack.
    for (let i = 20; i < sentAt.length; i++)
      expect(sentAt[i]! - sentAt[i - 20]!).toBeGreaterThan(1019);
    // And the pace stays within 3 % of the allowed rate.
    expect(sentAt[40]! - sentAt[0]!).toBeLessThan(2 * 1000 * 1.03);
  });

  it('keeps a pace spelled as one request per interval close to its rate (100/s, 9.5/s)', async () => {
    for (const perMs of [10, 105]) {
      let clock = 0;
      const gate = new RateGate(
        { maxConcurrency: 8, rate: { requests: 1, perMs } },
        () => clock,
        (ms) => {
          clock += ms;
          return Promise.resolve();
        },
      );
      const sentAt: number[] = [];
      for (let i = 0; i < 101; i++) {
        await gate.acquire();
        sentAt.push(clock);
        gate.release();
      }
      // Still never two closer than the interval plus its slack…
      for (let i = 1; i < sentAt.length; i++)
        expect(sentAt[i]! - sentAt[i - 1]!).toBeGreaterThanOrEqual(perMs * 1.02);
      // …and within 12 % of the rate (whole milliseconds: 100/s goes 1 per 11 ms), where a
      // fixed 20 ms slack made it a third.
      expect(sentAt[100]! - sentAt[0]!).toBeLessThan(100 * perMs * 1.12);
    }
  });
});
