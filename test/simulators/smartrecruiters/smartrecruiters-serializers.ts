/**
 * Neutral records → SmartRecruiters shapes (ATS-APIS.md §3.5). Applications are "assignments"
 * of a candidate to a job, carried on the candidate (primary = most recent, then secondary);
 * the pipeline maps to SR's fixed statuses plus a per-process subStatus label.
 */
import type {
  Dataset,
  NeutralApplication,
  NeutralAttachment,
  NeutralCandidate,
  NeutralJob,
  NeutralPlace,
  NeutralUser,
  SourceType,
} from '../generator';
import type { IdRegistry } from '../common/id-registry';
import { contentTypeOf } from '../common/attachment-files';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export const SOURCE_TYPE_LABELS: Record<SourceType, string> = {
  JOB_BOARD: 'Job Boards',
  REFERRAL: 'Referrals',
  SOURCED: 'Sourcing',
  AGENCY: 'Agencies',
  CAREER_SITE: 'Career Site',
  EVENT: 'Events',
  SOCIAL_MEDIA: 'Social Media',
};

export interface SrStatus {
  status:
    'LEAD' | 'NEW' | 'IN_REVIEW' | 'INTERVIEW' | 'OFFERED' | 'HIRED' | 'REJECTED' | 'WITHDRAWN';
  subStatus: string | null;
}

/** REJECTED is our decision; a candidate-side reason (neutral ARCHIVED) is WITHDRAWN. */
export function srStatusOf(app: NeutralApplication, dataset: Dataset): SrStatus {
  if (app.status === 'HIRED') return { status: 'HIRED', subStatus: null };
  if (app.status === 'REJECTED') return { status: 'REJECTED', subStatus: null };
  if (app.status === 'ARCHIVED') return { status: 'WITHDRAWN', subStatus: null };
  const stage = dataset.stage(app.stageKey);
  switch (stage?.kind) {
    case 'LEAD':
      return { status: 'LEAD', subStatus: null };
    case 'NEW':
      return { status: 'NEW', subStatus: null };
    case 'REVIEW':
      return { status: 'IN_REVIEW', subStatus: stage.name };
    case 'INTERVIEW':
      return { status: 'INTERVIEW', subStatus: stage.name };
    case 'OFFER':
      return { status: 'OFFERED', subStatus: stage.name };
    default:
      return { status: 'NEW', subStatus: null };
  }
}

export function srJobStatus(job: NeutralJob): string {
  return { OPEN: 'SOURCING', CLOSED: 'FILLED', DRAFT: 'CREATED', ARCHIVED: 'CANCELLED' }[
    job.status
  ];
}

export function srPostingStatus(job: NeutralJob): string {
  if (!job.hasPosting) return 'NOT_PUBLISHED';
  return job.postingListed ? 'PUBLIC' : 'INTERNAL';
}

/** One assignment per job: SR keys applications by (candidate, job); the newest wins. */
export function assignmentsOf(dataset: Dataset, candidateKey: string): NeutralApplication[] {
  const byJob = new Map<string, NeutralApplication>();
  for (const app of dataset.applicationsOf(candidateKey)) {
    if (app.jobKey === null) continue;
    const seen = byJob.get(app.jobKey);
    if (!seen || seen.createdAt <= app.createdAt) byJob.set(app.jobKey, app);
  }
  return [...byJob.values()].sort((a, b) => b.createdAt - a.createdAt);
}

export class SmartRecruitersSerializer {
  constructor(
    private readonly dataset: Dataset,
    private readonly ids: IdRegistry<string>,
    private readonly isMalformed: (candidateKey: string) => boolean,
    private readonly baseUrl: () => string,
  ) {}

  location(place: NeutralPlace | null): Record<string, unknown> | null {
    if (!place) return null;
    return {
      country: place.country,
      countryCode: place.countryCode.toLowerCase(),
      regionCode: null,
      region: place.region,
      city: place.city,
      lat: null,
      lng: null,
    };
  }

  jobRef(job: NeutralJob): Record<string, unknown> {
    const id = this.ids.ensure('job', job.key);
    return {
      id,
      title: job.title,
      actions: { details: { url: `${this.baseUrl()}/jobs/${id}`, method: 'GET' } },
    };
  }

  /** Summary form inside candidate objects. */
  assignmentSummary(app: NeutralApplication): Record<string, unknown> | null {
    const job = this.dataset.job(app.jobKey);
    return job ? { job: this.jobRef(job), ...srStatusOf(app, this.dataset) } : null;
  }

  /** GET /candidates/{id}/jobs/{jobId}. */
  assignment(app: NeutralApplication): Record<string, unknown> {
    const job = this.dataset.job(app.jobKey);
    const source = this.dataset.source(app.sourceKey);
    const reason = this.dataset.rejectionReason(app.rejectionReasonKey);
    const reasonRef = reason
      ? { id: this.ids.ensure('rejectionReason', reason.key), label: reason.name }
      : null;
    const { status, subStatus } = srStatusOf(app, this.dataset);
    const candidateId = this.ids.ensure('candidate', app.candidateKey);
    return {
      id: job ? this.ids.ensure('job', job.key) : null,
      job: job ? this.jobRef(job) : null,
      status,
      subStatus,
      startsOn: status === 'HIRED' ? iso(app.updatedAt)?.slice(0, 10) : null,
      source: source
        ? {
            sourceTypeId: source.type,
            sourceSubTypeId: null,
            sourceId: this.ids.ensure('source', source.key),
          }
        : null,
      reasonOfRejection: status === 'REJECTED' ? reasonRef : null,
      reasonOfWithdrawal: status === 'WITHDRAWN' ? reasonRef : null,
      createdOn: iso(app.createdAt),
      lastUpdatedOn: iso(app.updatedAt),
      actions: {
        candidate: { url: `${this.baseUrl()}/candidates/${candidateId}`, method: 'GET' },
        status: {
          url: `${this.baseUrl()}/candidates/${candidateId}/jobs/${job ? this.ids.ensure('job', job.key) : ''}/status`,
          method: 'PUT',
        },
      },
    };
  }

