import type { estypes } from '@elastic/elasticsearch';
import { describe, expect, it } from 'vitest';
import type { CandidateDocument } from '../candidate-document';
import { toEsDocument } from './es-document';
import { TEXT_SECTIONS } from './es-fields';
import { CANDIDATE_MAPPINGS, indexNames, LABEL_MAPPINGS, MAPPING_VERSION } from './es-mapping';

const document: CandidateDocument = {
  id: '00000000-0000-4000-8000-00000000000a',
  organizationId: '00000000-0000-4000-8000-000000000001',
  connectionId: '00000000-0000-4000-8000-0000000000c1',
  kind: 'PROSPECT',
  fullName: 'Ada Lovelace',
  headline: 'Analyst',
  emails: ['ada@x.io'],
  phones: [],
  linkedinUrl: null,
  githubUrl: null,
  socialUrls: [],
  location: 'London',
  currentCompany: 'Engines Ltd',
  currentTitle: 'Programmer',
  pastCompanies: ['Babbage & Co'],
  pastTitles: ['Assistant'],
  skills: ['Math'],
  schools: ['Home'],
  degrees: ['None'],
  majors: ['Math'],
  yearsOfExperience: 10,
  yearsInRole: 2,
  industry: 'Computing',
  companySize: '1-10',
  certifications: ['X'],
  languages: ['English'],
  resumeText: 'Notes on the analytical engine',
  applications: [
    {
      applicationId: 'a1',
      jobId: 'j1',
      jobTitle: 'Programmer',
      stage: 'Hired',
      status: 'HIRED',
      rejectionReason: 'None',
      updatedAt: '2024-01-01T00:00:00.000Z',
    },
  ],
  source: 'Referral',
  recruiterId: 'r1',
  recruiterName: 'Charles',
  tags: ['First'],
  customFields: { level: ['Senior'] },
  lastUpdated: '2024-01-02T00:00:00.000Z',
};

/** Field paths of a mapping, objects and nested documents included. */
function mappedPaths(properties: Record<string, estypes.MappingProperty>, prefix = ''): string[] {
  return Object.entries(properties).flatMap(([name, property]) => {
    const path = `${prefix}${name}`;
    const children = 'properties' in property ? property.properties : undefined;
    return children ? [path, ...mappedPaths(children, `${path}.`)] : [path];
  });
}

/** Fields whose subfields are keys of one flattened field, not mapped one by one. */
const FLATTENED = new Set(
  Object.entries(CANDIDATE_MAPPINGS.properties ?? {})
    .filter(([, property]) => property.type === 'flattened')
    .map(([name]) => name),
);

/** Field paths a source sends (arrays of objects count as their objects' paths). */
function sentPaths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return [...new Set(value.flatMap((v) => sentPaths(v, prefix)))];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([name, child]) => {
    const path = `${prefix}${name}`;
    if (FLATTENED.has(path)) return [path];
    const isObject =
      (typeof child === 'object' && child !== null && !Array.isArray(child)) ||
      (Array.isArray(child) && child.some((c) => typeof c === 'object' && c !== null));
    return isObject ? [path, ...sentPaths(child, `${path}.`)] : [path];
  });
}

describe('candidate mapping', () => {
  it('names the versioned index behind the alias', () => {
    const names = indexNames('rediscover');
    expect(names).toMatchObject({
      alias: 'rediscover-candidates',
      index: `rediscover-candidates-v${MAPPING_VERSION}`,
      labels: 'rediscover-labels',
    });
    expect(names.versioned.exec('rediscover-candidates-v12')?.[1]).toBe('12');
    expect(names.versioned.test('other-candidates-v1')).toBe(false);
  });

  it('maps every field the document transform sends (the mapping is strict)', () => {
    const mapped = new Set(mappedPaths(CANDIDATE_MAPPINGS.properties ?? {}));
    const { source } = toEsDocument(document);
    const sent = sentPaths({ ...source, document: {} }).filter((p) => !p.startsWith('document.'));
    expect(sent.filter((path) => !mapped.has(path))).toEqual([]);
    expect(CANDIDATE_MAPPINGS.dynamic).toBe('strict');
  });

  it('analyses every text section with the whitespace-only analyzer and a position gap', () => {
    const text = CANDIDATE_MAPPINGS.properties?.['text'];
    const sections = text && 'properties' in text ? (text.properties ?? {}) : {};
    expect(Object.keys(sections)).toEqual(TEXT_SECTIONS.map((s) => s.name));
    for (const property of Object.values(sections)) {
      expect(property).toEqual({
        type: 'text',
        analyzer: 'whitespace',
        norms: false,
        position_increment_gap: 100,
      });
    }
  });

  it('maps every label field', () => {
    const label = toEsDocument(document).labels[0];
    expect(Object.keys(label ?? {}).sort()).toEqual(
      Object.keys(LABEL_MAPPINGS.properties ?? {}).sort(),
    );
  });
});
