import { describe, expect, it } from 'vitest';
import { EXPORT_FIELDS, type ExportPerson, type FieldTargets } from '../destination';
import {
  canMatch,
  identityOf,
  SOURCEWHALE_DEFAULT_TARGETS,
  SOURCEWHALE_FIELDS,
  SOURCEWHALE_TEST_MARKER,
  toSourceWhaleModify,
  toSourceWhalePayload,
  withTestMarker,
} from './sourcewhale.export-mapper';

const person = (extra: Partial<ExportPerson> = {}): ExportPerson => ({
  candidateId: 'c-1',
  name: 'Zoë Ørsted',
  firstName: 'Zoë',
  lastName: 'Ørsted',
  emails: ['zoe@example.org', 'zoe.work@example.com'],
  phones: ['+45 12 34 56 78'],
  source: 'LinkedIn Recruiter',
  location: { text: 'Copenhagen, Denmark', city: 'Copenhagen', region: null, country: 'Denmark' },
  linkedinUrl: 'https://www.linkedin.com/in/zoe-orsted',
  githubUrl: 'https://github.com/zoeo',
  socialLinks: [
    { network: 'twitter', url: 'https://x.com/zoeo' },
    { network: 'website', url: 'https://zoe.dev' },
  ],
  currentTitle: 'Staff Engineer',
  currentCompany: 'Figma',
  experience: [
    {
      title: 'Staff Engineer',
      company: 'Figma',
      startDate: '2021-03',
      endDate: null,
      current: true,
    },
    {
      title: 'Engineer',
      company: 'Spotify',
      startDate: '2017-09-15',
      endDate: '2021-02',
      current: false,
    },
  ],
  education: [
    { school: 'DTU', degree: 'MSc', major: 'Computer Science', startDate: '2012', endDate: null },
  ],
  ...extra,
});

const none = new Set<string>();

