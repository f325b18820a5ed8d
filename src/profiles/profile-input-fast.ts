import type { SocialLink } from '../entities/candidate-fields';
import { normalizeEmail, normalizeGithubUrl, normalizeLinkedinUrl } from '../common/social-urls';
import { normalizeKey } from '../common/text';
import {
  isBefore,
  isProfileDate,
  PROFILE_LIMITS,
  UNSTORABLE,
  uniqueStrings,
  type ProfileEducation,
  type ProfileValues,
  type ProfileWorkExperience,
} from './profile-input';

/**
 * The common case of `parseProfile` without zod: a well-formed ProfileInput read in one pass,
 * about five times faster (zod's per-field pipes were most of a million-line import's
 * JavaScript time). Anything unusual — a wrong type, a value past its bound, a bad date, URL or
 * e-mail, an unstorable character — answers `undefined`, and the caller asks the zod schema,
 * which finds the problem and names the field: the schema stays the one judge of what is
 * rejected and why; this only makes valid lines cheap. It gives the schema's values exactly
 * (profile-input-fast.spec.ts checks both on generated inputs).
 */
export function parseValidProfile(value: unknown): ProfileValues | undefined {
  try {
    return read(value);
  } catch (error) {
    if (error === UNUSUAL) return undefined;
    throw error;
  }
}

/** Thrown (never escaping) as soon as the input is anything but plainly valid. */
const UNUSUAL = Symbol('unusual');

function unusual(): never {
  // eslint-disable-next-line @typescript-eslint/only-throw-error -- a private signal, caught above
  throw UNUSUAL;
}

type Input = Record<string, unknown>;

function object(value: unknown): Input {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) unusual();
  return value as Input;
}

/** A string, trimmed; `undefined` for null or absent. */
function trimmed(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || UNSTORABLE.test(value)) unusual();
  return value.trim();
}

function text(value: unknown, max: number): string | null {
  const s = trimmed(value);
  if (s === undefined) return null;
  if (s.length > max) unusual();
  return s || null;
}

function required(value: unknown, max: number): string {
  const s = trimmed(value);
  if (!s || s.length > max) unusual();
  return s;
}

function date(value: unknown): string | null {
  const s = trimmed(value);
  if (!s) return null;
  if (!isProfileDate(s)) unusual();
  return s;
}

function url(value: unknown, normalize: (s: string) => string | null): string | null {
  const s = trimmed(value);
  if (!s) return null;
  const normalized = normalize(s);
  if (!normalized || normalized.length > PROFILE_LIMITS.url) unusual();
  return normalized;
}

function list(value: unknown, max: number): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.length > max) unusual();
  return value;
}

function range(start: string | null, end: string | null): void {
  if (start && end && isBefore(end, start)) unusual();
}

function work(value: unknown): ProfileWorkExperience {
  const w = object(value);
  const current = w.current;
  if (current !== undefined && current !== null && typeof current !== 'boolean') unusual();
  const entry = {
    company: text(w.company, PROFILE_LIMITS.text),
    title: text(w.title, PROFILE_LIMITS.text),
    startDate: date(w.startDate),
    endDate: date(w.endDate),
    current: current ?? false,
    industry: text(w.industry, PROFILE_LIMITS.text),
    companySize: text(w.companySize, PROFILE_LIMITS.companySize),
  };
  range(entry.startDate, entry.endDate);
  return entry;
}

function study(value: unknown): ProfileEducation {
  const e = object(value);
  const entry = {
    school: text(e.school, PROFILE_LIMITS.text),
    degree: text(e.degree, PROFILE_LIMITS.text),
    major: text(e.major, PROFILE_LIMITS.text),
    startDate: date(e.startDate),
    endDate: date(e.endDate),
  };
  range(entry.startDate, entry.endDate);
  return entry;
}

function strings(value: unknown): string[] {
  return uniqueStrings(
    list(value, PROFILE_LIMITS.listItems).map((item) => text(item, PROFILE_LIMITS.listItem)),
  );
}

function read(value: unknown): ProfileValues {
  const p = object(value);
  const externalId = required(p.externalId, PROFILE_LIMITS.externalId);
  const fullName = required(p.fullName, PROFILE_LIMITS.fullName);
  const nameKey = normalizeKey(fullName);
  if (nameKey.length > PROFILE_LIMITS.fullName) unusual();
  const linkedinUrl = url(p.linkedinUrl, normalizeLinkedinUrl);
  const githubUrl = url(p.githubUrl, normalizeGithubUrl);
  const emails = list(p.emails, PROFILE_LIMITS.emails).map((item) => {
    const s = trimmed(item);
    if (s === undefined) unusual();
    return normalizeEmail(s) ?? unusual();
  });
  const location = text(p.location, PROFILE_LIMITS.location);
  const socialLinks: SocialLink[] = [];
  if (linkedinUrl) socialLinks.push({ type: 'LINKEDIN', url: `https://${linkedinUrl}` });
  if (githubUrl) socialLinks.push({ type: 'GITHUB', url: `https://${githubUrl}` });
  return {
    externalId,
    fullName,
    nameKey,
    headline: text(p.headline, PROFILE_LIMITS.headline),
    linkedinUrl,
    githubUrl,
    emails: [...new Set(emails)],
    socialLinks,
    location: location ? { text: location } : null,
    workHistory: list(p.workHistory, PROFILE_LIMITS.entries).map(work),
    education: list(p.education, PROFILE_LIMITS.entries).map(study),
    skills: strings(p.skills),
    certifications: strings(p.certifications),
    languages: strings(p.languages),
    industry: text(p.industry, PROFILE_LIMITS.text),
    companySize: text(p.companySize, PROFILE_LIMITS.companySize),
  };
}
