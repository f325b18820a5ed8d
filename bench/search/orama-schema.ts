import { create, type Orama } from '@orama/orama';
import { normalizeKey } from '../../src/common/text';
import { keysOf } from '../../src/search/facet-keys';
import type { CandidateDocument } from '../../src/search/candidate-document';
import type { FacetField, InsightDimension } from '../../src/search/search-types';

/**
 * How the Orama peer holds a candidate: the searchable text as Orama `string` fields (BM25,
 * tokenized), and every filter/facet value as an `enum` field of normalized keys (exact match;
 * Orama's `where` on a `string` field is a word match, not an equality). Application facets get
 * stage-qualified twins (`stage␟job`) for the same-application rule.
 */
export const ORAMA_SCHEMA = {
  fullName: 'string',
  headline: 'string',
  currentTitle: 'string',
  pastTitles: 'string[]',
  currentCompany: 'string',
  pastCompanies: 'string[]',
  skills: 'string[]',
  schools: 'string[]',
  location: 'string',
  emails: 'string[]',
  other: 'string[]',
  resumeText: 'string',

  stageKeys: 'enum[]',
  jobIds: 'enum[]',
  reasonKeys: 'enum[]',
  stageJobs: 'enum[]',
  stageReasons: 'enum[]',
  sourceKey: 'enum',
  recruiterId: 'enum',
  lastUpdated: 'number',
  locationKey: 'enum',
  companyKey: 'enum',
  titleKey: 'enum',
  skillKeys: 'enum[]',
  schoolKeys: 'enum[]',
  pastCompanyKeys: 'enum[]',
  pastTitleKeys: 'enum[]',
  degreeKeys: 'enum[]',
  majorKeys: 'enum[]',
  industryKey: 'enum',
  companySizeKey: 'enum',
  certificationKeys: 'enum[]',
  languageKeys: 'enum[]',
  yearsOfExperience: 'number',
  yearsInRole: 'number',

  linkedinUrl: 'enum',
  emailKeys: 'enum[]',
  nameKey: 'enum',
} as const;

export type OramaSchema = typeof ORAMA_SCHEMA;
export type OramaDb = Orama<OramaSchema>;
export type OramaProperty = keyof OramaSchema;

/** Fields a query word is searched in (the unscoped fields of SEMANTICS.md). */
export const TEXT_PROPERTIES = [
  'fullName',
  'headline',
  'currentTitle',
  'pastTitles',
  'currentCompany',
  'pastCompanies',
  'skills',
  'schools',
  'location',
  'emails',
  'other',
  'resumeText',
] as const satisfies readonly OramaProperty[];
export type TextProperty = (typeof TEXT_PROPERTIES)[number];

/** Text fields per query-language scope. */
export const SCOPE_PROPERTIES: Record<string, readonly TextProperty[]> = {
  name: ['fullName'],
  title: ['currentTitle', 'pastTitles'],
  company: ['currentCompany', 'pastCompanies'],
  school: ['schools'],
  skill: ['skills'],
  location: ['location'],
  email: ['emails'],
  resume: ['resumeText'],
};

/** The facet and insight fields. JOB/REJECTION_REASON have stage-qualified twins. */
export const FACET_PROPERTY: Partial<Record<FacetField, OramaProperty>> = {
  STAGE: 'stageKeys',
  JOB: 'jobIds',
  REJECTION_REASON: 'reasonKeys',
  SOURCE: 'sourceKey',
  RECRUITER: 'recruiterId',
  LAST_UPDATED: 'lastUpdated',
  LOCATION: 'locationKey',
  COMPANY: 'companyKey',
  TITLE: 'titleKey',
  SKILL: 'skillKeys',
  SCHOOL: 'schoolKeys',
};

