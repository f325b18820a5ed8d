import type { ApplicationStatus } from '../../entities/application.entity';
import type { AttachmentType } from '../../entities/attachment.entity';
import type {
  CustomFieldValue,
  Location,
  SocialLink,
  SocialLinkType,
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
  AshbyApplication,
  AshbyArchiveReason,
  AshbyCandidate,
  AshbyCustomFieldValue,
  AshbyFileHandle,
  AshbyJob,
  AshbyJobPosting,
  AshbySource,
  AshbyStage,
  AshbyUser,
} from './ashby.schemas';

/**
 * Ashby payloads (already validated) → the normalized records of records.ts. Pure functions:
 * everything they need that is not in the payload (custom field types, department names) is
 * passed in. `raw` is the payload exactly as received.
 */

type Raw = Record<string, unknown>;

/** Custom field id → Ashby `fieldType` (`String`, `Date`, `ValueSelect`…), from customField.list. */
export type CustomFieldTypes = ReadonlyMap<string, string>;

/** Names and postings job.list only gives as ids, from department/location/jobPosting lists. */
export interface JobLookups {
  departments: ReadonlyMap<string, string>;
  locations: ReadonlyMap<string, string>;
  postingsByJob: ReadonlyMap<string, AshbyJobPosting[]>;
}

function toDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms);
}

function blankToNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

export function mapUser(user: AshbyUser, raw: Raw): UserRecord {
  const firstName = blankToNull(user.firstName);
  const lastName = blankToNull(user.lastName);
  const name = [firstName, lastName].filter(Boolean).join(' ') || user.email || user.id;
  return {
    remoteId: user.id,
    raw,
    remoteUpdatedAt: toDate(user.updatedAt),
    firstName,
    lastName,
    name,
    email: blankToNull(user.email),
    role: blankToNull(user.globalRole),
    // Absent means Ashby did not say; users are listed enabled unless deactivated ones are asked for.
    active: user.isEnabled ?? true,
  };
}

export function mapSource(source: AshbySource, raw: Raw): SourceRecord {
  return {
    remoteId: source.id,
    raw,
    name: source.title,
    type: blankToNull(source.sourceType?.title),
  };
}

export function mapArchiveReason(reason: AshbyArchiveReason, raw: Raw): RejectionReasonRecord {
  return { remoteId: reason.id, raw, name: reason.text, type: blankToNull(reason.reasonType) };
}

export function mapStage(stage: AshbyStage, raw: Raw, fallbackPosition: number): StageRecord {
  return {
    remoteId: stage.id,
    raw,
    // Ashby stages belong to interview plans, which jobs share: never to one job.
    jobRemoteId: null,
    name: stage.title,
    position: stage.orderInInterviewPlan ?? fallbackPosition,
    type: blankToNull(stage.type),
  };
}

const JOB_STATUSES: Record<string, JobStatus> = {
  Open: 'OPEN',
  Closed: 'CLOSED',
  Draft: 'DRAFT',
  Archived: 'ARCHIVED',
};

export function mapJobPosting(posting: AshbyJobPosting): JobPosting {
  return {
    remoteId: posting.id,
    title: posting.title,
    isListed: posting.isListed ?? false,
    url: blankToNull(posting.externalLink) ?? blankToNull(posting.applyLink),
  };
}

export function mapJob(job: AshbyJob, raw: Raw, lookups: JobLookups): JobRecord {
  const postings = lookups.postingsByJob.get(job.id) ?? [];
  // Postings carry the names too: the fallback when the id lists are not readable.
  const fromPostings = (key: 'departmentName' | 'locationName'): string | null =>
    postings.map((p) => blankToNull(p[key])).find((name) => name !== null) ?? null;
  const named = (ids: ReadonlyMap<string, string>, id: string | null | undefined): string | null =>
    (id ? ids.get(id) : undefined) ?? null;
  return {
    remoteId: job.id,
    raw,
    remoteCreatedAt: toDate(job.createdAt),
    remoteUpdatedAt: toDate(job.updatedAt),
    title: job.title,
    status: (job.status ? JOB_STATUSES[job.status] : undefined) ?? 'OTHER',
    remoteStatus: blankToNull(job.status),
    department: named(lookups.departments, job.departmentId) ?? fromPostings('departmentName'),
    location: named(lookups.locations, job.locationId) ?? fromPostings('locationName'),
    postings: postings.map(mapJobPosting),
    openedAt: toDate(job.openedAt),
    closedAt: toDate(job.closedAt),
  };
}

