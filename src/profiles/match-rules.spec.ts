import { describe, expect, it } from 'vitest';
import { decideMatch, organizationKey, type Identity, type ProfileIdentity } from './match-rules';

const person = (over: Partial<Identity> = {}): Identity => ({
  linkedinUrl: null,
  githubUrl: null,
  emails: [],
  nameKey: 'ana garcia',
  employers: [],
  schools: [],
  ...over,
});
const profile = (id: string, over: Partial<Identity> = {}): ProfileIdentity => ({
  id,
  ...person(over),
});
const stripe = { name: 'Stripe, Inc.', start: '2019-03', end: '2022-01' };
const tum = { name: 'Technische Universität München', start: '2012-10', end: '2016-09' };

describe('match rules', () => {
  it('matches by LinkedIn URL first, even against a stronger-looking e-mail match', () => {
    const candidate = person({ linkedinUrl: 'linkedin.com/in/ana', emails: ['ana@x.io'] });
    const decision = decideMatch(candidate, [
      profile('by-email', { emails: ['ana@x.io'] }),
      profile('by-linkedin', { linkedinUrl: 'linkedin.com/in/ana' }),
    ]);
    expect(decision).toEqual({ profileId: 'by-linkedin', rule: 'LINKEDIN_URL', confidence: 0.99 });
  });

  it('matches nothing when two profiles share the LinkedIn URL', () => {
    const candidate = person({ linkedinUrl: 'linkedin.com/in/ana', emails: ['ana@x.io'] });
    expect(
      decideMatch(candidate, [
        profile('a', { linkedinUrl: 'linkedin.com/in/ana' }),
        profile('b', { linkedinUrl: 'linkedin.com/in/ana', emails: ['ana@x.io'] }),
      ]),
    ).toBeNull();
  });

  it('falls to GitHub, then e-mail, skipping profiles whose LinkedIn contradicts', () => {
    const candidate = person({
      linkedinUrl: 'linkedin.com/in/ana',
      githubUrl: 'github.com/ana',
      emails: ['ana@x.io'],
    });
    expect(
      decideMatch(candidate, [
        profile('other-person', {
          linkedinUrl: 'linkedin.com/in/someone-else',
          githubUrl: 'github.com/ana',
        }),
        profile('same', { githubUrl: 'github.com/ana' }),
      ]),
    ).toMatchObject({ profileId: 'same', rule: 'GITHUB_URL' });
    expect(
      decideMatch(candidate, [
        profile('contradicted', { linkedinUrl: 'linkedin.com/in/x', emails: ['ana@x.io'] }),
      ]),
    ).toBeNull();
    expect(decideMatch(candidate, [profile('mail', { emails: ['ana@x.io'] })])).toMatchObject({
      rule: 'EMAIL',
    });
  });

  it('matches nothing when two profiles share the e-mail equally', () => {
    const candidate = person({ emails: ['ana@x.io'] });
    expect(
      decideMatch(candidate, [
        profile('a', { emails: ['ana@x.io'] }),
        profile('b', { emails: ['ANA@x.io'.toLowerCase()] }),
      ]),
    ).toBeNull();
  });

  it('matches by name with an employer and a school in common, or two employers', () => {
    const candidate = person({ nameKey: 'ana garcia', employers: [stripe], schools: [tum] });
    expect(
      decideMatch(candidate, [
        profile('p', {
          employers: [{ name: 'Stripe', start: '2019-01', end: null }],
          schools: [{ name: 'TECHNISCHE UNIVERSITAT MUNCHEN', start: null, end: null }],
        }),
      ]),
    ).toMatchObject({ profileId: 'p', rule: 'NAME_EMPLOYMENT_EDUCATION' });
    const twoEmployers = person({
      employers: [stripe, { name: 'Shopify', start: '2016-01', end: '2019-02' }],
    });
    expect(
      decideMatch(twoEmployers, [
        profile('q', {
          employers: [
            { name: 'Shopify Inc', start: '2016-02', end: '2019-01' },
            { name: 'stripe', start: null, end: null },
          ],
        }),
      ]),
    ).toMatchObject({ profileId: 'q' });
  });

  it('refuses a namesake: same name, one employer but another school, or incompatible dates', () => {
    const candidate = person({ employers: [stripe], schools: [tum] });
    expect(
      decideMatch(candidate, [
        profile('n', { employers: [stripe], schools: [{ name: 'MIT', start: null, end: null }] }),
      ]),
    ).toBeNull();
    expect(
      decideMatch(candidate, [
        profile('late', {
          employers: [{ name: 'Stripe', start: '2025-01', end: null }],
          schools: [tum],
        }),
      ]),
    ).toBeNull();
    expect(
      decideMatch(candidate, [
        profile('other-name', { nameKey: 'ana garcia lopez', employers: [stripe], schools: [tum] }),
      ]),
    ).toBeNull();
  });

  it('never name-matches a profile whose GitHub contradicts the candidate', () => {
    const candidate = person({ githubUrl: 'github.com/ana', employers: [stripe], schools: [tum] });
    expect(
      decideMatch(candidate, [
        profile('x', { githubUrl: 'github.com/other', employers: [stripe], schools: [tum] }),
      ]),
    ).toBeNull();
  });

  it('folds legal suffixes, punctuation, accents and case out of organization names', () => {
    expect(organizationKey('Stripe, Inc.')).toBe('stripe');
    expect(organizationKey('ACME GmbH')).toBe('acme');
    expect(organizationKey('Université de Montréal')).toBe('universite de montreal');
  });

  it('reads dotted legal forms ("S.A.", "B.V.") as the legal forms they are', () => {
    // Found by the matching benchmark: "Summit Labs, S.A." folded to "summit labs s a".
    expect(organizationKey('Summit Labs, S.A.')).toBe('summit labs');
    expect(organizationKey('Zephyr Agritech Group B.V.')).toBe('zephyr agritech group');
    expect(organizationKey('N.V. Philips')).toBe('philips');
    expect(organizationKey('J.P. Morgan')).toBe(organizationKey('JP Morgan'));
    expect(organizationKey('Booking.com')).toBe('booking com');
  });

  it('matches neither of two profiles of one person that write an employer with and without "S.A."', () => {
    const candidate = person({
      employers: [
        { name: 'Summit Labs', start: '2015-01', end: '2018-12' },
        { name: 'Zephyr Agritech', start: '2019-01', end: null },
      ],
    });
    const dotted = profile('dotted', {
      employers: [
        { name: 'Summit Labs, S.A.', start: '2015-01', end: '2018-12' },
        { name: 'Zephyr Agritech B.V.', start: '2019-01', end: '2023-06' },
      ],
    });
    expect(decideMatch(candidate, [dotted])).toMatchObject({ profileId: 'dotted' });
    const plain = profile('plain', { employers: candidate.employers });
    expect(decideMatch(candidate, [dotted, plain])).toBeNull();
  });
});
