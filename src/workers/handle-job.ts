import { assertNever } from '../common/errors';
import type { Logger } from '../common/logger';
import type { Indexer } from '../indexer/indexer';
import type { AppJob } from '../jobs/jobs';

export interface JobServices {
  indexer: Indexer;
  logger: Logger;
}

/** Runs one background job: an exhaustive switch over the job union, one service per type. */
export function createJobHandler(services: JobServices): (job: AppJob) => Promise<void> {
  return async (job) => {
    switch (job.type) {
      case 'index-candidates':
        await services.indexer.indexCandidates(job.organizationId, job.candidateIds);
        return;
      default:
        assertNever(job.type, 'job type');
    }
  };
}

/** Every job type, for the queue's workers. */
export const JOB_TYPES: AppJob['type'][] = ['index-candidates'];
