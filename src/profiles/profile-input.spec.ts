import { describe, expect, it } from 'vitest';
import { isProfileDate, parseProfile, PROFILE_LIMITS } from './profile-input';

const minimal = { externalId: 'p-1', fullName: 'Zoë Müller' };

function rejection(value: unknown): { field: string; message: string } {
  const parsed = parseProfile(value);
  if (parsed.ok) throw new Error(`expected a rejection, got ${JSON.stringify(parsed.row)}`);
  return { field: parsed.field, message: parsed.message };
}

describe('parseProfile', () => {
  it('turns a full ProfileInput into the row values, normalized', () => {
    const parsed = parseProfile({
      externalId: '  dir-42 ',
      fullName: '  José   Álvarez ',
      headline: 'Staff Engineer',
      location: 'Berlin, Germany',
      linkedinUrl: 'https://de.linkedin.com/in/Jose-Alvarez/?trk=x',
      githubUrl: 'http://www.github.com/JoseA/',
      emails: ['Jose.Alvarez@Example.COM', 'jose.alvarez@example.com ', 'jose@work.io'],
      workHistory: [
        {
          company: 'Stripe',
          title: 'Staff Engineer',
          startDate: '2018-03',
          current: true,
          industry: 'Fintech',
          companySize: '1001-5000',
        },
        { company: 'SAP', startDate: '2012-01-15', endDate: '2018-02-28' },
      ],
      education: [{ school: 'ETH Zürich', degree: 'MSc', major: 'CS', endDate: '2012' + '-06' }],
      skills: ['Python', 'python', ' Scala ', ''],
      certifications: ['CKA'],
      languages: ['German', 'English'],
      industry: 'Software',
      companySize: '51-200',
      unknownField: { ignored: true },
    });
    expect(parsed).toEqual({
      ok: true,
      row: {
        externalId: 'dir-42',
        fullName: 'José   Álvarez',
        nameKey: 'jose alvarez',
        headline: 'Staff Engineer',
        linkedinUrl: 'linkedin.com/in/jose-alvarez',
        githubUrl: 'github.com/josea',
        emails: ['jose.alvarez@example.com', 'jose@work.io'],
        socialLinks: [
          { type: 'LINKEDIN', url: 'https://linkedin.com/in/jose-alvarez' },
          { type: 'GITHUB', url: 'https://github.com/josea' },
        ],
        location: { text: 'Berlin, Germany' },
        workHistory: [
          {
            company: 'Stripe',
            title: 'Staff Engineer',
            startDate: '2018-03',
            endDate: null,
            current: true,
            industry: 'Fintech',
            companySize: '1001-5000',
          },
          {
            company: 'SAP',
            title: null,
            startDate: '2012-01-15',
            endDate: '2018-02-28',
            current: false,
            industry: null,
            companySize: null,
          },
        ],
        education: [
          { school: 'ETH Zürich', degree: 'MSc', major: 'CS', startDate: null, endDate: '2012-06' },
        ],
        skills: ['Python', 'Scala'],
        certifications: ['CKA'],
        languages: ['German', 'English'],
        industry: 'Software',
        companySize: '51-200',
      },
    });
  });

  it('fills absent and null fields with nulls and empty lists', () => {
    const parsed = parseProfile({ ...minimal, headline: null, emails: null, location: '  ' });
    expect(parsed.ok && parsed.row).toMatchObject({
      headline: null,
      location: null,
      linkedinUrl: null,
      emails: [],
      socialLinks: [],
      workHistory: [],
      skills: [],
      industry: null,
    });
  });

  it('requires externalId and fullName', () => {
    expect(rejection({ fullName: 'A' })).toEqual({ field: 'externalId', message: 'is required' });
    expect(rejection({ externalId: 'x', fullName: '   ' })).toEqual({
      field: 'fullName',
      message: 'must not be empty',
    });
  });

  it('refuses values that are not an object', () => {
    expect(rejection([minimal]).field).toBe('');
    expect(rejection('profile').message).toBe('expected an object, got a string');
    expect(rejection(null).message).toBe('expected an object, got null');
  });

  it('refuses wrong types, naming the path', () => {
    expect(rejection({ ...minimal, externalId: 42 })).toEqual({
      field: 'externalId',
      message: 'expected a string, got a number',
    });
    expect(rejection({ ...minimal, skills: 'python' })).toEqual({
      field: 'skills',
      message: 'expected an array, got a string',
    });
    expect(rejection({ ...minimal, emails: ['a@b.io', 7] }).field).toBe('emails.1');
    expect(rejection({ ...minimal, workHistory: [{}, { current: 'yes' }] })).toEqual({
      field: 'workHistory.1.current',
      message: 'expected true or false, got a string',
    });
    expect(rejection({ ...minimal, education: [null] }).field).toBe('education.0');
  });

  it('refuses impossible and malformed dates', () => {
    expect(
      rejection({
        ...minimal,
        workHistory: [{ startDate: '2020-01' }, { startDate: '2023-02-29' }],
      }),
    ).toEqual({ field: 'workHistory.1.startDate', message: 'is not a real date: 2023-02-29' });
    expect(rejection({ ...minimal, education: [{ endDate: '2020-13' }] }).field).toBe(
      'education.0.endDate',
    );
    expect(rejection({ ...minimal, education: [{ endDate: 'June 2020' }] })).toEqual({
      field: 'education.0.endDate',
      message: 'is not a date: expected YYYY-MM or YYYY-MM-DD',
    });
    expect(
      rejection({ ...minimal, workHistory: [{ startDate: '2020-06-01T00:00:00Z' }] }).field,
    ).toBe('workHistory.0.startDate');
  });

  it('refuses an end before the start, at the precision both have', () => {
    expect(
      rejection({ ...minimal, workHistory: [{ startDate: '2020-05', endDate: '2019-12-31' }] }),
    ).toEqual({ field: 'workHistory.0.endDate', message: 'is before startDate (2020-05)' });
    expect(
      parseProfile({ ...minimal, workHistory: [{ startDate: '2020-05-20', endDate: '2020-05' }] })
        .ok,
    ).toBe(true);
  });

  it('refuses URLs that are not LinkedIn or GitHub profile URLs', () => {
    expect(rejection({ ...minimal, linkedinUrl: 'not a url' })).toEqual({
      field: 'linkedinUrl',
      message: 'is not a LinkedIn profile URL (expected linkedin.com/in/<name>)',
    });
    expect(rejection({ ...minimal, linkedinUrl: 'https://example.com/in/jose' }).field).toBe(
      'linkedinUrl',
    );
    expect(rejection({ ...minimal, githubUrl: 'https://github.com/settings' }).field).toBe(
      'githubUrl',
    );
    expect(rejection({ ...minimal, emails: ['jose at example'] })).toEqual({
      field: 'emails.0',
      message: 'is not an e-mail address',
    });
  });

  it('refuses U+0000 and lone surrogates anywhere, naming the field', () => {
    expect(rejection({ ...minimal, headline: 'a\u0000b' })).toEqual({
      field: 'headline',
      message: 'contains U+0000 or a lone surrogate (not storable text)',
    });
    expect(rejection({ ...minimal, skills: ['ok', 'bad\ud800'] }).field).toBe('skills.1');
    expect(rejection({ ...minimal, education: [{ school: '\udc00x' }] }).field).toBe(
      'education.0.school',
    );
    // A proper pair (an emoji) is fine.
    expect(parseProfile({ ...minimal, headline: 'Builder \ud83d\ude80' }).ok).toBe(true);
  });

  it('refuses oversized values', () => {
    expect(rejection({ ...minimal, externalId: 'x'.repeat(201) })).toEqual({
      field: 'externalId',
      message: `is longer than ${PROFILE_LIMITS.externalId} characters`,
    });
    expect(
      rejection({ ...minimal, skills: Array.from({ length: 501 }, (_, i) => `s${i}`) }),
    ).toEqual({ field: 'skills', message: 'has more than 500 items' });
  });
});

describe('isProfileDate', () => {
  it('knows leap years and month lengths', () => {
    expect(isProfileDate('2024-02-29')).toBe(true);
    expect(isProfileDate('2023-02-29')).toBe(false);
    expect(isProfileDate('2000-02-29')).toBe(true);
    expect(isProfileDate('1900-02-29')).toBe(false);
    expect(isProfileDate('2021-04-31')).toBe(false);
    expect(isProfileDate('2021-00')).toBe(false);
    expect(isProfileDate('2021-1')).toBe(false);
    expect(isProfileDate('0099-01')).toBe(false);
  });
});
