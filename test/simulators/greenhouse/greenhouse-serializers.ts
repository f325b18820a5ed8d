/**
 * Neutral records → Harvest v3's flattened shapes (ATS-APIS.md §2.7): related objects are
 * referenced by `*_id`; education, employment, attachments and notes are their own resources.
 */
import type {
  Dataset,
  NeutralApplication,
  NeutralAttachment,
  NeutralCandidate,
  NeutralCustomFieldDefinition,
  NeutralJob,
  NeutralUser,
  RejectionType,
  SourceType,
} from '../generator';
import type { IdRegistry } from '../common/id-registry';

export const iso = (ms: number | null): string | null =>
  ms === null ? null : new Date(ms).toISOString();

/** v3 status values come from Airbyte's description (UNCONFIRMED; v1 said `active`). */
export function greenhouseStatus(app: NeutralApplication): 'in_process' | 'rejected' | 'hired' {
  if (app.status === 'HIRED') return 'hired';
  if (app.status === 'REJECTED' || app.status === 'ARCHIVED') return 'rejected';
  return 'in_process';
}

export const REJECTION_TYPES: Record<RejectionType, { id: number; name: string }> = {
  WE_REJECTED_THEM: { id: 1, name: 'We rejected them' },
  THEY_REJECTED_US: { id: 2, name: 'They rejected us' },
  NONE_SPECIFIED: { id: 3, name: 'None specified' },
};

const SOURCE_TYPES: Record<SourceType, { id: number; name: string }> = {
  JOB_BOARD: { id: 1, name: 'Third-party boards' },
  REFERRAL: { id: 2, name: 'Referrals' },
  SOURCED: { id: 3, name: 'Prospecting' },
  AGENCY: { id: 4, name: 'Agencies' },
  CAREER_SITE: { id: 5, name: 'Company marketing' },
  EVENT: { id: 6, name: 'Attend events' },
  SOCIAL_MEDIA: { id: 7, name: 'Social media' },
};

const VALUE_TYPES: Record<NeutralCustomFieldDefinition['type'], string> = {
  TEXT: 'short_text',
  NUMBER: 'number',
  BOOLEAN: 'yes_no',
  DATE: 'date',
  SINGLE_SELECT: 'single_select',
  MULTI_SELECT: 'multi_select',
};

/** Greenhouse custom-field keys are snake_case names: "Desired Salary" → desired_salary. */
export function fieldKeyOf(def: NeutralCustomFieldDefinition): string {
  return def.key.replace(/-/g, '_');
}

/** Sub-record ids derive from the parent's, so they need no registry (10 children at most). */
export function childId(parentId: number, index: number): number {
  return parentId * 10 + index;
}

/** Greenhouse copies the pipeline into each job, so a stage id names a (job, stage) pair. */
export function jobStageKey(jobKey: string, stageKey: string): string {
  return `${jobKey}/${stageKey}`;
}

export function splitJobStageKey(pair: string): { jobKey: string; stageKey: string } {
  const at = pair.indexOf('/');
  return { jobKey: pair.slice(0, at), stageKey: pair.slice(at + 1) };
}

/** Greenhouse jobs have no "archived" status: an archived job is closed. */
export function greenhouseJobStatus(job: NeutralJob): 'open' | 'closed' | 'draft' {
  return job.status === 'OPEN' ? 'open' : job.status === 'DRAFT' ? 'draft' : 'closed';
}

export class GreenhouseSerializer {
  constructor(
    private readonly dataset: Dataset,
    private readonly ids: IdRegistry<number>,
    private readonly isMalformed: (candidateKey: string) => boolean,
    private readonly attachmentUrl: (candidateKey: string, attachment: NeutralAttachment) => string,
  ) {}

  candidate(c: NeutralCandidate): Record<string, unknown> {
    // Real data files GitHub links either way; alternate by index so connectors handle both.
    const githubAsWebsite = c.index % 2 === 1;
    const serialized: Record<string, unknown> = {
      id: this.ids.ensure('candidate', c.key),
      first_name: c.firstName,
      last_name: c.lastName,
      preferred_name: null,
      company: c.currentCompany,
      title: c.currentTitle,
      created_at: iso(c.createdAt),
      updated_at: iso(c.updatedAt),
      last_activity_at: iso(c.lastActivityAt),
      private: false,
      can_email: c.emails.length > 0,
      time_zone: c.place?.timezone ?? null,
      email_addresses: c.emails.map((e) => ({
        value: e.value,
        type: e.type === 'WORK' ? 'work' : 'personal',
      })),
      phone_numbers: c.phones.map((p) => ({ value: p.value, type: p.type.toLowerCase() })),
      addresses: c.place
        ? [{ value: `${c.place.city}, ${c.place.region}, ${c.place.country}`, type: 'home' }]
        : [],
      website_addresses: [
        ...(c.websiteUrl ? [{ value: c.websiteUrl, type: 'personal' }] : []),
        ...(c.githubUrl && githubAsWebsite ? [{ value: c.githubUrl, type: 'portfolio' }] : []),
      ],
      social_media_addresses: [
        ...(c.linkedinUrl ? [{ value: c.linkedinUrl }] : []),
        ...(c.githubUrl && !githubAsWebsite ? [{ value: c.githubUrl }] : []),
      ],
      tags: c.tags,
      linked_user_ids: [],
      custom_fields: Object.fromEntries(
        c.customFields.flatMap((cf) => {
          const def = this.dataset.customField(cf.fieldKey);
          return def
            ? [[fieldKeyOf(def), { name: def.name, type: VALUE_TYPES[def.type], value: cf.value }]]
            : [];
        }),
      ),
    };
    if (!this.isMalformed(c.key)) return serialized;
    const { id: _id, ...rest } = serialized;
    return { ...rest, first_name: 7, email_addresses: 'broken', created_at: 'not a date' };
  }

