import { assertNever } from '../common/errors';
import type { Logger } from '../common/logger';
import type { Indexer } from '../indexer/indexer';
import type { AppJob } from '../jobs/jobs';
import type { SyncRunner } from '../sync/sync-runner';
import type { WebhookApplier } from '../sync/webhook-applier';

export interface JobServices {
  indexer: Indexer;
  syncRunner: SyncRunner;
  webhooks: WebhookApplier;
  logger: Logger;
}

/** Runs one background job: an exhaustive switch over the job union, one service per type. */
export function createJobHandler(services: JobServices): (job: AppJob) => Promise<void> {
  return async (job) => {
    switch (job.type) {
      case 'index-candidates':
        await services.indexer.indexCandidates(job.organizationId, job.candidateIds);
        return;
      case 'sync-connection':
        await services.syncRunner.run(job.syncRunId);
        return;
      case 'apply-webhook':
        await services.webhooks.apply(job.connectionId, job.events);
        return;
      default:
        assertNever(job, 'job');
    }
  };
}

/** Every job type, for the queue's workers. */
export const JOB_TYPES: AppJob['type'][] = ['index-candidates', 'sync-connection', 'apply-webhook'];
