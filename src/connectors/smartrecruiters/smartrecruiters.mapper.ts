import { classifySocialUrl } from '../../common/social-urls';
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
import type {
  ApplicationRecord,
  AttachmentRef,
  CandidateRecord,
  JobRecord,
  RejectionReasonRecord,
  SourceRecord,
  UserRecord,
} from '../records';
import type {
  SrAssignment,
  SrAttachment,
  SrCandidateDetails,
  SrEducation,
  SrExperience,
  SrJob,
  SrLocation,
  SrProperty,
  SrReason,
  SrSourceType,
  SrSourceValue,
  SrUser,
  SrWhen,
} from './smartrecruiters.schemas';
import { stageRemoteId, statusLabel } from './smartrecruiters.stages';

/**
 * SmartRecruiters shapes → the normalized records (ATS-APIS.md §3.5, §5.3). Pure: whatever a
 * record needs from other calls (attachments, properties, the recruiter of each job) is handed
 * in by the caller.
 */

type Raw = Record<string, unknown>;

/** A parsed loose object keeps every field it was given: it is the raw payload. */
export const asRaw = (value: object): Raw => ({ ...value });

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

export function mapUser(u: SrUser, raw: Raw): UserRecord {
  const firstName = clean(u.firstName);
  const lastName = clean(u.lastName);
  return {
    remoteId: u.id,
    raw,
    remoteUpdatedAt: date(u.updatedOn),
    firstName,
    lastName,
    name: joinName(firstName, lastName) || clean(u.email) || `User ${u.id}`,
    email: clean(u.email),
    role: clean(u.systemRole?.name) ?? clean(u.systemRole?.id),
    active: u.active !== false,
  };
}

/** Source values are what assignments point at (`sourceId`); their type is the SR source type. */
export function mapSourceValue(v: SrSourceValue, type: SrSourceType, raw: Raw): SourceRecord {
  return { remoteId: v.id, raw, name: v.label, type: clean(type.label) ?? type.id };
}

/** Rejection and withdrawal reasons share one table; `type` tells them apart. */
export function mapReason(
  r: SrReason,
  type: 'REJECTION' | 'WITHDRAWAL',
  raw: Raw,
): RejectionReasonRecord {
  return { remoteId: r.id, raw, name: r.label, type };
}

/** SR job statuses (§3.4; the list beyond CREATED is UNCONFIRMED). */
const JOB_STATUSES: Record<string, JobStatus> = {
  CREATED: 'DRAFT',
  SOURCING: 'OPEN',
  INTERVIEW: 'OPEN',
  OFFER: 'OPEN',
  FILLED: 'CLOSED',
  CANCELLED: 'ARCHIVED',
  ON_HOLD: 'ON_HOLD',
};

export function locationText(l: SrLocation | null | undefined): string | null {
  if (!l) return null;
  const parts = [clean(l.city), clean(l.region), clean(l.country)].filter(Boolean);
  if (parts.length > 0) return parts.join(', ');
  return l.remote ? 'Remote' : null;
}

export function mapJob(j: SrJob, raw: Raw): JobRecord {
  const remoteStatus = clean(j.status);
  const posting = clean(j.postingStatus)?.toUpperCase();
  // SR has one ad per job in this model; NOT_PUBLISHED (or nothing) means no posting at all.
  const postings: JobPosting[] =
    posting && posting !== 'NOT_PUBLISHED'
      ? [{ remoteId: j.id, title: j.title, isListed: posting === 'PUBLIC', url: null }]
      : [];
  return {
    remoteId: j.id,
    raw,
    remoteCreatedAt: date(j.createdOn),
    remoteUpdatedAt: date(j.updatedOn),
    title: j.title,
    status: (remoteStatus && JOB_STATUSES[remoteStatus.toUpperCase()]) || 'OTHER',
    remoteStatus,
    department: clean(j.department?.label),
    location: locationText(j.location),
    postings,
    // SR's job payloads carry no opened/closed times.
    openedAt: null,
    closedAt: null,
  };
}

/** What a candidate record needs besides the candidate payload. */
export interface CandidateExtras {
  attachments: readonly SrAttachment[];
  properties: readonly SrProperty[];
  /** The recruiter (user id) of each job, from its hiring team; absent or null when unknown. */
  recruiters: ReadonlyMap<string, string | null>;
}

