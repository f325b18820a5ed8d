import { normalizeKey } from '../../src/common/text';
import type { ReferenceData } from '../../test/simulators/generator';
import { benchUuid, type BenchCandidate } from './documents';

/**
 * Candidates as the sync would store them in the normalized model (src/entities), for the naive
 * SQL baseline: ATS rows (candidates, applications, attachments with the resume text) and the
 * matched directory profile, which is where skills, certifications, languages, industry and
 * company size live in that model. Row shapes are column-named for json_to_recordset. Pure.
 */

export interface Scope {
  seed: string;
  organizationId: string;
  connectionId: string;
}

const REFERENCE_IDS = new Map<string, string>();

/** Our row id of a reference record (job, stage, source, user, rejection reason); memoized. */
export function referenceId(scope: Scope, kind: string, key: string): string {
  const memo = `${scope.seed}\u0000${kind}\u0000${key}`;
  let id = REFERENCE_IDS.get(memo);
  if (!id) {
    id = benchUuid(scope.seed, 'normalized', kind, key);
    REFERENCE_IDS.set(memo, id);
  }
  return id;
}

export interface ReferenceRows {
  jobs: Record<string, unknown>[];
  stages: Record<string, unknown>[];
  sources: Record<string, unknown>[];
  atsUsers: Record<string, unknown>[];
  rejectionReasons: Record<string, unknown>[];
}

export function referenceRows(scope: Scope, reference: ReferenceData): ReferenceRows {
  const owned = (kind: string, key: string): Record<string, string> => ({
    id: referenceId(scope, kind, key),
    organization_id: scope.organizationId,
    connection_id: scope.connectionId,
    remote_id: key,
  });
  return {
    jobs: reference.jobs.map((j) => ({ ...owned('job', j.key), title: j.title, status: j.status })),
    stages: reference.stages.map((s) => ({
      ...owned('stage', s.key),
      name: s.name,
      position: s.order,
      type: s.kind,
    })),
    sources: reference.sources.map((s) => ({
      ...owned('source', s.key),
      name: s.name,
      type: s.type,
    })),
    atsUsers: reference.users.map((u) => ({
      ...owned('user', u.key),
      first_name: u.firstName,
      last_name: u.lastName,
      name: `${u.firstName} ${u.lastName}`,
      email: u.email,
      role: u.role,
      active: u.enabled,
    })),
    rejectionReasons: reference.rejectionReasons.map((r) => ({
      ...owned('reason', r.key),
      name: r.name,
      type: r.type,
    })),
  };
}

export interface CandidateRows {
  candidates: Record<string, unknown>[];
  applications: Record<string, unknown>[];
  attachments: Record<string, unknown>[];
  profiles: Record<string, unknown>[];
  profileMatches: Record<string, unknown>[];
}

const month = (year: number, m: number | null): string =>
  `${year}-${String(m ?? 1).padStart(2, '0')}`;

export function candidateRows(scope: Scope, batch: readonly BenchCandidate[]): CandidateRows {
  const rows: CandidateRows = {
    candidates: [],
    applications: [],
    attachments: [],
    profiles: [],
    profileMatches: [],
  };
  const org = { organization_id: scope.organizationId };
  const remote = { ...org, connection_id: scope.connectionId };
  const ref = (kind: string, key: string | null): string | null =>
    key ? referenceId(scope, kind, key) : null;
  for (const { generated, document: d } of batch) {
    const c = generated.candidate;
    rows.candidates.push({
      ...remote,
      id: d.id,
      remote_id: c.key,
      first_name: c.firstName,
      last_name: c.lastName,
      full_name: d.fullName,
      headline: d.headline,
      emails: d.emails,
      phones: d.phones,
      linkedin_url: d.linkedinUrl,
      github_url: d.githubUrl,
      location: c.place ? { ...c.place, text: d.location } : null,
      current_company: d.currentCompany,
      current_title: d.currentTitle,
      work_history: c.experience.map((e) => ({
        company: e.company,
        title: e.title,
        startDate: month(e.startYear, e.startMonth),
        endDate: e.endYear === null ? null : month(e.endYear, e.endMonth),
        current: e.current,
      })),
      education: c.education.map((e) => ({
        school: e.school,
        degree: e.degree,
        major: e.major,
        startDate: String(e.startYear),
        endDate: String(e.endYear),
      })),
      source_id: ref('source', c.sourceKey),
      recruiter_id: ref('user', c.recruiterKey),
      tags: d.tags,
      remote_created_at: new Date(c.createdAt).toISOString(),
      // The candidate's last activity (profile or any application), as the facet counts it.
      remote_updated_at: d.lastUpdated,
    });
    for (const [i, a] of generated.applications.entries()) {
      rows.applications.push({
        ...remote,
        id: d.applications[i]?.applicationId,
        remote_id: a.key,
        candidate_id: d.id,
        job_id: ref('job', a.jobKey),
        stage_id: ref('stage', a.stageKey),
        stage_name: d.applications[i]?.stage ?? null,
        status: a.status,
        rejection_reason_id: ref('reason', a.rejectionReasonKey),
        source_id: ref('source', a.sourceKey),
        recruiter_id: ref('user', a.recruiterKey),
        is_prospect: a.prospect,
        applied_at: new Date(a.createdAt).toISOString(),
        remote_updated_at: new Date(a.updatedAt).toISOString(),
      });
    }
    rows.attachments.push({
      ...remote,
      id: benchUuid(scope.seed, 'normalized', 'attachment', c.key),
      remote_id: `${c.key}-resume`,
      candidate_id: d.id,
      name: `${c.key}-resume.pdf`,
      type: 'RESUME',
      extracted_text: d.resumeText,
    });
    const profileId = benchUuid(scope.seed, 'normalized', 'profile', c.key);
    rows.profiles.push({
      ...org,
      id: profileId,
      external_id: c.key,
      full_name: d.fullName,
      name_key: normalizeKey(d.fullName),
      linkedin_url: d.linkedinUrl,
      emails: d.emails,
      skills: d.skills,
      certifications: d.certifications,
      languages: d.languages,
      industry: d.industry,
      company_size: d.companySize,
    });
    rows.profileMatches.push({
      ...org,
      id: benchUuid(scope.seed, 'normalized', 'profile-match', c.key),
      candidate_id: d.id,
      profile_id: profileId,
      rule: 'EMAIL',
      confidence: 0.9,
    });
  }
  return rows;
}
