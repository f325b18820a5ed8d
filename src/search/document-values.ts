import { normalizeKey } from '../common/text';
import type { CandidateDocument } from './candidate-document';
import { keysOf, TEXT_FILTERS } from './facet-keys';
import type { SearchFilter } from './search-types';

/**
 * The values a document is filtered and faceted by, normalized once for both engines
 * (SEMANTICS.md "Filters" and "Facets"): each engine stores exactly these, so they agree.
 */

/** Filter lists answered by equality on a candidate's normalized values. */
export const VALUE_FILTER_KEYS = [
  'stages',
  'statuses',
  'jobIds',
  'rejectionReasons',
  'sources',
  'recruiterIds',
  'connectionIds',
  'locations',
  'companies',
  'pastCompanies',
  'titles',
  'pastTitles',
  'skills',
  'schools',
  'degrees',
  'majors',
  'industries',
  'companySizes',
  'certifications',
  'languages',
  'tags',
] as const satisfies readonly (keyof SearchFilter)[];
export type ValueFilterKey = (typeof VALUE_FILTER_KEYS)[number];

/**
 * Filters whose values are ids or fixed codes (statuses), compared exactly (everything else by
 * normalizeKey).
 */
export const ID_FILTERS: ReadonlySet<ValueFilterKey> = new Set<ValueFilterKey>([
  'statuses',
  'jobIds',
  'recruiterIds',
  'connectionIds',
]);

/**
 * Lists whose values the engines keep no labels for: connection ids and status codes, which
 * the API names above the engines (value-labels.ts).
 */
export const UNLABELLED: ReadonlySet<ValueFilterKey> = new Set<ValueFilterKey>([
  'statuses',
  'connectionIds',
]);

/**
 * A filter list's values, normalized as that list compares them: null when the filter is off,
 * [] when it is on but every value normalized to nothing (it then matches no candidate).
 */
export function filterValues(filter: SearchFilter, key: ValueFilterKey): string[] | null {
  const raw = filter[key];
  if (!raw || raw.length === 0) return null;
  return ID_FILTERS.has(key) ? [...new Set(raw.map((v) => v.trim()))].filter(Boolean) : keysOf(raw);
}

export function normalizeFilterValue(key: ValueFilterKey, value: string): string {
  return ID_FILTERS.has(key) ? value.trim() : normalizeKey(value);
}

/**
 * Lists whose values are ids named by something that can be renamed (a job's title, a
 * recruiter's name): their label follows the latest document indexed. Every other list keeps
 * the first spelling of a value, so "Python" does not flip to "python" with each candidate.
 */
export const RENAMABLE_LABELS: ReadonlySet<ValueFilterKey> = new Set(['jobIds', 'recruiterIds']);

export interface ValueLabel {
  key: ValueFilterKey;
  value: string;
  /** How the value is shown: the original spelling, a job title, a recruiter's name. */
  label: string;
}

export interface DocumentValues {
  /** Per filter list, the candidate's distinct normalized values. */
  values: Record<ValueFilterKey, string[]>;
  /** One label per (list, value), first spelling wins. */
  labels: ValueLabel[];
  /** The candidate's applications, normalized, for the same-application rule. */
  applications: {
    applicationId: string;
    jobId: string | null;
    stage: string | null;
    status: string | null;
    rejectionReason: string | null;
  }[];
  /** Filterable custom fields as (field, normalized value) pairs. */
  customFields: { field: string; value: string }[];
  /**
   * Labels of custom fields: each value's first spelling (group customFieldValueLabels(field))
   * and each field's name (group CUSTOM_FIELD_NAMES, value = the key; the latest name wins).
   */
  customFieldLabels: LabelInGroup[];
}

/** A label of a value in a label group other than a filter list's (custom fields). */
export interface LabelInGroup {
  group: string;
  value: string;
  label: string;
}

/** The label group of one custom field's values (first spelling wins). */
export const customFieldValueLabels = (field: string): string => `cf\u001f${field}`;
/** The label group of custom field names, by key: renamable, the latest document's name wins. */
export const CUSTOM_FIELD_NAMES = 'cfname';

/** Whether a label group is a custom field's (values or names), not a filter list's. */
export const isCustomFieldLabelGroup = (group: string): boolean =>
  group === CUSTOM_FIELD_NAMES || group.startsWith('cf\u001f');

export function documentValues(d: CandidateDocument): DocumentValues {
  const values = Object.fromEntries(VALUE_FILTER_KEYS.map((k) => [k, new Set<string>()])) as Record<
    ValueFilterKey,
    Set<string>
  >;
  const labels = new Map<string, ValueLabel>();
  const add = (key: ValueFilterKey, value: string, label: string): void => {
    values[key].add(value);
    const id = `${key}\u001f${value}`;
    if (!labels.has(id)) labels.set(id, { key, value, label });
  };

  // A connection's label is its id (the API resolves names): no label row needed.
  values.connectionIds.add(d.connectionId);
  if (d.recruiterId) add('recruiterIds', d.recruiterId, d.recruiterName ?? d.recruiterId);
  for (const [key, read] of Object.entries(TEXT_FILTERS) as [
    keyof typeof TEXT_FILTERS,
    (x: CandidateDocument) => readonly string[],
  ][]) {
    for (const original of read(d)) {
      const value = normalizeKey(original);
      if (value) add(key, value, original.trim());
    }
  }
  const applications = d.applications.map((a) => {
    const stage = a.stage ? normalizeKey(a.stage) || null : null;
    const rejectionReason = a.rejectionReason ? normalizeKey(a.rejectionReason) || null : null;
    if (stage && a.stage) add('stages', stage, a.stage.trim());
    if (rejectionReason && a.rejectionReason)
      add('rejectionReasons', rejectionReason, a.rejectionReason.trim());
    if (a.jobId) add('jobIds', a.jobId, a.jobTitle ?? a.jobId);
    const status = a.status.trim() || null;
    if (status) values.statuses.add(status);
    return { applicationId: a.applicationId, jobId: a.jobId, stage, status, rejectionReason };
  });
  const customFields: DocumentValues['customFields'] = [];
  const customFieldLabels: LabelInGroup[] = [];
  for (const [field, fieldValues] of Object.entries(d.customFields)) {
    if (!field) continue;
    const seen = new Set<string>();
    for (const original of fieldValues) {
      const value = normalizeKey(original);
      if (!value || seen.has(value)) continue;
      seen.add(value);
      customFields.push({ field, value });
      customFieldLabels.push({
        group: customFieldValueLabels(field),
        value,
        label: original.trim(),
      });
    }
    const name = d.customFieldNames?.[field]?.trim();
    if (name) customFieldLabels.push({ group: CUSTOM_FIELD_NAMES, value: field, label: name });
  }
  return {
    values: Object.fromEntries(VALUE_FILTER_KEYS.map((k) => [k, [...values[k]]])) as Record<
      ValueFilterKey,
      string[]
    >,
    labels: [...labels.values()],
    applications,
    customFields,
    customFieldLabels,
  };
}
