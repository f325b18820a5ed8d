import type { ExportPerson, FieldTargets } from '../destination';
import { splitName } from '../shared/person-name';

/**
 * Rediscover's export fields → a SmartRecruiters candidate body (ATS-APIS.md §3.4–3.5), pure.
 *
 * SR's create body (`POST /jobs/{jobId}/candidates`) takes `firstName`, `lastName`, `email`
 * (required), `phoneNumber`, `location{…}`, `web{linkedin, website, twitter, facebook, skype}`,
 * `experience[]`, `education[]`, `sourceDetails{sourceTypeId, sourceId}` and `tags[]`. Its update
 * (`PATCH /candidates/{id}`) takes the personal details only: names, e-mail, phone, location and
 * `web`; history and source cannot be changed on an existing profile.
 *
 * Each `web` key is its own vendor field (`web.linkedin`, …), so an admin can protect one link
 * without the others. SR has no GitHub field and no current title/company: GitHub goes to
 * `web.website` (after a personal site), the current position to the `current: true`
 * experience entry, which is where SR reads it from.
 */

/** Every SmartRecruiters field an export may write. */
export const SMARTRECRUITERS_EXPORT_FIELDS = [
  'firstName',
  'lastName',
  'email',
  'phoneNumber',
  'location',
  'web.linkedin',
  'web.website',
  'web.twitter',
  'web.facebook',
  'web.skype',
  'experience',
  'education',
  'sourceDetails',
] as const;
export type SmartRecruitersExportField = (typeof SMARTRECRUITERS_EXPORT_FIELDS)[number];

/** Where each export field goes when the admin maps nothing. */
export const SMARTRECRUITERS_DEFAULT_TARGETS: FieldTargets = {
  name: ['firstName', 'lastName'],
  emails: ['email'],
  phones: ['phoneNumber'],
  location: ['location'],
  linkedinUrl: ['web.linkedin'],
  githubUrl: ['web.website'],
  'socialLinks.website': ['web.website'],
  'socialLinks.twitter': ['web.twitter'],
  'socialLinks.facebook': ['web.facebook'],
  'socialLinks.skype': ['web.skype'],
  currentTitle: ['experience'],
  currentCompany: ['experience'],
  experience: ['experience'],
  education: ['education'],
  source: ['sourceDetails'],
};

/** SR's ids for the person's source (`POST /jobs/{id}/candidates` tracks the source by id). */
export interface SrSourceDetails {
  sourceTypeId: string;
  sourceSubTypeId?: string;
  sourceId: string;
}

export interface SrLocationBody {
  city?: string;
  region?: string;
  country?: string;
}

export interface SrExperienceBody {
  title?: string;
  company?: string;
  current: boolean;
  /** Month-precise `YYYY-MM` (SR's `When`; its exact format is UNCONFIRMED, SR answers this form). */
  startDate?: string;
  endDate?: string;
}

export interface SrEducationBody {
  institution?: string;
  degree?: string;
  major?: string;
  startDate?: string;
  endDate?: string;
}

export type SrWebKey = 'linkedin' | 'website' | 'twitter' | 'facebook' | 'skype';

/** The create body (`CandidateInput`). */
export interface SrCandidateBody {
  firstName?: string;
  lastName?: string;
  email?: string;
  phoneNumber?: string;
  location?: SrLocationBody;
  web?: Partial<Record<SrWebKey, string>>;
  experience?: SrExperienceBody[];
  education?: SrEducationBody[];
  sourceDetails?: SrSourceDetails;
  tags?: string[];
}

/** The update body (`PersonalDetails`). */
export type SrPersonalDetails = Pick<
  SrCandidateBody,
  'firstName' | 'lastName' | 'email' | 'phoneNumber' | 'location' | 'web'
>;

export interface SrPayload<B> {
  body: B;
  /** The vendor fields the body writes. */
  sentFields: string[];
}

export interface SrPayloadInput {
  person: ExportPerson;
  targets: FieldTargets;
  /** Vendor fields not to send. */
  omit: ReadonlySet<string>;
  /** The person's source as SR ids; null when SR has no source of that name. */
  source: SrSourceDetails | null;
  /** Marks a verification candidate with a tag. */
  test?: boolean;
}

/** Tag on verification candidates, so an admin can find and delete them. */
export const SMARTRECRUITERS_TEST_TAG = 'Rediscover test candidate';

const WEB_KEYS: readonly SrWebKey[] = ['linkedin', 'website', 'twitter', 'facebook', 'skype'];

/**
 * Export fields in the order their values are considered: for a single-valued vendor field the
 * first one with a value wins (a personal site before GitHub for `web.website`).
 */
