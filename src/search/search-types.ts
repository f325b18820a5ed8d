import type { CandidateKind } from './candidate-document';
import type { QueryNode } from './query/ast';

/** The ATS and profile facets, by the name the API uses. */
export const FACET_FIELDS = [
  'STAGE',
  'STATUS',
  'JOB',
  'REJECTION_REASON',
  'SOURCE',
  'RECRUITER',
  'LAST_UPDATED',
  'CONNECTION',
  'LOCATION',
  'COMPANY',
  'TITLE',
  'SKILL',
  'SCHOOL',
  'DEGREE',
  'YEARS_OF_EXPERIENCE',
] as const;
export type FacetField = (typeof FACET_FIELDS)[number];

/** The largest `facetSize` a search may ask for; the default is DEFAULT_FACET_SIZE. */
export const MAX_FACET_SIZE = 100;
export const DEFAULT_FACET_SIZE = 10;
/** Custom field facets one search may ask for. */
export const MAX_CUSTOM_FIELD_FACETS = 20;

/** Insight dimensions (MISSION.md capability 7). */
export const INSIGHT_DIMENSIONS = [
  'LOCATION',
  'CURRENT_COMPANY',
  'CURRENT_TITLE',
  'PAST_COMPANY',
  'PAST_TITLE',
  'SKILL',
  'YEARS_OF_EXPERIENCE',
  'YEARS_IN_ROLE',
  'SCHOOL',
  'DEGREE',
  'MAJOR',
  'INDUSTRY',
  'COMPANY_SIZE',
  'CERTIFICATION',
  'LANGUAGE',
  'STAGE',
  'STATUS',
  'JOB',
  'SOURCE',
  'RECRUITER',
  'REJECTION_REASON',
] as const;
export type InsightDimension = (typeof INSIGHT_DIMENSIONS)[number];

/** `lastUpdated` buckets, newest first; each is also a filter value. */
export const LAST_UPDATED_RANGES = [
  'LAST_7_DAYS',
  'LAST_30_DAYS',
  'LAST_90_DAYS',
  'LAST_365_DAYS',
  'OLDER',
] as const;
export type LastUpdatedRange = (typeof LAST_UPDATED_RANGES)[number];

/** Years-of-experience buckets: value "0-2" means 0 ≤ years < 2; "20+" means 20 or more. */
export const YEARS_BUCKETS = ['0-2', '2-5', '5-10', '10-15', '15-20', '20+'] as const;
export type YearsBucket = (typeof YEARS_BUCKETS)[number];

/**
 * An application's status, normalized across vendors by the connectors' mappers (the vendor's
 * own word stays in `applications.remote_status`).
 */
export const APPLICATION_STATUSES = [
  'ACTIVE',
  'HIRED',
  'REJECTED',
  'WITHDRAWN',
  'ARCHIVED',
] as const;
export type ApplicationStatusValue = (typeof APPLICATION_STATUSES)[number];

/**
 * Filters: within one list any value matches (OR); across lists all must match (AND).
 * Application filters (stages, statuses, jobIds, rejectionReasons) must hold on the same
 * application. An unknown value simply matches nothing.
 */
export interface SearchFilter {
  stages?: string[];
  /** APPLICATION_STATUSES values, compared exactly. */
  statuses?: string[];
  jobIds?: string[];
  rejectionReasons?: string[];
  sources?: string[];
  recruiterIds?: string[];
  connectionIds?: string[];
  kinds?: CandidateKind[];
  lastUpdated?: { from?: Date | null; to?: Date | null } | null;
  lastUpdatedRanges?: LastUpdatedRange[];
  locations?: string[];
  companies?: string[];
  pastCompanies?: string[];
  titles?: string[];
  pastTitles?: string[];
  skills?: string[];
  schools?: string[];
  degrees?: string[];
  majors?: string[];
  industries?: string[];
  companySizes?: string[];
  certifications?: string[];
  languages?: string[];
  yearsOfExperience?: { min?: number | null; max?: number | null } | null;
  yearsOfExperienceBuckets?: YearsBucket[];
  yearsInRoleBuckets?: YearsBucket[];
  tags?: string[];
  /** Admin-marked filterable ATS custom fields. */
  customFields?: { key: string; values: string[] }[];
}

export type SortField = 'RELEVANCE' | 'LAST_UPDATED' | 'NAME';

export interface SearchSort {
  field: SortField;
  direction: 'ASC' | 'DESC';
}

/** Where the previous page ended: the sort key of its last hit and the hit's id. */
export interface SearchAfter {
  sortValue: number | string | null;
  id: string;
}

export interface SearchRequest {
  organizationId: string;
  query: QueryNode | null;
  filter: SearchFilter;
  /** Facets to count; empty when the caller did not ask for facets. */
  facets: FacetField[];
  /** Values per facet, 1 to MAX_FACET_SIZE (selected values are always included on top). */
  facetSize: number;
  /**
   * Custom field keys to count as facets (at most MAX_CUSTOM_FIELD_FACETS), with the same
   * multi-select semantics and facetSize; none when absent.
   */
  customFieldFacets?: string[];
  sort: SearchSort;
  first: number;
  after: SearchAfter | null;
  /** The clock for relative ranges (lastUpdated buckets). */
  now: Date;
}

export interface Highlight {
  field: string;
  /** Fragments with matches wrapped in <em>…</em>, HTML-escaped otherwise. */
  snippets: string[];
}

export interface SearchHit {
  id: string;
  score: number | null;
  /** Sort key for the cursor. */
  sortValue: number | string | null;
  highlights: Highlight[];
}

export interface FacetValue {
  value: string;
  /** Display text (job title for a job id, recruiter name for an id); equals value otherwise. */
  label: string;
  count: number;
}

export interface FacetResult {
  field: FacetField;
  values: FacetValue[];
  /**
   * Distinct values with at least one counted candidate that are not among `values` (the ones
   * `facetSize` cut off). 0 for the range facets, which always show every non-empty range.
   */
  otherValueCount: number;
}

/** The facet of one filterable ATS custom field. */
export interface CustomFieldFacetResult {
  /** The custom field's key, as CandidateFilter.customFields takes it. */
  key: string;
  /** The field's name in its ATS (as last indexed), or the key when none is known. */
  label: string;
  values: FacetValue[];
  otherValueCount: number;
}

export interface SearchResult {
  totalCount: number;
  hits: SearchHit[];
  hasNextPage: boolean;
  facets: FacetResult[];
  /** In the order of the request's keys; keys without values (and nothing selected) left out. */
  customFieldFacets: CustomFieldFacetResult[];
}

export interface InsightsRequest {
  organizationId: string;
  query: QueryNode | null;
  filter: SearchFilter;
  dimensions: InsightDimension[];
  size: number;
  now: Date;
}

export interface InsightBreakdown {
  dimension: InsightDimension;
  buckets: FacetValue[];
  /** Candidates with a value outside the returned buckets. */
  otherCount: number;
  /** Candidates with no value for the dimension. */
  missingCount: number;
}

/** A public profile to look up: any of the keys may be given. */
export interface ProfileLookup {
  linkedinUrl?: string | null;
  githubUrl?: string | null;
  email?: string | null;
  name?: string | null;
  company?: string | null;
  title?: string | null;
}

export type LookupRule = 'LINKEDIN_URL' | 'GITHUB_URL' | 'EMAIL' | 'NAME_COMPANY_TITLE';

export interface LookupMatch {
  candidateId: string;
  rule: LookupRule;
  /** 0–1. */
  confidence: number;
}

export interface LookupRequest {
  organizationId: string;
  profiles: ProfileLookup[];
}