describe('SourceWhale export mapper', () => {
  it('offers the fields of the published spec, and defaults only to those', () => {
    expect(SOURCEWHALE_FIELDS).toContain('customVariable');
    expect(SOURCEWHALE_FIELDS).toContain('customVariable4');
    expect(SOURCEWHALE_FIELDS).not.toContain('customVariable1');
    expect(SOURCEWHALE_FIELDS).not.toContain('gender');
    expect(Object.keys(SOURCEWHALE_DEFAULT_TARGETS).sort()).toEqual([...EXPORT_FIELDS].sort());
    const targets = Object.values(SOURCEWHALE_DEFAULT_TARGETS).flat();
    expect(targets.filter((t) => !(SOURCEWHALE_FIELDS as readonly string[]).includes(t))).toEqual(
      [],
    );
  });

  it('maps every export field with the default targets', () => {
    const { payload, sentFields } = toSourceWhalePayload(
      person(),
      SOURCEWHALE_DEFAULT_TARGETS,
      none,
    );
    expect(payload).toEqual({
      name: 'Zoë Ørsted',
      emails: ['zoe@example.org', 'zoe.work@example.com'],
      phones: ['+45 12 34 56 78'],
      source: 'LinkedIn Recruiter',
      location: 'Copenhagen, Denmark',
      socialLinks: [
        'https://www.linkedin.com/in/zoe-orsted',
        'https://github.com/zoeo',
        'https://x.com/zoeo',
        'https://zoe.dev',
      ],
      role: 'Staff Engineer',
      company: 'Figma',
      experience: [
        { role: 'Staff Engineer', company: 'Figma', startedAt: '2021-03' },
        { role: 'Engineer', company: 'Spotify', startedAt: '2017-09', endedAt: '2021-02' },
      ],
      education: [{ school: 'DTU', degree: 'MSc', field: 'Computer Science', startedAt: '2012' }],
    });
    expect(sentFields).toEqual(Object.keys(payload));
  });

  it('leaves omitted fields and empty values out', () => {
    const { payload, sentFields } = toSourceWhalePayload(
      person({ phones: [], source: null, currentTitle: '  ', location: null }),
      SOURCEWHALE_DEFAULT_TARGETS,
      new Set(['company', 'socialLinks']),
    );
    expect(sentFields).toEqual(['name', 'emails', 'experience', 'education']);
    expect(payload).not.toHaveProperty('company');
    expect(payload).not.toHaveProperty('socialLinks');
  });

  it('accumulates several export fields into one list field, without duplicates', () => {
    const targets: FieldTargets = {
      emails: ['emails'],
      linkedinUrl: ['links'],
      socialLinks: ['links'],
      githubUrl: ['links', 'repo'],
    };
    const { payload } = toSourceWhalePayload(
      person({
        socialLinks: [
          { network: 'linkedin', url: 'https://de.linkedin.com/in/Zoe-Orsted/' },
          { network: 'website', url: 'http://zoe.dev/' },
          { network: 'blog', url: 'https://zoe.dev' },
        ],
      }),
      targets,
      none,
    );
    expect(payload).toEqual({
      emails: ['zoe@example.org', 'zoe.work@example.com'],
      links: [
        'https://www.linkedin.com/in/zoe-orsted',
        'http://zoe.dev/',
        'https://github.com/zoeo',
      ],
      repo: 'https://github.com/zoeo',
    });
  });

  it('sends one network to its own field and keeps it out of the general links', () => {
    const { payload } = toSourceWhalePayload(
      person(),
      {
        socialLinks: ['socialLinks'],
        'socialLinks.twitter': ['customVariable2'],
        'socialLinks.Website': ['links'],
      },
      none,
    );
    // LinkedIn and GitHub are not among the other links: nothing is left for socialLinks.
    expect(payload).toEqual({ customVariable2: 'https://x.com/zoeo', links: ['https://zoe.dev'] });
  });

  it('writes a text field once and renders lists into it', () => {
    const { payload } = toSourceWhalePayload(
      person(),
      {
        currentTitle: ['headline'],
        currentCompany: ['headline', 'previousCompany'],
        emails: ['customVariable'],
        experience: ['summary', 'experience'],
        education: ['customVariable3', 'experience'],
      },
      none,
    );
    expect(payload['headline']).toBe('Staff Engineer');
    expect(payload['previousCompany']).toBe('Figma');
    expect(payload['customVariable']).toBe('zoe@example.org, zoe.work@example.com');
    expect(payload['summary']).toBe(
      'Staff Engineer at Figma (2021-03 – present)\nEngineer at Spotify (2017-09 – 2021-02)',
    );
    expect(payload['customVariable3']).toBe('MSc, Computer Science, DTU (2012 – ?)');
    // Education entries never land in the experience list.
    expect(payload['experience']).toHaveLength(2);
  });

  it('splits the name and the location for their own fields', () => {
    const { payload } = toSourceWhalePayload(
      person({ firstName: null, lastName: null, name: 'Ana María de la Cruz' }),
      { name: ['firstName', 'lastName'], location: ['city', 'state', 'country'] },
      none,
    );
    expect(payload).toEqual({
      firstName: 'Ana',
      lastName: 'María de la Cruz',
      city: 'Copenhagen',
      country: 'Denmark',
    });
    const composed = toSourceWhalePayload(
      person({ location: { text: null, city: 'Oslo', region: 'Oslo', country: 'Norway' } }),
      { location: ['location'] },
      none,
    );
    expect(composed.payload).toEqual({ location: 'Oslo, Oslo, Norway' });
  });

  it('marks test candidates, respecting protected fields', () => {
    const mapped = toSourceWhalePayload(person(), { name: ['name'], source: ['comments'] }, none);
    const marked = withTestMarker(mapped, none);
    expect(marked.payload).toEqual({
      name: 'Zoë Ørsted',
      comments: `${SOURCEWHALE_TEST_MARKER.comments}\nLinkedIn Recruiter`,
      keywords: [SOURCEWHALE_TEST_MARKER.keyword],
    });
    expect(marked.sentFields).toEqual(['name', 'comments', 'keywords']);
    expect(withTestMarker(mapped, new Set(['comments'])).payload['comments']).toBe(
      'LinkedIn Recruiter',
    );
  });

  it('prepares a modify: no experience or education, existing e-mails and links kept', () => {
    const mapped = toSourceWhalePayload(person(), SOURCEWHALE_DEFAULT_TARGETS, new Set(['role']));
    const update = toSourceWhaleModify(mapped, {
      name: 'Zoe Orsted',
      emails: ['ZOE@example.org', 'old@example.net'],
      socialLinks: ['linkedin.com/in/zoe-orsted'],
    });
    expect(update.sentFields).not.toContain('experience');
    expect(update.sentFields).not.toContain('education');
    expect(update.sentFields).not.toContain('role');
    expect(update.payload['emails']).toEqual([
      'ZOE@example.org',
      'old@example.net',
      'zoe.work@example.com',
    ]);
    // The LinkedIn profile SourceWhale holds, spelt differently, is not added a second time.
    expect(update.payload['socialLinks']).toEqual([
      'linkedin.com/in/zoe-orsted',
      'https://github.com/zoeo',
      'https://x.com/zoeo',
      'https://zoe.dev',
    ]);
    // A field we do not send is not written, even if the record has values for it.
    const partial = toSourceWhaleModify(toSourceWhalePayload(person(), { name: ['name'] }, none), {
      emails: ['x@example.org'],
    });
    expect(partial.payload).toEqual({ name: 'Zoë Ørsted' });
  });

  it("identifies an existing record by its own values, else by the person's", () => {
    expect(
      identityOf({ name: 'Zoe O', emails: ['zoe@example.org'], role: 'CTO' }, person()),
    ).toEqual({ name: 'Zoe O', emails: ['zoe@example.org'] });
    const fallback = identityOf({}, person({ emails: [], socialLinks: [] }));
    expect(fallback).toEqual({
      name: 'Zoë Ørsted',
      socialLinks: ['https://www.linkedin.com/in/zoe-orsted', 'https://github.com/zoeo'],
    });
    expect(canMatch(fallback)).toBe(true);
    expect(
      canMatch(
        identityOf({}, person({ emails: [], socialLinks: [], linkedinUrl: null, githubUrl: null })),
      ),
    ).toBe(false);
  });
});