const PRECEDENCE = [
  'name',
  'emails',
  'phones',
  'source',
  'location',
  'linkedinUrl',
  'socialLinks',
  'githubUrl',
  'currentTitle',
  'currentCompany',
  'experience',
  'education',
];

/** The `POST /jobs/{jobId}/candidates` body for a person, with the fields it writes. */
export function buildSmartRecruitersCandidate(input: SrPayloadInput): SrPayload<SrCandidateBody> {
  const { person, omit } = input;
  const scalars = new Map<string, string>();
  let location: SrLocationBody | null = null;
  let experience: SrExperienceBody[] | null = null;
  let education: SrEducationBody[] | null = null;
  let current: { title?: string; company?: string } | null = null;
  let sourceDetails: SrSourceDetails | null = null;

  for (const [exportKey, vendorFields] of orderedTargets(input.targets)) {
    for (const field of vendorFields) {
      if (omit.has(field)) continue;
      if (field === 'experience') {
        if (exportKey === 'experience') experience = person.experience.map(toExperience);
        else if (exportKey === 'currentTitle' && person.currentTitle)
          current = { ...(current ?? {}), title: person.currentTitle };
        else if (exportKey === 'currentCompany' && person.currentCompany)
          current = { ...(current ?? {}), company: person.currentCompany };
      } else if (field === 'education') {
        if (exportKey === 'education') education = person.education.map(toEducation);
      } else if (field === 'location') {
        if (exportKey === 'location') location ??= toLocation(person.location);
      } else if (field === 'sourceDetails') {
        if (exportKey === 'source' && person.source) sourceDetails ??= input.source;
      } else if (!scalars.has(field)) {
        const value = textOf(person, exportKey, field, input.targets);
        if (value) scalars.set(field, value);
      }
    }
  }

  const body: SrCandidateBody = {};
  const sent: string[] = [];
  for (const key of ['firstName', 'lastName', 'email', 'phoneNumber'] as const) {
    const value = scalars.get(key);
    if (value) {
      body[key] = value;
      sent.push(key);
    }
  }
  if (location) {
    body.location = location;
    sent.push('location');
  }
  const web = Object.fromEntries(
    WEB_KEYS.flatMap((k) => {
      const value = scalars.get(`web.${k}`);
      return value ? [[k, value]] : [];
    }),
  );
  if (Object.keys(web).length > 0) {
    body.web = web;
    sent.push(...Object.keys(web).map((k) => `web.${k}`));
  }
  const history = withCurrentPosition(experience ?? [], current);
  if (history.length > 0) {
    body.experience = history;
    sent.push('experience');
  }
  if (education && education.length > 0) {
    body.education = education;
    sent.push('education');
  }
  if (sourceDetails) {
    body.sourceDetails = sourceDetails;
    sent.push('sourceDetails');
  }
  if (input.test) body.tags = [SMARTRECRUITERS_TEST_TAG];
  return { body, sentFields: sent };
}

/**
 * The `PATCH /candidates/{id}` body: the personal details of `candidate` that differ from what
 * SR holds (`existing`, by vendor field name). `web` is sent whole, the links not written kept as
 * they are, whether SR merges or replaces the object.
 */
export function toSmartRecruitersUpdate(
  candidate: SrPayload<SrCandidateBody>,
  existing: Record<string, unknown>,
): SrPayload<SrPersonalDetails> {
  const { body } = candidate;
  const patch: SrPersonalDetails = {};
  const sent: string[] = [];
  for (const key of ['firstName', 'lastName', 'email', 'phoneNumber'] as const) {
    const value = body[key];
    if (value && !sameText(value, existing[key])) {
      patch[key] = value;
      sent.push(key);
    }
  }
  if (body.location && !sameLocation(body.location, existing['location'])) {
    patch.location = body.location;
    sent.push('location');
  }
  const changed = WEB_KEYS.filter((k) => {
    const value = body.web?.[k];
    return value !== undefined && !sameText(value, existing[`web.${k}`]);
  });
  if (changed.length > 0) {
    const web: Partial<Record<SrWebKey, string>> = {};
    for (const k of WEB_KEYS) {
      const value = changed.includes(k) ? body.web?.[k] : existing[`web.${k}`];
      if (typeof value === 'string' && value) web[k] = value;
    }
    patch.web = web;
    sent.push(...changed.map((k) => `web.${k}`));
  }
  return { body: patch, sentFields: sent };
}

