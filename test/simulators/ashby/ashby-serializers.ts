/**
 * Neutral records → Ashby's JSON shapes (ATS-APIS.md §1.5). Related objects are embedded the way
 * Ashby embeds them (source, creditedToUser, currentInterviewStage, archiveReason).
 */
import {
  deterministicUuid,
  type Dataset,
  type NeutralApplication,
  type NeutralAttachment,
  type NeutralCandidate,
  type NeutralCustomFieldDefinition,
  type NeutralJob,
  type NeutralPlace,
  type NeutralStage,
  type NeutralUser,
  type SourceType,
  type StageKind,
  type UserRole,
} from '../generator';
import type { IdRegistry } from '../common/id-registry';
import { encodeOpaque } from '../common/opaque-token';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

const STAGE_TYPES: Record<StageKind, string> = {
  LEAD: 'Lead',
  NEW: 'PreInterviewScreen',
  REVIEW: 'PreInterviewScreen',
  INTERVIEW: 'Active',
  OFFER: 'Offer',
  HIRED: 'Hired',
  ARCHIVED: 'Archived',
};

const GLOBAL_ROLES: Record<UserRole, string> = {
  ADMIN: 'Organization Admin',
  RECRUITER: 'Elevated Access',
  COORDINATOR: 'Elevated Access',
  HIRING_MANAGER: 'Limited Access',
  INTERVIEWER: 'Limited Access',
};

const SOURCE_TYPE_TITLES: Record<SourceType, string> = {
  JOB_BOARD: 'Job Board',
  REFERRAL: 'Referral',
  SOURCED: 'Sourced',
  AGENCY: 'Agency',
  CAREER_SITE: 'Inbound',
  EVENT: 'Event',
  SOCIAL_MEDIA: 'Social Media',
};

const FIELD_TYPES: Record<NeutralCustomFieldDefinition['type'], string> = {
  TEXT: 'String',
  NUMBER: 'Number',
  BOOLEAN: 'Boolean',
  DATE: 'Date',
  SINGLE_SELECT: 'ValueSelect',
  MULTI_SELECT: 'MultiValueSelect',
};

const EMPLOYMENT_TYPES: Record<NeutralJob['employmentType'], string> = {
  FULL_TIME: 'FullTime',
  PART_TIME: 'PartTime',
  CONTRACT: 'Contract',
  INTERN: 'Intern',
  TEMPORARY: 'Temporary',
};

export const DEFAULT_PLAN_KEY = 'default';

/** Ashby status of an application: Lead for active ones still in the Lead stage. */
export function ashbyApplicationStatus(
  app: NeutralApplication,
): 'Lead' | 'Active' | 'Hired' | 'Archived' {
  if (app.status === 'HIRED') return 'Hired';
  if (app.status === 'REJECTED' || app.status === 'ARCHIVED') return 'Archived';
  return app.stageKey === 'lead' ? 'Lead' : 'Active';
}

/** Handles name a file by owner and attachment; `file.info` turns one into a download URL. */
export function fileHandleOf(candidateKey: string, attachmentKey: string): string {
  return `fh_${encodeOpaque({ c: candidateKey, a: attachmentKey })}`;
}

export class AshbySerializer {
  constructor(
    private readonly dataset: Dataset,
    private readonly ids: IdRegistry<string>,
    private readonly isMalformed: (candidateKey: string) => boolean,
  ) {}

  user(user: NeutralUser): Record<string, unknown> {
    return {
      id: this.ids.ensure('user', user.key),
      firstName: user.firstName,
      lastName: user.lastName,
      email: user.email,
      globalRole: GLOBAL_ROLES[user.role],
      isEnabled: user.enabled,
      updatedAt: iso(user.updatedAt),
    };
  }

  source(key: string | null): Record<string, unknown> | null {
    const source = this.dataset.source(key);
    if (!source) return null;
    return {
      id: this.ids.ensure('source', source.key),
      title: source.name,
      isArchived: false,
      sourceType: {
        id: this.ids.ensure('sourceType', source.type),
        title: SOURCE_TYPE_TITLES[source.type],
        isArchived: false,
      },
    };
  }

  archiveReason(key: string | null): Record<string, unknown> | null {
    const reason = this.dataset.rejectionReason(key);
    if (!reason) return null;
    const reasonType =
      reason.type === 'WE_REJECTED_THEM'
        ? 'RejectedByOrg'
        : reason.type === 'THEY_REJECTED_US'
          ? 'RejectedByCandidate'
          : 'Other';
    return {
      id: this.ids.ensure('rejectionReason', reason.key),
      text: reason.name,
      reasonType,
      isArchived: false,
    };
  }

