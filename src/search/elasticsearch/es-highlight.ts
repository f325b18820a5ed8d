import type { CandidateDocument } from '../candidate-document';
import { highlightDocument, positiveNeedles } from '../highlight';
import type { QueryNode, SearchField } from '../query/ast';
import type { Highlight } from '../search-types';
import { FIELDS } from './es-fields';

/**
 * Highlights need only the few document fields the query's words can be marked in: hits fetch
 * those (`_source` filtering), not the whole stored document with its applications and custom
 * fields, and nothing at all when the query has no word to mark (filter-only searches).
 */

/** The fields highlightDocument (search/highlight.ts) reads, each with the scope that marks it. */
export const HIGHLIGHTED_FIELDS: readonly {
  field: keyof CandidateDocument;
  /** null: only unscoped words mark it. */
  scope: SearchField | null;
}[] = [
  { field: 'fullName', scope: 'name' },
  { field: 'currentTitle', scope: 'title' },
  { field: 'currentCompany', scope: 'company' },
  { field: 'headline', scope: null },
  { field: 'skills', scope: 'skill' },
  { field: 'pastTitles', scope: 'title' },
  { field: 'pastCompanies', scope: 'company' },
  { field: 'schools', scope: 'school' },
  { field: 'location', scope: 'location' },
  { field: 'emails', scope: 'email' },
  { field: 'resumeText', scope: 'resume' },
];

/** The `_source` paths a search's hits need for their highlights; empty: fetch no source. Pure. */
export function highlightSource(query: QueryNode | null): string[] {
  const needles = positiveNeedles(query).filter((n) => n.tokens.length > 0);
  return HIGHLIGHTED_FIELDS.filter((h) =>
    needles.some((n) => n.field === null || n.field === h.scope),
  ).map((h) => `${FIELDS.document}.${h.field}`);
}

/** A document with every field empty: what a partial `_source` is laid over. */
const BLANK: CandidateDocument = {
  id: '',
  organizationId: '',
  connectionId: '',
  kind: 'APPLICANT',
  fullName: '',
  headline: null,
  emails: [],
  phones: [],
  linkedinUrl: null,
  githubUrl: null,
  socialUrls: [],
  location: null,
  currentCompany: null,
  currentTitle: null,
  pastCompanies: [],
  pastTitles: [],
  skills: [],
  schools: [],
  degrees: [],
  majors: [],
  yearsOfExperience: null,
  yearsInRole: null,
  industry: null,
  companySize: null,
  certifications: [],
  languages: [],
  resumeText: '',
  applications: [],
  source: null,
  recruiterId: null,
  recruiterName: null,
  tags: [],
  customFields: {},
  lastUpdated: '',
};

/** Highlights of a hit from the fields highlightSource() fetched. */
export function highlightHit(
  partial: Partial<CandidateDocument> | undefined,
  query: QueryNode | null,
): Highlight[] {
  return partial ? highlightDocument({ ...BLANK, ...partial }, query) : [];
}
