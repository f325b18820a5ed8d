/**
 * A candidate's applications: none or a job-less one for prospects, else one to three jobs with
 * statuses and stages that fit the job's state and a rejection reason of the right type.
 */
import { applicationKey } from './keys';
import type {
  ApplicationStatus,
  NeutralApplication,
  NeutralCandidate,
  RejectionType,
  ReferenceData,
} from './neutral-model';
import type { Rng } from './prng';

const DAY_MS = 86_400_000;

const CLOSED_STATUSES: ReadonlyArray<readonly [ApplicationStatus, number]> = [
  ['REJECTED', 60],
  ['ARCHIVED', 25],
  ['HIRED', 15],
];
const OPEN_STATUSES: ReadonlyArray<readonly [ApplicationStatus, number]> = [
  ['ACTIVE', 60],
  ['REJECTED', 28],
  ['ARCHIVED', 10],
  ['HIRED', 2],
];
/** Where active applications sit: most pipelines are bottom-heavy. */
const ACTIVE_STAGES: ReadonlyArray<readonly [string, number]> = [
  ['lead', 10],
  ['new', 25],
  ['application-review', 25],
  ['phone-screen', 15],
  ['technical-interview', 12],
  ['onsite', 8],
  ['offer', 5],
];
const STOPPED_STAGES = ACTIVE_STAGES.filter(([key]) => key !== 'lead');

export function generateApplications(
  rng: Rng,
  candidate: NeutralCandidate,
  reference: ReferenceData,
): NeutralApplication[] {
  const now = reference.now;
  const span = now - candidate.createdAt;
  const base = (
    n: number,
    createdAt: number,
  ): Omit<NeutralApplication, 'jobKey' | 'stageKey' | 'status'> => ({
    key: applicationKey(candidate.index, n),
    candidateKey: candidate.key,
    rejectionReasonKey: null,
    rejectedAt: null,
    prospect: false,
    sourceKey: candidate.sourceKey,
    recruiterKey: candidate.recruiterKey,
    createdAt,
    updatedAt: createdAt,
  });

  if (rng.chance(0.25)) {
    // A prospect: sourced into the ATS with no job, or not attached to anything at all.
    if (rng.chance(0.5)) return [];
    return [
      {
        ...base(1, candidate.createdAt),
        jobKey: null,
        stageKey: 'lead',
        status: 'ACTIVE',
        prospect: true,
      },
    ];
  }

  const jobs = reference.jobs.filter((j) => j.status !== 'DRAFT');
  const count = rng.weighted([
    [1, 60],
    [2, 30],
    [3, 10],
  ] as const);
  const chosen = rng.sample(jobs, count);
  const times = chosen
    .map(() => candidate.createdAt + Math.floor(rng.next() * span))
    .sort((a, b) => a - b);
  return chosen.map((job, i) => {
    const createdAt = times[i] ?? candidate.createdAt;
    const status = rng.weighted(job.status === 'OPEN' ? OPEN_STATUSES : CLOSED_STATUSES);
    const updatedAt = Math.min(now - 60_000, createdAt + rng.int(0, 60) * DAY_MS);
    const app: NeutralApplication = {
      ...base(i + 1, createdAt),
      jobKey: job.key,
      stageKey: stageFor(rng, status),
      status,
      recruiterKey: job.recruiterKey,
      updatedAt: Math.max(createdAt, updatedAt),
    };
    if (status === 'REJECTED' || status === 'ARCHIVED') {
      app.rejectionReasonKey = pickReason(
        rng,
        reference,
        status === 'REJECTED' ? ['WE_REJECTED_THEM', 'NONE_SPECIFIED'] : ['THEY_REJECTED_US'],
      );
      app.rejectedAt = app.updatedAt;
    }
    return app;
  });
}

function stageFor(rng: Rng, status: ApplicationStatus): string {
  if (status === 'HIRED') return 'hired';
  if (status === 'ACTIVE') return rng.weighted(ACTIVE_STAGES);
  return rng.weighted(STOPPED_STAGES);
}

/** A rejection reason of one of the given types. */
function pickReason(rng: Rng, reference: ReferenceData, types: readonly RejectionType[]): string {
  return rng.pick(reference.rejectionReasons.filter((r) => types.includes(r.type))).key;
}
