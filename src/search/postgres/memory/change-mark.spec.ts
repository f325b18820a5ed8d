import { describe, expect, it } from 'vitest';
import { ChangeMark, parseSnapshot, runningAt } from './change-mark';

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

describe('ChangeMark', () => {
  it('moves to the sequence at once when nothing was in progress', () => {
    const mark = new ChangeMark();
    mark.caughtUp(10, parseSnapshot('50:50:'));
    expect(mark.mark).toBe(10);
    expect(mark.upToDate(10)).toBe(true);
    expect(mark.upToDate(11)).toBe(false);
  });

  it('holds the mark until the transactions in progress at the snapshot have finished', () => {
    const mark = new ChangeMark();
    mark.caughtUp(10, parseSnapshot('50:50:'));
    // xid 60 may hold a value <= 20 it has not committed yet.
    mark.caughtUp(20, parseSnapshot('60:62:60'));
    expect(mark.mark).toBe(10);
    expect(mark.upToDate(20)).toBe(false);
    // Still running: the mark stays; later values pile up behind it.
    mark.caughtUp(25, parseSnapshot('60:64:60,62'));
    expect(mark.mark).toBe(10);
    // 60 finished, 62 not: values <= 20 are settled, <= 25 are not.
    mark.caughtUp(30, parseSnapshot('62:66:62'));
    expect(mark.mark).toBe(20);
    mark.caughtUp(30, parseSnapshot('70:70:'));
    expect(mark.mark).toBe(30);
    expect(mark.upToDate(30)).toBe(true);
  });
});
