import type { ExportPerson, FieldTargets } from '../destination';
import { splitName } from '../shared/person-name';

/**
 * Rediscover's export fields → a Harvest v3 candidate body (ATS-APIS.md §2.7), pure.
 *
 * `POST /v3/candidates` takes `first_name`, `last_name` (both required), `company`, `title`,
 * `email_addresses[]`, `phone_numbers[]`, `addresses[]`, `website_addresses[]` (each
 * `{value, type}`), `social_media_addresses[]` (`{value}`), `tags[]` and, as v1's create did,
 * `employments[]` (v3's write paths are UNCONFIRMED beyond the migration guide). The source is an
 * application's `source_id`, sent with `POST /v3/applications`.
 *
 * Education has no target: Greenhouse records a school, degree and discipline by ids from its own
 * fixed lists (v1 `/schools`, `/degrees`, `/disciplines`), which v3 does not serve.
 * `PATCH /v3/candidates/{id}` replaces the lists it is given, so an update sends each changed list
 * whole: what Greenhouse had, then what is new.
 */

/** Every Greenhouse field an export may write. */
export const GREENHOUSE_EXPORT_FIELDS = [
  'first_name',
  'last_name',
  'email_addresses',
  'phone_numbers',
  'addresses',
  'social_media_addresses',
  'website_addresses',
  'title',
  'company',
  'employments',
  'source_id',
] as const;
export type GreenhouseExportField = (typeof GREENHOUSE_EXPORT_FIELDS)[number];

/** Where each export field goes when the admin maps nothing. */
export const GREENHOUSE_DEFAULT_TARGETS: FieldTargets = {
  name: ['first_name', 'last_name'],
  emails: ['email_addresses'],
  phones: ['phone_numbers'],
  location: ['addresses'],
  linkedinUrl: ['social_media_addresses'],
  // A portfolio is what Greenhouse's website types offer for code; Greenhouse has no GitHub field.
  githubUrl: ['website_addresses'],
  socialLinks: ['social_media_addresses'],
  'socialLinks.website': ['website_addresses'],
  currentTitle: ['title'],
  currentCompany: ['company'],
  experience: ['employments'],
  source: ['source_id'],
};

export interface GhTypedValue {
  value: string;
  type?: string;
}

export interface GhEmploymentBody {
  company_name?: string;
  title?: string;
  /** The first of the month (`YYYY-MM-01`): our dates are month-precise. */
  start_date?: string;
  end_date?: string;
}

export interface GhCandidateBody {
  first_name?: string;
  last_name?: string;
  title?: string;
  company?: string;
  email_addresses?: GhTypedValue[];
  phone_numbers?: GhTypedValue[];
  addresses?: GhTypedValue[];
  social_media_addresses?: GhTypedValue[];
  website_addresses?: GhTypedValue[];
  employments?: GhEmploymentBody[];
  tags?: string[];
}

export interface GhPayload {
  body: GhCandidateBody;
  /** The `source_id` for the application, when the source is mapped and known to Greenhouse. */
  sourceId: number | null;
  /** The vendor fields written (candidate fields and `source_id`). */
  sentFields: string[];
}

export interface GhPayloadInput {
  person: ExportPerson;
  targets: FieldTargets;
  omit: ReadonlySet<string>;
  /** Greenhouse's id of the person's source; null when it has none of that name. */
  sourceId: number | null;
  test?: boolean;
}

export const GREENHOUSE_TEST_TAG = 'Rediscover test candidate';

type ListField =
  | 'email_addresses'
  | 'phone_numbers'
  | 'addresses'
  | 'social_media_addresses'
  | 'website_addresses';
const LIST_FIELDS: readonly ListField[] = [
  'email_addresses',
  'phone_numbers',
  'addresses',
  'social_media_addresses',
  'website_addresses',
];
type TextField = 'first_name' | 'last_name' | 'title' | 'company';
const TEXT_FIELDS: readonly TextField[] = ['first_name', 'last_name', 'title', 'company'];

/** For single-valued fields the first export field with a value wins, in this order. */
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