  application(a: NeutralApplication): Record<string, unknown> {
    const stage = a.jobKey ? this.ids.ensure('jobStage', jobStageKey(a.jobKey, a.stageKey)) : null;
    const job = this.dataset.job(a.jobKey);
    return {
      id: this.ids.ensure('application', a.key),
      candidate_id: this.ids.ensure('candidate', a.candidateKey),
      job_id: a.jobKey ? this.ids.ensure('job', a.jobKey) : null,
      job_post_id: job?.hasPosting ? this.ids.ensure('jobPosting', job.key) : null,
      stage_id: stage,
      stage_name: a.jobKey ? (this.dataset.stage(a.stageKey)?.name ?? null) : null,
      status: greenhouseStatus(a),
      prospect: a.prospect,
      prospective_job_ids: [],
      source_id: a.sourceKey ? this.ids.ensure('source', a.sourceKey) : null,
      referrer_id: null,
      recruiter_id: a.recruiterKey ? this.ids.ensure('user', a.recruiterKey) : null,
      coordinator_id: null,
      credited_to_id: a.recruiterKey ? this.ids.ensure('user', a.recruiterKey) : null,
      rejection_reason_id: a.rejectionReasonKey
        ? this.ids.ensure('rejectionReason', a.rejectionReasonKey)
        : null,
      rejected_at: iso(a.rejectedAt),
      last_activity_at: iso(a.updatedAt),
      location_address: null,
      created_at: iso(a.createdAt),
      updated_at: iso(a.updatedAt),
    };
  }

  job(job: NeutralJob): Record<string, unknown> {
    return {
      id: this.ids.ensure('job', job.key),
      name: job.title,
      requisition_id: job.requisitionId,
      confidential: false,
      status: greenhouseJobStatus(job),
      is_template: false,
      department_ids: [this.ids.ensure('department', job.departmentKey)],
      office_ids: [this.ids.ensure('office', job.officeKey)],
      recruiter_ids: [this.ids.ensure('user', job.recruiterKey)],
      hiring_manager_ids: [this.ids.ensure('user', job.hiringManagerKey)],
      opened_at: iso(job.openedAt),
      closed_at: iso(job.closedAt),
      created_at: iso(job.createdAt),
      updated_at: iso(job.updatedAt),
    };
  }

  jobPost(job: NeutralJob): Record<string, unknown> {
    return {
      id: this.ids.ensure('jobPosting', job.key),
      job_id: this.ids.ensure('job', job.key),
      title: job.title,
      live: job.postingListed,
      active: job.status === 'OPEN',
      internal: false,
      external: true,
      location: { name: this.dataset.office(job.officeKey)?.name ?? null },
      content: `<p>${job.description}</p>`,
      first_published_at: iso(job.openedAt),
      created_at: iso(job.createdAt),
      updated_at: iso(job.updatedAt),
    };
  }

  jobStage(jobKey: string, stageKey: string, job: NeutralJob): Record<string, unknown> {
    const stage = this.dataset.stage(stageKey);
    return {
      id: this.ids.ensure('jobStage', jobStageKey(jobKey, stageKey)),
      job_id: this.ids.ensure('job', jobKey),
      name: stage?.name ?? stageKey,
      active: true,
      sort_order: stage?.order ?? 0,
      created_at: iso(job.createdAt),
      updated_at: iso(job.createdAt),
    };
  }

  user(u: NeutralUser): Record<string, unknown> {
    return {
      id: this.ids.ensure('user', u.key),
      first_name: u.firstName,
      last_name: u.lastName,
      name: `${u.firstName} ${u.lastName}`,
      primary_email: u.email,
      emails: [u.email],
      employee_id: null,
      deactivated: !u.enabled,
      site_admin: u.role === 'ADMIN',
      job_title: u.title,
      created_at: iso(u.createdAt),
      updated_at: iso(u.updatedAt),
    };
  }

  rejectionReason(key: string): Record<string, unknown> | null {
    const reason = this.dataset.rejectionReason(key);
    if (!reason) return null;
    return {
      id: this.ids.ensure('rejectionReason', reason.key),
      name: reason.name,
      type: { ...REJECTION_TYPES[reason.type], key: reason.type },
    };
  }

  source(key: string): Record<string, unknown> | null {
    const source = this.dataset.source(key);
    return source
      ? {
          id: this.ids.ensure('source', source.key),
          name: source.name,
          type: SOURCE_TYPES[source.type],
        }
      : null;
  }

  customField(def: NeutralCustomFieldDefinition): Record<string, unknown> {
    return {
      id: this.ids.ensure('customField', def.key),
      name: def.name,
      field_key: fieldKeyOf(def),
      field_type: 'candidate',
      value_type: VALUE_TYPES[def.type],
      private: def.isPrivate,
      active: true,
      options: def.options.map((name, i) => ({
        id: childId(this.ids.ensure('customField', def.key), i),
        name,
      })),
    };
  }

  attachment(candidate: NeutralCandidate, attachment: NeutralAttachment): Record<string, unknown> {
    const candidateId = this.ids.ensure('candidate', candidate.key);
    const firstApp = this.dataset.applicationsOf(candidate.key)[0];
    return {
      id: this.ids.ensure('attachment', attachment.key),
      candidate_id: candidateId,
      application_id: firstApp ? this.ids.ensure('application', firstApp.key) : null,
      filename: attachment.fileName,
      type: attachment.kind === 'RESUME' ? 'resume' : 'cover_letter',
      url: this.attachmentUrl(candidate.key, attachment),
      created_at: iso(attachment.createdAt),
      updated_at: iso(attachment.createdAt),
    };
  }
}
