import { describe, expect, it } from 'vitest';
import type { CandidateDocument } from '../candidate-document';
import { toRows } from '../postgres/document-rows';
import { customFieldKey, filterKey, VALUE_COLUMNS } from '../postgres/pg-columns';
import { buildTsvector } from '../postgres/tsvector-builder';
import { labelId, toEsDocument } from './es-document';
import { VALUE_FILTER_KEYS } from './es-fields';

const ORG = '00000000-0000-4000-8000-000000000001';
const CONNECTION = '00000000-0000-4000-8000-0000000000c1';

function candidate(overrides: Partial<CandidateDocument> = {}): CandidateDocument {
  return {
    id: '00000000-0000-4000-8000-00000000000a',
    organizationId: ORG,
    connectionId: CONNECTION,
    kind: 'APPLICANT',
    fullName: '  Zoë  Müller ',
    headline: 'Builds C++ & Node.js back-ends',
    emails: ['zoe@x.io', 'Zoe.Muller@Example.COM'],
    phones: ['+4930123456'],
    linkedinUrl: 'linkedin.com/in/zoe',
    githubUrl: 'github.com/zoe',
    socialUrls: [],
    location: 'Berlin, Germany',
    currentCompany: 'ACME GmbH',
    currentTitle: 'Senior Engineer',
    pastCompanies: ['Initech', 'initech '],
    pastTitles: ['Engineer'],
    skills: ['C++', 'Node.js', 'node.JS'],
    schools: ['TU München'],
    degrees: ['MSc'],
    majors: ['Computer Science'],
    yearsOfExperience: 7.5,
    yearsInRole: null,
    industry: 'Software',
    companySize: '51-200',
    certifications: [],
    languages: ['German'],
    resumeText: 'Zoë wrote   compilers.',
    applications: [
      {
        applicationId: 'app-1',
        jobId: 'job-b',
        jobTitle: 'Backend Engineer',
        stage: ' Onsite ',
        status: 'ACTIVE',
        rejectionReason: null,
        updatedAt: '2024-05-01T10:00:00.000Z',
      },
      {
        applicationId: 'app-2',
        jobId: 'job-a',
        jobTitle: null,
        stage: 'Screen',
        status: 'REJECTED',
        rejectionReason: 'Too Junior',
        updatedAt: '2024-04-01T10:00:00.000Z',
      },
      {
        applicationId: 'app-3',
        jobId: null,
        jobTitle: null,
        stage: 'onsite',
        status: 'ACTIVE',
        rejectionReason: '   ',
        updatedAt: '2024-03-01T10:00:00.000Z',
      },
    ],
    source: 'Referral',
    recruiterId: 'rec-1',
    recruiterName: 'Ana Recruiter',
    tags: ['Top'],
    customFields: { visa: ['Needed', 'needed '], empty: ['  '] },
    lastUpdated: '2024-05-02T08:00:00.000Z',
    ...overrides,
  };
}

