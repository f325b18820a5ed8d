import { EXPORT_FIELDS, type ExportPerson, type FieldTargets } from '../destination';
import type { AshbyCandidate } from './ashby.schemas';

/**
 * A Rediscover person → the bodies of Ashby's `candidate.create` and `candidate.update`
 * (ATS-APIS.md §1.6), and an Ashby candidate → the field values a destination record reports.
 * Pure: what it needs beyond the person (the record's current values, Ashby's source ids) is
 * passed in.
 *
 * Field names are candidate.create's. candidate.update spells two of them differently
 * (`website` → `websiteUrl`, `alternateEmailAddresses[]` → one `alternateEmail`), and only
 * update takes `socialLinks`; toAshbyUpdate and toAshbyCreate deal with that, so field
 * mappings, protected fields and `sentFields` use one name per field.
 */

/** Every Ashby candidate field an export may write (the targets a fieldMapping may name). */
export const ASHBY_EXPORT_FIELDS = [
  'name',
  'email',
  'alternateEmailAddresses',
  'phoneNumber',
  'linkedInUrl',
  'githubUrl',
  'website',
  'socialLinks',
  'location',
  'sourceId',
] as const;
export type AshbyExportField = (typeof ASHBY_EXPORT_FIELDS)[number];

/**
 * Where export fields go when the admin maps nothing. Ashby's public API has no writable
 * candidate field for the current title or company (`position`, `company` are read-only), for
 * work history or education, so those go nowhere. `source` goes nowhere by default either:
 * Ashby's `sourceId` points into its own source list, so a mapping `source → sourceId` sends
 * the id of the Ashby source whose title equals the person's source, and nothing when none does.
 */
export const ASHBY_DEFAULT_TARGETS: FieldTargets = {
  name: ['name'],
  emails: ['email', 'alternateEmailAddresses'],
  phones: ['phoneNumber'],
  linkedinUrl: ['linkedInUrl'],
  githubUrl: ['githubUrl'],
  socialLinks: ['socialLinks'],
  location: ['location'],
  source: [],
  currentTitle: [],
  currentCompany: [],
  experience: [],
  education: [],
};

/** Ashby's `socialLinks[].type` values. */
export type AshbyLinkType =
  | 'LinkedIn'
  | 'GitHub'
  | 'Twitter'
  | 'Medium'
  | 'StackOverflow'
  | 'YouTube'
  | 'CodePen'
  | 'Website';

export interface AshbySocialLink {
  type: AshbyLinkType;
  url: string;
}

export interface AshbyLocationInput {
  city?: string;
  region?: string;
  country?: string;
}

/**
 * Rediscover network → Ashby link type. Ashby's list of types is closed: links of other
 * networks (facebook, dribbble, …) have no place in `socialLinks` and are left out of it; a
 * mapping `socialLinks.<network> → website` can still send one.
 */
const LINK_TYPES: Readonly<Record<string, AshbyLinkType>> = {
  linkedin: 'LinkedIn',
  github: 'GitHub',
  twitter: 'Twitter',
  x: 'Twitter',
  medium: 'Medium',
  stackoverflow: 'StackOverflow',
  youtube: 'YouTube',
  codepen: 'CodePen',
  website: 'Website',
};

/** Link types candidate.create takes as fields of their own (it takes no `socialLinks`). */
const CREATE_LINK_FIELDS: ReadonlyArray<[AshbyLinkType, AshbyExportField]> = [
  ['LinkedIn', 'linkedInUrl'],
  ['GitHub', 'githubUrl'],
  ['Website', 'website'],
];

export interface AshbyMapOptions {
  /**
   * The record's current values (DestinationRecord.fields) on an update: `socialLinks` replaces
   * Ashby's whole list, so current links of other types are sent back, and `alternateEmail`
   * adds one address, so the first one Ashby lacks is chosen.
   */
  current?: Readonly<Record<string, unknown>>;
  /** Ashby source title (lower-cased) → source id, for mappings to `sourceId`. */
  sourceIds?: ReadonlyMap<string, string>;
}

