/**
 * Changes to a live dataset, the way an ATS changes under a connector: new candidates, profile
 * edits, stage moves, rejections, deletes, merges, job changes. Every change bumps the touched
 * records' times (so incremental sync sees it) and is announced as a {@link DatasetEvent} that the
 * simulator turns into its vendor's webhooks.
 */
import {
  buildResumeText,
  emptyCandidate,
  generateCandidate,
  generateJob,
  jobChange,
  Rng,
  type Dataset,
  type NeutralApplication,
  type NeutralCandidate,
  type NeutralJob,
  type RandomSource,
} from '../generator';
import type { SimulatorClock } from './clock';
import type { ChangeOrigin, DatasetEvent, DatasetListener } from './dataset-events';
import { applyRandomChange } from './random-change';

/** Fields a test (or an API write) may set on a candidate. */
export type CandidatePatch = Partial<
  Omit<NeutralCandidate, 'key' | 'index' | 'createdAt' | 'updatedAt' | 'lastActivityAt'>
>;

/** Application fields an API write may set (stage, source, recruiter). */
export type ApplicationDetails = Partial<
  Pick<NeutralApplication, 'stageKey' | 'sourceKey' | 'recruiterKey'>
>;

export type JobPatch = Partial<Omit<NeutralJob, 'key' | 'createdAt' | 'updatedAt'>>;

export type RandomChangeKind =
  | 'createCandidate'
  | 'updateCandidate'
  | 'applyToJob'
  | 'moveStage'
  | 'reject'
  | 'deleteCandidate'
  | 'mergeCandidates';

export interface RandomChange {
  kind: RandomChangeKind;
  /** Neutral keys of the records touched (candidate and/or application keys). */
  keys: string[];
}

/** The harness's `mutate`: every call updates data, times and fires the vendor's webhooks. */
export interface DatasetMutations {
  /**
   * A new generated candidate (with `overrides` applied) who applies to `jobKey` now: a random
   * open job when omitted, no application at all when null.
   */
  createCandidate(
    overrides?: CandidatePatch,
    options?: { jobKey?: string | null },
  ): NeutralCandidate;
  /** Edits a profile; without a patch the candidate changes jobs (new company and title). */
  updateCandidate(key: string, patch?: CandidatePatch): NeutralCandidate;
  /** A new application (random open job when omitted; null makes a job-less prospect one). */
  applyToJob(candidateKey: string, jobKey?: string | null): NeutralApplication;
  /**
   * Moves an application to `stageKey`, or to the next stage (Offer → Hired hires). A rejected
   * application is reactivated; a hired one cannot move.
   */
  moveStage(applicationKey: string, stageKey?: string): NeutralApplication;
  /** Rejects an active application; a "they rejected us" reason archives it instead. */
  reject(applicationKey: string, reasonKey?: string): NeutralApplication;
  deleteCandidate(key: string): void;
  /** The loser disappears; its applications, e-mails, phones and tags move to the survivor. */
  mergeCandidates(survivorKey: string, loserKey: string): NeutralCandidate;
  createJob(overrides?: JobPatch): NeutralJob;
  /** Edits a job; without a patch an open job closes and any other job reopens. */
  updateJob(key: string, patch?: JobPatch): NeutralJob;
  /** One random change of the kinds above, drawn from `rng`. */
  randomChange(rng: RandomSource | Rng): RandomChange;
}

export class DatasetMutator implements DatasetMutations {
  private readonly listeners: DatasetListener[] = [];
  /** Drives default choices (which job, which new employer) reproducibly per dataset seed. */
  private readonly rng: Rng;

  constructor(
    private readonly dataset: Dataset,
    private readonly clock: SimulatorClock,
  ) {
    this.rng = Rng.fromSeed(dataset.seed, 'mutations');
  }

  onChange(listener: DatasetListener): void {
    this.listeners.push(listener);
  }

  createCandidate(
    overrides: CandidatePatch = {},
    options: { jobKey?: string | null } = {},
    origin: ChangeOrigin = 'harness',
  ): NeutralCandidate {
    const index = this.dataset.nextCandidateIndex;
    const { candidate: generated } = generateCandidate(
      this.dataset.seed,
      index,
      this.dataset.liveReference(),
    );
    const t = this.clock.tick();
    const candidate = this.finishCandidate({ ...generated, ...overrides }, overrides, t);
    candidate.attachments = candidate.attachments.map((a) => ({ ...a, createdAt: t }));
    const applications =
      options.jobKey === null ? [] : [this.newApplication(candidate, options.jobKey, t)];
    this.dataset.putCandidate(candidate);
    for (const app of applications) this.dataset.putApplication(app);
    this.emit({ type: 'candidate.created', candidate, applications, origin });
    return candidate;
  }