/** The candidate's assignments, primary first, one per job (SR keys applications by job). */
export function assignmentsOf(c: {
  primaryAssignment?: SrAssignment | null | undefined;
  secondaryAssignments?: readonly (SrAssignment | null)[] | null | undefined;
}): Array<SrAssignment & { job: { id: string } }> {
  const out = new Map<string, SrAssignment & { job: { id: string } }>();
  for (const a of [c.primaryAssignment, ...(c.secondaryAssignments ?? [])]) {
    if (a?.job && !out.has(a.job.id)) out.set(a.job.id, { ...a, job: a.job });
  }
  return [...out.values()];
}

export function mapCandidate(
  c: SrCandidateDetails,
  raw: Raw,
  extras: CandidateExtras,
): CandidateRecord {
  const firstName = clean(c.firstName);
  const lastName = clean(c.lastName);
  const experience = c.experience ?? [];
  const current = experience.find((x) => x.current === true) ?? null;
  const primary = assignmentsOf(c)[0] ?? null;
  const email = clean(c.email);
  const phone = clean(c.phoneNumber);
  return {
    remoteId: c.id,
    raw,
    remoteCreatedAt: date(c.createdOn),
    remoteUpdatedAt: date(c.updatedOn),
    firstName,
    lastName,
    fullName: joinName(firstName, lastName) || email || `Candidate ${c.id}`,
    headline: null,
    emails: email ? [email] : [],
    phones: phone ? [phone] : [],
    socialLinks: socialLinks(c.web),
    location: location(c.location),
    currentCompany: clean(current?.company),
    currentTitle: clean(current?.title),
    workHistory: experience.map(workExperience),
    education: (c.education ?? []).map(education),
    // SR keeps the source on each application; the primary one stands for the candidate.
    sourceRemoteId: clean(primary?.source?.sourceId),
    recruiterRemoteId: primary ? (extras.recruiters.get(primary.job.id) ?? null) : null,
    tags: [...new Set((c.tags ?? []).map((t) => t.trim()).filter(Boolean))],
    customFields: customFields(extras.properties),
    attachments: extras.attachments.flatMap((a) => attachmentRef(c.id, a)),
  };
}

/** SR statuses → ours (§3.4): LEAD is a prospect, TRANSFERRED moved on to another job. */
const APPLICATION_STATUSES: Record<string, ApplicationStatus> = {
  LEAD: 'ACTIVE',
  NEW: 'ACTIVE',
  IN_REVIEW: 'ACTIVE',
  INTERVIEW: 'ACTIVE',
  OFFERED: 'ACTIVE',
  HIRED: 'HIRED',
  REJECTED: 'REJECTED',
  WITHDRAWN: 'WITHDRAWN',
  TRANSFERRED: 'ARCHIVED',
};

/** SR has no application ids: an application is the pair (candidate, job). */
export function applicationRemoteId(candidateId: string, jobId: string): string {
  return `${candidateId}:${jobId}`;
}

export function mapApplication(
  candidateId: string,
  a: SrAssignment & { job: { id: string } },
  recruiters: ReadonlyMap<string, string | null>,
): ApplicationRecord {
  const remoteStatus = a.status.toUpperCase();
  // Unknown statuses stay visible as active; SR's word is kept in remoteStatus.
  const status = APPLICATION_STATUSES[remoteStatus] ?? 'ACTIVE';
  const subStatus = clean(a.subStatus);
  const updated = date(a.lastUpdatedOn);
  // A withdrawal reason is the candidate's side of ending it; both live among the reasons.
  const reason =
    status === 'REJECTED'
      ? a.reasonOfRejection
      : status === 'WITHDRAWN'
        ? a.reasonOfWithdrawal
        : null;
  return {
    remoteId: applicationRemoteId(candidateId, a.job.id),
    raw: asRaw(a),
    remoteCreatedAt: date(a.createdOn),
    remoteUpdatedAt: updated,
    candidateRemoteId: candidateId,
    jobRemoteId: a.job.id,
    stageRemoteId: stageRemoteId(remoteStatus, subStatus),
    stageName: subStatus ?? statusLabel(remoteStatus),
    status,
    remoteStatus,
    rejectionReasonRemoteId: reason?.id ?? null,
    sourceRemoteId: clean(a.source?.sourceId),
    recruiterRemoteId: recruiters.get(a.job.id) ?? null,
    isProspect: remoteStatus === 'LEAD',
    appliedAt: date(a.createdOn),
    // SR gives no decision times; the last change of a closed application is the closest.
    rejectedAt: status === 'REJECTED' ? updated : null,
    hiredAt: status === 'HIRED' ? updated : null,
    customFields: {},
  };
}

