import { createHash } from 'node:crypto';
import type { CandidateDocument } from '../../src/search/candidate-document';
import {
  deterministicUuid,
  generateCandidate,
  generateReference,
  type GeneratedCandidate,
  type NeutralCandidate,
  type ReferenceData,
} from '../../test/simulators/generator';

const INDUSTRIES = [
  'Software',
  'Fintech',
  'Healthcare',
  'E-commerce',
  'Logistics',
  'Media',
  'Education',
  'Energy',
  'Gaming',
  'Biotech',
];
const COMPANY_SIZES = ['1-10', '11-50', '51-200', '201-1000', '1001-5000', '5001+'];

/** A UUID-shaped id that is a pure function of its parts (the generator's, 128-bit hash). */
export function benchUuid(...parts: readonly (string | number)[]): string {
  return deterministicUuid(...parts);
}

/** A fixed world for the benchmark: the generator's reference data for one seed. */
export function benchReference(seed: string): ReferenceData {
  return generateReference({ seed, now: Date.parse('2026-11-01T00:00:00Z'), jobs: 120 });
}

function pick<T>(values: readonly T[], text: string): T {
  const n = createHash('md5').update(text).digest().readUInt32BE(0);
  return values[n % values.length] as T;
}

/** The reference data by key, built once per reference rather than once per candidate. */
interface ReferenceLookups {
  jobs: Map<string, ReferenceData['jobs'][number]>;
  stages: Map<string, ReferenceData['stages'][number]>;
  reasons: Map<string, ReferenceData['rejectionReasons'][number]>;
  sources: Map<string, ReferenceData['sources'][number]>;
  users: Map<string, ReferenceData['users'][number]>;
}

const LOOKUPS = new WeakMap<ReferenceData, ReferenceLookups>();

function lookupsOf(reference: ReferenceData): ReferenceLookups {
  let lookups = LOOKUPS.get(reference);
  if (!lookups) {
    lookups = {
      jobs: new Map(reference.jobs.map((j) => [j.key, j])),
      stages: new Map(reference.stages.map((s) => [s.key, s])),
      reasons: new Map(reference.rejectionReasons.map((r) => [r.key, r])),
      sources: new Map(reference.sources.map((s) => [s.key, s])),
      users: new Map(reference.users.map((u) => [u.key, u])),
    };
    LOOKUPS.set(reference, lookups);
  }
  return lookups;
}

/** Candidate #index both ways: as the ATS holds it (for the normalized tables) and as indexed. */
export interface BenchCandidate {
  generated: GeneratedCandidate;
  document: CandidateDocument;
}

/**
 * Candidate #index as the indexer would build its document: the generator's neutral candidate,
 * plus an industry and company size a profile directory would supply (derived from the company).
 */
export function benchDocument(
  seed: string,
  index: number,
  reference: ReferenceData,
  organizationId: string,
  connectionId: string,
): CandidateDocument {
  return benchCandidate(seed, index, reference, organizationId, connectionId).document;
}

export function benchCandidate(
  seed: string,
  index: number,
  reference: ReferenceData,
  organizationId: string,
  connectionId: string,
): BenchCandidate {
  const generated = generateCandidate(seed, index, reference);
  const { candidate: c, applications } = generated;
  const { jobs, stages, reasons, sources, users } = lookupsOf(reference);
  const recruiter = c.recruiterKey ? users.get(c.recruiterKey) : undefined;
  const current = c.experience.find((e) => e.current);
  const first = c.experience[c.experience.length - 1];
  const years = first ? Math.max(0, 2026 - first.startYear) : null;
  const document: CandidateDocument = {
    id: benchUuid(seed, 'candidate', index),
    organizationId,
    connectionId,
    kind: applications.some((a) => a.jobKey !== null && !a.prospect) ? 'APPLICANT' : 'PROSPECT',
    fullName: `${c.firstName} ${c.lastName}`,
    headline:
      c.currentTitle && c.currentCompany ? `${c.currentTitle} at ${c.currentCompany}` : null,
    emails: c.emails.map((e) => e.value.toLowerCase()),
    phones: c.phones.map((p) => p.value),
    linkedinUrl: normalizeLinkedin(c),
    githubUrl: c.githubUrl
      ? `github.com/${c.githubUrl.split('/').filter(Boolean).pop()?.toLowerCase()}`
      : null,
    socialUrls: [c.linkedinUrl, c.githubUrl].filter((u): u is string => Boolean(u)),
    location: c.place ? `${c.place.city}, ${c.place.country}` : null,
    currentCompany: c.currentCompany,
    currentTitle: c.currentTitle,
    pastCompanies: [...new Set(c.experience.filter((e) => !e.current).map((e) => e.company))],
    pastTitles: [...new Set(c.experience.filter((e) => !e.current).map((e) => e.title))],
    skills: c.skills,
    schools: [...new Set(c.education.map((e) => e.school))],
    degrees: [...new Set(c.education.map((e) => e.degree))],
    majors: [...new Set(c.education.map((e) => e.major))],
    yearsOfExperience: years,
    yearsInRole: current ? Math.max(0, 2026 - current.startYear) : null,
    industry: c.currentCompany ? pick(INDUSTRIES, c.currentCompany) : null,
    companySize: c.currentCompany ? pick(COMPANY_SIZES, `${c.currentCompany}#size`) : null,
    certifications: c.certifications,
    languages: c.languages.map((l) => l.name),
    resumeText: c.resumeText,
    applications: applications.map((a) => ({
      applicationId: benchUuid(seed, 'application', a.key),
      jobId: a.jobKey,
      jobTitle: a.jobKey ? (jobs.get(a.jobKey)?.title ?? null) : null,
      stage: stages.get(a.stageKey)?.name ?? null,
      status: a.status,
      rejectionReason: a.rejectionReasonKey
        ? (reasons.get(a.rejectionReasonKey)?.name ?? null)
        : null,
      updatedAt: new Date(a.updatedAt).toISOString(),
    })),
    source: c.sourceKey ? (sources.get(c.sourceKey)?.name ?? null) : null,
    recruiterId: c.recruiterKey,
    recruiterName: recruiter ? `${recruiter.firstName} ${recruiter.lastName}` : null,
    tags: c.tags,
    customFields: {},
    lastUpdated: new Date(c.lastActivityAt).toISOString(),
  };
  return { generated, document };
}

function normalizeLinkedin(c: NeutralCandidate): string | null {
  const slug = c.linkedinUrl
    ? /linkedin\.com\/(?:in|pub)\/([^/?#]+)/i.exec(c.linkedinUrl)?.[1]
    : undefined;
  return slug ? `linkedin.com/in/${slug.toLowerCase()}` : null;
}
