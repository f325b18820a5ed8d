import type { ValueFilterKey } from '../document-values';
import type { ApplicationFilterKey } from '../facet-keys';

export type { ValueFilterKey };

/**
 * The postgres engine's value columns: for each filter list, the column holding the candidate's
 * normalized values (scalar or array) and the prefix of its entries in `filter_keys`, the one
 * GIN-indexed array every equality filter is answered from.
 */
export interface ValueColumn {
  /** Column (or expression) on search_candidates. */
  column: string;
  array: boolean;
  prefix: string;
  /** False when the value is derived from another column rather than stored by the indexer. */
  stored: boolean;
}

export const VALUE_COLUMNS: Record<ValueFilterKey, ValueColumn> = {
  stages: { column: 'stages', array: true, prefix: 'stage', stored: true },
  statuses: { column: 'statuses', array: true, prefix: 'st', stored: true },
  jobIds: { column: 'job_ids', array: true, prefix: 'job', stored: true },
  rejectionReasons: { column: 'rejection_reasons', array: true, prefix: 'rr', stored: true },
  sources: { column: 'source', array: false, prefix: 'src', stored: true },
  recruiterIds: { column: 'recruiter_id', array: false, prefix: 'rec', stored: true },
  connectionIds: { column: 'connection_id::text', array: false, prefix: 'conn', stored: false },
  locations: { column: 'location', array: false, prefix: 'loc', stored: true },
  companies: { column: 'company', array: false, prefix: 'co', stored: true },
  pastCompanies: { column: 'past_companies', array: true, prefix: 'pco', stored: true },
  titles: { column: 'title', array: false, prefix: 'ti', stored: true },
  pastTitles: { column: 'past_titles', array: true, prefix: 'pti', stored: true },
  skills: { column: 'skills', array: true, prefix: 'sk', stored: true },
  schools: { column: 'schools', array: true, prefix: 'sch', stored: true },
  degrees: { column: 'degrees', array: true, prefix: 'deg', stored: true },
  majors: { column: 'majors', array: true, prefix: 'maj', stored: true },
  industries: { column: 'industry', array: false, prefix: 'ind', stored: true },
  companySizes: { column: 'company_size', array: false, prefix: 'csz', stored: true },
  certifications: { column: 'certifications', array: true, prefix: 'cert', stored: true },
  languages: { column: 'languages', array: true, prefix: 'lang', stored: true },
  tags: { column: 'tags', array: true, prefix: 'tag', stored: true },
};

/** Application-level columns of search_applications, for the same-application rule. */
export const APPLICATION_COLUMNS: Record<ApplicationFilterKey, string> = {
  stages: 'stage',
  statuses: 'status',
  jobIds: 'job_id',
  rejectionReasons: 'rejection_reason',
};

const SEPARATOR = '\u001f';

export const filterKey = (prefix: string, value: string): string => `${prefix}${SEPARATOR}${value}`;
export const customFieldKey = (field: string, value: string): string =>
  `cf${SEPARATOR}${field}${SEPARATOR}${value}`;
