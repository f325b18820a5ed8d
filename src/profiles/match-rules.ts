import { normalizeKey } from '../common/text';
import type { MatchRule } from '../entities/profile-match.entity';

/**
 * The evidence rules of capability 4, pure (API.md "Precise points"): LinkedIn URL, then GitHub
 * URL, then e-mail, then the name rule (folded full name plus an employer and a school in
 * common, or two employers, with compatible dates). Never a guess: two profiles fitting equally
 * well at the best rule match neither, and a profile whose hard identifiers contradict the
 * candidate's is never matched by a weaker rule.
 */

export interface Period {
  name: string;
  /** `YYYY-MM` / `YYYY-MM-DD` / `YYYY`, or null when unknown. */
  start: string | null;
  end: string | null;
}

/** What matching reads of a person (candidate or profile); URLs normalized, e-mails lower-cased. */
export interface Identity {
  linkedinUrl: string | null;
  githubUrl: string | null;
  emails: string[];
  nameKey: string;
  employers: Period[];
  schools: Period[];
}

export interface ProfileIdentity extends Identity {
  id: string;
}

export interface MatchDecision {
  profileId: string;
  rule: MatchRule;
  confidence: number;
}

export const RULE_CONFIDENCE: Record<MatchRule, number> = {
  LINKEDIN_URL: 0.99,
  GITHUB_URL: 0.97,
  EMAIL: 0.95,
  NAME_EMPLOYMENT_EDUCATION: 0.85,
};

/** Different LinkedIn or GitHub URLs: two different people, whatever else they share. */
export function contradicts(a: Identity, b: Identity): boolean {
  if (a.linkedinUrl && b.linkedinUrl && a.linkedinUrl !== b.linkedinUrl) return true;
  if (a.githubUrl && b.githubUrl && a.githubUrl !== b.githubUrl) return true;
  return false;
}

/** The one profile the candidate matches, or null (no evidence, or evidence for two). */
export function decideMatch(
  candidate: Identity,
  profiles: readonly ProfileIdentity[],
): MatchDecision | null {
  const unique = (rule: MatchRule, fits: ProfileIdentity[]): MatchDecision | null | 'none' => {
    const [only, another] = fits;
    if (!only) return 'none';
    if (another) return null;
    return { profileId: only.id, rule, confidence: RULE_CONFIDENCE[rule] };
  };
  const steps: [MatchRule, (p: ProfileIdentity) => boolean][] = [
    ['LINKEDIN_URL', (p) => !!candidate.linkedinUrl && p.linkedinUrl === candidate.linkedinUrl],
    ['GITHUB_URL', (p) => !!candidate.githubUrl && p.githubUrl === candidate.githubUrl],
    ['EMAIL', (p) => p.emails.some((e) => candidate.emails.includes(e))],
    ['NAME_EMPLOYMENT_EDUCATION', (p) => fitsByName(candidate, p)],
  ];
  for (const [rule, fits] of steps) {
    // A LinkedIn URL is itself the evidence; every weaker rule first drops contradicted profiles.
    const pool =
      rule === 'LINKEDIN_URL' ? profiles : profiles.filter((p) => !contradicts(candidate, p));
    const decided = unique(rule, pool.filter(fits));
    if (decided !== 'none') return decided;
  }
  return null;
}

/** The name rule: same folded name, and one employer and one school, or two employers, in common. */
export function fitsByName(a: Identity, b: Identity): boolean {
  if (!a.nameKey || a.nameKey !== b.nameKey) return false;
  const employers = common(a.employers, b.employers);
  if (employers >= 2) return true;
  return employers >= 1 && common(a.schools, b.schools) >= 1;
}

/** How many distinct organizations both name, with compatible dates. */
function common(a: readonly Period[], b: readonly Period[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const bKeys = b.map((y) => cachedOrganizationKey(y.name));
  const shared = new Set<string>();
  for (const x of a) {
    const key = cachedOrganizationKey(x.name);
    if (!key) continue;
    b.forEach((y, i) => {
      if (bKeys[i] === key && compatible(x, y)) shared.add(key);
    });
  }
  return shared.size;
}

/** Employer and school names repeat across a batch (and batches): each is folded once. */
const keyCache = new Map<string, string>();

function cachedOrganizationKey(name: string): string {
  let key = keyCache.get(name);
  if (key === undefined) {
    if (keyCache.size >= 50_000) keyCache.clear();
    key = organizationKey(name);
    keyCache.set(name, key);
  }
  return key;
}

const LEGAL_SUFFIX =
  /\b(inc|incorporated|llc|ltd|limited|gmbh|ag|sa|sas|bv|nv|plc|corp|corporation|co|company)\b\.?/g;

/** A letter, a dot, and another lone letter: the dots of "S.A." or "B.V.", not of "Booking.com". */
const DOTTED_INITIALS = /\b([a-z])\.(?=[a-z]\b)/gi;

/**
 * "Stripe, Inc." = "stripe"; "Acme S.A." = "acme" (dotted initials are one word, so the legal
 * forms above see "sa", "bv"); "Technische Universität München" = "technische universitat munchen".
 */
export function organizationKey(name: string): string {
  return normalizeKey(name.replace(DOTTED_INITIALS, '$1').replace(/[.,]/g, ' '))
    .replace(LEGAL_SUFFIX, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Periods that can be the same stint: overlapping, within a year's slack; unknown dates fit. */
function compatible(a: Period, b: Period): boolean {
  const aStart = monthIndex(a.start);
  const bStart = monthIndex(b.start);
  const aEnd = monthIndex(a.end) ?? Number.POSITIVE_INFINITY;
  const bEnd = monthIndex(b.end) ?? Number.POSITIVE_INFINITY;
  if (aStart === null || bStart === null) return true;
  const slack = 12;
  return aStart <= bEnd + slack && bStart <= aEnd + slack;
}

function monthIndex(date: string | null): number | null {
  if (!date) return null;
  const match = /^(\d{4})(?:-(\d{2}))?/.exec(date);
  if (!match) return null;
  return Number(match[1]) * 12 + (match[2] ? Number(match[2]) - 1 : 0);
}
