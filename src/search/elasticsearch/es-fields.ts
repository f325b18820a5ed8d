import type { CandidateDocument } from '../candidate-document';
import type { SearchField } from '../query/ast';

/**
 * The field names of the candidates index, shared by the mapping, the document transform and the
 * query builders so the three cannot drift apart.
 */

/**
 * A searchable part of the document: one text field holding its values as pre-tokenized words
 * (see es-document.ts). The sections, their scopes and their weights are those of the postgres
 * tsvector (tsvector-builder.ts), so both engines search the same words with the same emphasis.
 */
export interface TextSection {
  /** Field under `text.` in the index. */
  name: string;
  /** The query scope that searches this section; null: only unscoped terms do. */
  scope: SearchField | null;
  /**
   * Score a term earns by matching here: ts_rank's default weights (A 1.0, B 0.4, C 0.2,
   * D 0.1), so a name or current-title match always outranks a resume-only one.
   */
  weight: number;
  read: (d: CandidateDocument) => readonly (string | null | undefined)[];
}

export const TEXT_SECTIONS: readonly TextSection[] = [
  { name: 'name', scope: 'name', weight: 1, read: (d) => [d.fullName] },
  { name: 'currentTitle', scope: 'title', weight: 1, read: (d) => [d.currentTitle] },
  { name: 'currentCompany', scope: 'company', weight: 0.4, read: (d) => [d.currentCompany] },
  { name: 'skills', scope: 'skill', weight: 0.4, read: (d) => d.skills },
  { name: 'headline', scope: null, weight: 0.4, read: (d) => [d.headline] },
  { name: 'pastTitles', scope: 'title', weight: 0.2, read: (d) => d.pastTitles },
  { name: 'pastCompanies', scope: 'company', weight: 0.2, read: (d) => d.pastCompanies },
  { name: 'schools', scope: 'school', weight: 0.2, read: (d) => d.schools },
  { name: 'location', scope: 'location', weight: 0.2, read: (d) => [d.location] },
  { name: 'emails', scope: 'email', weight: 0.2, read: (d) => d.emails },
  {
    name: 'other',
    scope: null,
    weight: 0.2,
    read: (d) => [
      ...d.degrees,
      ...d.majors,
      ...d.certifications,
      ...d.languages,
      d.industry,
      ...d.tags,
    ],
  },
  { name: 'resume', scope: 'resume', weight: 0.1, read: (d) => [d.resumeText] },
];

export const textField = (section: TextSection): string => `text.${section.name}`;

/** The sections a term searches: its scope's sections, or every section when unscoped. */
export function sectionsFor(scope: SearchField | null): TextSection[] {
  return TEXT_SECTIONS.filter((s) => scope === null || s.scope === scope);
}

/** Resume words indexed at most, as in the postgres engine (tsvector-builder MAX_RESUME_WORDS). */
export const MAX_RESUME_WORDS = 8_000;

/** Filter lists answered by a keyword field of normalized values (`values.<key>`), shared with postgres. */
export { ID_FILTERS, VALUE_FILTER_KEYS, type ValueFilterKey } from '../document-values';
import type { ValueFilterKey } from '../document-values';
import type { ApplicationFilterKey } from '../facet-keys';

export const valueField = (key: ValueFilterKey): string => `values.${key}`;

/** Application filters and their fields in the nested `applications` documents. */
export type { ApplicationFilterKey } from '../facet-keys';
export const APPLICATIONS_PATH = 'applications';
export const APPLICATION_FIELDS: Record<ApplicationFilterKey, string> = {
  stages: 'applications.stage',
  statuses: 'applications.status',
  jobIds: 'applications.jobId',
  rejectionReasons: 'applications.rejectionReason',
};
export const APPLICATION_FILTER_KEYS = Object.keys(APPLICATION_FIELDS) as ApplicationFilterKey[];

export const isApplicationFilter = (key: string): key is ApplicationFilterKey =>
  key in APPLICATION_FIELDS;

/** Scalar fields of the candidate. */
export const FIELDS = {
  organizationId: 'organizationId',
  candidateId: 'candidateId',
  kind: 'kind',
  nameKey: 'nameKey',
  lastUpdated: 'lastUpdated',
  yearsOfExperience: 'yearsOfExperience',
  yearsInRole: 'yearsInRole',
  emails: 'emails',
  linkedinUrl: 'linkedinUrl',
  githubUrl: 'githubUrl',
  customFields: 'customFields',
  customFieldValues: 'customFieldValues',
  document: 'document',
} as const;

/** One custom field's values, a keyed subfield of the flattened `customFieldValues`. */
export const customFieldValuesField = (key: string): string => `${FIELDS.customFieldValues}.${key}`;

/** Separates a custom field's key from its value in the `customFields` keyword. */
export const CUSTOM_FIELD_SEPARATOR = '\u001f';
export const customFieldEntry = (key: string, value: string): string =>
  `${key}${CUSTOM_FIELD_SEPARATOR}${value}`;
