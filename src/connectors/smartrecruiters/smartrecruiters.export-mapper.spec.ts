import { describe, expect, it } from 'vitest';
import type { ExportPerson } from '../destination';
import {
  buildSmartRecruitersCandidate,
  monthOf,
  SMARTRECRUITERS_DEFAULT_TARGETS,
  SMARTRECRUITERS_EXPORT_FIELDS,
  SMARTRECRUITERS_TEST_TAG,
  smartRecruitersFieldsOf,
  splitName,
  toSmartRecruitersUpdate,
  type SrPayloadInput,
} from './smartrecruiters.export-mapper';

const person = (extra: Partial<ExportPerson> = {}): ExportPerson => ({
  candidateId: 'c-1',
  name: 'Ana Silva',
  firstName: 'Ana',
  lastName: 'Silva',
  emails: ['ana@example.org', 'ana.silva@work.example'],
  phones: ['+49 30 1234567', '+49 170 7654321'],
  source: 'Referral',
  location: { text: 'Berlin, Germany', city: 'Berlin', region: null, country: 'Germany' },
  linkedinUrl: 'https://www.linkedin.com/in/ana-silva',
  githubUrl: 'https://github.com/anasilva',
  socialLinks: [
    { network: 'twitter', url: 'https://twitter.com/anasilva' },
    { network: 'stackoverflow', url: 'https://stackoverflow.com/u/1' },
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
      startDate: '2017-09-15',
      endDate: '2021-02',
      current: false,
    },
  ],
  education: [
    { school: 'TU Berlin', degree: 'MSc', major: 'CS', startDate: '2013-10', endDate: '2015-09' },
  ],
  ...extra,
});

const input = (extra: Partial<SrPayloadInput> = {}): SrPayloadInput => ({
  person: person(),
  targets: SMARTRECRUITERS_DEFAULT_TARGETS,
  omit: new Set(),
  source: { sourceTypeId: 'REFERRAL', sourceId: 'src-1' },
  ...extra,
});

