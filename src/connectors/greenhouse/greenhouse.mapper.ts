import type { ApplicationStatus } from '../../entities/application.entity';
import type { AttachmentType } from '../../entities/attachment.entity';
import type {
  CustomFieldValue,
  Education,
  Location,
  SocialLink,
  WorkExperience,
} from '../../entities/candidate-fields';
import type { JobPosting, JobStatus } from '../../entities/job.entity';
import { classifySocialUrl } from '../../common/social-urls';
import type {
  ApplicationRecord,
  AttachmentRef,
  CandidateRecord,
  JobRecord,
  RejectionReasonRecord,
  SourceRecord,
  StageRecord,
  UserRecord,
} from '../records';
import type {
  GhApplication,
  GhAttachment,
  GhCandidate,
  GhEducation,
  GhEmployment,
  GhJob,
  GhJobPost,
  GhJobStage,
  GhRejectionReason,
  GhSource,
  GhUser,
} from './greenhouse.schemas';

/**
 * Harvest v3's flattened shapes → the normalized records. Pure: everything a record needs
 * (attachments, employments, names of departments) is handed in by the caller.
 */

type Raw = Record<string, unknown>;

const date = (value: string | null | undefined): Date | null => {
  if (!value) return null;
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
};

const clean = (value: string | null | undefined): string | null => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
};

const joinName = (first: string | null, last: string | null): string =>
  [first, last].filter(Boolean).join(' ');

/** Distinct non-empty values, first spelling kept (e-mails compare case-insensitively). */
function distinct(values: readonly (string | null | undefined)[], fold = false): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const value of values) {
    const v = clean(value);
    if (!v) continue;
    const key = fold ? v.toLowerCase() : v;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(v);
  }
  return out;
}

export function mapUser(u: GhUser, raw: Raw): UserRecord {
  const firstName = clean(u.first_name);
  const lastName = clean(u.last_name);
  return {
    remoteId: String(u.id),
    raw,
    remoteCreatedAt: date(u.created_at),
    remoteUpdatedAt: date(u.updated_at),
    firstName,
    lastName,
    name: clean(u.name) ?? (joinName(firstName, lastName) || `User ${u.id}`),
    email: clean(u.primary_email) ?? clean(u.primary_email_address),
    // v3 users carry no role, only whether they administer the whole site.
    role: u.site_admin ? 'SITE_ADMIN' : null,
    active: u.deactivated !== true,
  };
}

export function mapSource(s: GhSource, raw: Raw): SourceRecord {
  return { remoteId: String(s.id), raw, name: s.name, type: clean(s.type?.name) };
}

export function mapRejectionReason(r: GhRejectionReason, raw: Raw): RejectionReasonRecord {
  // The key (WE_REJECTED_THEM, …) is stable across locales; older payloads only have the name.
  return {
    remoteId: String(r.id),
    raw,
    name: r.name,
    type: clean(r.type?.key) ?? clean(r.type?.name),
  };
}

const JOB_STATUSES: Record<string, JobStatus> = {
  open: 'OPEN',
  closed: 'CLOSED',
  draft: 'DRAFT',
  archived: 'ARCHIVED',
  on_hold: 'ON_HOLD',
};

/** What a job needs from other resources: names of its department/office and its posts. */
export interface JobContext {
  departments: ReadonlyMap<number, string>;
  offices: ReadonlyMap<number, string>;
  posts: readonly GhJobPost[];
}

export function mapJob(j: GhJob, raw: Raw, context: JobContext): JobRecord {
  const remoteStatus = clean(j.status);
  const firstName = (
    ids: readonly number[] | null | undefined,
    names: ReadonlyMap<number, string>,
  ) => (ids ?? []).map((id) => names.get(id)).find((n): n is string => Boolean(n)) ?? null;
  return {
    remoteId: String(j.id),
    raw,
    remoteCreatedAt: date(j.created_at),
    remoteUpdatedAt: date(j.updated_at),
    title: j.name,
    status: (remoteStatus && JOB_STATUSES[remoteStatus.toLowerCase()]) || 'OTHER',
    remoteStatus,
    department: firstName(j.department_ids, context.departments),
    location: firstName(j.office_ids, context.offices),
    postings: context.posts.map((p): JobPosting => ({
      remoteId: String(p.id),
      title: p.title,
      isListed: p.live === true,
      url: clean(p.absolute_url) ?? clean(p.url),
    })),
    openedAt: date(j.opened_at),
    closedAt: date(j.closed_at),
  };
}

export function mapJobStage(s: GhJobStage, raw: Raw): StageRecord {
  return {
    remoteId: String(s.id),
    raw,
    remoteCreatedAt: date(s.created_at),
    remoteUpdatedAt: date(s.updated_at),
    // Greenhouse copies the pipeline into every job, so each stage belongs to one job.
    jobRemoteId: s.job_id === null || s.job_id === undefined ? null : String(s.job_id),
    name: s.name,
    position: s.sort_order ?? s.priority ?? 0,
    type: null,
  };
}

/** The candidate's resources v3 serves separately (ATS-APIS.md §2.7). */
export interface CandidateDetails {
  attachments: readonly GhAttachment[];
  employments: readonly GhEmployment[];
  educations: readonly GhEducation[];
}

export const NO_DETAILS: CandidateDetails = { attachments: [], employments: [], educations: [] };

