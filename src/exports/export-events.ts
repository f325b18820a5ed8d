import type { ExportState } from '../entities/export-job.entity';
import type { ExportOutcome } from '../entities/export-item.entity';

/** One candidate's latest result within an export. */
export interface ExportItemResult {
  candidateId: string;
  outcome: ExportOutcome;
  remoteId: string | null;
  error: string | null;
  attempts: number;
}

/**
 * What `exportStatus(jobId)` subscribers receive: the job's state and counts, and the items
 * decided since the last event (published through PostgreSQL, so any api process sees it).
 */
export interface ExportJobEvent {
  jobId: string;
  state: ExportState;
  total: number;
  processed: number;
  succeeded: number;
  skipped: number;
  failed: number;
  results: ExportItemResult[];
  error: string | null;
  at: string;
}

export const exportTopic = (jobId: string): string => `export:${jobId}`;

/** NOTIFY carries at most ~8 kB: an event names at most this many item results. */
export const MAX_RESULTS_PER_EVENT = 10;