/** Ashby keeps one `name`; first token and the rest ("Ana Van der Berg" → "Ana", "Van der Berg"). */
export function splitName(name: string): {
  fullName: string;
  firstName: string | null;
  lastName: string | null;
} {
  const fullName = name.trim().replace(/\s+/g, ' ');
  const space = fullName.indexOf(' ');
  if (!fullName) return { fullName, firstName: null, lastName: null };
  if (space < 0) return { fullName, firstName: fullName, lastName: null };
  return { fullName, firstName: fullName.slice(0, space), lastName: fullName.slice(space + 1) };
}

/** Primary first, each value once. */
function contactValues(
  primary: { value: string } | null | undefined,
  all: Array<{ value: string; isPrimary?: boolean | null | undefined }> | null | undefined,
): string[] {
  const ordered = [
    ...(primary ? [primary] : []),
    ...(all ?? []).filter((c) => c.isPrimary),
    ...(all ?? []),
  ];
  const seen = new Set<string>();
  const values: string[] = [];
  for (const { value } of ordered) {
    const trimmed = value.trim();
    if (!trimmed || seen.has(trimmed.toLowerCase())) continue;
    seen.add(trimmed.toLowerCase());
    values.push(trimmed);
  }
  return values;
}

const SOCIAL_TYPES: Record<string, SocialLinkType> = {
  linkedin: 'LINKEDIN',
  github: 'GITHUB',
  twitter: 'TWITTER',
  facebook: 'FACEBOOK',
  website: 'WEBSITE',
};

/** The host decides when it is a known network (a "Website" pointing at github.com is GitHub). */
function socialType(declared: string | null | undefined, url: string): SocialLinkType {
  const byHost = classifySocialUrl(url);
  if (byHost !== 'WEBSITE') return byHost;
  if (!declared) return 'WEBSITE';
  return SOCIAL_TYPES[declared.toLowerCase()] ?? 'OTHER';
}

function socialLinks(candidate: AshbyCandidate): SocialLink[] {
  const links: SocialLink[] = [];
  const seen = new Set<string>();
  for (const link of candidate.socialLinks ?? []) {
    const url = link.url.trim();
    if (!url || seen.has(url)) continue;
    seen.add(url);
    links.push({ type: socialType(link.type, url), url });
  }
  return links;
}

function location(candidate: AshbyCandidate): Location | null {
  const loc = candidate.location;
  if (!loc) return null;
  const component = (type: string): string | null =>
    blankToNull(loc.locationComponents?.find((c) => c.type === type)?.name);
  const result: Location = {
    city: component('City'),
    region: component('Region'),
    country: component('Country'),
    text:
      blankToNull(loc.locationSummary) ??
      ([component('City'), component('Region'), component('Country')].filter(Boolean).join(', ') ||
        null),
  };
  return result.city || result.region || result.country || result.text ? result : null;
}

export function mapCustomFields(
  fields: AshbyCustomFieldValue[] | null | undefined,
  types: CustomFieldTypes,
): Record<string, CustomFieldValue> {
  const out: Record<string, CustomFieldValue> = {};
  for (const field of fields ?? []) {
    out[field.id] = { name: field.title, type: types.get(field.id) ?? null, value: field.value };
  }
  return out;
}

const CONTENT_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  doc: 'application/msword',
  txt: 'text/plain',
  rtf: 'application/rtf',
  odt: 'application/vnd.oasis.opendocument.text',
};

/** Ashby file handles carry no MIME type; the extension is the best hint until download. */
function contentTypeOf(fileName: string): string | null {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  return ext ? (CONTENT_TYPES[ext] ?? null) : null;
}