export function mapCandidate(c: GhCandidate, raw: Raw, details: CandidateDetails): CandidateRecord {
  const firstName = clean(c.first_name);
  const lastName = clean(c.last_name);
  return {
    remoteId: String(c.id),
    raw,
    remoteCreatedAt: date(c.created_at),
    remoteUpdatedAt: date(c.updated_at),
    firstName,
    lastName,
    fullName: joinName(firstName, lastName) || `Candidate ${c.id}`,
    headline: null,
    emails: distinct(
      (c.email_addresses ?? []).map((e) => e.value),
      true,
    ),
    phones: distinct((c.phone_numbers ?? []).map((p) => p.value)),
    socialLinks: socialLinks(c),
    location: location((c.addresses ?? []).map((a) => a.value)),
    currentCompany: clean(c.company),
    currentTitle: clean(c.title),
    workHistory: details.employments.map(workExperience),
    education: details.educations.map(education),
    sourceRemoteId: optionalId(c.source_id),
    recruiterRemoteId: optionalId(c.recruiter_id),
    tags: distinct(c.tags ?? []),
    customFields: customFields(c.custom_fields),
    attachments: details.attachments.map(attachmentRef),
  };
}

const APPLICATION_STATUSES: Record<string, ApplicationStatus> = {
  in_process: 'ACTIVE',
  active: 'ACTIVE',
  rejected: 'REJECTED',
  hired: 'HIRED',
  // A prospect turned into a candidate on a job: the prospect application is done with.
  converted: 'ARCHIVED',
};

export function mapApplication(a: GhApplication, raw: Raw): ApplicationRecord {
  return {
    remoteId: String(a.id),
    raw,
    remoteCreatedAt: date(a.created_at),
    remoteUpdatedAt: date(a.updated_at),
    candidateRemoteId: String(a.candidate_id),
    jobRemoteId: optionalId(a.job_id),
    stageRemoteId: optionalId(a.stage_id),
    stageName: clean(a.stage_name),
    // Unknown statuses stay visible as active; the vendor's word is kept in remoteStatus.
    status: APPLICATION_STATUSES[a.status.toLowerCase()] ?? 'ACTIVE',
    remoteStatus: a.status,
    rejectionReasonRemoteId: optionalId(a.rejection_reason_id),
    sourceRemoteId: optionalId(a.source_id),
    recruiterRemoteId: optionalId(a.recruiter_id) ?? optionalId(a.credited_to_id),
    isProspect: a.prospect === true,
    appliedAt: date(a.applied_at) ?? date(a.created_at),
    rejectedAt: date(a.rejected_at),
    hiredAt: date(a.hired_at),
    customFields: customFields(a.custom_fields),
  };
}

function optionalId(id: number | null | undefined): string | null {
  return id === null || id === undefined ? null : String(id);
}

/** social_media_addresses have no type and websites hold GitHub links too: classify by host. */
function socialLinks(c: GhCandidate): SocialLink[] {
  const urls = distinct([
    ...(c.social_media_addresses ?? []).map((s) => s.value),
    ...(c.website_addresses ?? []).map((w) => w.value),
  ]);
  return urls.map((url) => ({ type: classifySocialUrl(url), url }));
}

/** Greenhouse addresses are free text; "City, Region, Country" is split when it has that shape. */
function location(addresses: readonly string[]): Location | null {
  const text = addresses.map(clean).find((a): a is string => a !== null);
  if (!text) return null;
  const parts = text.split(',').map((p) => p.trim());
  if (parts.length === 3) return { city: parts[0], region: parts[1], country: parts[2], text };
  if (parts.length === 2) return { city: parts[0], region: null, country: parts[1], text };
  return { text };
}

/** `{key: {name, type, value}}`; a bare value (v1's `custom_fields`) is kept under its key. */
function customFields(
  fields: Record<string, unknown> | null | undefined,
): Record<string, CustomFieldValue> {
  const out: Record<string, CustomFieldValue> = {};
  for (const [key, entry] of Object.entries(fields ?? {})) {
    if (isKeyedField(entry)) {
      if (entry.value === null || entry.value === undefined) continue;
      out[key] = { name: entry.name, type: entry.type ?? null, value: entry.value };
    } else if (entry !== null && entry !== undefined) {
      out[key] = { name: key, type: null, value: entry };
    }
  }
  return out;
}

function isKeyedField(
  entry: unknown,
): entry is { name: string; type?: string | null; value?: unknown } {
  return (
    typeof entry === 'object' &&
    entry !== null &&
    'name' in entry &&
    typeof entry.name === 'string' &&
    'value' in entry
  );
}

const dateOnly = (value: string | null | undefined): string | null =>
  clean(value)?.slice(0, 10) ?? null;

function workExperience(e: GhEmployment): WorkExperience {
  return {
    company: clean(e.company_name),
    title: clean(e.title),
    startDate: dateOnly(e.start_date),
    endDate: dateOnly(e.end_date),
    current: !clean(e.end_date),
  };
}

function education(e: GhEducation): Education {
  return {
    school: clean(e.school_name),
    degree: clean(e.degree),
    major: clean(e.discipline),
    startDate: dateOnly(e.start_date),
    endDate: dateOnly(e.end_date),
  };
}

const ATTACHMENT_TYPES: Record<string, AttachmentType> = {
  resume: 'RESUME',
  cover_letter: 'COVER_LETTER',
};

const CONTENT_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  doc: 'application/msword',
  txt: 'text/plain',
  rtf: 'application/rtf',
  odt: 'application/vnd.oasis.opendocument.text',
};

/** The signed URL is the locator: it is what downloading needs, and it is refreshed every sync. */
function attachmentRef(a: GhAttachment): AttachmentRef {
  const extension = /\.([a-z0-9]+)$/i.exec(a.filename)?.[1]?.toLowerCase() ?? '';
  return {
    remoteId: String(a.id),
    name: a.filename,
    type: ATTACHMENT_TYPES[a.type?.toLowerCase() ?? ''] ?? 'OTHER',
    contentType: clean(a.content_type) ?? CONTENT_TYPES[extension] ?? null,
    locator: a.url,
  };
}
