import { normalizeGithubUrl, normalizeLinkedinUrl } from '../../common/social-urls';
import type { ExportPerson, FieldTargets } from '../destination';

/**
 * Rediscover's export fields → a SourceWhale candidate, as `/v1/candidates/add` and
 * `/v1/candidates/modify` take it. Pure: no I/O, so every rule here is pinned by the spec beside it.
 *
 * Field names and item shapes follow SourceWhale's published OpenAPI file (ATS-APIS.md §4, source
 * SW): the first custom variable is `customVariable` (no `1`), and experience / education items
 * are `{role, company, startedAt, endedAt}` / `{school, degree, field, startedAt, endedAt}`.
 */

/**
 * Every candidate field an export may write. `dominantRace` and `gender` are accepted by
 * SourceWhale but left out on purpose: no export field holds them, and no mapping should guess them.
 */
export const SOURCEWHALE_FIELDS = [
  'salutation',
  'name',
  'firstName',
  'lastName',
  'photo',
  'emails',
  'phones',
  'company',
  'previousCompany',
  'school',
  'domains',
  'role',
  'location',
  'city',
  'state',
  'postcode',
  'country',
  'companyLocation',
  'socialLinks',
  'links',
  'companyLinkedinUrl',
  'repo',
  'summary',
  'headline',
  'skills',
  'industries',
  'customVariable',
  'customVariable2',
  'customVariable3',
  'customVariable4',
  'comments',
  'source',
  'foundBy',
  'keywords',
  'relationships',
  'education',
  'experience',
] as const;
export type SourceWhaleField = (typeof SOURCEWHALE_FIELDS)[number];

/** Where each export field goes when the admin maps nothing. */
export const SOURCEWHALE_DEFAULT_TARGETS: FieldTargets = {
  name: ['name'],
  emails: ['emails'],
  phones: ['phones'],
  source: ['source'],
  location: ['location'],
  linkedinUrl: ['socialLinks'],
  githubUrl: ['socialLinks'],
  socialLinks: ['socialLinks'],
  currentTitle: ['role'],
  currentCompany: ['company'],
  experience: ['experience'],
  education: ['education'],
};

/** Vendor fields holding lists: every export field mapped to one appends to it. */
const LIST_FIELDS: ReadonlySet<string> = new Set([
  'emails',
  'phones',
  'domains',
  'socialLinks',
  'links',
  'skills',
  'industries',
  'keywords',
  'relationships',
  'education',
  'experience',
]);

/** `/v1/candidates/modify` has no experience or education (the spec's CandidatesModify). */
const NOT_MODIFIABLE: ReadonlySet<string> = new Set(['education', 'experience']);

/** Vendor fields holding URLs: one profile typed two ways is sent once. */
const URL_FIELDS: ReadonlySet<string> = new Set(['socialLinks', 'links']);

/** Lists `/v1/candidates/modify` replaces rather than merges: ours are added to what is there. */
const MERGED_ON_MODIFY = ['emails', 'socialLinks'] as const;

/** What a verification test candidate carries, so that someone at SourceWhale can find and delete it. */
export const SOURCEWHALE_TEST_MARKER = {
  comments: 'Rediscover test candidate — safe to delete',
  keyword: 'rediscover-test',
} as const;

export interface SourceWhalePayload {
  /** The candidate's fields, vendor names; empty values are never sent. */
  payload: Record<string, unknown>;
  /** The vendor fields written (the payload's keys). */
  sentFields: string[];
}

type ExperienceEntry = { kind: 'experience'; fields: Record<string, string> };
type EducationEntry = { kind: 'education'; fields: Record<string, string> };
type Value = string | ExperienceEntry | EducationEntry;

/**
 * The payload for one person: each `targets` entry (an export field, or `socialLinks.<network>`
 * for one network) is written to its vendor fields, in the order of `targets`. List fields
 * accumulate (deduplicated); a text field keeps the first value it gets. A network with its own
 * `socialLinks.<network>` key leaves the plain `socialLinks` key. Fields in `omit` are not sent.
 */
