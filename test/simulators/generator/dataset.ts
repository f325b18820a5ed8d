/**
 * A materialized world for one simulator: reference data plus candidates, applications and jobs
 * in change-logged collections. Fine in memory up to a few hundred thousand candidates; for more,
 * stream {@link generateCandidate} instead.
 */
import { generateCandidate } from './candidate-generator';
import type {
  NeutralApplication,
  NeutralCandidate,
  NeutralCustomFieldDefinition,
  NeutralDepartment,
  NeutralJob,
  NeutralOffice,
  NeutralRejectionReason,
  NeutralSource,
  NeutralStage,
  NeutralUser,
  ReferenceData,
} from './neutral-model';
import { ChangeSequence, OrderedCollection } from './ordered-collection';
import { generateReference } from './reference-generator';

/** Default "present" of generated worlds: fixed, so a seed always yields the same times. */
export const DEFAULT_NOW = Date.UTC(2026, 0, 1);

export interface DatasetOptions {
  /** Anything; the same seed gives the same world. Default 'rediscover'. */
  seed?: string | number;
  /** How many candidates to generate. */
  candidates: number;
  /** The generated world's present (epoch ms or Date). Default {@link DEFAULT_NOW}. */
  now?: number | Date;
  /** How many jobs. Default 40. */
  jobs?: number;
}

export class Dataset {
  readonly sequence = new ChangeSequence();
  readonly candidates = new OrderedCollection<NeutralCandidate>(this.sequence);
  readonly applications = new OrderedCollection<NeutralApplication>(this.sequence);
  /** Jobs change (create, status) so they live here, not in `reference.jobs` (the initial list). */
  readonly jobs = new OrderedCollection<NeutralJob>(this.sequence);
  /** Generator index the next created candidate gets. */
  nextCandidateIndex: number;
  private readonly applicationKeysByCandidate = new Map<string, string[]>();
  private readonly byKey: {
    users: Map<string, NeutralUser>;
    sources: Map<string, NeutralSource>;
    rejectionReasons: Map<string, NeutralRejectionReason>;
    stages: Map<string, NeutralStage>;
    departments: Map<string, NeutralDepartment>;
    offices: Map<string, NeutralOffice>;
    customFields: Map<string, NeutralCustomFieldDefinition>;
  };

  constructor(readonly reference: ReferenceData) {
    const index = <T extends { key: string }>(items: readonly T[]): Map<string, T> =>
      new Map(items.map((i) => [i.key, i]));
    this.byKey = {
      users: index(reference.users),
      sources: index(reference.sources),
      rejectionReasons: index(reference.rejectionReasons),
      stages: index(reference.stages),
      departments: index(reference.departments),
      offices: index(reference.offices),
      customFields: index(reference.customFields),
    };
    for (const job of reference.jobs) this.jobs.load({ ...job });
    this.nextCandidateIndex = 0;
  }

  get seed(): string {
    return this.reference.seed;
  }

  get now(): number {
    return this.reference.now;
  }

  /** Reference data with the live job list, for generating new candidates. */
  liveReference(): ReferenceData {
    return { ...this.reference, jobs: [...this.jobs.values()] };
  }

  user(key: string | null): NeutralUser | undefined {
    return key === null ? undefined : this.byKey.users.get(key);
  }
  source(key: string | null): NeutralSource | undefined {
    return key === null ? undefined : this.byKey.sources.get(key);
  }
  rejectionReason(key: string | null): NeutralRejectionReason | undefined {
    return key === null ? undefined : this.byKey.rejectionReasons.get(key);
  }
  stage(key: string): NeutralStage | undefined {
    return this.byKey.stages.get(key);
  }
  department(key: string): NeutralDepartment | undefined {
    return this.byKey.departments.get(key);
  }
  office(key: string): NeutralOffice | undefined {
    return this.byKey.offices.get(key);
  }
  customField(key: string): NeutralCustomFieldDefinition | undefined {
    return this.byKey.customFields.get(key);
  }
  job(key: string | null): NeutralJob | undefined {
    return key === null ? undefined : this.jobs.get(key);
  }

  /** The candidate's live applications, oldest first. */
  applicationsOf(candidateKey: string): NeutralApplication[] {
    const keys = this.applicationKeysByCandidate.get(candidateKey) ?? [];
    return keys
      .map((k) => this.applications.get(k))
      .filter((a): a is NeutralApplication => Boolean(a));
  }

  /** Initial data (no change-log entries). */
  load(candidate: NeutralCandidate, applications: NeutralApplication[]): void {
    this.candidates.load(candidate);
    for (const app of applications) this.applications.load(app);
    this.applicationKeysByCandidate.set(
      candidate.key,
      applications.map((a) => a.key),
    );
    this.nextCandidateIndex = Math.max(this.nextCandidateIndex, candidate.index + 1);
  }

  putCandidate(candidate: NeutralCandidate): void {
    this.candidates.put(candidate);
    this.nextCandidateIndex = Math.max(this.nextCandidateIndex, candidate.index + 1);
  }

  /** Inserts or updates an application, keeping the per-candidate index right (merges move them). */
  putApplication(app: NeutralApplication): void {
    const previous = this.applications.get(app.key);
    if (previous && previous.candidateKey !== app.candidateKey) this.unindex(previous);
    if (!previous || previous.candidateKey !== app.candidateKey) {
      const keys = this.applicationKeysByCandidate.get(app.candidateKey) ?? [];
      keys.push(app.key);
      this.applicationKeysByCandidate.set(app.candidateKey, keys);
    }
    this.applications.put(app);
  }

  putJob(job: NeutralJob): void {
    this.jobs.put(job);
  }

  /** Removes a candidate and its applications. */
  removeCandidate(key: string): NeutralApplication[] {
    const apps = this.applicationsOf(key);
    for (const app of apps) this.applications.delete(app.key);
    this.applicationKeysByCandidate.delete(key);
    this.candidates.delete(key);
    return apps;
  }

  private unindex(app: NeutralApplication): void {
    const keys = this.applicationKeysByCandidate.get(app.candidateKey);
    if (!keys) return;
    const at = keys.indexOf(app.key);
    if (at >= 0) keys.splice(at, 1);
  }
}

export function createDataset(options: DatasetOptions): Dataset {
  const seed = String(options.seed ?? 'rediscover');
  const now = options.now instanceof Date ? options.now.getTime() : (options.now ?? DEFAULT_NOW);
  const reference = generateReference({
    seed,
    now,
    ...(options.jobs !== undefined ? { jobs: options.jobs } : {}),
  });
  const dataset = new Dataset(reference);
  for (let i = 0; i < options.candidates; i++) {
    const { candidate, applications } = generateCandidate(seed, i, reference);
    dataset.load(candidate, applications);
  }
  return dataset;
}
