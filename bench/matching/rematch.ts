import type { DataSource } from 'typeorm';
import { createLogger } from '../../src/common/logger';
import type { JobQueue } from '../../src/jobs/job-queue';
import type { AppJob } from '../../src/jobs/jobs';
import { DirectoryProfileProvider } from '../../src/profiles/directory-provider';
import { ProfileMatcher } from '../../src/profiles/profile-matcher';
import { candidateIdentityLoader } from '../../src/workers/candidate-identities';
import { JOB_WORKERS } from '../../src/workers/handle-job';
import { profiledDataSource, StepTimes } from './step-times';

/** Jobs the matcher queues, kept instead of run (the bench runs the match jobs itself). */
class RecordingQueue implements JobQueue<AppJob> {
  jobs: AppJob[] = [];
  start(): Promise<void> {
    return Promise.resolve();
  }
  stop(): Promise<void> {
    return Promise.resolve();
  }
  send(job: AppJob): Promise<void> {
    this.jobs.push(job);
    return Promise.resolve();
  }
  work(): Promise<void> {
    return Promise.reject(new Error('the bench queue runs no workers'));
  }
}

export interface RematchRun {
  seconds: number;
  /** Candidates the run looked at (after an import: as many times as jobs named them). */
  candidates: number;
  /** Candidates whose match changed (they would be reindexed). */
  changed: number;
  steps: { label: string; ms: number; calls: number }[];
}

/** The matcher main.ts builds (directory provider, candidate identities), its steps timed. */
export class BenchMatcher {
  readonly times = new StepTimes();
  private readonly queue = new RecordingQueue();
  private readonly matcher: ProfileMatcher;
  /** Candidates the identity loader was asked for, summed over calls. */
  private looked = 0;

  constructor(dataSource: DataSource) {
    const provider = new DirectoryProfileProvider(dataSource);
    const identities = candidateIdentityLoader(dataSource.manager);
    this.matcher = new ProfileMatcher({
      dataSource: profiledDataSource(dataSource, this.times),
      provider: {
        fromDirectory: provider.fromDirectory,
        candidatesFor: (organizationId, batch) =>
          this.times.time('directory query (profiles by URL, e-mail, name)', () =>
            provider.candidatesFor(organizationId, batch),
          ),
      },
      identities: (organizationId, ids) => {
        this.looked += ids.length;
        return this.times.time('load candidates (identity loader, resumes parsed)', () =>
          identities(organizationId, ids),
        );
      },
      queue: this.queue,
      logger: createLogger('warn'),
    });
  }

  /** Every candidate matched again, as the worker does for candidates a sync changed. */
  async fullRematch(organizationId: string, candidateIds: readonly string[]): Promise<RematchRun> {
    return this.run(
      async () => (await this.matcher.matchCandidates(organizationId, candidateIds)).length,
    );
  }

  /**
   * What an import sets off: the route's hook queues `match-profiles` jobs for the changed
   * profiles (ProfileMatcher.queueRematch); the worker takes them a batch at a time (its
   * JOB_WORKERS batch size, one batch at once) and rematches each batch's profiles together
   * (createJobHandler in src/workers/handle-job.ts).
   */
  async afterImport(organizationId: string, profileIds: readonly string[]): Promise<RematchRun> {
    const batchSize = JOB_WORKERS.find((w) => w.types.includes('match-profiles'))?.batchSize ?? 1;
    return this.run(async () => {
      this.queue.jobs = [];
      await this.matcher.queueRematch(organizationId, profileIds);
      const jobs = this.queue.jobs.flatMap((j) => (j.type === 'match-profiles' ? [j] : []));
      this.queue.jobs = [];
      let changed = 0;
      for (let i = 0; i < jobs.length; i += batchSize) {
        const ids = new Set(jobs.slice(i, i + batchSize).flatMap((j) => j.profileIds));
        changed += await this.matcher.rematchForProfiles(organizationId, [...ids]);
      }
      return changed;
    });
  }

  private async run(body: () => Promise<number>): Promise<RematchRun> {
    this.times.reset();
    this.looked = 0;
    const started = performance.now();
    const changed = await body();
    const ms = performance.now() - started;
    const measured = this.times.rows();
    const inSteps = measured.reduce((sum, s) => sum + s.ms, 0);
    return {
      seconds: ms / 1000,
      candidates: this.looked,
      changed,
      // The matcher loads a batch while it decides the one before: steps overlap, so the rest
      // (the JavaScript no step covers) is only known when they add up to less than the run.
      steps:
        inSteps < ms
          ? [
              ...measured,
              {
                label: 'JavaScript: rules, refusals, bookkeeping (the rest)',
                ms: ms - inSteps,
                calls: 0,
              },
            ]
          : measured,
    };
  }
}
