import { describe, expect, it } from 'vitest';
import type { ExportPerson } from '../destination';
import {
  buildGreenhouseCandidate,
  firstOfMonth,
  GREENHOUSE_DEFAULT_TARGETS,
  GREENHOUSE_EXPORT_FIELDS,
  GREENHOUSE_TEST_TAG,
  greenhouseFieldsOf,
  splitName,
  toGreenhouseUpdate,
  type GhPayloadInput,
} from './greenhouse.export-mapper';

const person = (extra: Partial<ExportPerson> = {}): ExportPerson => ({
  candidateId: 'c-1',
  name: 'Ana Silva',
  firstName: 'Ana',
  lastName: 'Silva',
  emails: ['ana@example.org', 'ana.silva@work.example'],
  phones: ['+49 30 1234567'],
  source: 'Referral',
  location: { text: null, city: 'Berlin', region: null, country: 'Germany' },
  linkedinUrl: 'https://www.linkedin.com/in/ana-silva',
  githubUrl: 'https://github.com/anasilva',
  socialLinks: [
    { network: 'twitter', url: 'https://twitter.com/anasilva' },
    { network: 'website', url: 'https://ana.dev' },
  ],
  currentTitle: 'Staff Engineer',
  currentCompany: 'Acme',
  experience: [
    {
      title: 'Staff Engineer',
      company: 'Acme',
      startDate: '2021-03',
      endDate: null,
      current: true,
    },
    {
      title: 'Engineer',
      company: 'Initech',
      startDate: '2017',
      endDate: '2021-02',
      current: false,
    },
  ],
  education: [{ school: 'TU Berlin', degree: 'MSc', major: 'CS', startDate: null, endDate: null }],
  ...extra,
});

const input = (extra: Partial<GhPayloadInput> = {}): GhPayloadInput => ({
  person: person(),
  targets: GREENHOUSE_DEFAULT_TARGETS,
  omit: new Set(),
  sourceId: 42,
  ...extra,
});

describe('Greenhouse export mapper', () => {
  it('targets only fields Greenhouse takes, and education nowhere', () => {
    for (const targets of Object.values(GREENHOUSE_DEFAULT_TARGETS))
      for (const target of targets) expect(GREENHOUSE_EXPORT_FIELDS).toContain(target);
    expect(GREENHOUSE_DEFAULT_TARGETS['education']).toBeUndefined();
  });

  it('builds the create body with typed lists and first-of-month employment dates', () => {
    const payload = buildGreenhouseCandidate(input());
    expect(payload.body).toEqual({
      first_name: 'Ana',
      last_name: 'Silva',
      title: 'Staff Engineer',
      company: 'Acme',
      email_addresses: [
        { value: 'ana@example.org', type: 'personal' },
        { value: 'ana.silva@work.example', type: 'personal' },
      ],
      phone_numbers: [{ value: '+49 30 1234567', type: 'mobile' }],
      addresses: [{ value: 'Berlin, Germany', type: 'home' }],
      // The website has its own target, so the generic social list leaves it out.
      social_media_addresses: [
        { value: 'https://www.linkedin.com/in/ana-silva' },
        { value: 'https://twitter.com/anasilva' },
      ],
      website_addresses: [
        { value: 'https://ana.dev', type: 'personal' },
        { value: 'https://github.com/anasilva', type: 'portfolio' },
      ],
      employments: [
        { company_name: 'Acme', title: 'Staff Engineer', start_date: '2021-03-01' },
        {
          company_name: 'Initech',
          title: 'Engineer',
          start_date: '2017-01-01',
          end_date: '2021-02-01',
        },
      ],
    });
    expect(payload.sourceId).toBe(42);
    expect(payload.sentFields).toContain('source_id');
    expect(payload.sentFields).not.toContain('tags');
  });

  it('leaves out omitted fields, the source included', () => {
    const omit = new Set(['title', 'email_addresses', 'source_id']);
    const payload = buildGreenhouseCandidate(input({ omit }));
    expect(payload.body.title).toBeUndefined();
    expect(payload.body.email_addresses).toBeUndefined();
    expect(payload.sourceId).toBeNull();
    for (const field of omit) expect(payload.sentFields).not.toContain(field);
  });

  it('sends no source Greenhouse does not know, and tags verification candidates', () => {
    const payload = buildGreenhouseCandidate(input({ sourceId: null, test: true }));
    expect(payload.sentFields).not.toContain('source_id');
    expect(payload.body.tags).toEqual([GREENHOUSE_TEST_TAG]);
  });

  it('mapped to employments, the current position opens the history when none is current', () => {
    const targets = { ...GREENHOUSE_DEFAULT_TARGETS, currentTitle: ['employments'] };
    const payload = buildGreenhouseCandidate(
      input({ targets, person: person({ experience: [] }) }),
    );
    expect(payload.body.employments).toEqual([{ title: 'Staff Engineer' }]);
    expect(payload.body.title).toBeUndefined();
  });

  it('updates changed texts and sends grown lists whole, Greenhouse entries first', () => {
    const existing = greenhouseFieldsOf({
      id: 7,
      first_name: 'ana',
      last_name: 'Silva',
      title: 'Engineer',
      company: null,
      email_addresses: [{ value: 'ANA@example.org', type: 'work' }],
      phone_numbers: [{ value: '+49 30 1234567', type: 'home' }],
      social_media_addresses: [],
    });
    const update = toGreenhouseUpdate(
      buildGreenhouseCandidate(input({ omit: new Set(['company']) })),
      existing,
    );
    expect(update.body).toMatchObject({
      title: 'Staff Engineer',
      email_addresses: [
        { value: 'ANA@example.org', type: 'work' },
        { value: 'ana.silva@work.example', type: 'personal' },
      ],
    });
    expect(update.body).not.toHaveProperty('first_name'); // same name, other case
    expect(update.body).not.toHaveProperty('phone_numbers'); // nothing new
    expect(update.body).not.toHaveProperty('company');
    expect(update.body).not.toHaveProperty('employments');
    expect(update.sentFields.sort()).toEqual(
      [
        'title',
        'email_addresses',
        'addresses',
        'social_media_addresses',
        'website_addresses',
      ].sort(),
    );
  });

  it('splits names and dates the first of the month', () => {
    expect(splitName({ name: 'Ana', firstName: null, lastName: null })).toEqual({
      first: 'Ana',
      last: '-',
    });
    expect(splitName({ name: 'x', firstName: 'Jean Luc', lastName: 'Picard' })).toEqual({
      first: 'Jean Luc',
      last: 'Picard',
    });
    expect(firstOfMonth('2019-11')).toBe('2019-11-01');
    expect(firstOfMonth('2019-11-23')).toBe('2019-11-01');
    expect(firstOfMonth(null)).toBeUndefined();
  });
});
