import { describe, expect, it } from 'vitest';
import type { ExportPerson, FieldTargets } from '../destination';
import {
  ASHBY_DEFAULT_TARGETS,
  ASHBY_EXPORT_FIELDS,
  ashbyRecordFields,
  toAshbyCreate,
  toAshbyUpdate,
} from './ashby.export-mapper';
import { ashbyCandidateSchema } from './ashby.schemas';

const person = (extra: Partial<ExportPerson> = {}): ExportPerson => ({
  candidateId: 'c-1',
  name: 'Ana Silva',
  firstName: 'Ana',
  lastName: 'Silva',
  emails: ['ana@example.org', 'ana.silva@work.example', 'ANA@example.org'],
  phones: ['+49 30 1234567', '+49 170 7654321'],
  source: 'Referral',
  location: { text: 'Berlin, Germany', city: 'Berlin', region: null, country: 'Germany' },
  linkedinUrl: 'https://www.linkedin.com/in/ana-silva',
  githubUrl: 'https://github.com/anasilva',
  socialLinks: [
    { network: 'twitter', url: 'https://twitter.com/anasilva' },
    { network: 'website', url: 'https://ana.dev' },
    { network: 'facebook', url: 'https://facebook.com/ana' },
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
  ],
  education: [
    { school: 'TU Berlin', degree: 'MSc', major: 'CS', startDate: null, endDate: '2015-09' },
  ],
  ...extra,
});

const none = new Set<string>();

