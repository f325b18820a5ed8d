import { z } from 'zod';
import type { Education, Location, SocialLink, WorkExperience } from '../entities/candidate-fields';
import { normalizeEmail, normalizeGithubUrl, normalizeLinkedinUrl } from '../common/social-urls';
import { normalizeKey } from '../common/text';

/**
 * The `ProfileInput` contract of API.md: one public profile as a directory sends it (an NDJSON
 * line of `POST /profiles/import`, an item of `importProfiles`), validated into the values of a
 * `profiles` row. Unknown keys are ignored (directories export more than we keep); a known key
 * with a wrong type, an impossible date, a URL that is not one, or a string carrying U+0000 or a
 * lone surrogate (PostgreSQL refuses both) rejects the whole profile, naming the field.
 */

/** A job of a profile: a candidate's `WorkExperience` plus the employer's industry and size. */
export interface ProfileWorkExperience extends WorkExperience {
  company: string | null;
  title: string | null;
  startDate: string | null;
  endDate: string | null;
  current: boolean;
  industry: string | null;
  companySize: string | null;
}

export interface ProfileEducation extends Education {
  school: string | null;
  degree: string | null;
  major: string | null;
  startDate: string | null;
  endDate: string | null;
}

/** What a valid ProfileInput writes to its `profiles` row (entity property names). */
export interface ProfileValues {
  externalId: string;
  fullName: string;
  /** `normalizeKey(fullName)`: accent- and case-folded, whitespace collapsed. */
  nameKey: string;
  headline: string | null;
  /** Normalized as the lookup does: `linkedin.com/in/<slug>`. */
  linkedinUrl: string | null;
  /** Normalized as the lookup does: `github.com/<user>`. */
  githubUrl: string | null;
  /** Lower-cased, trimmed, without duplicates. */
  emails: string[];
  /** The LinkedIn and GitHub URLs again, as links the indexer merges into a candidate's. */
  socialLinks: SocialLink[];
  location: Location | null;
  workHistory: ProfileWorkExperience[];
  education: ProfileEducation[];
  skills: string[];
  certifications: string[];
  languages: string[];
  industry: string | null;
  companySize: string | null;
}

export type ParsedProfile =
  { ok: true; row: ProfileValues } | { ok: false; field: string; message: string };

/** Bounds that keep one profile to a sane size (column widths where the table has them). */
export const PROFILE_LIMITS = {
  externalId: 200,
  fullName: 400,
  headline: 500,
  location: 300,
  url: 300,
  emails: 50,
  entries: 100,
  listItems: 500,
  listItem: 200,
  text: 200,
  companySize: 64,
} as const;

// One pass over the string: a NUL, or a surrogate half without its other half.
export const UNSTORABLE =
  // eslint-disable-next-line no-control-regex
  /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

const expected =
  (what: string) =>
  (issue: { input?: unknown }): string =>
    issue.input === undefined ? 'is required' : `expected ${what}, got ${describe(issue.input)}`;

type Refined<T> = (value: string, ctx: z.RefinementCtx) => T | typeof z.NEVER;

/**
 * A string checked for unstorable characters, trimmed, then handed to `refine`.
 * Every string of the contract goes through here.
 */
function str<T>(refine: Refined<T>) {
  return z.string({ error: expected('a string') }).transform((raw, ctx) => {
    if (UNSTORABLE.test(raw)) {
      ctx.issues.push({
        code: 'custom',
        input: raw,
        message: 'contains U+0000 or a lone surrogate (not storable text)',
      });
      return z.NEVER;
    }
    return refine(raw.trim(), ctx);
  });
}

function fail(ctx: z.RefinementCtx, value: string, message: string): typeof z.NEVER {
  ctx.issues.push({ code: 'custom', input: value, message });
  return z.NEVER;
}

/** Text of at most `max` characters; empty (after trimming) becomes null. */
const text = (max: number) =>
  str((s, ctx) =>
    s.length > max ? fail(ctx, s, `is longer than ${max} characters`) : s || null,
  ).nullish();

/** Required text of 1 to `max` characters. */
const requiredText = (max: number) =>
  str((s, ctx) => {
    if (!s) return fail(ctx, s, 'must not be empty');
    if (s.length > max) return fail(ctx, s, `is longer than ${max} characters`);
    return s;
  });

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const DATE = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/;

/** Whether `value` is a real `YYYY-MM` or `YYYY-MM-DD` date (no 2023-02-29, no month 13). */
export function isProfileDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  if (year < 1900 || year > 2100 || month < 1 || month > 12) return false;
  if (match[3] === undefined) return true;
  const day = Number(match[3]);
  return day >= 1 && day <= daysInMonth(year, month);
}

const date = str((s, ctx) => {
  if (!s) return null;
  if (!isProfileDate(s)) {
    return fail(
      ctx,
      s,
      DATE.test(s) ? `is not a real date: ${s}` : 'is not a date: expected YYYY-MM or YYYY-MM-DD',
    );
  }
  return s;
}).nullish();

/** `a` is before `b` at the precision both have ("2020-05" is not before "2020-05-10"). */
export function isBefore(a: string, b: string): boolean {
  const n = Math.min(a.length, b.length);
  return a.slice(0, n) < b.slice(0, n);
}

function checkRange(
  entry: { startDate?: string | null; endDate?: string | null },
  ctx: z.RefinementCtx,
): void {
  if (entry.startDate && entry.endDate && isBefore(entry.endDate, entry.startDate)) {
    ctx.issues.push({
      code: 'custom',
      input: entry.endDate,
      path: ['endDate'],
      message: `is before startDate (${entry.startDate})`,
    });
  }
}