describe('SmartRecruiters export mapper', () => {
  it('targets only fields SmartRecruiters takes', () => {
    for (const targets of Object.values(SMARTRECRUITERS_DEFAULT_TARGETS))
      for (const target of targets) expect(SMARTRECRUITERS_EXPORT_FIELDS).toContain(target);
  });

  it('builds the create body with SR spellings and month-precise history', () => {
    const { body, sentFields } = buildSmartRecruitersCandidate(input());
    expect(body).toEqual({
      firstName: 'Ana',
      lastName: 'Silva',
      email: 'ana@example.org',
      phoneNumber: '+49 30 1234567',
      location: { city: 'Berlin', country: 'Germany' },
      // No personal site: GitHub is the website; stackoverflow has no SR field.
      web: {
        linkedin: 'https://www.linkedin.com/in/ana-silva',
        website: 'https://github.com/anasilva',
        twitter: 'https://twitter.com/anasilva',
      },
      experience: [
        { title: 'Staff Engineer', company: 'Acme', current: true, startDate: '2021-03' },
        {
          title: 'Engineer',
          company: 'Initech',
          current: false,
          startDate: '2017-09',
          endDate: '2021-02',
        },
      ],
      education: [
        {
          institution: 'TU Berlin',
          degree: 'MSc',
          major: 'CS',
          startDate: '2013-10',
          endDate: '2015-09',
        },
      ],
      sourceDetails: { sourceTypeId: 'REFERRAL', sourceId: 'src-1' },
    });
    expect(sentFields.sort()).toEqual(
      [
        'firstName',
        'lastName',
        'email',
        'phoneNumber',
        'location',
        'web.linkedin',
        'web.website',
        'web.twitter',
        'experience',
        'education',
        'sourceDetails',
      ].sort(),
    );
  });

  it('prefers a personal site to GitHub for the website', () => {
    const withSite = person({
      socialLinks: [{ network: 'website', url: 'https://ana.dev' }],
    });
    const { body } = buildSmartRecruitersCandidate(input({ person: withSite }));
    expect(body.web?.website).toBe('https://ana.dev');
  });

  it('adds the current position as a current entry when the history has none', () => {
    const { body } = buildSmartRecruitersCandidate(
      input({ person: person({ experience: [] }), source: null }),
    );
    expect(body.experience).toEqual([{ title: 'Staff Engineer', company: 'Acme', current: true }]);
    expect(body.sourceDetails).toBeUndefined();
  });

  it('leaves out omitted fields and does not claim them as sent', () => {
    const omit = new Set(['email', 'web.linkedin', 'experience', 'sourceDetails']);
    const { body, sentFields } = buildSmartRecruitersCandidate(input({ omit }));
    expect(body.email).toBeUndefined();
    expect(body.web).not.toHaveProperty('linkedin');
    expect(body.experience).toBeUndefined();
    expect(body.sourceDetails).toBeUndefined();
    for (const field of omit) expect(sentFields).not.toContain(field);
  });

  it('follows an admin mapping: phones to nowhere, twitter to the website', () => {
    const targets = {
      ...SMARTRECRUITERS_DEFAULT_TARGETS,
      phones: [],
      githubUrl: [],
      'socialLinks.twitter': ['web.website'],
    };
    const { body, sentFields } = buildSmartRecruitersCandidate(input({ targets }));
    expect(body.phoneNumber).toBeUndefined();
    expect(body.web).toEqual({
      linkedin: 'https://www.linkedin.com/in/ana-silva',
      website: 'https://twitter.com/anasilva',
    });
    expect(sentFields).not.toContain('web.twitter');
  });

  it('tags a verification candidate', () => {
    expect(buildSmartRecruitersCandidate(input({ test: true })).body.tags).toEqual([
      SMARTRECRUITERS_TEST_TAG,
    ]);
  });

  it('updates only changed personal details, keeping links it does not write', () => {
    const existing = smartRecruitersFieldsOf({
      firstName: 'Ana',
      lastName: 'Silva',
      email: 'ANA@example.org',
      phoneNumber: null,
      location: { city: 'Berlin', country: 'Germany' },
      web: { linkedin: null, website: 'https://old.example', facebook: 'https://fb.com/ana' },
      experience: [{ title: 'Old' }],
    });
    const candidate = buildSmartRecruitersCandidate(input({ omit: new Set(['web.website']) }));
    const update = toSmartRecruitersUpdate(candidate, existing);
    expect(update.body).toEqual({
      phoneNumber: '+49 30 1234567',
      web: {
        linkedin: 'https://www.linkedin.com/in/ana-silva',
        website: 'https://old.example',
        twitter: 'https://twitter.com/anasilva',
        facebook: 'https://fb.com/ana',
      },
    });
    expect(update.sentFields.sort()).toEqual(['phoneNumber', 'web.linkedin', 'web.twitter']);
  });

  it('sends no update when SR already holds every value', () => {
    const candidate = buildSmartRecruitersCandidate(input());
    const existing = smartRecruitersFieldsOf({
      ...candidate.body,
      web: candidate.body.web,
    });
    expect(toSmartRecruitersUpdate(candidate, existing)).toEqual({ body: {}, sentFields: [] });
  });

  it('reads candidate details as vendor fields', () => {
    expect(
      smartRecruitersFieldsOf({ firstName: 'A', web: { linkedin: 'https://l.in/a' } }),
    ).toMatchObject({
      firstName: 'A',
      lastName: null,
      'web.linkedin': 'https://l.in/a',
      'web.website': null,
      experience: [],
    });
  });

  it('splits names and keeps dates to the month', () => {
    expect(splitName({ name: 'Maria de la Cruz', firstName: null, lastName: null })).toEqual({
      first: 'Maria de la',
      last: 'Cruz',
    });
    expect(splitName({ name: 'Cher', firstName: null, lastName: null })).toEqual({
      first: 'Cher',
      last: '-',
    });
    expect(monthOf('2020-07-31')).toBe('2020-07');
    expect(monthOf('2020')).toBe('2020');
    expect(monthOf('July 2020')).toBeUndefined();
    expect(monthOf(null)).toBeUndefined();
  });
});