describe('Ashby export mapper', () => {
  it('maps every default target to a field Ashby takes, and the unwritable fields to nothing', () => {
    for (const targets of Object.values(ASHBY_DEFAULT_TARGETS)) {
      for (const target of targets) expect(ASHBY_EXPORT_FIELDS).toContain(target);
    }
    for (const field of ['currentTitle', 'currentCompany', 'experience', 'education', 'source']) {
      expect(ASHBY_DEFAULT_TARGETS[field]).toEqual([]);
    }
  });

  it('builds a create body with create spellings; links create cannot take follow as an update', () => {
    const write = toAshbyCreate(person(), ASHBY_DEFAULT_TARGETS, none);
    expect(write.body).toEqual({
      name: 'Ana Silva',
      email: 'ana@example.org',
      // The primary's case-variant duplicate is dropped.
      alternateEmailAddresses: ['ana.silva@work.example'],
      phoneNumber: '+49 30 1234567',
      linkedInUrl: 'https://www.linkedin.com/in/ana-silva',
      githubUrl: 'https://github.com/anasilva',
      // The website link fits create's own field.
      website: 'https://ana.dev',
      location: { city: 'Berlin', country: 'Germany' },
    });
    // Twitter has no create field: the whole list (facebook has no Ashby type) goes in an update.
    expect(write.followUp).toEqual({
      socialLinks: [
        { type: 'Twitter', url: 'https://twitter.com/anasilva' },
        { type: 'LinkedIn', url: 'https://www.linkedin.com/in/ana-silva' },
        { type: 'GitHub', url: 'https://github.com/anasilva' },
        { type: 'Website', url: 'https://ana.dev' },
      ],
    });
    expect(write.sentFields).toEqual([
      'alternateEmailAddresses',
      'email',
      'githubUrl',
      'linkedInUrl',
      'location',
      'name',
      'phoneNumber',
      'socialLinks',
      'website',
    ]);
  });

  it('needs no follow-up when every link has a create field', () => {
    const write = toAshbyCreate(person({ socialLinks: [] }), ASHBY_DEFAULT_TARGETS, none);
    expect(write.followUp).toBeNull();
    expect(write.sentFields).not.toContain('socialLinks');
  });

  it('leaves out blank values and locations known only as text', () => {
    const write = toAshbyCreate(
      person({
        name: '  ',
        firstName: null,
        lastName: null,
        emails: [],
        phones: [' '],
        linkedinUrl: null,
        githubUrl: null,
        socialLinks: [],
        location: { text: 'Somewhere nice', city: null, region: null, country: null },
      }),
      ASHBY_DEFAULT_TARGETS,
      none,
    );
    expect(write.body).toEqual({});
    expect(write.sentFields).toEqual([]);
  });

  it('builds the name from first and last name when the full name is blank', () => {
    const write = toAshbyCreate(person({ name: '' }), { name: ['name'] }, none);
    expect(write.body).toEqual({ name: 'Ana Silva' });
  });

  it('uses update spellings, skips omitted fields, and adds the first alternate Ashby lacks', () => {
    const write = toAshbyUpdate(
      person({ socialLinks: [{ network: 'website', url: 'https://ana.dev' }] }),
      ASHBY_DEFAULT_TARGETS,
      new Set(['name', 'phoneNumber', 'location']),
      {
        current: {
          email: 'ana@example.org',
          alternateEmailAddresses: ['ANA.SILVA@work.example'],
          socialLinks: [],
        },
      },
    );
    expect(write.body).not.toHaveProperty('name');
    expect(write.body).not.toHaveProperty('phoneNumber');
    expect(write.body).not.toHaveProperty('location');
    expect(write.body).not.toHaveProperty('website');
    // The only alternate is already held (case aside): none is added.
    expect(write.body).not.toHaveProperty('alternateEmail');
    expect(write.body).toMatchObject({
      email: 'ana@example.org',
      linkedInUrl: 'https://www.linkedin.com/in/ana-silva',
      githubUrl: 'https://github.com/anasilva',
    });
    expect(write.sentFields).toEqual(['email', 'githubUrl', 'linkedInUrl', 'socialLinks']);

    const more = toAshbyUpdate(
      person({ emails: ['a@x.org', 'b@x.org', 'c@x.org'] }),
      { emails: ['email', 'alternateEmailAddresses'] },
      none,
      { current: { email: 'a@x.org', alternateEmailAddresses: ['b@x.org'] } },
    );
    expect(more.body).toEqual({ email: 'a@x.org', alternateEmail: 'c@x.org' });
  });

  it('sends website as websiteUrl on update', () => {
    const write = toAshbyUpdate(person(), { 'socialLinks.website': ['website'] }, none);
    expect(write.body).toEqual({ websiteUrl: 'https://ana.dev' });
    expect(write.sentFields).toEqual(['website']);
  });

  it('merges socialLinks with the current list, which Ashby replaces whole', () => {
    const write = toAshbyUpdate(
      person({ linkedinUrl: null }),
      { githubUrl: ['githubUrl'], socialLinks: ['socialLinks'] },
      new Set(['linkedInUrl']),
      {
        current: {
          socialLinks: [
            { type: 'LinkedIn', url: 'https://linkedin.com/in/kept' },
            { type: 'Twitter', url: 'https://twitter.com/old' },
            { type: 'Medium', url: 'https://medium.com/@ana' },
          ],
        },
      },
    );
    expect(write.body['socialLinks']).toEqual([
      { type: 'LinkedIn', url: 'https://linkedin.com/in/kept' },
      { type: 'Medium', url: 'https://medium.com/@ana' },
      { type: 'Twitter', url: 'https://twitter.com/anasilva' },
      { type: 'Website', url: 'https://ana.dev' },
      { type: 'GitHub', url: 'https://github.com/anasilva' },
    ]);
  });

  it('keeps a link whose own field is protected as Ashby has it', () => {
    const write = toAshbyUpdate(
      person({ socialLinks: [] }),
      { linkedinUrl: ['socialLinks'] },
      new Set(['linkedInUrl']),
      { current: { socialLinks: [{ type: 'LinkedIn', url: 'https://linkedin.com/in/kept' }] } },
    );
    expect(write.body).toEqual({});
    expect(write.sentFields).toEqual([]);
  });

  it('sends a network to the field its own key names, and the rest to the general target', () => {
    const targets: FieldTargets = {
      socialLinks: ['socialLinks'],
      'socialLinks.twitter': ['website'],
    };
    const write = toAshbyCreate(person(), targets, none);
    expect(write.body).toEqual({ website: 'https://twitter.com/anasilva' });
    // Ashby's website slot holds what the mapping put there; ana.dev does not displace it.
    expect(write.followUp).toEqual({
      socialLinks: [{ type: 'Website', url: 'https://twitter.com/anasilva' }],
    });
  });

  it('spreads a list over several single-value targets in order', () => {
    const write = toAshbyCreate(person(), { phones: ['phoneNumber'], emails: ['email'] }, none);
    expect(write.body).toEqual({ email: 'ana@example.org', phoneNumber: '+49 30 1234567' });
  });

  it('sends sourceId only for a source Ashby knows by title', () => {
    const sourceIds = new Map([['referral', 'src-1']]);
    expect(toAshbyCreate(person(), { source: ['sourceId'] }, none, { sourceIds }).body).toEqual({
      sourceId: 'src-1',
    });
    expect(
      toAshbyCreate(person({ source: 'Job board' }), { source: ['sourceId'] }, none, { sourceIds })
        .body,
    ).toEqual({});
  });

  it('reads an Ashby candidate into the fields protected-field checks compare', () => {
    const candidate = ashbyCandidateSchema.parse({
      id: 'cand-1',
      name: 'Ana Silva',
      primaryEmailAddress: { value: 'ana@example.org', type: 'Personal', isPrimary: true },
      emailAddresses: [
        { value: 'ana@example.org', type: 'Personal', isPrimary: true },
        { value: 'ana@work.example', type: 'Work', isPrimary: false },
      ],
      phoneNumbers: [],
      socialLinks: [{ type: 'GitHub', url: 'https://github.com/anasilva' }],
      location: {
        locationSummary: 'Berlin, Germany',
        locationComponents: [
          { type: 'City', name: 'Berlin' },
          { type: 'Country', name: 'Germany' },
        ],
      },
      source: { id: 'src-1', title: 'Referral' },
    });
    expect(ashbyRecordFields(candidate)).toEqual({
      name: 'Ana Silva',
      email: 'ana@example.org',
      alternateEmailAddresses: ['ana@work.example'],
      phoneNumber: null,
      linkedInUrl: null,
      githubUrl: 'https://github.com/anasilva',
      website: null,
      socialLinks: [{ type: 'GitHub', url: 'https://github.com/anasilva' }],
      location: { city: 'Berlin', country: 'Germany' },
      sourceId: 'src-1',
    });
  });
});
