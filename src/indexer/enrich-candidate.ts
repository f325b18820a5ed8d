import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { Education, SocialLink, WorkExperience } from '../entities/candidate-fields';
import {
  classifySocialUrl,
  normalizeEmail,
  normalizeGithubUrl,
  normalizeLinkedinUrl,
} from '../common/social-urls';
import { normalizeKey } from '../common/text';
import type { CandidateInputs, EnrichedCandidate } from './enriched-candidate';
import { mergeParsed, parseResume } from './resume-parser';

/** Attachment text kept for search per candidate; the rest of a huge file is not indexed. */
export const MAX_RESUME_CHARS = 100_000;
const YEAR_MS = 365.25 * 86_400_000;

/**
 * Merges what we know about a candidate, in order of trust: the ATS's own fields, then the
 * matched public profile, then what the resume text says. Pure: `now` drives the year counts.
 */
export function enrichCandidate(inputs: CandidateInputs, now: Date): EnrichedCandidate {
  const { candidate, profile } = inputs;
  const resumeText = inputs.attachments
    .map((a) => a.extractedText ?? '')
    .filter(Boolean)
    .join('\n\n')
    .slice(0, MAX_RESUME_CHARS);
  // Each file on its own: a heading of one resume must not swallow the next file, and a cover
  // letter is prose (searchable text, never skills or languages).
  const resume = mergeParsed(
    inputs.attachments
      .filter((a) => a.type !== 'COVER_LETTER' && a.extractedText)
      .map((a) => parseResume((a.extractedText ?? '').slice(0, MAX_RESUME_CHARS))),
  );

  const workHistory = firstNonEmpty(
    candidate.workHistory,
    profile?.workHistory ?? [],
    resume.experience,
  );
  const education = firstNonEmpty(candidate.education, profile?.education ?? [], resume.education);
  const current = workHistory.find((w) => w.current) ?? null;

  const socialLinks = mergeLinks([
    ...candidate.socialLinks,
    ...(profile?.socialLinks ?? []),
    ...resume.linkedinUrls.map((url): SocialLink => ({ type: 'LINKEDIN', url })),
    ...resume.githubUrls.map((url): SocialLink => ({ type: 'GITHUB', url })),
  ]);
  const linkedinUrl =
    candidate.linkedinUrl ??
    profile?.linkedinUrl ??
    firstNormalized(socialLinks, normalizeLinkedinUrl);
  const githubUrl =
    candidate.githubUrl ?? profile?.githubUrl ?? firstNormalized(socialLinks, normalizeGithubUrl);

  const kind = inputs.applications.some(
    (a) => !a.application.isProspect && a.application.deletedAt === null,
  )
    ? 'APPLICANT'
    : 'PROSPECT';
  const updates = [
    candidate.remoteUpdatedAt ?? candidate.updatedAt,
    ...inputs.applications.map((a) => a.application.remoteUpdatedAt ?? a.application.updatedAt),
  ].filter((d): d is Date => d instanceof Date);

  const customFields = candidate.customFields;
  return {
    id: candidate.id,
    organizationId: candidate.organizationId,
    connectionId: candidate.connectionId,
    remoteId: candidate.remoteId,
    kind,
    fullName: candidate.fullName,
    firstName: candidate.firstName,
    lastName: candidate.lastName,
    headline: candidate.headline ?? profile?.headline ?? null,
    emails: unique(
      [...candidate.emails, ...(profile?.emails ?? []), ...resume.emails].map(normalizeEmail),
    ),
    phones: unique(candidate.phones.map(toE164)),
    socialLinks,
    linkedinUrl,
    githubUrl,
    location: candidate.location ?? profile?.location ?? null,
    currentCompany: candidate.currentCompany ?? current?.company ?? null,
    currentTitle: candidate.currentTitle ?? current?.title ?? null,
    workHistory,
    education,
    skills: uniqueByKey([...(profile?.skills ?? []), ...resume.skills]),
    certifications: uniqueByKey([...(profile?.certifications ?? []), ...resume.certifications]),
    languages: uniqueByKey([...(profile?.languages ?? []), ...resume.languages]),
    industry: profile?.industry ?? null,
    companySize: profile?.companySize ?? null,
    yearsOfExperience: yearsSince(earliestStart(workHistory), now),
    yearsInRole: yearsSince(current?.startDate ?? null, now),
    resumeText,
    tags: candidate.tags,
    customFields,
    filterableCustomFields: inputs.filterableCustomFields,
    source: inputs.sourceName ?? inputs.applications.find((a) => a.sourceName)?.sourceName ?? null,
    recruiter: inputs.recruiter ?? inputs.applications.find((a) => a.recruiter)?.recruiter ?? null,
    applications: inputs.applications.filter((a) => a.application.deletedAt === null),
    lastUpdated: new Date(Math.max(...updates.map((d) => d.getTime()), 0)),
    matchedProfileId: profile?.id ?? null,
  };
}

function firstNonEmpty<T>(...lists: T[][]): T[] {
  return lists.find((l) => l.length > 0) ?? [];
}

function mergeLinks(links: SocialLink[]): SocialLink[] {
  const seen = new Set<string>();
  const merged: SocialLink[] = [];
  for (const link of links) {
    const type = link.type === 'OTHER' ? classifySocialUrl(link.url) : link.type;
    const key =
      normalizeLinkedinUrl(link.url) ??
      normalizeGithubUrl(link.url) ??
      link.url.trim().toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    merged.push({ type, url: link.url.trim() });
  }
  return merged;
}

function firstNormalized(
  links: SocialLink[],
  normalize: (url: string) => string | null,
): string | null {
  for (const link of links) {
    const normalized = normalize(link.url);
    if (normalized) return normalized;
  }
  return null;
}

/** E.164 when the number carries its country (+…), else the digits as given. */
export function toE164(raw: string): string | null {
  const trimmed = raw.trim();
  if (!trimmed) return null;
  const parsed = parsePhoneNumberFromString(trimmed);
  return parsed?.isValid() ? parsed.number : trimmed.replace(/[^\d+]/g, '') || null;
}

function unique(values: (string | null)[]): string[] {
  return [...new Set(values.filter((v): v is string => Boolean(v)))];
}

function uniqueByKey(values: string[]): string[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const key = normalizeKey(v);
    if (!key || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function earliestStart(history: (WorkExperience | Education)[]): string | null {
  const starts = history.map((h) => h.startDate).filter((d): d is string => Boolean(d));
  return starts.sort()[0] ?? null;
}

function yearsSince(date: string | null, now: Date): number | null {
  if (!date) return null;
  const started = new Date(/^\d{4}$/.test(date) ? `${date}-01-01T00:00:00Z` : date);
  if (Number.isNaN(started.getTime()) || started > now) return null;
  return Math.round(((now.getTime() - started.getTime()) / YEAR_MS) * 10) / 10;
}