function socialLinks(web: SrCandidateDetails['web']): SocialLink[] {
  if (!web) return [];
  const links: SocialLink[] = [];
  const add = (type: SocialLink['type'], url: string | null): void => {
    if (url && !links.some((l) => l.url === url)) links.push({ type, url });
  };
  add('LINKEDIN', clean(web.linkedin));
  // SR has no GitHub field: people put GitHub (or a portfolio) in `website`.
  const website = clean(web.website);
  if (website) {
    const kind = classifySocialUrl(website);
    add(kind === 'GITHUB' ? 'GITHUB' : kind === 'LINKEDIN' ? 'LINKEDIN' : 'WEBSITE', website);
  }
  add('TWITTER', clean(web.twitter));
  add('FACEBOOK', clean(web.facebook));
  // Skype is a handle, not a link: it stays in `raw`.
  return links;
}

function location(l: SrLocation | null | undefined): Location | null {
  const text = locationText(l);
  if (!l || !text) return null;
  return { city: clean(l.city), region: clean(l.region), country: clean(l.country), text };
}

/** `YYYY-MM` / `YYYY` strings as given; `When` objects formatted the same way. */
function when(value: SrWhen): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return clean(value);
  const year = value.year === null || value.year === undefined ? '' : String(value.year).trim();
  if (!year) return null;
  const month = value.month === null || value.month === undefined ? '' : String(value.month);
  return month ? `${year}-${month.padStart(2, '0')}` : year;
}

function workExperience(x: SrExperience): WorkExperience {
  return {
    company: clean(x.company),
    title: clean(x.title),
    startDate: when(x.startDate),
    endDate: when(x.endDate),
    current: x.current === true,
    description: clean(x.description),
  };
}

function education(e: SrEducation): Education {
  return {
    school: clean(e.institution),
    degree: clean(e.degree),
    major: clean(e.major),
    startDate: when(e.startDate),
    endDate: when(e.endDate),
  };
}

function customFields(properties: readonly SrProperty[]): Record<string, CustomFieldValue> {
  const out: Record<string, CustomFieldValue> = {};
  for (const p of properties) {
    if (p.value === null || p.value === undefined) continue;
    out[p.id] = { name: clean(p.label) ?? p.id, type: clean(p.type), value: p.value };
  }
  return out;
}

const ATTACHMENT_TYPES: Record<string, AttachmentType> = {
  RESUME: 'RESUME',
  CV: 'RESUME',
  COVER_LETTER: 'COVER_LETTER',
};

const CONTENT_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  doc: 'application/msword',
  txt: 'text/plain',
  rtf: 'application/rtf',
  odt: 'application/vnd.oasis.opendocument.text',
};

/** Where the file is downloaded from: relative, so the credentials only ever go to our base URL. */
export function attachmentPath(candidateId: string, attachmentId: string): string {
  return `/candidates/${encodeURIComponent(candidateId)}/attachments/${encodeURIComponent(attachmentId)}`;
}

/** Avatars are photos: nothing to search, and each would cost a download. */
function attachmentRef(candidateId: string, a: SrAttachment): AttachmentRef[] {
  const kind = clean(a.type)?.toUpperCase() ?? '';
  if (kind === 'AVATAR') return [];
  const name = clean(a.name) ?? `attachment-${a.id}`;
  const extension = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';
  return [
    {
      remoteId: a.id,
      name,
      type: ATTACHMENT_TYPES[kind] ?? 'OTHER',
      contentType: clean(a.contentType) ?? CONTENT_TYPES[extension] ?? null,
      locator: attachmentPath(candidateId, a.id),
    },
  ];
}