/** The `POST /v3/candidates` body (and the application's source) for a person. */
export function buildGreenhouseCandidate(input: GhPayloadInput): GhPayload {
  const { person, omit } = input;
  const texts = new Map<TextField, string>();
  const lists = new Map<ListField, GhTypedValue[]>();
  let employments: GhEmploymentBody[] | null = null;
  let hasCurrent = false;
  let current: { title?: string; company?: string } | null = null;
  let sourceId: number | null = null;

  for (const [exportKey, vendorFields] of orderedTargets(input.targets)) {
    for (const field of vendorFields) {
      if (omit.has(field)) continue;
      if (field === 'source_id') {
        if (exportKey === 'source' && person.source) sourceId ??= input.sourceId;
      } else if (field === 'employments') {
        if (exportKey === 'experience') {
          employments = person.experience.map(toEmployment);
          hasCurrent = person.experience.some((x) => x.current);
        } else if (exportKey === 'currentTitle' && person.currentTitle)
          current = { ...(current ?? {}), title: person.currentTitle };
        else if (exportKey === 'currentCompany' && person.currentCompany)
          current = { ...(current ?? {}), company: person.currentCompany };
      } else if (isListField(field)) {
        const list = lists.get(field) ?? [];
        for (const entry of listValues(person, exportKey, field, input.targets))
          if (!list.some((e) => same(e.value, entry.value))) list.push(entry);
        lists.set(field, list);
      } else if (isTextField(field) && !texts.has(field)) {
        const value = textOf(person, exportKey, field);
        if (value) texts.set(field, value);
      }
    }
  }

  const body: GhCandidateBody = {};
  const sent: string[] = [];
  for (const field of TEXT_FIELDS) {
    const value = texts.get(field);
    if (value) {
      body[field] = value;
      sent.push(field);
    }
  }
  for (const field of LIST_FIELDS) {
    const list = lists.get(field);
    if (list && list.length > 0) {
      body[field] = list;
      sent.push(field);
    }
  }
  const history =
    current && !hasCurrent
      ? [compact({ company_name: current.company, title: current.title }), ...(employments ?? [])]
      : (employments ?? []);
  if (history.length > 0) {
    body.employments = history;
    sent.push('employments');
  }
  if (sourceId !== null) sent.push('source_id');
  if (input.test) body.tags = [GREENHOUSE_TEST_TAG];
  return { body, sourceId, sentFields: sent };
}

/**
 * The `PATCH /v3/candidates/{id}` body: texts that differ from what Greenhouse holds, and each
 * list that gains an entry, sent whole (Greenhouse's entries first). Employments are not sent:
 * the candidate update takes no history (v1 had separate employment endpoints, v3 none known).
 */
export function toGreenhouseUpdate(
  candidate: GhPayload,
  existing: Record<string, unknown>,
): { body: GhCandidateBody; sentFields: string[] } {
  const body: GhCandidateBody = {};
  const sent: string[] = [];
  for (const field of TEXT_FIELDS) {
    const value = candidate.body[field];
    const held = existing[field];
    if (value && !(typeof held === 'string' && same(held, value))) {
      body[field] = value;
      sent.push(field);
    }
  }
  for (const field of LIST_FIELDS) {
    const held = typedValues(existing[field]);
    const added = (candidate.body[field] ?? []).filter(
      (e) => !held.some((h) => same(h.value, e.value)),
    );
    if (added.length > 0) {
      body[field] = [...held, ...added];
      sent.push(field);
    }
  }
  return { body, sentFields: sent };
}

/** A v3 candidate as vendor fields (DestinationRecord.fields). */
export function greenhouseFieldsOf(candidate: Record<string, unknown>): Record<string, unknown> {
  return {
    ...Object.fromEntries(TEXT_FIELDS.map((f) => [f, candidate[f] ?? null])),
    ...Object.fromEntries(LIST_FIELDS.map((f) => [f, typedValues(candidate[f])])),
  };
}

export { splitName };

