import { normalizeKey } from '../common/text';
import type { CandidateDocument } from './candidate-document';
import type {
  FacetField,
  InsightDimension,
  LastUpdatedRange,
  SearchFilter,
  YearsBucket,
} from './search-types';

/**
 * How document fields become facet/filter values, shared by both engines so they count and
 * filter alike (SEMANTICS.md, "Facets" and "Filters").
 */

/** Text-valued filter lists, the document values they compare to, and their facet/insight names. */
export const TEXT_FILTERS = {
  sources: (d: CandidateDocument) => (d.source ? [d.source] : []),
  locations: (d: CandidateDocument) => (d.location ? [d.location] : []),
  companies: (d: CandidateDocument) => (d.currentCompany ? [d.currentCompany] : []),
  pastCompanies: (d: CandidateDocument) => d.pastCompanies,
  titles: (d: CandidateDocument) => (d.currentTitle ? [d.currentTitle] : []),
  pastTitles: (d: CandidateDocument) => d.pastTitles,
  skills: (d: CandidateDocument) => d.skills,
  schools: (d: CandidateDocument) => d.schools,
  degrees: (d: CandidateDocument) => d.degrees,
  majors: (d: CandidateDocument) => d.majors,
  industries: (d: CandidateDocument) => (d.industry ? [d.industry] : []),
  companySizes: (d: CandidateDocument) => (d.companySize ? [d.companySize] : []),
  certifications: (d: CandidateDocument) => d.certifications,
  languages: (d: CandidateDocument) => d.languages,
  tags: (d: CandidateDocument) => d.tags,
} as const;
export type TextFilterKey = keyof typeof TEXT_FILTERS;

/** Filter lists that apply to one application at a time. */
export const APPLICATION_FILTERS = ['stages', 'statuses', 'jobIds', 'rejectionReasons'] as const;
export type ApplicationFilterKey = (typeof APPLICATION_FILTERS)[number];

/**
 * What a facet can leave out of its count (multi-select): a filter list, or the `customFields`
 * entries of one custom field key (each custom field is a facet of its own).
 */
export type FilterPart = keyof SearchFilter | CustomFieldPart;
export type CustomFieldPart = `customField:${string}`;
export const customFieldPart = (key: string): CustomFieldPart => `customField:${key}`;

/** The values a request selects for one custom field (every entry with its key), normalized. */
export function selectedCustomFieldValues(filter: SearchFilter, key: string): string[] {
  return keysOf((filter.customFields ?? []).filter((f) => f.key === key).flatMap((f) => f.values));
}

/** Which filter list a facet's values go back into. */
export const FACET_FILTER: Record<FacetField, keyof SearchFilter> = {
  STAGE: 'stages',
  STATUS: 'statuses',
  JOB: 'jobIds',
  REJECTION_REASON: 'rejectionReasons',
  SOURCE: 'sources',
  RECRUITER: 'recruiterIds',
  LAST_UPDATED: 'lastUpdatedRanges',
  CONNECTION: 'connectionIds',
  LOCATION: 'locations',
  COMPANY: 'companies',
  TITLE: 'titles',
  SKILL: 'skills',
  SCHOOL: 'schools',
  DEGREE: 'degrees',
  YEARS_OF_EXPERIENCE: 'yearsOfExperienceBuckets',
};

/**
 * The filters a facet ignores when it is counted (multi-select): its own list, and for the two
 * range facets also the explicit range filter that selects the same thing.
 */
export function facetExcludes(facet: FacetField): (keyof SearchFilter)[] {
  if (facet === 'LAST_UPDATED') return ['lastUpdatedRanges', 'lastUpdated'];
  if (facet === 'YEARS_OF_EXPERIENCE') return ['yearsOfExperienceBuckets', 'yearsOfExperience'];
  return [FACET_FILTER[facet]];
}

/** Which filter list an insight bucket's value goes back into. */
export const INSIGHT_FILTER: Record<InsightDimension, keyof SearchFilter> = {
  LOCATION: 'locations',
  CURRENT_COMPANY: 'companies',
  CURRENT_TITLE: 'titles',
  PAST_COMPANY: 'pastCompanies',
  PAST_TITLE: 'pastTitles',
  SKILL: 'skills',
  YEARS_OF_EXPERIENCE: 'yearsOfExperienceBuckets',
  YEARS_IN_ROLE: 'yearsInRoleBuckets',
  SCHOOL: 'schools',
  DEGREE: 'degrees',
  MAJOR: 'majors',
  INDUSTRY: 'industries',
  COMPANY_SIZE: 'companySizes',
  CERTIFICATION: 'certifications',
  LANGUAGE: 'languages',
  STAGE: 'stages',
  STATUS: 'statuses',
  JOB: 'jobIds',
  SOURCE: 'sources',
  RECRUITER: 'recruiterIds',
  REJECTION_REASON: 'rejectionReasons',
};

/** Normalized, de-duplicated keys of text values. */
export function keysOf(values: readonly string[]): string[] {
  return [...new Set(values.map(normalizeKey).filter(Boolean))];
}

/** Year buckets as [min, max) in years; max null = open. */
export const YEARS_BUCKET_BOUNDS: Record<YearsBucket, [number, number | null]> = {
  '0-2': [0, 2],
  '2-5': [2, 5],
  '5-10': [5, 10],
  '10-15': [10, 15],
  '15-20': [15, 20],
  '20+': [20, null],
};

export function yearsBucketOf(years: number | null): YearsBucket | null {
  if (years === null || years < 0) return null;
  for (const [bucket, [min, max]] of Object.entries(YEARS_BUCKET_BOUNDS) as [
    YearsBucket,
    [number, number | null],
  ][]) {
    if (years >= min && (max === null || years < max)) return bucket;
  }
  return null;
}

const DAY_MS = 86_400_000;

/** The lower bound (inclusive) of a cumulative range, or the upper bound (exclusive) of OLDER. */
export function lastUpdatedBound(range: LastUpdatedRange, now: Date): { from?: Date; to?: Date } {
  const daysAgo = (days: number): Date => new Date(now.getTime() - days * DAY_MS);
  switch (range) {
    case 'LAST_7_DAYS':
      return { from: daysAgo(7) };
    case 'LAST_30_DAYS':
      return { from: daysAgo(30) };
    case 'LAST_90_DAYS':
      return { from: daysAgo(90) };
    case 'LAST_365_DAYS':
      return { from: daysAgo(365) };
    case 'OLDER':
      return { to: daysAgo(365) };
  }
}
