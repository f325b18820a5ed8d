/**
 * What changed in a dataset, in vendor-neutral terms. Each simulator turns these into its own
 * webhooks (or none: Ashby has no candidate-update webhook).
 */
import type { NeutralApplication, NeutralCandidate, NeutralJob } from '../generator';

/** Whether a change came from the test harness or through the vendor's API. */
export type ChangeOrigin = 'harness' | 'api';

export type DatasetEvent =
  | {
      type: 'candidate.created';
      candidate: NeutralCandidate;
      applications: NeutralApplication[];
      origin: ChangeOrigin;
    }
  | {
      type: 'candidate.updated';
      candidate: NeutralCandidate;
      previous: NeutralCandidate;
      origin: ChangeOrigin;
    }
  | {
      type: 'candidate.deleted';
      candidate: NeutralCandidate;
      applications: NeutralApplication[];
      origin: ChangeOrigin;
    }
  | {
      type: 'candidates.merged';
      survivor: NeutralCandidate;
      loser: NeutralCandidate;
      movedApplications: NeutralApplication[];
      origin: ChangeOrigin;
    }
  | {
      type: 'application.created';
      application: NeutralApplication;
      candidate: NeutralCandidate;
      origin: ChangeOrigin;
    }
  | {
      type: 'application.stageChanged';
      application: NeutralApplication;
      previous: NeutralApplication;
      origin: ChangeOrigin;
    }
  | {
      type: 'application.rejected';
      application: NeutralApplication;
      previous: NeutralApplication;
      origin: ChangeOrigin;
    }
  | { type: 'job.created'; job: NeutralJob; origin: ChangeOrigin }
  | { type: 'job.updated'; job: NeutralJob; previous: NeutralJob; origin: ChangeOrigin };

export type DatasetListener = (event: DatasetEvent) => void;
