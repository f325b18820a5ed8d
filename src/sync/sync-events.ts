import type { SyncMode, SyncRunState } from '../entities/sync-run.entity';

/**
 * What `syncStatus(connectionId)` subscribers receive: the run's progress, after every page and
 * every batch of files. The same meaning on every vendor:
 *
 * - a run has `phasesTotal` phases, the connector's streams in order then `attachments` (the
 *   files), fixed when the run starts; `phasesDone` of them are finished;
 * - within the current phase, `phaseProcessed` of `phaseTotal` items are done: the records the
 *   stream lists (when the vendor gives their count) or the files left to fetch;
 * - `percent` combines both, `(phasesDone + phaseProcessed / phaseTotal) / phasesTotal`, never
 *   goes back (not even when a refused incremental run starts over in full), and reads 100
 *   only once the run is COMPLETED;
 * - `processed` and `total` count the same thing over the whole run: records written (every
 *   object of every stream). `total` is known once every stream has been read.
 */
export interface SyncRunEvent {
  connectionId: string;
  syncRunId: string;
  mode: SyncMode;
  state: SyncRunState;
  phase: string | null;
  /** Phases finished, of `phasesTotal`. */
  phasesDone: number;
  /** The connector's streams plus one for the files. */
  phasesTotal: number;
  /** Items of the current phase done: records the stream listed, or files fetched. */
  phaseProcessed: number;
  /** Items of the current phase in all, when known (the vendor's count, the files pending). */
  phaseTotal: number | null;
  /** 0 to 100, monotonic; 100 only when COMPLETED. */
  percent: number;
  /** Records the run wrote, every kind. */
  processed: number;
  /** Records the run writes in all: null until every stream has been read. */
  total: number | null;
  rateLimitWaits: number;
  skippedRecords: number;
  error: string | null;
  at: string;
}

export const syncTopic = (connectionId: string): string => `sync:${connectionId}`;

/** Progress of one run in this process: the phase's counts and the percent already shown. */
export class SyncProgress {
  phaseProcessed = 0;
  phaseTotal: number | null = null;
  /** The current phase is among `phasesDone` already: its own share must not count twice. */
  private phaseFinished = false;
  private shown = 0;

  constructor(readonly phasesTotal: number) {}

  /** A phase begins: its items counted from zero, `total` when known. */
  startPhase(total: number | null): void {
    this.phaseProcessed = 0;
    this.phaseTotal = total;
    this.phaseFinished = false;
  }

  /** The current phase is over (and counted in `phasesDone` from now on). */
  finishPhase(): void {
    this.phaseFinished = true;
  }

  /** `count` more items of the phase done; `total` is the phase's size when newly known. */
  advance(count: number, total?: number | null): void {
    this.phaseProcessed += count;
    if (total !== undefined && total !== null) this.phaseTotal = total;
  }

  /** The run's percent for an event: monotonic, one decimal, 100 only when `completed`. */
  percent(phasesDone: number, completed: boolean): number {
    if (completed) return (this.shown = 100);
    const phase =
      !this.phaseFinished && this.phaseTotal !== null && this.phaseTotal > 0
        ? Math.min(this.phaseProcessed / this.phaseTotal, 1)
        : 0;
    const raw = ((Math.min(phasesDone, this.phasesTotal) + phase) / this.phasesTotal) * 100;
    this.shown = Math.max(this.shown, Math.min(Math.floor(raw * 10) / 10, 99.9));
    return this.shown;
  }
}
