import type { ExportJob } from '../entities';
import type { ExportItemResult, ExportJobEvent } from './export-events';

/** The event for a job's current row, with the item results decided since the last one. */
export function jobEvent(job: ExportJob, results: ExportItemResult[]): ExportJobEvent {
  return {
    jobId: job.id,
    state: job.state,
    total: job.total ?? 0,
    processed: job.processed,
    succeeded: job.succeeded,
    skipped: job.skipped,
    failed: job.failed,
    results,
    error: job.error,
    at: new Date().toISOString(),
  };
}