export const INSIGHT_PROPERTY: Partial<Record<InsightDimension, OramaProperty>> = {
  LOCATION: 'locationKey',
  CURRENT_COMPANY: 'companyKey',
  CURRENT_TITLE: 'titleKey',
  PAST_COMPANY: 'pastCompanyKeys',
  PAST_TITLE: 'pastTitleKeys',
  SKILL: 'skillKeys',
  YEARS_OF_EXPERIENCE: 'yearsOfExperience',
  YEARS_IN_ROLE: 'yearsInRole',
  SCHOOL: 'schoolKeys',
  DEGREE: 'degreeKeys',
  MAJOR: 'majorKeys',
  INDUSTRY: 'industryKey',
  COMPANY_SIZE: 'companySizeKey',
  CERTIFICATION: 'certificationKeys',
  LANGUAGE: 'languageKeys',
};

export const KEY_SEPARATOR = '\u001f';

/** Only lastUpdated is sorted on: Orama keeps a sort index per sortable field otherwise. */
export function createOramaDb(): OramaDb {
  const unsortable = (Object.keys(ORAMA_SCHEMA) as OramaProperty[]).filter(
    (p) => p !== 'lastUpdated',
  );
  return create({ schema: ORAMA_SCHEMA, sort: { unsortableProperties: unsortable } });
}

/** An Orama document: scalar fields are left out when the candidate has no value. */
export interface OramaCandidate {
  id: string;
  [property: string]: string | number | string[];
}

export function toOramaCandidate(d: CandidateDocument): OramaCandidate {
  const stages = d.applications.map((a) => (a.stage ? normalizeKey(a.stage) : ''));
  const doc: OramaCandidate = {
    id: d.id,
    fullName: d.fullName,
    pastTitles: d.pastTitles,
    pastCompanies: d.pastCompanies,
    skills: d.skills,
    schools: d.schools,
    emails: d.emails,
    other: [
      ...d.degrees,
      ...d.majors,
      ...d.certifications,
      ...d.languages,
      ...(d.industry ? [d.industry] : []),
      ...d.tags,
    ],
    resumeText: d.resumeText,
    stageKeys: keysOf(stages),
    jobIds: [...new Set(d.applications.flatMap((a) => (a.jobId ? [a.jobId] : [])))],
    reasonKeys: keysOf(
      d.applications.flatMap((a) => (a.rejectionReason ? [a.rejectionReason] : [])),
    ),
    stageJobs: d.applications.flatMap((a, i) =>
      a.jobId ? [`${stages[i]}${KEY_SEPARATOR}${a.jobId}`] : [],
    ),
    stageReasons: d.applications.flatMap((a, i) =>
      a.rejectionReason ? [`${stages[i]}${KEY_SEPARATOR}${normalizeKey(a.rejectionReason)}`] : [],
    ),
    lastUpdated: Date.parse(d.lastUpdated),
    skillKeys: keysOf(d.skills),
    schoolKeys: keysOf(d.schools),
    pastCompanyKeys: keysOf(d.pastCompanies),
    pastTitleKeys: keysOf(d.pastTitles),
    degreeKeys: keysOf(d.degrees),
    majorKeys: keysOf(d.majors),
    certificationKeys: keysOf(d.certifications),
    languageKeys: keysOf(d.languages),
    emailKeys: keysOf(d.emails),
    nameKey: normalizeKey(d.fullName),
  };
  const scalar = (property: OramaProperty, value: string | number | null): void => {
    if (value !== null && value !== '') doc[property] = value;
  };
  scalar('headline', d.headline);
  scalar('currentTitle', d.currentTitle);
  scalar('currentCompany', d.currentCompany);
  scalar('location', d.location);
  scalar('sourceKey', d.source && normalizeKey(d.source));
  scalar('recruiterId', d.recruiterId);
  scalar('locationKey', d.location && normalizeKey(d.location));
  scalar('companyKey', d.currentCompany && normalizeKey(d.currentCompany));
  scalar('titleKey', d.currentTitle && normalizeKey(d.currentTitle));
  scalar('industryKey', d.industry && normalizeKey(d.industry));
  scalar('companySizeKey', d.companySize && normalizeKey(d.companySize));
  scalar('yearsOfExperience', d.yearsOfExperience);
  scalar('yearsInRole', d.yearsInRole);
  scalar('linkedinUrl', d.linkedinUrl);
  return doc;
}