const profileUrl = (kind: string, example: string, normalize: (s: string) => string | null) =>
  str((s, ctx) => {
    if (!s) return null;
    const url = normalize(s);
    if (!url) return fail(ctx, s, `is not a ${kind} profile URL (expected ${example})`);
    if (url.length > PROFILE_LIMITS.url)
      return fail(ctx, s, `is longer than ${PROFILE_LIMITS.url} characters`);
    return url;
  }).nullish();

const email = str((s, ctx) => normalizeEmail(s) ?? fail(ctx, s, 'is not an e-mail address'));

const array = <T extends z.ZodType>(item: T, max: number) =>
  z
    .array(item, { error: expected('an array') })
    .max(max, { error: `has more than ${max} items` })
    .nullish();

/** Strings, trimmed, empty ones dropped, case-insensitive duplicates dropped (first spelling). */
const stringList = array(text(PROFILE_LIMITS.listItem), PROFILE_LIMITS.listItems);

export function uniqueStrings(
  values: readonly (string | null | undefined)[] | null | undefined,
): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const value of values ?? []) {
    if (!value) continue;
    const key = value.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(value);
  }
  return out;
}

const object = <T extends z.ZodRawShape>(shape: T) =>
  z.object(shape, { error: expected('an object') });

const workEntry = object({
  company: text(PROFILE_LIMITS.text),
  title: text(PROFILE_LIMITS.text),
  startDate: date,
  endDate: date,
  current: z.boolean({ error: expected('true or false') }).nullish(),
  industry: text(PROFILE_LIMITS.text),
  companySize: text(PROFILE_LIMITS.companySize),
}).superRefine(checkRange);

const educationEntry = object({
  school: text(PROFILE_LIMITS.text),
  degree: text(PROFILE_LIMITS.text),
  major: text(PROFILE_LIMITS.text),
  startDate: date,
  endDate: date,
}).superRefine(checkRange);

/** The zod schema of one ProfileInput, producing the row values. */
export const profileInputSchema = object({
  externalId: requiredText(PROFILE_LIMITS.externalId),
  fullName: requiredText(PROFILE_LIMITS.fullName),
  headline: text(PROFILE_LIMITS.headline),
  location: text(PROFILE_LIMITS.location),
  linkedinUrl: profileUrl('LinkedIn', 'linkedin.com/in/<name>', normalizeLinkedinUrl),
  githubUrl: profileUrl('GitHub', 'github.com/<user>', normalizeGithubUrl),
  emails: array(email, PROFILE_LIMITS.emails),
  workHistory: array(workEntry, PROFILE_LIMITS.entries),
  education: array(educationEntry, PROFILE_LIMITS.entries),
  skills: stringList,
  certifications: stringList,
  languages: stringList,
  industry: text(PROFILE_LIMITS.text),
  companySize: text(PROFILE_LIMITS.companySize),
}).transform((p, ctx): ProfileValues | typeof z.NEVER => {
  const nameKey = normalizeKey(p.fullName);
  // Folding can lengthen a name (ß → ss); the key has the same column width.
  if (nameKey.length > PROFILE_LIMITS.fullName) {
    ctx.issues.push({
      code: 'custom',
      input: p.fullName,
      path: ['fullName'],
      message: `is longer than ${PROFILE_LIMITS.fullName} characters once folded`,
    });
    return z.NEVER;
  }
  const linkedinUrl = p.linkedinUrl ?? null;
  const githubUrl = p.githubUrl ?? null;
  const socialLinks: SocialLink[] = [];
  if (linkedinUrl) socialLinks.push({ type: 'LINKEDIN', url: `https://${linkedinUrl}` });
  if (githubUrl) socialLinks.push({ type: 'GITHUB', url: `https://${githubUrl}` });
  return {
    externalId: p.externalId,
    fullName: p.fullName,
    nameKey,
    headline: p.headline ?? null,
    linkedinUrl,
    githubUrl,
    emails: [...new Set(p.emails ?? [])],
    socialLinks,
    location: p.location ? { text: p.location } : null,
    workHistory: (p.workHistory ?? []).map((w) => ({
      company: w.company ?? null,
      title: w.title ?? null,
      startDate: w.startDate ?? null,
      endDate: w.endDate ?? null,
      current: w.current ?? false,
      industry: w.industry ?? null,
      companySize: w.companySize ?? null,
    })),
    education: (p.education ?? []).map((e) => ({
      school: e.school ?? null,
      degree: e.degree ?? null,
      major: e.major ?? null,
      startDate: e.startDate ?? null,
      endDate: e.endDate ?? null,
    })),
    skills: uniqueStrings(p.skills),
    certifications: uniqueStrings(p.certifications),
    languages: uniqueStrings(p.languages),
    industry: p.industry ?? null,
    companySize: p.companySize ?? null,
  };
});

/**
 * Validates one ProfileInput. On failure, `field` is the path of the first problem, dotted
 * (`workHistory.1.startDate`), or '' when the value is not an object at all.
 */
export function parseProfile(value: unknown): ParsedProfile {
  const parsed = profileInputSchema.safeParse(value);
  if (parsed.success) return { ok: true, row: parsed.data };
  const issue = parsed.error.issues[0];
  const field = (issue?.path ?? []).map(String).join('.');
  return { ok: false, field, message: issue?.message ?? 'is not a valid profile' };
}
