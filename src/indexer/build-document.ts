import type { CandidateDocument } from '../search/candidate-document';
import type { EnrichedCandidate } from './enriched-candidate';

/** Flattens an enriched candidate into the search document. Pure. */
export function buildCandidateDocument(c: EnrichedCandidate): CandidateDocument {
  const current = c.workHistory.find((w) => w.current);
  const past = c.workHistory.filter((w) => w !== current);
  const filterable = new Set(c.filterableCustomFields);
  // Only the fields an admin marked filterable (by key or by name) are indexed: marking or
  // unmarking one reindexes the connection's candidates (connection-reindex.ts).
  const customFields: Record<string, string[]> = {};
  const customFieldNames: Record<string, string> = {};
  for (const [key, field] of Object.entries(c.customFields)) {
    if (!filterable.has(key) && !filterable.has(field.name)) continue;
    const values = (Array.isArray(field.value) ? field.value : [field.value])
      .filter((v) => v !== null && v !== undefined && v !== '')
      .map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v)));
    if (values.length === 0) continue;
    customFields[key] = values;
    if (field.name) customFieldNames[key] = field.name;
  }
  return {
    id: c.id,
    organizationId: c.organizationId,
    connectionId: c.connectionId,
    kind: c.kind,
    fullName: c.fullName,
    headline: c.headline,
    emails: c.emails,
    phones: c.phones,
    linkedinUrl: c.linkedinUrl,
    githubUrl: c.githubUrl,
    socialUrls: c.socialLinks.map((l) => l.url),
    location:
      c.location?.text ??
      ([c.location?.city, c.location?.region, c.location?.country].filter(Boolean).join(', ') ||
        null),
    currentCompany: c.currentCompany,
    currentTitle: c.currentTitle,
    pastCompanies: distinct(past.map((w) => w.company)),
    pastTitles: distinct(past.map((w) => w.title)),
    skills: c.skills,
    schools: distinct(c.education.map((e) => e.school)),
    degrees: distinct(c.education.map((e) => e.degree)),
    majors: distinct(c.education.map((e) => e.major)),
    yearsOfExperience: c.yearsOfExperience,
    yearsInRole: c.yearsInRole,
    industry: c.industry,
    companySize: c.companySize,
    certifications: c.certifications,
    languages: c.languages,
    resumeText: c.resumeText,
    applications: c.applications.map((a) => ({
      applicationId: a.application.id,
      jobId: a.application.jobId,
      jobTitle: a.jobTitle,
      stage: a.stageName ?? a.application.stageName,
      status: a.application.status,
      rejectionReason: a.rejectionReason,
      updatedAt: (a.application.remoteUpdatedAt ?? a.application.updatedAt).toISOString(),
    })),
    source: c.source,
    recruiterId: c.recruiter?.id ?? null,
    recruiterName: c.recruiter?.name ?? null,
    tags: c.tags,
    customFields,
    customFieldNames,
    lastUpdated: c.lastUpdated.toISOString(),
  };
}

function distinct(values: (string | null | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => Boolean(v?.trim())).map((v) => v.trim()))];
}
