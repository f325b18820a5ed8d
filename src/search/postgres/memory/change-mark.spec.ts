import { describe, expect, it } from 'vitest';
import { ChangeMark, fullXid, parseSnapshot, runningAt } from './change-mark';

describe('parseSnapshot / runningAt', () => {
  it('reads xmin:xmax:xip and tells running transactions apart', () => {
    const snapshot = parseSnapshot('100:105:101,103');
    expect(snapshot).toEqual({ xmin: 100n, xmax: 105n, inProgress: [101n, 103n] });
    expect(runningAt(99n, snapshot)).toBe(false);
    expect(runningAt(101n, snapshot)).toBe(true);
    expect(runningAt(102n, snapshot)).toBe(false);
    expect(runningAt(105n, snapshot)).toBe(true);
    expect(parseSnapshot('7:7:').inProgress).toEqual([]);
  });
});

describe('fullXid', () => {
  it('puts a 32-bit xid in the epoch of the snapshot it is near', () => {
    const epoch = 1n << 32n;
    expect(fullXid(5603n, 5603n)).toBe(5603n);
    expect(fullXid(10n, 3n * epoch + 20n)).toBe(3n * epoch + 10n);
    // Just before a wraparound the running xid is in the previous epoch…
    expect(fullXid(epoch - 5n, 3n * epoch + 2n)).toBe(3n * epoch - 5n);
    // …and just after it, in the next.
    expect(fullXid(3n, 3n * epoch - 2n)).toBe(3n * epoch + 3n);
  });
});

describe('ChangeMark', () => {
  const at = (sequence: number, ...writers: number[]) => ({
    sequence,
    writers: writers.map((x) => BigInt(x)),
  });

  it('moves to the sequence at once when no writer was running', () => {
    const mark = new ChangeMark();
    mark.caughtUp(at(10), parseSnapshot('50:50:'));
    expect(mark.mark).toBe(10);
    expect(mark.upToDate(10)).toBe(true);
    expect(mark.upToDate(11)).toBe(false);
  });

  it('holds the mark until the writers running when the sequence was read have finished', () => {
    const mark = new ChangeMark();
    mark.caughtUp(at(10), parseSnapshot('50:50:'));
    // xid 60 may hold a value <= 20 it has not committed yet.
    mark.caughtUp(at(20, 60), parseSnapshot('60:62:60'));
    expect(mark.mark).toBe(10);
    expect(mark.upToDate(20)).toBe(false);
    // Still running: the mark stays; later values pile up behind it.
    mark.caughtUp(at(25, 60, 62), parseSnapshot('60:64:60,62'));
    expect(mark.mark).toBe(10);
    // 60 finished, 62 not: values <= 20 are settled, <= 25 are not.
    mark.caughtUp(at(30, 62), parseSnapshot('62:66:62'));
    expect(mark.mark).toBe(20);
    mark.caughtUp(at(30), parseSnapshot('70:70:'));
    expect(mark.mark).toBe(30);
    expect(mark.upToDate(30)).toBe(true);
  });

  it('holds the mark for a writer the snapshot does not list (its xid is not below xmax)', () => {
    // Seen under load: xid 5603 held change_seq 26382 uncommitted when the catch-up's snapshot
    // was "5603:5603:" (xmax is the latest completed xid + 1, so 5603 is running but unlisted).
    const mark = new ChangeMark();
    mark.caughtUp(at(26372), parseSnapshot('5602:5602:'));
    mark.caughtUp(at(26383, 5603), parseSnapshot('5603:5603:'));
    expect(mark.mark).toBe(26372);
    // Once 5603 has committed, the catch-up that sees it reads its rows and settles 26383.
    mark.caughtUp(at(26390), parseSnapshot('5604:5604:'));
    expect(mark.mark).toBe(26390);
  });
});
