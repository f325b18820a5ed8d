import type { EnrichedCandidate } from '../indexer/enriched-candidate';
import type { Provider } from '../entities/provider';
import type {
  ApplicationType,
  AtsLinkType,
  AttachmentType,
  ConnectionSummaryType,
  CustomFieldType,
  RecruiterType,
} from '../schema/candidate.type';
import type { Loaders } from './loaders';

/** The relations of a candidate, shared by `Candidate` and `AtsMatch` field resolvers. */

export async function candidateApplications(
  c: EnrichedCandidate,
  loaders: Loaders,
): Promise<ApplicationType[]> {
  const jobs = await loaders.jobs.loadMany(c.applications.map((a) => a.application.jobId ?? ''));
  return c.applications.map(({ application, jobTitle, stageName, rejectionReason }, i) => {
    const job = jobs[i];
    const known = job && !(job instanceof Error) ? job : null;
    return {
      id: application.id,
      job: application.jobId
        ? {
            id: application.jobId,
            title: known?.title ?? jobTitle ?? '',
            status: known?.status ?? 'OTHER',
          }
        : null,
      stage: stageName ?? application.stageName,
      status: application.status,
      remoteStatus: application.remoteStatus,
      rejectionReason,
      isProspect: application.isProspect,
      appliedAt: application.appliedAt,
      updatedAt: application.remoteUpdatedAt ?? application.updatedAt,
    };
  });
}

export async function candidateAttachments(
  c: EnrichedCandidate,
  loaders: Loaders,
): Promise<AttachmentType[]> {
  const rows = await loaders.attachmentsByCandidate.load(c.id);
  return rows.map((a) => ({
    id: a.id,
    name: a.name,
    type: a.type,
    contentType: a.contentType,
    url: `/attachments/${a.id}`,
    text: a.extractedText,
  }));
}

export async function candidateConnection(
  c: EnrichedCandidate,
  loaders: Loaders,
): Promise<ConnectionSummaryType> {
  const connection = await loaders.connections.load(c.connectionId);
  if (!connection) throw new Error(`connection ${c.connectionId} of candidate ${c.id} vanished`);
  return { id: connection.id, name: connection.name, provider: connection.provider };
}

export async function candidateRecruiter(
  c: EnrichedCandidate,
  loaders: Loaders,
): Promise<RecruiterType | null> {
  if (!c.recruiter) return null;
  const user = await loaders.atsUsers.load(c.recruiter.id);
  return { id: c.recruiter.id, name: c.recruiter.name, email: user?.email ?? null };
}

/** Where to open the candidate in the vendor's own UI. */
const PROFILE_URLS: Record<Provider, ((remoteId: string) => string) | null> = {
  ASHBY: (id) => `https://app.ashbyhq.com/candidates/${encodeURIComponent(id)}`,
  GREENHOUSE: (id) => `https://app.greenhouse.io/people/${encodeURIComponent(id)}`,
  SMARTRECRUITERS: (id) =>
    `https://www.smartrecruiters.com/app/people/candidates/${encodeURIComponent(id)}`,
  SOURCEWHALE: null,
};

export async function candidateAtsLinks(
  c: EnrichedCandidate,
  loaders: Loaders,
): Promise<AtsLinkType[]> {
  const connection = await loaders.connections.load(c.connectionId);
  if (!connection) return [];
  const url = PROFILE_URLS[connection.provider];
  return [
    { provider: connection.provider, remoteId: c.remoteId, url: url ? url(c.remoteId) : null },
  ];
}

export function candidateCustomFields(c: EnrichedCandidate): CustomFieldType[] {
  return Object.entries(c.customFields).map(([key, field]) => ({
    key,
    name: field.name,
    value: customFieldText(field.value),
  }));
}

function customFieldText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
