import type { SyncMode, SyncRunState } from '../entities/sync-run.entity';

/** What `syncStatus(connectionId)` subscribers receive: the run's progress, after every page. */
export interface SyncRunEvent {
  connectionId: string;
  syncRunId: string;
  mode: SyncMode;
  state: SyncRunState;
  phase: string | null;
  /** Phases (vendor objects, then files) finished, of `phasesTotal`: for progress bars. */
  phasesDone: number;
  phasesTotal: number;
  processed: number;
  total: number | null;
  rateLimitWaits: number;
  skippedRecords: number;
  error: string | null;
  at: string;
}

export const syncTopic = (connectionId: string): string => `sync:${connectionId}`;
