import { normalizeEmail, normalizeGithubUrl, normalizeLinkedinUrl } from '../common/social-urls';
import { normalizeKey } from '../common/text';
import type { LookupMatch, LookupRule, ProfileLookup } from './search-types';

/** A profile's keys in the form documents store them (SEMANTICS.md, "Lookup"). */
export interface NormalizedProfile {
  linkedinUrl: string | null;
  githubUrl: string | null;
  email: string | null;
  name: string | null;
  company: string | null;
  title: string | null;
}

export function normalizeProfile(profile: ProfileLookup): NormalizedProfile {
  const key = (v: string | null | undefined): string | null => (v ? normalizeKey(v) || null : null);
  return {
    linkedinUrl: normalizeLinkedinUrl(profile.linkedinUrl),
    githubUrl: normalizeGithubUrl(profile.githubUrl),
    email: normalizeEmail(profile.email),
    name: key(profile.name),
    company: key(profile.company),
    title: key(profile.title),
  };
}

export const RULE_CONFIDENCE: Record<Exclude<LookupRule, 'NAME_COMPANY_TITLE'>, number> = {
  LINKEDIN_URL: 1,
  GITHUB_URL: 0.95,
  EMAIL: 0.9,
};

/** Confidence of a name/company/title match, or null when fewer than two of the three agree. */
export function nameCompanyTitleConfidence(
  name: boolean,
  company: boolean,
  title: boolean,
): number | null {
  if (name && company && title) return 0.85;
  if (name && company) return 0.7;
  if (name && title) return 0.5;
  if (company && title) return 0.3;
  return null;
}

export const MAX_MATCHES_PER_PROFILE = 20;

/** Keeps each candidate once with its strongest rule; orders by confidence, then id. */
export function rankMatches(matches: LookupMatch[]): LookupMatch[] {
  const best = new Map<string, LookupMatch>();
  for (const match of matches) {
    const current = best.get(match.candidateId);
    if (!current || match.confidence > current.confidence) best.set(match.candidateId, match);
  }
  return [...best.values()]
    .sort(
      (a, b) =>
        b.confidence - a.confidence ||
        (a.candidateId < b.candidateId ? -1 : a.candidateId > b.candidateId ? 1 : 0),
    )
    .slice(0, MAX_MATCHES_PER_PROFILE);
}