describe('toEsDocument', () => {
  it('builds the source: keyword values normalized, nested applications, pre-tokenized text', () => {
    const document = candidate();
    expect(toEsDocument(document).source).toEqual({
      organizationId: ORG,
      candidateId: '00000000-0000-4000-8000-00000000000a',
      kind: 'APPLICANT',
      nameKey: 'zoe muller',
      lastUpdated: '2024-05-02T08:00:00.000Z',
      yearsOfExperience: 7.5,
      yearsInRole: null,
      emails: ['zoe@x.io', 'zoe.muller@example.com'],
      linkedinUrl: 'linkedin.com/in/zoe',
      githubUrl: 'github.com/zoe',
      customFields: ['visa\u001fneeded'],
      customFieldValues: { visa: ['needed'] },
      values: {
        stages: ['onsite', 'screen'],
        statuses: ['ACTIVE', 'REJECTED'],
        jobIds: ['job-b', 'job-a'],
        rejectionReasons: ['too junior'],
        sources: ['referral'],
        recruiterIds: ['rec-1'],
        connectionIds: [CONNECTION],
        locations: ['berlin, germany'],
        companies: ['acme gmbh'],
        pastCompanies: ['initech'],
        titles: ['senior engineer'],
        pastTitles: ['engineer'],
        skills: ['c++', 'node.js'],
        schools: ['tu munchen'],
        degrees: ['msc'],
        majors: ['computer science'],
        industries: ['software'],
        companySizes: ['51-200'],
        certifications: [],
        languages: ['german'],
        tags: ['top'],
      },
      applications: [
        {
          applicationId: 'app-1',
          jobId: 'job-b',
          stage: 'onsite',
          status: 'ACTIVE',
          rejectionReason: null,
        },
        {
          applicationId: 'app-2',
          jobId: 'job-a',
          stage: 'screen',
          status: 'REJECTED',
          rejectionReason: 'too junior',
        },
        {
          applicationId: 'app-3',
          jobId: null,
          stage: 'onsite',
          status: 'ACTIVE',
          rejectionReason: null,
        },
      ],
      text: {
        name: ['zoe muller'],
        currentTitle: ['senior engineer'],
        currentCompany: ['acme gmbh'],
        skills: ['c++', 'node.js', 'node.js'],
        headline: ['builds c++ node.js back-ends'],
        pastTitles: ['engineer'],
        pastCompanies: ['initech', 'initech'],
        schools: ['tu munchen'],
        location: ['berlin germany'],
        emails: ['zoe@x.io', 'zoe.muller@example.com'],
        other: ['msc', 'computer science', 'german', 'software', 'top'],
        resume: ['zoe wrote compilers'],
      },
      document,
    });
  });

  it('leaves out empty values and sections', () => {
    const { source } = toEsDocument(
      candidate({
        headline: null,
        location: '  ',
        currentTitle: null,
        resumeText: '',
        skills: [],
        recruiterId: null,
        recruiterName: null,
        applications: [],
        customFields: {},
      }),
    );
    expect(source.text).not.toHaveProperty('headline');
    expect(source.text).not.toHaveProperty('location');
    expect(source.text).not.toHaveProperty('currentTitle');
    expect(source.text).not.toHaveProperty('resume');
    expect(source.text).not.toHaveProperty('skills');
    expect(source.values.locations).toEqual([]);
    expect(source.values.recruiterIds).toEqual([]);
    expect(source.values.stages).toEqual([]);
    expect(source.applications).toEqual([]);
    expect(source.customFields).toEqual([]);
  });

  it('indexes at most 8000 resume words, like the postgres tsvector', () => {
    const resume = Array.from({ length: 8_005 }, (_, i) => `w${i}`).join(' ');
    const { source } = toEsDocument(candidate({ resumeText: resume }));
    const indexed = source.text['resume']?.[0]?.split(' ') ?? [];
    expect(indexed).toHaveLength(8_000);
    expect(indexed.at(-1)).toBe('w7999');
  });

  it('labels each value with its first spelling (job titles, recruiter names)', () => {
    const labels = toEsDocument(candidate()).labels;
    expect(labels).toEqual([
      { organizationId: ORG, facet: 'recruiterIds', value: 'rec-1', label: 'Ana Recruiter' },
      { organizationId: ORG, facet: 'sources', value: 'referral', label: 'Referral' },
      {
        organizationId: ORG,
        facet: 'locations',
        value: 'berlin, germany',
        label: 'Berlin, Germany',
      },
      { organizationId: ORG, facet: 'companies', value: 'acme gmbh', label: 'ACME GmbH' },
      { organizationId: ORG, facet: 'pastCompanies', value: 'initech', label: 'Initech' },
      { organizationId: ORG, facet: 'titles', value: 'senior engineer', label: 'Senior Engineer' },
      { organizationId: ORG, facet: 'pastTitles', value: 'engineer', label: 'Engineer' },
      { organizationId: ORG, facet: 'skills', value: 'c++', label: 'C++' },
      { organizationId: ORG, facet: 'skills', value: 'node.js', label: 'Node.js' },
      { organizationId: ORG, facet: 'schools', value: 'tu munchen', label: 'TU München' },
      { organizationId: ORG, facet: 'degrees', value: 'msc', label: 'MSc' },
      {
        organizationId: ORG,
        facet: 'majors',
        value: 'computer science',
        label: 'Computer Science',
      },
      { organizationId: ORG, facet: 'industries', value: 'software', label: 'Software' },
      { organizationId: ORG, facet: 'companySizes', value: '51-200', label: '51-200' },
      { organizationId: ORG, facet: 'languages', value: 'german', label: 'German' },
      { organizationId: ORG, facet: 'tags', value: 'top', label: 'Top' },
      { organizationId: ORG, facet: 'stages', value: 'onsite', label: 'Onsite' },
      { organizationId: ORG, facet: 'jobIds', value: 'job-b', label: 'Backend Engineer' },
      { organizationId: ORG, facet: 'stages', value: 'screen', label: 'Screen' },
      { organizationId: ORG, facet: 'rejectionReasons', value: 'too junior', label: 'Too Junior' },
      { organizationId: ORG, facet: 'jobIds', value: 'job-a', label: 'job-a' },
      // Custom field values under their field's group: the first spelling of `visa`.
      { organizationId: ORG, facet: 'cf\u001fvisa', value: 'needed', label: 'Needed' },
    ]);
  });

  it("labels a custom field with its ATS name, and keeps each field's values by key", () => {
    const { source, labels } = toEsDocument(
      candidate({
        customFields: { visa: ['Needed'], level: ['Senior', 'Lead'] },
        customFieldNames: { visa: 'Visa', level: 'Level' },
      }),
    );
    expect(source.customFieldValues).toEqual({ visa: ['needed'], level: ['senior', 'lead'] });
    expect(labels.filter((l) => l.facet === 'cfname')).toEqual([
      { organizationId: ORG, facet: 'cfname', value: 'visa', label: 'Visa' },
      { organizationId: ORG, facet: 'cfname', value: 'level', label: 'Level' },
    ]);
  });

  it('falls back to the recruiter id when the name is unknown', () => {
    const labels = toEsDocument(candidate({ recruiterName: null })).labels;
    expect(labels[0]).toEqual({
      organizationId: ORG,
      facet: 'recruiterIds',
      value: 'rec-1',
      label: 'rec-1',
    });
  });
});