  stage(stage: NeutralStage): Record<string, unknown> {
    return {
      id: this.ids.ensure('stage', stage.key),
      title: stage.name,
      type: STAGE_TYPES[stage.kind],
      orderInInterviewPlan: stage.order,
      interviewStageGroupId: deterministicUuid(
        this.dataset.seed,
        'ashby',
        'stageGroup',
        STAGE_TYPES[stage.kind],
      ),
      interviewPlanId: this.ids.ensure('interviewPlan', DEFAULT_PLAN_KEY),
    };
  }

  location(place: NeutralPlace): Record<string, unknown> {
    return {
      id: deterministicUuid(this.dataset.seed, 'ashby', 'place', place.city),
      locationSummary: `${place.city}, ${place.region}, ${place.country}`,
      locationComponents: [
        { type: 'Country', name: place.country },
        { type: 'Region', name: place.region },
        { type: 'City', name: place.city },
      ],
    };
  }

  customFieldDefinition(def: NeutralCustomFieldDefinition): Record<string, unknown> {
    return {
      id: this.ids.ensure('customField', def.key),
      isPrivate: def.isPrivate,
      title: def.name,
      objectType: 'Candidate',
      isArchived: false,
      fieldType: FIELD_TYPES[def.type],
      ...(def.options.length > 0
        ? { selectableValues: def.options.map((o) => ({ label: o, value: o, isArchived: false })) }
        : {}),
    };
  }

  fileHandle(candidateKey: string, attachment: NeutralAttachment): Record<string, unknown> {
    return {
      id: this.ids.ensure('attachment', attachment.key),
      name: attachment.fileName,
      handle: fileHandleOf(candidateKey, attachment.key),
    };
  }

  candidate(c: NeutralCandidate): Record<string, unknown> {
    const id = this.ids.ensure('candidate', c.key);
    const emails = c.emails.map((e, i) => ({
      value: e.value,
      type: e.type === 'WORK' ? 'Work' : 'Personal',
      isPrimary: i === 0,
    }));
    const phones = c.phones.map((p, i) => ({
      value: p.value,
      type: p.type === 'WORK' ? 'Work' : 'Personal',
      isPrimary: i === 0,
    }));
    const socialLinks = [
      c.linkedinUrl ? { type: 'LinkedIn', url: c.linkedinUrl } : null,
      c.githubUrl ? { type: 'GitHub', url: c.githubUrl } : null,
      c.websiteUrl ? { type: 'Website', url: c.websiteUrl } : null,
    ].filter(Boolean);
    const resume = c.attachments.find((a) => a.kind === 'RESUME');
    const recruiter = this.dataset.user(c.recruiterKey);
    const serialized: Record<string, unknown> = {
      id,
      createdAt: iso(c.createdAt),
      // Ashby moves a candidate's updatedAt with its applications too; incremental sync agrees.
      updatedAt: iso(c.lastActivityAt),
      name: `${c.firstName} ${c.lastName}`.trim(),
      primaryEmailAddress: emails[0] ?? null,
      emailAddresses: emails,
      primaryPhoneNumber: phones[0] ?? null,
      phoneNumbers: phones,
      socialLinks,
      tags: c.tags.map((title) => ({
        id: this.ids.ensure('tag', title),
        title,
        isArchived: false,
      })),
      position: c.currentTitle,
      company: c.currentCompany,
      school: c.education[0]?.school ?? null,
      applicationIds: this.dataset
        .applicationsOf(c.key)
        .filter((a) => a.jobKey !== null)
        .map((a) => this.ids.ensure('application', a.key)),
      ...(resume ? { resumeFileHandle: this.fileHandle(c.key, resume) } : {}),
      fileHandles: c.attachments.map((a) => this.fileHandle(c.key, a)),
      customFields: c.customFields.flatMap((cf) => {
        const def = this.dataset.customField(cf.fieldKey);
        if (!def) return [];
        return [
          {
            id: this.ids.ensure('customField', def.key),
            title: def.name,
            value: def.type === 'DATE' ? `${String(cf.value)}T00:00:00.000Z` : cf.value,
            isPrivate: def.isPrivate,
            ...(def.type === 'SINGLE_SELECT' ? { valueLabel: cf.value } : {}),
          },
        ];
      }),
      profileUrl: `https://app.ashbyhq.com/candidates/${id}`,
      source: this.source(c.sourceKey),
      creditedToUser: recruiter ? this.user(recruiter) : null,
      timezone: c.place?.timezone ?? null,
      location: c.place ? this.location(c.place) : null,
    };
    return this.isMalformed(c.key) ? malformed(serialized) : serialized;
  }