  /** A GET /candidates list item. */
  candidateSummary(c: NeutralCandidate): Record<string, unknown> {
    const id = this.ids.ensure('candidate', c.key);
    const [primary, ...secondary] = assignmentsOf(this.dataset, c.key);
    const serialized: Record<string, unknown> = {
      id,
      internal: false,
      firstName: c.firstName,
      lastName: c.lastName,
      email: c.emails[0]?.value ?? null,
      createdOn: iso(c.createdAt),
      // Application changes live on the candidate here, so they move updatedOn too.
      updatedOn: iso(c.lastActivityAt),
      location: this.location(c.place),
      averageRating: null,
      tags: c.tags,
      primaryAssignment: primary ? this.assignmentSummary(primary) : null,
      secondaryAssignments: secondary.map((a) => this.assignmentSummary(a)),
      actions: {
        details: { url: `${this.baseUrl()}/candidates/${id}`, method: 'GET' },
        attachments: { url: `${this.baseUrl()}/candidates/${id}/attachments`, method: 'GET' },
      },
    };
    return this.isMalformed(c.key) ? malformed(serialized) : serialized;
  }

  /** GET /candidates/{id}. */
  candidateDetails(c: NeutralCandidate): Record<string, unknown> {
    const summary = this.candidateSummary(c);
    const [primary, ...secondary] = assignmentsOf(this.dataset, c.key);
    const month = (year: number | null, m: number | null): string | null =>
      year === null ? null : `${year}-${String(m ?? 1).padStart(2, '0')}`;
    return {
      ...summary,
      phoneNumber: c.phones[0]?.value ?? null,
      // SR has no GitHub field: GitHub lands in website when there is no personal site.
      web: {
        skype: null,
        linkedin: c.linkedinUrl,
        facebook: null,
        twitter: null,
        website: c.websiteUrl ?? c.githubUrl,
      },
      education: c.education.map((e) => ({
        institution: e.school,
        degree: e.degree,
        major: e.major,
        current: false,
        location: null,
        startDate: String(e.startYear),
        endDate: String(e.endYear),
        description: null,
      })),
      experience: c.experience.map((x) => ({
        title: x.title,
        company: x.company,
        current: x.current,
        startDate: month(x.startYear, x.startMonth),
        endDate: month(x.endYear, x.endMonth),
        location: x.location,
        description: x.description,
      })),
      primaryAssignment: primary ? this.assignment(primary) : null,
      secondaryAssignments: secondary.map((a) => this.assignment(a)),
    };
  }

  attachment(c: NeutralCandidate, a: NeutralAttachment): Record<string, unknown> {
    const candidateId = this.ids.ensure('candidate', c.key);
    const id = this.ids.ensure('attachment', a.key);
    return {
      id,
      name: a.fileName,
      type: a.kind,
      contentType: contentTypeOf(a),
      createdOn: iso(a.createdAt),
      actions: {
        download: {
          url: `${this.baseUrl()}/candidates/${candidateId}/attachments/${id}`,
          method: 'GET',
        },
      },
    };
  }

  jobSummary(job: NeutralJob): Record<string, unknown> {
    const office = this.dataset.office(job.officeKey);
    const department = this.dataset.department(job.departmentKey);
    return {
      id: this.ids.ensure('job', job.key),
      title: job.title,
      refNumber: job.requisitionId,
      createdOn: iso(job.createdAt),
      updatedOn: iso(job.updatedAt),
      lastActivityOn: iso(job.updatedAt),
      department: department
        ? { id: this.ids.ensure('department', department.key), label: department.name }
        : null,
      location: office ? { ...this.location(office.place), remote: office.remote } : null,
      status: srJobStatus(job),
      postingStatus: srPostingStatus(job),
      language: { code: 'en', label: 'English' },
      actions: {
        details: {
          url: `${this.baseUrl()}/jobs/${this.ids.ensure('job', job.key)}`,
          method: 'GET',
        },
      },
    };
  }

  jobDetails(job: NeutralJob): Record<string, unknown> {
    const creator = this.dataset.user(job.recruiterKey);
    return {
      ...this.jobSummary(job),
      typeOfEmployment: {
        id: job.employmentType.toLowerCase(),
        label: job.employmentType.replace('_', ' ').toLowerCase(),
      },
      creator: creator
        ? {
            id: this.ids.ensure('user', creator.key),
            firstName: creator.firstName,
            lastName: creator.lastName,
          }
        : null,
      jobAd: job.hasPosting
        ? { sections: { jobDescription: { title: 'Job Description', text: job.description } } }
        : null,
    };
  }

  user(u: NeutralUser): Record<string, unknown> {
    return {
      id: this.ids.ensure('user', u.key),
      email: u.email,
      firstName: u.firstName,
      lastName: u.lastName,
      systemRole: {
        id: u.role === 'ADMIN' ? 'ADMINISTRATOR' : 'EMPLOYEE',
        name: u.role === 'ADMIN' ? 'Administrator' : 'Employee',
      },
      active: u.enabled,
      updatedOn: iso(u.updatedAt),
      language: { code: 'en', label: 'English' },
    };
  }
}

function malformed(serialized: Record<string, unknown>): Record<string, unknown> {
  const { id: _id, ...rest } = serialized;
  return { ...rest, firstName: ['not', 'a', 'string'], createdOn: 12, location: 'nowhere' };
}
