/**
 * One random, realistic change to a live dataset, weighted like ATS traffic: mostly profile
 * edits and stage moves, some new candidates and rejections, a few deletes and merges.
 */
import type { Dataset, NeutralCandidate, Rng } from '../generator';
import type { DatasetMutator, RandomChange, RandomChangeKind } from './dataset-mutator';

const WEIGHTS: ReadonlyArray<readonly [RandomChangeKind, number]> = [
  ['updateCandidate', 35],
  ['moveStage', 30],
  ['reject', 10],
  ['createCandidate', 10],
  ['applyToJob', 5],
  ['deleteCandidate', 5],
  ['mergeCandidates', 5],
];

export function applyRandomChange(
  mutator: DatasetMutator,
  dataset: Dataset,
  rng: Rng,
): RandomChange {
  // Some kinds need something to act on (an active application, a second candidate); retry.
  for (let attempt = 0; attempt < 50; attempt++) {
    const change = tryChange(rng.weighted(WEIGHTS), mutator, dataset, rng);
    if (change) return change;
  }
  return { kind: 'createCandidate', keys: [mutator.createCandidate().key] };
}

function tryChange(
  kind: RandomChangeKind,
  mutator: DatasetMutator,
  dataset: Dataset,
  rng: Rng,
): RandomChange | null {
  if (kind === 'createCandidate') return { kind, keys: [mutator.createCandidate().key] };
  const candidate = randomCandidate(dataset, rng);
  if (!candidate) return null;
  switch (kind) {
    case 'updateCandidate':
      return { kind, keys: [mutator.updateCandidate(candidate.key).key] };
    case 'applyToJob':
      return mutator.openJobs().length > 0
        ? { kind, keys: [candidate.key, mutator.applyToJob(candidate.key).key] }
        : null;
    case 'moveStage':
    case 'reject': {
      const app = dataset
        .applicationsOf(candidate.key)
        .find((a) => a.status === 'ACTIVE' && a.jobKey);
      if (!app) return null;
      const changed = kind === 'moveStage' ? mutator.moveStage(app.key) : mutator.reject(app.key);
      return { kind, keys: [candidate.key, changed.key] };
    }
    case 'deleteCandidate':
      mutator.deleteCandidate(candidate.key);
      return { kind, keys: [candidate.key] };
    case 'mergeCandidates': {
      const other = randomCandidate(dataset, rng);
      if (!other || other.key === candidate.key) return null;
      mutator.mergeCandidates(candidate.key, other.key);
      return { kind, keys: [candidate.key, other.key] };
    }
  }
}

/** A random live candidate: random positions, skipping the holes deletes leave. */
function randomCandidate(dataset: Dataset, rng: Rng): NeutralCandidate | undefined {
  const collection = dataset.candidates;
  for (let i = 0; i < 20 && collection.length > 0; i++) {
    const found = collection.at(rng.int(0, collection.length - 1));
    if (found) return found;
  }
  for (const candidate of collection.values()) return candidate;
  return undefined;
}
