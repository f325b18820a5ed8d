import { describe, expect, it } from 'vitest';
import type { LookupRule, ProfileLookup } from '../../../src/search/search-types';
import type { HandleA } from '../../fixtures/search-dataset';
import type { ContractContext } from './harness';

/**
 * Connect lookup in organization A (SEMANTICS.md "Lookup"): each candidate once with its
 * strongest rule, ordered by confidence then id. Organization B holds a copy of jose (same
 * LinkedIn URL and e-mail) that must never appear here.
 */
type Expected = [HandleA, LookupRule, number][];

interface LookupCase {
  name: string;
  profile: ProfileLookup;
  expected: Expected;
}

const JOSE_BY_LINKEDIN: Expected = [['jose', 'LINKEDIN_URL', 1]];

const LOOKUP_CASES: LookupCase[] = [
  {
    name: 'LinkedIn URL with scheme, www, capitals and a trailing slash',
    profile: { linkedinUrl: 'https://www.linkedin.com/in/Jose-Alvarez/' },
    expected: JOSE_BY_LINKEDIN,
  },
  {
    name: 'LinkedIn URL on a locale subdomain with a query string',
    profile: { linkedinUrl: 'de.linkedin.com/in/jose-alvarez?trk=public_profile' },
    expected: JOSE_BY_LINKEDIN,
  },
  {
    name: 'legacy /pub/ LinkedIn URL',
    profile: { linkedinUrl: 'http://linkedin.com/pub/jose-alvarez/12/345/678' },
    expected: JOSE_BY_LINKEDIN,
  },
  // The same person in both of A's connections.
  {
    name: 'LinkedIn URL shared by two candidates, by id',
    profile: { linkedinUrl: 'https://linkedin.com/in/priya-sharma-data#experience' },
    expected: [
      ['priya', 'LINKEDIN_URL', 1],
      ['priya2', 'LINKEDIN_URL', 1],
    ],
  },
  {
    name: 'GitHub URL',
    profile: { githubUrl: 'https://github.com/IvanPetrov?tab=repositories' },
    expected: [['ivan', 'GITHUB_URL', 0.95]],
  },
  {
    name: 'e-mail in another case',
    profile: { email: 'Zoe.Mueller@Zalando.DE' },
    expected: [['zoe', 'EMAIL', 0.9]],
  },
  {
    name: "a candidate's second e-mail",
    profile: { email: 'GKim@Columbia.edu' },
    expected: [['grace', 'EMAIL', 0.9]],
  },
  // Only jose is a Staff Engineer at Stripe (alex's "stripe" is an Engineering Manager).
  {
    name: 'name + company + title, accents and case aside',
    profile: { name: 'jose alvarez', company: 'STRIPE', title: 'staff engineer' },
    expected: [['jose', 'NAME_COMPANY_TITLE', 0.85]],
  },
  // julia also works at Zalando, but only the company agrees.
  {
    name: 'name + company',
    profile: { name: 'Zoe Muller', company: 'zalando', title: 'Principal Engineer' },
    expected: [['zoe', 'NAME_COMPANY_TITLE', 0.7]],
  },
  {
    name: 'name + title',
    profile: { name: 'FRANÇOIS DUBOIS', company: 'Google', title: 'ml engineer' },
    expected: [['francois', 'NAME_COMPANY_TITLE', 0.5]],
  },
  // priya's current title is "Senior Data Engineer": whole values, not words.
  {
    name: 'name + title picks the duplicate whose title is equal',
    profile: { name: 'Priya Sharma', title: 'Data Engineer' },
    expected: [['priya2', 'NAME_COMPANY_TITLE', 0.5]],
  },
  // priya also works at Datadog, as a Senior Data Engineer.
  {
    name: 'company + title',
    profile: { name: 'Someone Else', company: 'Datadog', title: 'Staff Engineer' },
    expected: [['noah', 'NAME_COMPANY_TITLE', 0.3]],
  },
  {
    name: 'every rule at once gives one match with the strongest rule',
    profile: {
      linkedinUrl: 'linkedin.com/in/jose-alvarez',
      githubUrl: 'github.com/jalvarez',
      email: 'jose.alvarez@gmail.com',
      name: 'José Álvarez',
      company: 'Stripe',
      title: 'Staff Engineer',
    },
    expected: JOSE_BY_LINKEDIN,
  },
  {
    name: 'several rules, ordered by confidence then id',
    profile: {
      linkedinUrl: 'linkedin.com/in/jose-alvarez',
      email: 'PRIYA.SHARMA@gmail.com',
      name: 'Noah Williams',
      company: 'datadog',
      title: 'staff engineer',
    },
    expected: [
      ['jose', 'LINKEDIN_URL', 1],
      ['priya', 'EMAIL', 0.9],
      ['priya2', 'EMAIL', 0.9],
      ['noah', 'NAME_COMPANY_TITLE', 0.85],
    ],
  },
  { name: 'a name alone is not enough', profile: { name: 'José Álvarez' }, expected: [] },
  {
    name: 'no match',
    profile: {
      linkedinUrl: 'https://www.linkedin.com/in/nobody-here',
      githubUrl: 'https://github.com/nobody-here',
      email: 'nobody@example.com',
      name: 'Nobody Here',
      company: 'Nowhere',
    },
    expected: [],
  },
  // normalizeLinkedinUrl gives null for a company page: nothing to compare.
  {
    name: 'a LinkedIn company page is not a profile',
    profile: { linkedinUrl: 'https://www.linkedin.com/company/stripe' },
    expected: [],
  },
];

export function lookupCases(ctx: ContractContext): void {
  describe('lookup', () => {
    it.each(LOOKUP_CASES)('$name', async ({ profile, expected }) => {
      const [answer, ...rest] = await ctx.lookup([profile]);
      expect(rest).toEqual([]);
      expect(ctx.matches(answer!)).toEqual(expected);
    });

    it('answers several profiles in one call, in request order', async () => {
      const answers = await ctx.lookup([
        { linkedinUrl: 'https://www.linkedin.com/in/jose-alvarez' },
        { email: 'nobody@example.com' },
        { email: 'zoe.mueller@zalando.de' },
        { company: 'Datadog', title: 'Staff Engineer' },
        { githubUrl: 'github.com/liamobrien' },
      ]);
      expect(answers.map((answer) => ctx.matches(answer))).toEqual([
        [['jose', 'LINKEDIN_URL', 1]],
        [],
        [['zoe', 'EMAIL', 0.9]],
        [['noah', 'NAME_COMPANY_TITLE', 0.3]],
        [['liam', 'GITHUB_URL', 0.95]],
      ]);
    });

    it('answers an empty batch with an empty list', async () => {
      expect(await ctx.lookup([])).toEqual([]);
    });
  });
}