export function toSourceWhalePayload(
  person: ExportPerson,
  targets: FieldTargets,
  omit: ReadonlySet<string>,
): SourceWhalePayload {
  const keyedNetworks = new Set(
    Object.keys(targets)
      .filter((key) => key.startsWith('socialLinks.'))
      .map((key) => key.slice('socialLinks.'.length).toLowerCase()),
  );
  const payload: Record<string, unknown> = {};
  for (const [source, fields] of Object.entries(targets)) {
    for (const target of fields) {
      if (omit.has(target)) continue;
      put(payload, target, valuesOf(person, source, target, keyedNetworks));
    }
  }
  return { payload, sentFields: Object.keys(payload) };
}

/** Marks a verification test candidate (comments and a keyword), where those fields may be written. */
export function withTestMarker(
  mapped: SourceWhalePayload,
  omit: ReadonlySet<string>,
): SourceWhalePayload {
  const payload = { ...mapped.payload };
  if (!omit.has('comments')) {
    const existing = typeof payload['comments'] === 'string' ? payload['comments'] : null;
    payload['comments'] = existing
      ? `${SOURCEWHALE_TEST_MARKER.comments}\n${existing}`
      : SOURCEWHALE_TEST_MARKER.comments;
  }
  if (!omit.has('keywords')) put(payload, 'keywords', [SOURCEWHALE_TEST_MARKER.keyword]);
  return { payload, sentFields: Object.keys(payload) };
}

/**
 * The fields of a `/v1/candidates/modify` for a record SourceWhale holds: without what modify does
 * not take (experience, education), and with the e-mails and links already there kept, since
 * modify replaces the lists it is given.
 */
export function toSourceWhaleModify(
  mapped: SourceWhalePayload,
  current: Record<string, unknown>,
): SourceWhalePayload {
  const payload: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(mapped.payload)) {
    if (!NOT_MODIFIABLE.has(field)) payload[field] = value;
  }
  for (const field of MERGED_ON_MODIFY) {
    const ours = payload[field];
    if (!Array.isArray(ours)) continue;
    payload[field] = dedupe([...strings(current[field]), ...strings(ours)], keyFor(field));
  }
  return { payload, sentFields: Object.keys(payload) };
}

/**
 * The fields that let `/v1/candidates/add` find a record SourceWhale already holds (its duplicate
 * matching is by e-mail and social link) without changing it: the record's own name, e-mails and
 * links; the person's where the record shows none.
 */
export function identityOf(
  current: Record<string, unknown>,
  person: ExportPerson,
): Record<string, unknown> {
  const own = typeof current['name'] === 'string' ? current['name'].trim() : '';
  const identity: Record<string, unknown> = { name: own || person.name.trim() };
  let emails = strings(current['emails']);
  let socialLinks = strings(current['socialLinks']);
  if (emails.length === 0 && socialLinks.length === 0) {
    emails = person.emails;
    socialLinks = [
      person.linkedinUrl,
      person.githubUrl,
      ...person.socialLinks.map((l) => l.url),
    ].filter((url): url is string => Boolean(url?.trim()));
  }
  if (emails.length > 0) identity['emails'] = emails;
  if (socialLinks.length > 0) identity['socialLinks'] = socialLinks;
  return identity;
}

/** Whether `/v1/candidates/add` can match this identity to a record (else it would create one). */
export function canMatch(identity: Record<string, unknown>): boolean {
  return strings(identity['emails']).length > 0 || strings(identity['socialLinks']).length > 0;
}

function valuesOf(
  person: ExportPerson,
  source: string,
  target: string,
  keyedNetworks: ReadonlySet<string>,
): Value[] {
  const [field, network] = splitKey(source);
  switch (field) {
    case 'name':
      return present(nameFor(person, target));
    case 'emails':
      return person.emails;
    case 'phones':
      return person.phones;
    case 'source':
      return present(person.source);
    case 'location':
      return present(locationFor(person.location, target));
    case 'linkedinUrl':
      return present(person.linkedinUrl);
    case 'githubUrl':
      return present(person.githubUrl);
    case 'socialLinks':
      return person.socialLinks
        .filter((link) => {
          const own = link.network.toLowerCase();
          return network === null ? !keyedNetworks.has(own) : own === network;
        })
        .map((link) => link.url);
    case 'currentTitle':
      return present(person.currentTitle);
    case 'currentCompany':
      return present(person.currentCompany);
    case 'experience':
      return person.experience.map((e): ExperienceEntry => ({
        kind: 'experience',
        fields: compact({
          role: e.title,
          company: e.company,
          startedAt: month(e.startDate),
          endedAt: e.current ? null : month(e.endDate),
        }),
      }));
    case 'education':
      return person.education.map((e): EducationEntry => ({
        kind: 'education',
        fields: compact({
          school: e.school,
          degree: e.degree,
          field: e.major,
          startedAt: month(e.startDate),
          endedAt: month(e.endDate),
        }),
      }));
    default:
      return [];
  }
}

