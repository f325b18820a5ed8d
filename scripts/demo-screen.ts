/**
 * What `npm run demo` prints while the first sync runs: on a terminal, one progress bar per ATS
 * and a "searchable now" line, redrawn in place; anywhere else (a pipe, a file, CI logs) plain
 * lines, one when something worth reading changes, and no cursor escapes.
 */

export interface SyncRow {
  state: string;
  phase: string | null;
  /** Progress of the whole run, 0 to 100. */
  percent: number;
  /** Records written so far. */
  processed: number;
  /** Why a run failed. */
  error?: string | null;
}

export interface ScreenOutput {
  write(text: string): unknown;
  isTTY?: boolean | undefined;
}

const ENDED = new Set(['COMPLETED', 'FAILED', 'CANCELLED']);
/** The terminal is redrawn at most this often (events arrive per page of every ATS). */
const REDRAW_MS = 100;

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

export function seconds(sinceStartMs: number): string {
  return `${(sinceStartMs / 1000).toFixed(1)} s`;
}

export class SyncScreen {
  private readonly rows = new Map<string, SyncRow>();
  private searchable: number | null = null;
  private drawn = false;
  private timer: NodeJS.Timeout | null = null;
  private readonly tty: boolean;

  constructor(
    private readonly out: ScreenOutput,
    private readonly labels: readonly string[],
    private readonly expected: number,
    /** Milliseconds since the command started (plain lines say when things happened). */
    private readonly elapsed: () => number,
    tty?: boolean,
  ) {
    this.tty = tty ?? out.isTTY === true;
    for (const label of labels)
      this.rows.set(label, { state: 'QUEUED', phase: null, percent: 0, processed: 0 });
  }

  /** The block's first draw (a terminal) or nothing (plain lines come with changes). */
  start(): void {
    if (this.tty) this.draw();
  }

  update(label: string, row: SyncRow): void {
    const before = this.rows.get(label);
    if (!before || ENDED.has(before.state)) return;
    // Events of one run come in order, but a poll may report a state the events passed.
    const next = { ...row, percent: Math.max(before.percent, row.percent) };
    this.rows.set(label, next);
    if (this.tty) return this.redrawSoon();
    if (next.state !== before.state || next.phase !== before.phase) {
      const what = ENDED.has(next.state)
        ? `${next.state} (${formatCount(next.processed)} records)${next.error ? `: ${next.error}` : ''}`
        : `${next.state} ${next.phase ?? ''} ${Math.floor(next.percent)} %`.replace(/\s+/g, ' ');
      this.out.write(`sync: ${label} ${what} at ${seconds(this.elapsed())}\n`);
    }
  }

  setSearchable(count: number): void {
    if (count === this.searchable) return;
    this.searchable = count;
    if (this.tty) return this.redrawSoon();
    this.out.write(
      `searchable: ${formatCount(count)} of ${formatCount(this.expected)} candidates at ${seconds(this.elapsed())}\n`,
    );
  }

  allCompleted(): boolean {
    return [...this.rows.values()].every((r) => r.state === 'COMPLETED');
  }

  allEnded(): boolean {
    return [...this.rows.values()].every((r) => ENDED.has(r.state));
  }

  /** The last draw; later output goes below the block. */
  finish(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.tty) this.draw();
  }

  private redrawSoon(): void {
    this.timer ??= setTimeout(() => {
      this.timer = null;
      this.draw();
    }, REDRAW_MS);
  }

  private draw(): void {
    const lines = this.labels.map((label) => bar(label, this.rows.get(label)!));
    lines.push(
      `Searchable now: ${formatCount(this.searchable ?? 0)} of ${formatCount(this.expected)} candidates`,
    );
    const up = this.drawn ? `\x1b[${lines.length}A` : '';
    this.drawn = true;
    this.out.write(up + lines.map((l) => `\x1b[2K${l}\n`).join(''));
  }
}

function bar(label: string, row: SyncRow): string {
  const width = 30;
  const filled = Math.round((Math.min(100, Math.max(0, row.percent)) / 100) * width);
  const state = ENDED.has(row.state) ? row.state : `${row.state} ${row.phase ?? ''}`.trim();
  return `${label.padEnd(16)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.floor(row.percent)).padStart(3)} %  ${formatCount(row.processed).padStart(7)} records  ${state}`;
}
