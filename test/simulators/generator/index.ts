/** Deterministic, vendor-neutral recruiting data for the vendor simulators. */
export * from './neutral-model';
export { hashSeed, mulberry32, Rng, deterministicUuid, type RandomSource } from './prng';
export {
  generateReference,
  generateJob,
  STAGES,
  SOURCES,
  REJECTION_REASONS,
  CUSTOM_FIELDS,
  type ReferenceOptions,
} from './reference-generator';
export {
  generateCandidate,
  streamCandidates,
  candidateKey,
  applicationKey,
} from './candidate-generator';
export { buildResumeText, buildCoverLetterText } from './resume-text';
export { createDataset, Dataset, DEFAULT_NOW, type DatasetOptions } from './dataset';
export { OrderedCollection, ChangeSequence, type ScanResult } from './ordered-collection';
export { asciiSlug } from './text-helpers';
export { emptyCandidate, jobChange } from './candidate-edits';