/** `YYYY-MM-01` from `YYYY-MM` or `YYYY-MM-DD…`; a bare year is its January. */
export function firstOfMonth(date: string | null): string | undefined {
  if (!date) return undefined;
  const match = /^(\d{4})(?:-(\d{2}))?/.exec(date.trim());
  if (!match?.[1]) return undefined;
  return `${match[1]}-${match[2] ?? '01'}-01`;
}

function orderedTargets(targets: FieldTargets): [string, string[]][] {
  const rank = (key: string): number => {
    const at = PRECEDENCE.indexOf(key.split('.')[0] ?? key);
    return at === -1 ? PRECEDENCE.length : at;
  };
  return Object.entries(targets).sort(([a], [b]) => rank(a) - rank(b));
}

function textOf(person: ExportPerson, exportKey: string, field: TextField): string | null {
  const [base, network] = exportKey.split('.', 2);
  switch (base) {
    case 'name': {
      const { first, last } = splitName(person);
      return field === 'first_name' ? first : field === 'last_name' ? last : person.name;
    }
    case 'emails':
      return person.emails[0] ?? null;
    case 'phones':
      return person.phones[0] ?? null;
    case 'source':
      return person.source;
    case 'location':
      return placeText(person.location);
    case 'linkedinUrl':
      return person.linkedinUrl;
    case 'githubUrl':
      return person.githubUrl;
    case 'currentTitle':
      return person.currentTitle;
    case 'currentCompany':
      return person.currentCompany;
    case 'socialLinks':
      return person.socialLinks.find((l) => !network || l.network === network)?.url ?? null;
    default:
      return null;
  }
}

/** An export field's values as `{value, type}` entries of a Greenhouse list. */
function listValues(
  person: ExportPerson,
  exportKey: string,
  field: ListField,
  targets: FieldTargets,
): GhTypedValue[] {
  const [base, network] = exportKey.split('.', 2);
  const typed = (values: (string | null | undefined)[], type?: string): GhTypedValue[] =>
    values
      .filter((v): v is string => Boolean(v?.trim()))
      .map((value) => (type && field !== 'social_media_addresses' ? { value, type } : { value }));
  switch (base) {
    case 'emails':
      return typed(person.emails, 'personal');
    case 'phones':
      return typed(person.phones, 'mobile');
    case 'location':
      return typed([placeText(person.location)], 'home');
    case 'githubUrl':
      return typed([person.githubUrl], 'portfolio');
    case 'socialLinks': {
      // A network with its own target is not also sent through the generic one.
      const links = person.socialLinks.filter((l) =>
        network ? l.network === network : !(`socialLinks.${l.network}` in targets),
      );
      return links.map((l) => typed([l.url], websiteType(l.network))[0]).filter(isDefined);
    }
    case 'name':
      return typed([person.name], 'other');
    default: {
      const value = textOf(person, exportKey, 'title');
      return typed([value], 'other');
    }
  }
}

function websiteType(network: string): string {
  return network === 'website' ? 'personal' : network === 'blog' ? 'blog' : 'other';
}

function toEmployment(x: ExportPerson['experience'][number]): GhEmploymentBody {
  return compact({
    company_name: x.company ?? undefined,
    title: x.title ?? undefined,
    start_date: firstOfMonth(x.startDate),
    end_date: x.current ? undefined : firstOfMonth(x.endDate),
  });
}

function placeText(location: ExportPerson['location']): string | null {
  if (!location) return null;
  const parts = [location.city, location.region, location.country].filter(Boolean);
  return location.text ?? (parts.length > 0 ? parts.join(', ') : null);
}

function typedValues(value: unknown): GhTypedValue[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry: unknown) => {
    if (typeof entry !== 'object' || entry === null) return [];
    const { value: v, type } = entry as { value?: unknown; type?: unknown };
    if (typeof v !== 'string') return [];
    return [typeof type === 'string' ? { value: v, type } : { value: v }];
  });
}

function isListField(field: string): field is ListField {
  return (LIST_FIELDS as readonly string[]).includes(field);
}

function isTextField(field: string): field is TextField {
  return (TEXT_FIELDS as readonly string[]).includes(field);
}

function same(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

function isDefined<T>(value: T | undefined): value is T {
  return value !== undefined;
}

function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