  /** A candidate with only the given fields (what an API create sends), no applications. */
  insertCandidate(input: CandidatePatch, origin: ChangeOrigin = 'api'): NeutralCandidate {
    const index = this.dataset.nextCandidateIndex;
    const t = this.clock.tick();
    const candidate = { ...emptyCandidate(index, t), ...input };
    this.dataset.putCandidate(candidate);
    this.emit({ type: 'candidate.created', candidate, applications: [], origin });
    return candidate;
  }

  updateCandidate(
    key: string,
    patch?: CandidatePatch,
    origin: ChangeOrigin = 'harness',
  ): NeutralCandidate {
    const previous = this.requireCandidate(key);
    const t = this.clock.tick();
    const candidate: NeutralCandidate = {
      ...previous,
      ...(patch ?? jobChange(previous, this.rng, new Date(this.clock.now()).getUTCFullYear())),
      updatedAt: t,
      lastActivityAt: t,
    };
    this.dataset.putCandidate(candidate);
    this.emit({ type: 'candidate.updated', candidate, previous, origin });
    return candidate;
  }

  applyToJob(
    candidateKeyValue: string,
    jobKey?: string | null,
    origin: ChangeOrigin = 'harness',
    details: ApplicationDetails = {},
  ): NeutralApplication {
    const candidate = this.requireCandidate(candidateKeyValue);
    const t = this.clock.tick();
    const application = { ...this.newApplication(candidate, jobKey, t), ...details };
    this.dataset.putApplication(application);
    const touched = this.touch(candidate, t);
    this.emit({ type: 'application.created', application, candidate: touched, origin });
    return application;
  }

  moveStage(
    applicationKey: string,
    stageKey?: string,
    origin: ChangeOrigin = 'harness',
  ): NeutralApplication {
    const previous = this.requireApplication(applicationKey);
    if (previous.status === 'HIRED')
      throw new Error(`Application ${applicationKey} is already hired`);
    const target = stageKey ? this.dataset.stage(stageKey) : this.nextStage(previous.stageKey);
    if (!target) throw new Error(`No stage ${stageKey ?? `after ${previous.stageKey}`}`);
    if (target.kind === 'ARCHIVED') throw new Error('Use reject() to archive an application');
    const t = this.clock.tick();
    // Moving a rejected application reactivates it, as ATS UIs do.
    const application: NeutralApplication = {
      ...previous,
      stageKey: target.key,
      status: target.kind === 'HIRED' ? 'HIRED' : 'ACTIVE',
      rejectionReasonKey: null,
      rejectedAt: null,
      updatedAt: t,
    };
    this.dataset.putApplication(application);
    this.touch(this.requireCandidate(application.candidateKey), t);
    this.emit({ type: 'application.stageChanged', application, previous, origin });
    return application;
  }

  reject(
    applicationKey: string,
    reasonKey?: string,
    origin: ChangeOrigin = 'harness',
  ): NeutralApplication {
    const previous = this.requireActiveApplication(applicationKey);
    const reason = reasonKey
      ? this.dataset.rejectionReason(reasonKey)
      : this.dataset.reference.rejectionReasons.find((r) => r.type === 'WE_REJECTED_THEM');
    if (!reason) throw new Error(`No rejection reason ${reasonKey ?? ''}`);
    const t = this.clock.tick();
    const application: NeutralApplication = {
      ...previous,
      status: reason.type === 'THEY_REJECTED_US' ? 'ARCHIVED' : 'REJECTED',
      rejectionReasonKey: reason.key,
      rejectedAt: t,
      updatedAt: t,
    };
    this.dataset.putApplication(application);
    this.touch(this.requireCandidate(application.candidateKey), t);
    this.emit({ type: 'application.rejected', application, previous, origin });
    return application;
  }

  deleteCandidate(key: string, origin: ChangeOrigin = 'harness'): void {
    const candidate = this.requireCandidate(key);
    const applications = this.dataset.removeCandidate(key);
    this.emit({ type: 'candidate.deleted', candidate, applications, origin });
  }

  mergeCandidates(
    survivorKey: string,
    loserKey: string,
    origin: ChangeOrigin = 'harness',
  ): NeutralCandidate {
    if (survivorKey === loserKey) throw new Error('Cannot merge a candidate into itself');
    const previous = this.requireCandidate(survivorKey);
    const loser = this.requireCandidate(loserKey);
    const t = this.clock.tick();
    const unique = <T>(items: T[], by: (item: T) => string): T[] =>
      items.filter((item, i) => items.findIndex((other) => by(other) === by(item)) === i);
    const survivor: NeutralCandidate = {
      ...previous,
      emails: unique([...previous.emails, ...loser.emails], (e) => e.value.toLowerCase()),
      phones: unique([...previous.phones, ...loser.phones], (p) => p.value),
      tags: unique([...previous.tags, ...loser.tags], (tag) => tag),
      linkedinUrl: previous.linkedinUrl ?? loser.linkedinUrl,
      githubUrl: previous.githubUrl ?? loser.githubUrl,
      websiteUrl: previous.websiteUrl ?? loser.websiteUrl,
      attachments: [...previous.attachments, ...loser.attachments],
      updatedAt: t,
      lastActivityAt: t,
    };
    const movedApplications = this.dataset.applicationsOf(loserKey).map((app) => ({
      ...app,
      candidateKey: survivorKey,
      updatedAt: t,
    }));
    for (const app of movedApplications) this.dataset.putApplication(app);
    this.dataset.removeCandidate(loserKey);
    this.dataset.putCandidate(survivor);
    this.emit({ type: 'candidates.merged', survivor, loser, movedApplications, origin });
    return survivor;
  }