export interface AshbyWrite {
  /** The request body (without `candidateId`). */
  body: Record<string, unknown>;
  /** The Ashby fields written, by the names of ASHBY_EXPORT_FIELDS, sorted. */
  sentFields: string[];
}

export interface AshbyCreateWrite extends AshbyWrite {
  /**
   * A candidate.update body for what candidate.create cannot take (links of types with no
   * create field: Twitter, Medium, …), to send right after the create; null when none.
   */
  followUp: Record<string, unknown> | null;
}

/** One value of an export field, as the targets may need it. */
interface Item {
  text: string;
  linkType?: AshbyLinkType | undefined;
  location?: AshbyLocationInput | undefined;
}

/** The Ashby values a person's export fields give, before omissions and API spelling. */
interface Values {
  scalars: Map<AshbyExportField, string>;
  alternateEmails: string[];
  links: AshbySocialLink[];
  location: AshbyLocationInput | null;
}

const SCALAR_FIELDS: ReadonlySet<string> = new Set([
  'name',
  'email',
  'phoneNumber',
  'linkedInUrl',
  'githubUrl',
  'website',
  'sourceId',
]);

function clean(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

function textItems(values: ReadonlyArray<string | null | undefined>): Item[] {
  return values.flatMap((value) => {
    const text = clean(value);
    return text ? [{ text }] : [];
  });
}

function linkItem(url: string | null, network: string): Item[] {
  const text = clean(url);
  return text ? [{ text, linkType: LINK_TYPES[network.toLowerCase()] }] : [];
}

function fullName(person: ExportPerson): string | null {
  return clean(person.name) ?? clean([person.firstName, person.lastName].filter(Boolean).join(' '));
}

function locationItem(location: ExportPerson['location']): Item[] {
  if (!location) return [];
  const parts: AshbyLocationInput = {};
  const city = clean(location.city);
  const region = clean(location.region);
  const country = clean(location.country);
  if (city) parts.city = city;
  if (region) parts.region = region;
  if (country) parts.country = country;
  const text = clean(location.text) ?? [city, region, country].filter(Boolean).join(', ');
  if (!text) return [];
  // A location known only as free text has no structured form for Ashby's `location`.
  return [{ text, location: city || region || country ? parts : undefined }];
}

/**
 * The values of one FieldTargets key: an export field, or `socialLinks.<network>`. Work history
 * and education give none: no Ashby field could hold them.
 */
function itemsOf(person: ExportPerson, key: string, ownKeys: ReadonlySet<string>): Item[] {
  const [field, network] = key.split('.');
  if (field === 'socialLinks') {
    return person.socialLinks
      .filter((link) =>
        network ? link.network === network : !ownKeys.has(`socialLinks.${link.network}`),
      )
      .flatMap((link) => linkItem(link.url, link.network));
  }
  switch (field) {
    case 'name':
      return textItems([fullName(person)]);
    case 'emails':
      return textItems(person.emails);
    case 'phones':
      return textItems(person.phones);
    case 'source':
      return textItems([person.source]);
    case 'location':
      return locationItem(person.location);
    case 'linkedinUrl':
      return linkItem(person.linkedinUrl, 'linkedin');
    case 'githubUrl':
      return linkItem(person.githubUrl, 'github');
    case 'currentTitle':
      return textItems([person.currentTitle]);
    case 'currentCompany':
      return textItems([person.currentCompany]);
    default:
      return [];
  }
}

/** FieldTargets keys in a stable order: export fields first, then per-network keys. */
function orderedKeys(targets: FieldTargets): string[] {
  const known: string[] = EXPORT_FIELDS.filter((field) => field in targets);
  const perNetwork = Object.keys(targets)
    .filter((key) => key.startsWith('socialLinks.'))
    .sort();
  return [...known, ...perNetwork];
}

/**
 * Distributes each key's values over its targets in order: a single-value target takes the
 * next value, a list target (`alternateEmailAddresses`, `socialLinks`) all that remain. So
 * `emails → [email, alternateEmailAddresses]` sends the first address as the primary and the
 * others as alternates. A field two keys write keeps the first key's value.
 */
function collect(person: ExportPerson, targets: FieldTargets, options: AshbyMapOptions): Values {
  const values: Values = { scalars: new Map(), alternateEmails: [], links: [], location: null };
  const ownKeys = new Set(Object.keys(targets).filter((key) => key.startsWith('socialLinks.')));
  for (const key of orderedKeys(targets)) {
    const items = itemsOf(person, key, ownKeys);
    let next = 0;
    for (const target of targets[key] ?? []) {
      if (SCALAR_FIELDS.has(target)) {
        const item = items[next++];
        if (!item || values.scalars.has(target as AshbyExportField)) continue;
        const value =
          target === 'sourceId' ? options.sourceIds?.get(item.text.toLowerCase()) : item.text;
        if (value) values.scalars.set(target as AshbyExportField, value);
      } else if (target === 'location') {
        const item = items[next++];
        if (item?.location && !values.location) values.location = item.location;
      } else if (target === 'alternateEmailAddresses') {
        values.alternateEmails.push(...items.slice(next).map((item) => item.text));
        next = items.length;
      } else if (target === 'socialLinks') {
        for (const item of items.slice(next))
          if (item.linkType) values.links.push({ type: item.linkType, url: item.text });
        next = items.length;
      }
    }
  }
  const primary = values.scalars.get('email')?.toLowerCase();
  values.alternateEmails = uniqueBy(
    values.alternateEmails.filter((email) => email.toLowerCase() !== primary),
    (email) => email.toLowerCase(),
  );
  values.links = uniqueBy(values.links, (link) => `${link.type} ${link.url}`);
  return values;
}

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The candidate.create body: create's own field names; links it cannot take go in `followUp`. */
export function toAshbyCreate(
  person: ExportPerson,
  targets: FieldTargets,
  omit: ReadonlySet<string>,
  options: AshbyMapOptions = {},
): AshbyCreateWrite {
  const values = collect(person, targets, options);
  const body: Record<string, unknown> = {};
  for (const [field, value] of values.scalars) if (!omit.has(field)) body[field] = value;
  if (!omit.has('alternateEmailAddresses') && values.alternateEmails.length > 0)
    body['alternateEmailAddresses'] = values.alternateEmails;
  if (!omit.has('location') && values.location) body['location'] = values.location;

  let followUp: Record<string, unknown> | null = null;
  if (!omit.has('socialLinks') && values.links.length > 0) {
    // A LinkedIn, GitHub or website link fits a create field when that field is still free.
    const rest = values.links.filter((link) => {
      const field = CREATE_LINK_FIELDS.find(([type]) => type === link.type)?.[1];
      if (!field || field in body || omit.has(field)) return true;
      body[field] = link.url;
      return false;
    });
    if (rest.length > 0) followUp = { socialLinks: withScalarLinks(values.links, body) };
  }
  const sentFields = Object.keys(body);
  if (followUp) sentFields.push('socialLinks');
  return { body, sentFields: sentFields.sort(), followUp };
}

/**
 * The candidate.update body (without `candidateId`): update's field names, `socialLinks` merged
 * with the record's current links (the list replaces Ashby's), and at most one alternate
 * address (update adds one per call): the first the record lacks.
 */
export function toAshbyUpdate(
  person: ExportPerson,
  targets: FieldTargets,
  omit: ReadonlySet<string>,
  options: AshbyMapOptions = {},
): AshbyWrite {
  const values = collect(person, targets, options);
  const current = options.current ?? {};
  const body: Record<string, unknown> = {};
  const sent: string[] = [];
  for (const [field, value] of values.scalars) {
    if (omit.has(field)) continue;
    body[field === 'website' ? 'websiteUrl' : field] = value;
    sent.push(field);
  }
  if (!omit.has('alternateEmailAddresses')) {
    const held = new Set(
      [current['email'], ...asArray(current['alternateEmailAddresses'])]
        .filter((v): v is string => typeof v === 'string')
        .map((v) => v.toLowerCase()),
    );
    const missing = values.alternateEmails.find((email) => !held.has(email.toLowerCase()));
    if (missing) {
      body['alternateEmail'] = missing;
      sent.push('alternateEmailAddresses');
    }
  }
  if (!omit.has('location') && values.location) {
    body['location'] = values.location;
    sent.push('location');
  }
  if (!omit.has('socialLinks') && values.links.length > 0) {
    // A link whose own field is protected stays as Ashby has it.
    const allowed = values.links.filter((link) => {
      const field = CREATE_LINK_FIELDS.find(([type]) => type === link.type)?.[1];
      return !field || !omit.has(field);
    });
    const ours = withScalarLinks(allowed, {
      linkedInUrl: body['linkedInUrl'],
      githubUrl: body['githubUrl'],
      website: body['websiteUrl'],
    });
    const types = new Set(ours.map((link) => link.type));
    const kept = currentLinks(current['socialLinks']).filter((link) => !types.has(link.type));
    if (ours.length > 0) {
      body['socialLinks'] = [...kept, ...ours];
      sent.push('socialLinks');
    }
  }
  return { body, sentFields: sent.sort() };
}

/**
 * A socialLinks list that agrees with the link fields sent beside it: the LinkedIn, GitHub and
 * website values win over list entries of the same type (Ashby may apply either last).
 */
function withScalarLinks(
  links: readonly AshbySocialLink[],
  fields: Record<string, unknown>,
): AshbySocialLink[] {
  let result = [...links];
  for (const [type, field] of CREATE_LINK_FIELDS) {
    const url = fields[field];
    if (typeof url === 'string')
      result = [...result.filter((link) => link.type !== type), { type, url }];
  }
  return result;
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? (value as unknown[]) : [];
}

function currentLinks(value: unknown): AshbySocialLink[] {
  return asArray(value).flatMap((link) => {
    if (typeof link !== 'object' || link === null) return [];
    const { type, url } = link as { type?: unknown; url?: unknown };
    return typeof type === 'string' && typeof url === 'string'
      ? [{ type: type as AshbyLinkType, url }]
      : [];
  });
}

/**
 * An Ashby candidate's current values by ASHBY_EXPORT_FIELDS name (DestinationRecord.fields):
 * null or [] where Ashby holds nothing, so protected fields see what is filled.
 */
export function ashbyRecordFields(candidate: AshbyCandidate): Record<AshbyExportField, unknown> {
  const emails = (candidate.emailAddresses ?? []).map((e) => e.value);
  const primaryEmail = candidate.primaryEmailAddress?.value ?? emails[0] ?? null;
  const links = (candidate.socialLinks ?? []).flatMap((link) =>
    link.type && link.url ? [{ type: link.type, url: link.url }] : [],
  );
  const linkOf = (type: AshbyLinkType): string | null =>
    links.find((link) => link.type === type)?.url ?? null;
  const components = candidate.location?.locationComponents ?? [];
  const component = (type: string): string | undefined =>
    components.find((c) => c.type === type)?.name;
  const location: AshbyLocationInput = {};
  const city = component('City');
  const region = component('Region');
  const country = component('Country');
  if (city) location.city = city;
  if (region) location.region = region;
  if (country) location.country = country;
  return {
    name: clean(candidate.name),
    email: primaryEmail,
    alternateEmailAddresses: emails.filter((e) => e !== primaryEmail),
    phoneNumber: candidate.primaryPhoneNumber?.value ?? candidate.phoneNumbers?.[0]?.value ?? null,
    linkedInUrl: linkOf('LinkedIn'),
    githubUrl: linkOf('GitHub'),
    website: linkOf('Website'),
    socialLinks: links,
    location: Object.keys(location).length > 0 ? location : null,
    sourceId: candidate.source?.id ?? null,
  };
}
