import { assertNever } from '../common/errors';
import type { Logger } from '../common/logger';
import type { ExportRunner } from '../exports/export-runner';
import type { Indexer } from '../indexer/indexer';
import type { ConnectionReindexer } from '../indexer/connection-reindex';
import type { ProfileMatcher } from '../profiles/profile-matcher';
import type { NoteService } from '../triggers/note-service';
import type { AppJob } from '../jobs/jobs';
import type { WebhookEvent } from '../common/webhook-event';
import type { SyncRunner } from '../sync/sync-runner';
import type { WebhookApplier } from '../sync/webhook-applier';

export interface JobServices {
  indexer: Indexer;
  syncRunner: SyncRunner;
  webhooks: WebhookApplier;
  exports: ExportRunner;
  notes: NoteService;
  /** Candidates changed by a sync or webhook are matched again before they are indexed. */
  matcher: ProfileMatcher;
  /** Rebuilds a connection's search documents after its filterable custom fields changed. */
  reindexer: ConnectionReindexer;
  logger: Logger;
}

/**
 * Runs a batch of background jobs: "candidate changed" events are coalesced into one indexing
 * pass per organization and webhook events into one pass per connection; sync runs go one by
 * one. The switch is exhaustive.
 */
export function createJobHandler(services: JobServices): (jobs: AppJob[]) => Promise<void> {
  return async (jobs) => {
    const toIndex = new Map<string, Set<string>>();
    // An organization's pass is a bulk load only when every job in it is (one webhook's change
    // among a full sync's pages still waits to be searchable).
    const urgent = new Set<string>();
    const webhooks = new Map<string, WebhookEvent[]>();
    const toRematch = new Map<string, Set<string>>();
    for (const job of jobs) {
      switch (job.type) {
        case 'index-candidates': {
          const ids = toIndex.get(job.organizationId) ?? new Set<string>();
          for (const id of job.candidateIds) ids.add(id);
          toIndex.set(job.organizationId, ids);
          if (!job.bulk) urgent.add(job.organizationId);
          break;
        }
        case 'sync-connection':
          await services.syncRunner.run(job.syncRunId);
          break;
        case 'run-export':
          await services.exports.run(job.exportJobId);
          break;
        case 'write-note':
          await services.notes.retry(job.noteId);
          break;
        case 'match-profiles': {
          const ids = toRematch.get(job.organizationId) ?? new Set<string>();
          for (const id of job.profileIds) ids.add(id);
          toRematch.set(job.organizationId, ids);
          break;
        }
        case 'apply-webhook': {
          const events = webhooks.get(job.connectionId) ?? [];
          events.push(...job.events);
          webhooks.set(job.connectionId, events);
          break;
        }
        case 'reindex-connection':
          await services.reindexer.run(job);
          break;
        default:
          assertNever(job, 'job');
      }
    }
    // The profiles of a large import's jobs together: a candidate several of them concern (a
    // common name) is matched once per batch of jobs, not once per job.
    for (const [organizationId, ids] of toRematch)
      await services.matcher.rematchForProfiles(organizationId, [...ids]);
    // A burst of deliveries becomes one pass per connection: each candidate is fetched once.
    for (const [connectionId, events] of webhooks)
      await services.webhooks.apply(connectionId, events);
    for (const [organizationId, ids] of toIndex) {
      await services.matcher.matchCandidates(organizationId, [...ids]);
      await services.indexer.indexCandidates(organizationId, [...ids], {
        bulk: !urgent.has(organizationId),
      });
    }
  };
}

/** How each job type is worked: batch sizes fit how long one job takes. */
export const JOB_WORKERS: {
  types: AppJob['type'][];
  batchSize: number;
  concurrency: number;
  /** WorkOptions.reclaimActive: for idempotent jobs only. */
  reclaimActive?: boolean;
}[] = [
  // Indexing is idempotent: a killed worker's batches are taken back at the next worker's start
  // rather than left unsearchable until they expire (15 min).
  { types: ['index-candidates'], batchSize: 50, concurrency: 2, reclaimActive: true },
  { types: ['apply-webhook'], batchSize: 50, concurrency: 2 },
  // Runs are long and hold an advisory lock each; a few at once per worker process.
  { types: ['sync-connection'], batchSize: 1, concurrency: 3 },
  // Exports pace themselves per destination; a few run at once per worker process.
  { types: ['run-export'], batchSize: 1, concurrency: 2 },
  { types: ['write-note'], batchSize: 1, concurrency: 2 },
  // A connection's reindex is long and resumable; one at a time per worker process.
  { types: ['reindex-connection'], batchSize: 1, concurrency: 1 },
  // Up to 20 jobs of 1,000 changed profiles each, coalesced per organization.
  { types: ['match-profiles'], batchSize: 20, concurrency: 1 },
];