  application(a: NeutralApplication): Record<string, unknown> {
    const candidate = this.dataset.candidates.get(a.candidateKey);
    const job = this.dataset.job(a.jobKey);
    const status = ashbyApplicationStatus(a);
    const stage = this.dataset.stage(status === 'Archived' ? 'archived' : a.stageKey);
    const recruiter = this.dataset.user(a.recruiterKey);
    const emails = candidate?.emails ?? [];
    const phones = candidate?.phones ?? [];
    return {
      id: this.ids.ensure('application', a.key),
      createdAt: iso(a.createdAt),
      updatedAt: iso(a.updatedAt),
      status,
      customFields: [],
      candidate: candidate
        ? {
            id: this.ids.ensure('candidate', candidate.key),
            name: `${candidate.firstName} ${candidate.lastName}`.trim(),
            primaryEmailAddress: emails[0]
              ? { value: emails[0].value, type: 'Personal', isPrimary: true }
              : null,
            primaryPhoneNumber: phones[0]
              ? { value: phones[0].value, type: 'Personal', isPrimary: true }
              : null,
          }
        : null,
      currentInterviewStage: stage ? this.stage(stage) : null,
      source: this.source(a.sourceKey),
      archiveReason: status === 'Archived' ? this.archiveReason(a.rejectionReasonKey) : null,
      archivedAt: status === 'Archived' ? iso(a.rejectedAt) : null,
      job: job
        ? {
            id: this.ids.ensure('job', job.key),
            title: job.title,
            locationId: this.ids.ensure('office', job.officeKey),
            departmentId: this.ids.ensure('department', job.departmentKey),
            brandId: null,
          }
        : null,
      creditedToUser: recruiter ? this.user(recruiter) : null,
      hiringTeam: job ? this.hiringTeam(job) : [],
      appliedViaJobPostingId:
        job?.hasPosting && a.sourceKey === 'careers-page'
          ? this.ids.ensure('jobPosting', job.key)
          : null,
    };
  }

  job(job: NeutralJob): Record<string, unknown> {
    const author = this.dataset.user(job.recruiterKey);
    return {
      id: this.ids.ensure('job', job.key),
      title: job.title,
      confidential: false,
      status: job.status.charAt(0) + job.status.slice(1).toLowerCase(),
      employmentType: EMPLOYMENT_TYPES[job.employmentType],
      locationId: this.ids.ensure('office', job.officeKey),
      departmentId: this.ids.ensure('department', job.departmentKey),
      defaultInterviewPlanId: this.ids.ensure('interviewPlan', DEFAULT_PLAN_KEY),
      interviewPlanIds: [this.ids.ensure('interviewPlan', DEFAULT_PLAN_KEY)],
      jobPostingIds: job.hasPosting ? [this.ids.ensure('jobPosting', job.key)] : [],
      customFields: [],
      hiringTeam: this.hiringTeam(job),
      customRequisitionId: job.requisitionId,
      brandId: null,
      author: author ? this.user(author) : null,
      createdAt: iso(job.createdAt),
      updatedAt: iso(job.updatedAt),
      openedAt: iso(job.openedAt),
      closedAt: iso(job.closedAt),
    };
  }

  jobPosting(job: NeutralJob, withDescription: boolean): Record<string, unknown> {
    const office = this.dataset.office(job.officeKey);
    const department = this.dataset.department(job.departmentKey);
    const id = this.ids.ensure('jobPosting', job.key);
    return {
      id,
      title: job.title,
      jobId: this.ids.ensure('job', job.key),
      departmentName: department?.name ?? null,
      teamName: department?.name ?? null,
      locationName: office?.name ?? null,
      locationIds: {
        primaryLocationId: this.ids.ensure('office', job.officeKey),
        secondaryLocationIds: [],
      },
      workplaceType: office?.remote ? 'Remote' : 'OnSite',
      employmentType: EMPLOYMENT_TYPES[job.employmentType],
      isListed: job.postingListed,
      publishedDate: iso(job.openedAt)?.slice(0, 10) ?? null,
      applicationDeadline: null,
      externalLink: null,
      applyLink: `https://jobs.ashbyhq.com/northwind/${id}/application`,
      compensationTierSummary: null,
      shouldDisplayCompensationOnJobBoard: false,
      updatedAt: iso(job.updatedAt),
      ...(withDescription
        ? { descriptionPlain: job.description, descriptionHtml: `<p>${job.description}</p>` }
        : {}),
    };
  }

  private hiringTeam(job: NeutralJob): Array<Record<string, unknown>> {
    const members: Array<[string, string]> = [
      [job.recruiterKey, 'Recruiter'],
      [job.hiringManagerKey, 'Hiring Manager'],
    ];
    return members.flatMap(([key, role]) => {
      const user = this.dataset.user(key);
      return user
        ? [
            {
              userId: this.ids.ensure('user', user.key),
              firstName: user.firstName,
              lastName: user.lastName,
              email: user.email,
              role,
            },
          ]
        : [];
    });
  }
}

/** The broken shape `faults.malformCandidate` asks for: no id, wrong types. */
function malformed(serialized: Record<string, unknown>): Record<string, unknown> {
  const { id: _id, ...rest } = serialized;
  return { ...rest, name: 404, emailAddresses: 'not-a-list', createdAt: false };
}