/** A candidate-details answer as vendor fields (DestinationRecord.fields). */
export function smartRecruitersFieldsOf(details: Record<string, unknown>): Record<string, unknown> {
  const web = isRecord(details['web']) ? details['web'] : {};
  return {
    firstName: details['firstName'] ?? null,
    lastName: details['lastName'] ?? null,
    email: details['email'] ?? null,
    phoneNumber: details['phoneNumber'] ?? null,
    location: details['location'] ?? null,
    ...Object.fromEntries(WEB_KEYS.map((k) => [`web.${k}`, web[k] ?? null])),
    experience: Array.isArray(details['experience']) ? details['experience'] : [],
    education: Array.isArray(details['education']) ? details['education'] : [],
  };
}

export { splitName };

/** `YYYY-MM` from `YYYY-MM` or `YYYY-MM-DD…`; a bare year stays a year (no invented month). */
export function monthOf(date: string | null): string | undefined {
  if (!date) return undefined;
  const match = /^(\d{4})(?:-(\d{2}))?/.exec(date.trim());
  if (!match?.[1]) return undefined;
  return match[2] ? `${match[1]}-${match[2]}` : match[1];
}

function orderedTargets(targets: FieldTargets): [string, string[]][] {
  const rank = (key: string): number => {
    const at = PRECEDENCE.indexOf(key.split('.')[0] ?? key);
    return at === -1 ? PRECEDENCE.length : at;
  };
  return Object.entries(targets).sort(([a], [b]) => rank(a) - rank(b));
}

/** An export field as text, for a text field (`firstName`, `email`, `web.twitter`, …). */
function textOf(
  person: ExportPerson,
  exportKey: string,
  field: string,
  targets: FieldTargets,
): string | null {
  const [base, network] = exportKey.split('.', 2);
  switch (base) {
    case 'name': {
      const { first, last } = splitName(person);
      return field === 'firstName' ? first : field === 'lastName' ? last : person.name;
    }
    case 'emails':
      return person.emails[0] ?? null;
    case 'phones':
      return person.phones[0] ?? null;
    case 'source':
      return person.source;
    case 'location':
      return person.location?.text ?? placeText(person.location);
    case 'linkedinUrl':
      return person.linkedinUrl;
    case 'githubUrl':
      return person.githubUrl;
    case 'currentTitle':
      return person.currentTitle;
    case 'currentCompany':
      return person.currentCompany;
    case 'socialLinks': {
      // A network with its own target is not also sent through the generic one.
      const link = person.socialLinks.find((l) =>
        network ? l.network === network : !(`socialLinks.${l.network}` in targets),
      );
      return link?.url ?? null;
    }
    default:
      return null;
  }
}

function toExperience(x: ExportPerson['experience'][number]): SrExperienceBody {
  return compact({
    title: x.title ?? undefined,
    company: x.company ?? undefined,
    current: x.current,
    startDate: monthOf(x.startDate),
    endDate: x.current ? undefined : monthOf(x.endDate),
  });
}

function toEducation(e: ExportPerson['education'][number]): SrEducationBody {
  return compact({
    institution: e.school ?? undefined,
    degree: e.degree ?? undefined,
    major: e.major ?? undefined,
    startDate: monthOf(e.startDate),
    endDate: monthOf(e.endDate),
  });
}

/** The current position goes on the `current` entry; one is added when the history has none. */
function withCurrentPosition(
  history: SrExperienceBody[],
  current: { title?: string; company?: string } | null,
): SrExperienceBody[] {
  if (!current) return history;
  const at = history.findIndex((x) => x.current);
  const entry = history[at];
  if (!entry) return [{ ...current, current: true }, ...history];
  const filled = {
    ...entry,
    title: entry.title ?? current.title,
    company: entry.company ?? current.company,
  };
  return history.map((x, i) => (i === at ? compact(filled) : x));
}

function toLocation(location: ExportPerson['location']): SrLocationBody | null {
  if (!location) return null;
  const body = compact({
    city: location.city ?? undefined,
    region: location.region ?? undefined,
    country: location.country ?? undefined,
  });
  // SR's location is structured; a free-text place alone would land in the wrong part.
  return Object.keys(body).length > 0 ? body : null;
}

function placeText(location: ExportPerson['location']): string | null {
  if (!location) return null;
  const parts = [location.city, location.region, location.country].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : null;
}

function sameText(value: string, existing: unknown): boolean {
  return (
    typeof existing === 'string' && existing.trim().toLowerCase() === value.trim().toLowerCase()
  );
}

function sameLocation(value: SrLocationBody, existing: unknown): boolean {
  if (!isRecord(existing)) return false;
  return (['city', 'region', 'country'] as const).every(
    (k) => value[k] === undefined || sameText(value[k], existing[k]),
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Drops undefined keys, so bodies carry only what is known. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