describe('agreement with the postgres engine', () => {
  const documents = [
    candidate(),
    candidate({ applications: [], skills: ['R&D', 'c#', 'Front-End'], customFields: {} }),
  ];

  it('stores the same filter values (postgres filter_keys)', () => {
    for (const document of documents) {
      const { source } = toEsDocument(document);
      const ours = [
        ...VALUE_FILTER_KEYS.flatMap((key) =>
          source.values[key].map((value) => filterKey(VALUE_COLUMNS[key].prefix, value)),
        ),
        ...source.customFields.map((entry) => {
          const [key = '', value = ''] = entry.split('\u001f');
          return customFieldKey(key, value);
        }),
      ];
      expect(ours.sort()).toEqual([...toRows(document).candidate.filter_keys].sort());
    }
  });

  it('indexes the same words (the plain lexemes of the postgres tsvector)', () => {
    for (const document of documents) {
      const words = new Set(
        Object.values(toEsDocument(document).source.text).flatMap((values) =>
          values.flatMap((v) => v.split(' ')),
        ),
      );
      const lexemes = new Set(
        [...buildTsvector(document).matchAll(/'((?:[^']|'')*)':/g)]
          .map((m) => (m[1] ?? '').replace(/''/g, "'").replace(/\\\\/g, '\\'))
          .filter((lexeme) => !lexeme.includes('~')),
      );
      expect([...words].sort()).toEqual([...lexemes].sort());
    }
  });
});

describe('labelId', () => {
  it('is stable, per organization and facet, and fits an Elasticsearch id', () => {
    const id = labelId(ORG, 'skills', 'c++');
    expect(id).toBe(labelId(ORG, 'skills', 'c++'));
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    expect(labelId(ORG, 'tags', 'c++')).not.toBe(id);
    expect(labelId('00000000-0000-4000-8000-000000000002', 'skills', 'c++')).not.toBe(id);
    expect(labelId(ORG, 'skills', 'x'.repeat(5_000))).toHaveLength(64);
  });
});