function attachmentRef(handle: AshbyFileHandle, type: AttachmentType): AttachmentRef {
  return {
    remoteId: handle.id,
    name: handle.name,
    type,
    contentType: contentTypeOf(handle.name),
    // file.info takes the handle string, not the file's id.
    locator: handle.handle,
  };
}

/** The resume handle is RESUME; every other file is OTHER (Ashby does not type them). */
function attachments(candidate: AshbyCandidate): AttachmentRef[] {
  const resume = candidate.resumeFileHandle;
  const refs = new Map<string, AttachmentRef>();
  if (resume) refs.set(resume.id, attachmentRef(resume, 'RESUME'));
  for (const file of candidate.fileHandles ?? []) {
    if (refs.has(file.id) || file.handle === resume?.handle) continue;
    refs.set(file.id, attachmentRef(file, 'OTHER'));
  }
  return [...refs.values()];
}

export function mapCandidate(
  candidate: AshbyCandidate,
  raw: Raw,
  fieldTypes: CustomFieldTypes,
): CandidateRecord {
  const { fullName, firstName, lastName } = splitName(candidate.name);
  const school = blankToNull(candidate.school);
  return {
    remoteId: candidate.id,
    raw,
    remoteCreatedAt: toDate(candidate.createdAt),
    remoteUpdatedAt: toDate(candidate.updatedAt),
    firstName,
    lastName,
    fullName,
    // Ashby has no headline; `position` is the current title and is mapped as such.
    headline: null,
    emails: contactValues(candidate.primaryEmailAddress, candidate.emailAddresses),
    phones: contactValues(candidate.primaryPhoneNumber, candidate.phoneNumbers),
    socialLinks: socialLinks(candidate),
    location: location(candidate),
    currentCompany: blankToNull(candidate.company),
    currentTitle: blankToNull(candidate.position),
    workHistory: [],
    education: school ? [{ school }] : [],
    sourceRemoteId: candidate.source?.id ?? null,
    recruiterRemoteId: candidate.creditedToUser?.id ?? null,
    tags: (candidate.tags ?? []).map((t) => t.title),
    customFields: mapCustomFields(candidate.customFields, fieldTypes),
    attachments: attachments(candidate),
  };
}

/**
 * Active → ACTIVE; Lead → ACTIVE as a prospect; Hired → HIRED; Archived → WITHDRAWN when the
 * archive reason says the candidate declined (RejectedByCandidate), REJECTED for another reason,
 * else ARCHIVED. An unknown future status stays ACTIVE (the raw status is kept in
 * `remoteStatus`) rather than losing the application.
 */
function applicationStatus(application: AshbyApplication): ApplicationStatus {
  switch (application.status) {
    case 'Hired':
      return 'HIRED';
    case 'Archived':
      if (!application.archiveReason) return 'ARCHIVED';
      return application.archiveReason.reasonType === 'RejectedByCandidate'
        ? 'WITHDRAWN'
        : 'REJECTED';
    default:
      return 'ACTIVE';
  }
}

export function mapApplication(
  application: AshbyApplication,
  raw: Raw,
  fieldTypes: CustomFieldTypes,
): ApplicationRecord {
  const stage = application.currentInterviewStage;
  const archived = application.status === 'Archived';
  return {
    remoteId: application.id,
    raw,
    remoteCreatedAt: toDate(application.createdAt),
    remoteUpdatedAt: toDate(application.updatedAt),
    candidateRemoteId: application.candidate.id,
    jobRemoteId: application.job?.id ?? null,
    stageRemoteId: stage?.id ?? null,
    stageName: stage?.title ?? null,
    status: applicationStatus(application),
    remoteStatus: application.status,
    rejectionReasonRemoteId: application.archiveReason?.id ?? null,
    sourceRemoteId: application.source?.id ?? null,
    recruiterRemoteId: application.creditedToUser?.id ?? null,
    isProspect: application.status === 'Lead',
    appliedAt: toDate(application.createdAt),
    rejectedAt: archived ? toDate(application.archivedAt) : null,
    // Ashby's application has no hire date; the stage history (application.listHistory) would.
    hiredAt: null,
    customFields: mapCustomFields(application.customFields, fieldTypes),
  };
}