/** Writes values to one vendor field: lists append, structured lists take their own kind, text keeps the first. */
function put(payload: Record<string, unknown>, target: string, values: Value[]): void {
  const usable = values.filter((v) =>
    typeof v === 'string' ? v.trim() !== '' : Object.keys(v.fields).length > 0,
  );
  if (usable.length === 0) return;
  if (target === 'experience' || target === 'education') {
    const entries = usable.flatMap((v) =>
      typeof v !== 'string' && v.kind === target ? [v.fields] : [],
    );
    if (entries.length === 0) return;
    const before = Array.isArray(payload[target]) ? (payload[target] as unknown[]) : [];
    payload[target] = [...before, ...entries];
    return;
  }
  if (LIST_FIELDS.has(target)) {
    const before = strings(payload[target]);
    payload[target] = dedupe([...before, ...usable.map(asText)], keyFor(target));
    return;
  }
  if (payload[target] !== undefined) return;
  const structured = usable.some((v) => typeof v !== 'string');
  payload[target] = usable.map(asText).join(structured ? '\n' : ', ');
}

function asText(value: Value): string {
  if (typeof value === 'string') return value.trim();
  const f = value.fields;
  const what =
    value.kind === 'experience'
      ? [f['role'], f['company']].filter(Boolean).join(' at ')
      : [f['degree'], f['field'], f['school']].filter(Boolean).join(', ');
  const from = f['startedAt'];
  const to = f['endedAt'] ?? (value.kind === 'experience' && from ? 'present' : undefined);
  const when = from || to ? ` (${from ?? '?'} – ${to ?? '?'})` : '';
  return `${what}${when}`;
}

function nameFor(person: ExportPerson, target: string): string | null {
  const parts = person.name.trim().split(/\s+/).filter(Boolean);
  if (target === 'firstName') return person.firstName ?? parts[0] ?? null;
  if (target === 'lastName') return person.lastName ?? (parts.slice(1).join(' ') || null);
  return person.name;
}

function locationFor(location: ExportPerson['location'], target: string): string | null {
  if (!location) return null;
  if (target === 'city') return location.city;
  if (target === 'state') return location.region;
  if (target === 'country') return location.country;
  return (
    location.text ??
    ([location.city, location.region, location.country].filter(Boolean).join(', ') || null)
  );
}

/** `YYYY-MM` (a longer ISO date is cut to its month; a bare year stays a year). */
function month(date: string | null): string | null {
  if (!date) return null;
  const match = /^(\d{4})(?:-(\d{2}))?/.exec(date.trim());
  if (!match) return null;
  return match[2] ? `${match[1]}-${match[2]}` : (match[1] ?? null);
}

function splitKey(key: string): [string, string | null] {
  const dot = key.indexOf('.');
  return dot < 0 ? [key, null] : [key.slice(0, dot), key.slice(dot + 1).toLowerCase()];
}

function present(value: string | null): string[] {
  return value !== null && value.trim() !== '' ? [value] : [];
}

function compact(fields: Record<string, string | null>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(fields)) if (value) out[key] = value;
  return out;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Keeps the first spelling of values that `key` says are the same. */
function dedupe(values: string[], key: (value: string) => string): string[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const k = key(v);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function keyFor(field: string): (value: string) => string {
  return URL_FIELDS.has(field) ? urlKey : (v) => v.trim().toLowerCase();
}

/** LinkedIn and GitHub profiles by their canonical form; other URLs without scheme, `www.` or trailing slash. */
function urlKey(url: string): string {
  return (
    normalizeLinkedinUrl(url) ??
    normalizeGithubUrl(url) ??
    url
      .trim()
      .toLowerCase()
      .replace(/^[a-z]+:\/\//, '')
      .replace(/^www\./, '')
      .replace(/\/+$/, '')
  );
}