  createJob(overrides: JobPatch = {}, origin: ChangeOrigin = 'harness'): NeutralJob {
    const index = this.dataset.jobs.length;
    const { users, offices } = this.dataset.reference;
    const generated = generateJob(this.dataset.seed, index, this.dataset.now, users, offices);
    const t = this.clock.tick();
    const job: NeutralJob = {
      ...generated,
      status: 'OPEN',
      hasPosting: true,
      postingListed: true,
      closedAt: null,
      ...overrides,
      openedAt: overrides.openedAt ?? t,
      createdAt: t,
      updatedAt: t,
    };
    this.dataset.putJob(job);
    this.emit({ type: 'job.created', job, origin });
    return job;
  }

  updateJob(key: string, patch?: JobPatch, origin: ChangeOrigin = 'harness'): NeutralJob {
    const previous = this.dataset.job(key);
    if (!previous) throw new Error(`No job ${key}`);
    const t = this.clock.tick();
    const defaultPatch: JobPatch =
      previous.status === 'OPEN'
        ? { status: 'CLOSED', closedAt: t, postingListed: false }
        : { status: 'OPEN', closedAt: null, openedAt: t, hasPosting: true };
    const job: NeutralJob = { ...previous, ...(patch ?? defaultPatch), updatedAt: t };
    this.dataset.putJob(job);
    this.emit({ type: 'job.updated', job, previous, origin });
    return job;
  }

  randomChange(source: RandomSource | Rng): RandomChange {
    return applyRandomChange(this, this.dataset, source instanceof Rng ? source : new Rng(source));
  }

  openJobs(): NeutralJob[] {
    return [...this.dataset.jobs.values()].filter((j) => j.status === 'OPEN');
  }

  private newApplication(
    candidate: NeutralCandidate,
    jobKey: string | null | undefined,
    t: number,
  ): NeutralApplication {
    let job: NeutralJob | undefined;
    if (jobKey) {
      job = this.dataset.job(jobKey);
      if (!job) throw new Error(`No job ${jobKey}`);
    } else if (jobKey === undefined) {
      const open = this.openJobs();
      if (open.length === 0) throw new Error('No open job to apply to');
      job = this.rng.pick(open);
    }
    const n = this.dataset.applicationsOf(candidate.key).length + 1;
    return {
      key: `app-${candidate.index}-${n}-${t.toString(36)}`,
      candidateKey: candidate.key,
      jobKey: job?.key ?? null,
      stageKey: job ? 'new' : 'lead',
      status: 'ACTIVE',
      rejectionReasonKey: null,
      rejectedAt: null,
      prospect: !job,
      sourceKey: candidate.sourceKey,
      recruiterKey: job?.recruiterKey ?? candidate.recruiterKey,
      createdAt: t,
      updatedAt: t,
    };
  }

  /** Resume text follows the final fields unless the caller supplied its own. */
  private finishCandidate(
    merged: NeutralCandidate,
    overrides: CandidatePatch,
    t: number,
  ): NeutralCandidate {
    const candidate: NeutralCandidate = {
      ...merged,
      createdAt: t,
      updatedAt: t,
      lastActivityAt: t,
    };
    candidate.resumeText = overrides.resumeText ?? buildResumeText(candidate);
    return candidate;
  }

  private nextStage(currentKey: string): ReturnType<Dataset['stage']> {
    const current = this.dataset.stage(currentKey);
    if (!current) return undefined;
    return this.dataset.reference.stages
      .filter((s) => s.order > current.order && s.kind !== 'ARCHIVED')
      .sort((a, b) => a.order - b.order)[0];
  }

  private touch(candidate: NeutralCandidate, t: number): NeutralCandidate {
    const touched = { ...candidate, lastActivityAt: t };
    this.dataset.putCandidate(touched);
    return touched;
  }

  private requireCandidate(key: string): NeutralCandidate {
    const candidate = this.dataset.candidates.get(key);
    if (!candidate) throw new Error(`No candidate ${key}`);
    return candidate;
  }

  private requireApplication(key: string): NeutralApplication {
    const app = this.dataset.applications.get(key);
    if (!app) throw new Error(`No application ${key}`);
    return app;
  }

  private requireActiveApplication(key: string): NeutralApplication {
    const app = this.requireApplication(key);
    if (app.status !== 'ACTIVE') throw new Error(`Application ${key} is ${app.status}, not ACTIVE`);
    return app;
  }

  private emit(event: DatasetEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
