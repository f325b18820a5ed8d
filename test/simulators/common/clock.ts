/**
 * Time for mutations. It never runs backwards and never returns the same millisecond twice, so
 * "updated after X" filters and change ordering are unambiguous even for changes made in a tight
 * loop; and it never falls before the generated world's present.
 */
export class SimulatorClock {
  private last: number;

  constructor(floor: number) {
    this.last = floor;
  }

  /** The current time, without consuming a tick. */
  now(): number {
    return Math.max(Date.now(), this.last);
  }

  /** A fresh, strictly increasing timestamp for a change. */
  tick(): number {
    this.last = Math.max(Date.now(), this.last + 1);
    return this.last;
  }
}
