import { randomUUID } from 'node:crypto';
import type { CandidateDocument } from '../../src/search/candidate-document';

/** A search document with every field empty but the name, plus `overrides`. */
export function blankDocument(
  organizationId: string,
  connectionId: string,
  fullName: string,
  overrides: Partial<CandidateDocument> = {},
): CandidateDocument {
  return {
    id: randomUUID(),
    organizationId,
    connectionId,
    kind: 'APPLICANT',
    fullName,
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
    lastUpdated: '2025-12-01T00:00:00.000Z',
    ...overrides,
  };
}
