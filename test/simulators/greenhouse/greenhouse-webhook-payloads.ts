/**
 * Webhook payloads keep Greenhouse's v1 shapes (embedded objects, `current_stage`, `jobs[]`,
 * `source.public_name`), unlike the flattened v3 API (ATS-APIS.md §2.9).
 */
import type { Dataset, NeutralApplication, NeutralCandidate, NeutralJob } from '../generator';
import type { IdRegistry } from '../common/id-registry';
import { fieldKeyOf, iso, jobStageKey, REJECTION_TYPES } from './greenhouse-serializers';

export class GreenhouseWebhookPayloads {
  constructor(
    private readonly dataset: Dataset,
    private readonly ids: IdRegistry<number>,
    private readonly attachmentUrl: (candidateKey: string, attachmentKey: string) => string,
  ) {}

  userRef(key: string | null): Record<string, unknown> | null {
    const user = this.dataset.user(key);
    if (!user) return null;
    return {
      id: this.ids.ensure('user', user.key),
      first_name: user.firstName,
      last_name: user.lastName,
      name: `${user.firstName} ${user.lastName}`,
      employee_id: null,
    };
  }

  candidate(c: NeutralCandidate): Record<string, unknown> {
    const customFields = c.customFields.flatMap((cf) => {
      const def = this.dataset.customField(cf.fieldKey);
      return def ? [[fieldKeyOf(def), cf.value, def.name, def.type] as const] : [];
    });
    return {
      id: this.ids.ensure('candidate', c.key),
      first_name: c.firstName,
      last_name: c.lastName,
      company: c.currentCompany,
      title: c.currentTitle,
      created_at: iso(c.createdAt),
      updated_at: iso(c.updatedAt),
      last_activity: iso(c.lastActivityAt),
      is_private: false,
      can_email: c.emails.length > 0,
      photo_url: null,
      attachments: c.attachments.map((a) => ({
        filename: a.fileName,
        url: this.attachmentUrl(c.key, a.key),
        type: a.kind === 'RESUME' ? 'resume' : 'cover_letter',
        created_at: iso(a.createdAt),
      })),
      application_ids: this.dataset
        .applicationsOf(c.key)
        .map((a) => this.ids.ensure('application', a.key)),
      phone_numbers: c.phones.map((p) => ({ value: p.value, type: p.type.toLowerCase() })),
      addresses: c.place
        ? [{ value: `${c.place.city}, ${c.place.region}, ${c.place.country}`, type: 'home' }]
        : [],
      email_addresses: c.emails.map((e) => ({
        value: e.value,
        type: e.type === 'WORK' ? 'work' : 'personal',
      })),
      website_addresses: c.websiteUrl ? [{ value: c.websiteUrl, type: 'personal' }] : [],
      social_media_addresses: [c.linkedinUrl, c.githubUrl]
        .filter((u): u is string => Boolean(u))
        .map((value) => ({ value })),
      recruiter: this.userRef(c.recruiterKey),
      coordinator: null,
      tags: c.tags,
      custom_fields: Object.fromEntries(customFields.map(([key, value]) => [key, value])),
      keyed_custom_fields: Object.fromEntries(
        customFields.map(([key, value, name, type]) => [key, { name, type, value }]),
      ),
    };
  }

  application(a: NeutralApplication): Record<string, unknown> {
    const candidate = this.dataset.candidates.get(a.candidateKey);
    const job = this.dataset.job(a.jobKey);
    const source = this.dataset.source(a.sourceKey);
    const reason = this.dataset.rejectionReason(a.rejectionReasonKey);
    return {
      id: this.ids.ensure('application', a.key),
      candidate_id: this.ids.ensure('candidate', a.candidateKey),
      prospect: a.prospect,
      applied_at: iso(a.createdAt),
      rejected_at: iso(a.rejectedAt),
      last_activity_at: iso(a.updatedAt),
      status: a.status === 'HIRED' ? 'hired' : a.status === 'ACTIVE' ? 'active' : 'rejected',
      source: source
        ? { id: this.ids.ensure('source', source.key), public_name: source.name }
        : null,
      credited_to: this.userRef(a.recruiterKey),
      rejection_reason: reason
        ? {
            id: this.ids.ensure('rejectionReason', reason.key),
            name: reason.name,
            type: REJECTION_TYPES[reason.type],
          }
        : null,
      jobs: job ? [{ id: this.ids.ensure('job', job.key), name: job.title }] : [],
      current_stage: job
        ? {
            id: this.ids.ensure('jobStage', jobStageKey(job.key, a.stageKey)),
            name: this.dataset.stage(a.stageKey)?.name ?? null,
          }
        : null,
      candidate: candidate ? this.candidate(candidate) : null,
      custom_fields: {},
    };
  }

  /** The `person` of delete_candidate / merge_candidate: the removed candidate's own data. */
  person(c: NeutralCandidate, applicationKeys: readonly string[]): Record<string, unknown> {
    return {
      id: this.ids.ensure('candidate', c.key),
      first_name: c.firstName,
      last_name: c.lastName,
      company: c.currentCompany,
      title: c.currentTitle,
      email_addresses: c.emails.map((e) => ({
        value: e.value,
        type: e.type === 'WORK' ? 'work' : 'personal',
      })),
      deleted_application_ids: applicationKeys.map((k) => this.ids.ensure('application', k)),
    };
  }

  job(job: NeutralJob): Record<string, unknown> {
    return {
      id: this.ids.ensure('job', job.key),
      name: job.title,
      requisition_id: job.requisitionId,
      status: job.status === 'OPEN' ? 'open' : job.status === 'DRAFT' ? 'draft' : 'closed',
      created_at: iso(job.createdAt),
      updated_at: iso(job.updatedAt),
      opened_at: iso(job.openedAt),
      closed_at: iso(job.closedAt),
    };
  }
}
