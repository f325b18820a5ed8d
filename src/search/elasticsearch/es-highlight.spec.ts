import { describe, expect, it } from 'vitest';
import type { CandidateDocument } from '../candidate-document';
import { highlightDocument } from '../highlight';
import { parseQuery } from '../query/parse-query';
import { highlightHit, highlightSource } from './es-highlight';

const document: CandidateDocument = {
  id: '00000000-0000-4000-8000-00000000000a',
  organizationId: '00000000-0000-4000-8000-000000000001',
  connectionId: '00000000-0000-4000-8000-0000000000c1',
  kind: 'APPLICANT',
  fullName: 'José Álvarez',
  headline: 'Data engineer who likes Kafka',
  emails: ['jose@stripe.example'],
  phones: ['+49301234567'],
  linkedinUrl: 'linkedin.com/in/jose',
  githubUrl: null,
  socialUrls: [],
  location: 'Berlin, Germany',
  currentCompany: 'Stripe',
  currentTitle: 'Staff Engineer',
  pastCompanies: ['Kafka Labs'],
  pastTitles: ['Data Engineer'],
  skills: ['Python', 'Kafka'],
  schools: ['ETH Zürich'],
  degrees: ['MSc'],
  majors: ['Computer Science'],
  yearsOfExperience: 12,
  yearsInRole: 3,
  industry: 'Payments',
  companySize: '1000+',
  certifications: [],
  languages: ['German'],
  resumeText: `${'filler '.repeat(200)}Staff Engineer at Stripe, Kafka and Python. ${'more '.repeat(200)}`,
  applications: [],
  source: 'Referral',
  recruiterId: null,
  recruiterName: null,
  tags: ['kafka'],
  customFields: {},
  lastUpdated: '2025-01-01T00:00:00.000Z',
};

/** The part of the document a hit's `_source` carries for these paths. */
function fetched(paths: string[]): Partial<CandidateDocument> {
  const partial: Record<string, unknown> = {};
  for (const path of paths) {
    const field = path.slice('document.'.length) as keyof CandidateDocument;
    partial[field] = document[field];
  }
  return partial;
}

const parsed = (text: string) => parseQuery(text);

describe('highlight source', () => {
  it('fetches nothing when there is no word to mark', () => {
    expect(highlightSource(null)).toEqual([]);
    expect(highlightSource(parsed('NOT kafka'))).toEqual([]);
    expect(highlightSource(parsed('"??" OR "!!"'))).toEqual([]);
  });

  it('fetches only the fields of the scopes the words are in', () => {
    expect(highlightSource(parsed('skill:kafka'))).toEqual(['document.skills']);
    expect(highlightSource(parsed('title:staff AND company:stripe')).sort()).toEqual(
      [
        'document.currentCompany',
        'document.currentTitle',
        'document.pastCompanies',
        'document.pastTitles',
      ].sort(),
    );
    expect(highlightSource(parsed('kafka'))).toContain('document.resumeText');
    expect(highlightSource(parsed('kafka'))).not.toContain('document.applications');
    expect(highlightSource(parsed('kafka'))).not.toContain('document.customFields');
  });

  // If highlight.ts starts reading another field, this fails until HIGHLIGHTED_FIELDS has it.
  it.each([
    'kafka',
    'python OR "staff engineer"',
    'skill:kafka NOT python',
    'title:engineer company:stripe',
    'name:jose school:eth location:berlin',
    'email:jose@stripe.example',
    'resume:stripe',
    'data* AND kafka',
    'resume:"staff engineer"',
  ])('gives the same highlights from the fetched fields as from the whole document: %s', (q) => {
    const query = parsed(q);
    const full = highlightDocument(document, query);
    expect(full.length).toBeGreaterThan(0);
    expect(highlightHit(fetched(highlightSource(query)), query)).toEqual(full);
  });
});
