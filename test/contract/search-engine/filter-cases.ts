import { describe, it } from 'vitest';
import type { QueryNode } from '../../../src/search/query/ast';
import type { SearchFilter } from '../../../src/search/search-types';
import { daysAgo, type HandleA, type SearchDataset } from '../../fixtures/search-dataset';
import type { ContractContext } from './harness';
import { term } from './query-ast';

/**
 * Filters over organization A (SEMANTICS.md "Filters"), alone and combined. Expected sets were
 * counted by hand from search-dataset-org-a.ts.
 */
interface FilterCase {
  name: string;
  filter: (d: SearchDataset) => SearchFilter;
  query?: QueryNode;
  expected: readonly HandleA[];
}

const ONSITE: HandleA[] = [
  'jose',
  'francois',
  'priya',
  'lucas',
  'aisha',
  'ivan',
  'liam',
  'noah',
  'laura',
];

const APPLICATION_FILTERS: FilterCase[] = [
  { name: 'stages: Onsite', filter: () => ({ stages: ['Onsite'] }), expected: ONSITE },
  {
    name: 'stages compare by normalizeKey: " ONSITE "',
    filter: () => ({ stages: [' ONSITE '] }),
    expected: ONSITE,
  },
  {
    name: 'stages: onsite or Offer',
    filter: () => ({ stages: ['onsite', 'Offer'] }),
    expected: [...ONSITE, 'zoe', 'wei', 'amara', 'sam', 'nina', 'raj', 'julia'],
  },
  {
    name: 'jobIds: data',
    filter: (d) => ({ jobIds: [d.job('data')] }),
    expected: ['zoe', 'priya', 'lucas', 'ivan', 'liam', 'mei', 'elena', 'nina', 'kwame'],
  },
  // priya is at Onsite for platform and at Phone Screen for data; ivan is at Onsite for
  // platform and at Application Review for data: neither has an Onsite application for data.
  {
    name: 'same application: jobIds data + stages Onsite',
    filter: (d) => ({ jobIds: [d.job('data')], stages: ['Onsite'] }),
    expected: ['lucas', 'liam'],
  },
  {
    name: 'same application: jobIds data + stages Phone Screen',
    filter: (d) => ({ jobIds: [d.job('data')], stages: ['Phone Screen'] }),
    expected: ['priya', 'elena', 'kwame'],
  },
  {
    name: 'same application: jobIds platform + rejectionReasons withdrew',
    filter: (d) => ({ jobIds: [d.job('platform')], rejectionReasons: ['withdrew'] }),
    expected: ['ivan', 'fatima', 'raj'],
  },
  // ivan withdrew from platform, not from data.
  {
    name: 'same application: jobIds data + rejectionReasons Withdrew',
    filter: (d) => ({ jobIds: [d.job('data')], rejectionReasons: ['Withdrew'] }),
    expected: ['kwame'],
  },
  {
    name: 'same application: stages Onsite + rejectionReasons Withdrew',
    filter: () => ({ stages: ['Onsite'], rejectionReasons: ['Withdrew'] }),
    expected: ['ivan'],
  },
  {
    name: 'rejectionReasons: Not a fit',
    filter: () => ({ rejectionReasons: ['Not a fit'] }),
    expected: ['jose2', 'olivia', 'mei', 'pedro'],
  },
];

const CANDIDATE_FILTERS: FilterCase[] = [
  {
    name: 'sources: referral',
    filter: () => ({ sources: ['referral'] }),
    expected: ['jose', 'soren', 'priya', 'aisha', 'liam', 'david', 'elena', 'alex', 'raj', 'julia'],
  },
  {
    name: 'sources: Agency or Job Board',
    filter: () => ({ sources: ['Agency', 'Job Board'] }),
    expected: [
      'hans',
      'amara',
      'ivan',
      'kenji',
      'sofia',
      'mei',
      'marco',
      'yuki',
      'priya2',
      'nina',
      'pedro',
      'hannah',
    ],
  },
  {
    name: 'recruiterIds: chloe',
    filter: (d) => ({ recruiterIds: [d.recruiter('chloe')] }),
    expected: [
      'francois',
      'soren',
      'amara',
      'aisha',
      'kenji',
      'sofia',
      'david',
      'marco',
      'alex',
      'raj',
      'julia',
    ],
  },
  {
    name: 'connectionIds: A2',
    filter: (d) => ({ connectionIds: [d.connection('A2')] }),
    expected: [
      'sam',
      'priya2',
      'alex',
      'nina',
      'raj',
      'laura',
      'omar',
      'julia',
      'pedro',
      'hannah',
      'kwame',
      'lena',
    ],
  },
  {
    name: 'kinds: PROSPECT (no applications)',
    filter: () => ({ kinds: ['PROSPECT'] }),
    expected: [
      'hans',
      'grace',
      'emma',
      'sofia',
      'ana',
      'marco',
      'yuki',
      'priya2',
      'omar',
      'hannah',
      'lena',
    ],
  },
  {
    name: 'kinds: APPLICANT + connectionIds: A2',
    filter: (d) => ({ kinds: ['APPLICANT'], connectionIds: [d.connection('A2')] }),
    expected: ['sam', 'alex', 'nina', 'raj', 'laura', 'julia', 'pedro', 'kwame'],
  },
  {
    name: 'locations: berlin, germany',
    filter: () => ({ locations: ['berlin, germany'] }),
    expected: ['zoe', 'ivan', 'julia'],
  },
  // Current company only: alex's "stripe" matches, noah's past Stripe does not.
  {
    name: 'companies: STRIPE',
    filter: () => ({ companies: ['STRIPE'] }),
    expected: ['jose', 'alex'],
  },
  {
    name: 'pastCompanies: Stripe',
    filter: () => ({ pastCompanies: ['Stripe'] }),
    expected: ['noah'],
  },
  // Whole values, not words: "Software Engineering Intern" is not "Intern".
  { name: 'titles: Intern', filter: () => ({ titles: ['Intern'] }), expected: ['tom'] },
  { name: 'pastTitles: intern', filter: () => ({ pastTitles: ['intern'] }), expected: ['lucas'] },
  {
    name: 'titles: Staff Engineer or Engineering Manager',
    filter: () => ({ titles: ['Staff Engineer', 'Engineering Manager'] }),
    expected: ['jose', 'soren', 'aisha', 'kenji', 'sofia', 'noah', 'sam', 'alex', 'julia'],
  },
  {
    name: 'skills: Go or Rust',
    filter: () => ({ skills: ['Go', 'Rust'] }),
    expected: ['jose', 'jose2', 'soren', 'ivan', 'emma', 'kenji', 'noah', 'sam'],
  },
  // python is spelled Python, PYTHON (elena) and python (kwame).
  {
    name: 'skills: pyTHON',
    filter: () => ({ skills: ['pyTHON'] }),
    expected: [
      'jose',
      'zoe',
      'francois',
      'grace',
      'priya',
      'lucas',
      'olivia',
      'mei',
      'david',
      'tom',
      'elena',
      'priya2',
      'alex',
      'raj',
      'laura',
      'kwame',
    ],
  },
  {
    name: 'skills: Spark + locations: Berlin, Germany',
    filter: () => ({ skills: ['Spark'], locations: ['Berlin, Germany'] }),
    expected: ['zoe'],
  },
  {
    name: 'schools: TECHNISCHE UNIVERSITAT MUNCHEN (accents folded)',
    filter: () => ({ schools: ['TECHNISCHE UNIVERSITAT MUNCHEN'] }),
    expected: ['zoe', 'tom'],
  },
  {
    name: 'degrees: msc',
    filter: () => ({ degrees: ['msc'] }),
    expected: ['jose', 'francois', 'lucas', 'nina', 'julia'],
  },
  {
    name: 'majors: Computer Science',
    filter: () => ({ majors: ['Computer Science'] }),
    expected: ['jose', 'grace', 'priya', 'noah', 'alex', 'nina', 'julia'],
  },
  {
    name: 'industries: e-commerce',
    filter: () => ({ industries: ['e-commerce'] }),
    expected: ['jose2', 'zoe', 'kenji', 'sofia', 'mei', 'ana', 'priya2', 'nina', 'julia'],
  },
  {
    name: 'companySizes: 10001+',
    filter: () => ({ companySizes: ['10001+'] }),
    expected: [
      'hans',
      'grace',
      'wei',
      'amara',
      'sofia',
      'mei',
      'tom',
      'priya2',
      'raj',
      'laura',
      'omar',
      'pedro',
    ],
  },
  {
    name: 'industries + companySizes + languages',
    filter: () => ({
      industries: ['Financial Services'],
      companySizes: ['1001-5000'],
      languages: ['English'],
    }),
    expected: ['jose', 'ivan', 'alex'],
  },
  {
    name: 'certifications: certified kubernetes administrator',
    filter: () => ({ certifications: ['certified kubernetes administrator'] }),
    expected: ['amara', 'emma'],
  },
  {
    name: 'languages: portuguese or spanish',
    filter: () => ({ languages: ['portuguese', 'spanish'] }),
    expected: ['jose', 'jose2', 'lucas', 'sofia', 'ana', 'pedro'],
  },
  {
    name: 'tags: Top-Talent',
    filter: () => ({ tags: ['Top-Talent'] }),
    expected: ['jose', 'zoe', 'noah'],
  },
  {
    name: 'query python + sources LinkedIn + lastUpdatedRanges LAST_90_DAYS',
    query: term('python'),
    filter: () => ({ sources: ['LinkedIn'], lastUpdatedRanges: ['LAST_90_DAYS'] }),
    // grace is python + LinkedIn but 120 days old.
    expected: ['zoe', 'lucas', 'olivia', 'kwame'],
  },
  {
    name: 'kinds PROSPECT + skills c++',
    filter: () => ({ kinds: ['PROSPECT'], skills: ['c++'] }),
    expected: ['grace', 'yuki'],
  },
];

const RANGE_FILTERS: FilterCase[] = [
  // from is inclusive (liam, exactly 12 days), to exclusive (priya, exactly 6 days).
  {
    name: 'lastUpdated from 12 days ago to 6 days ago',
    filter: () => ({ lastUpdated: { from: daysAgo(12), to: daysAgo(6) } }),
    expected: ['jose2', 'kenji', 'liam', 'sam', 'raj'],
  },
  // ana (exactly 500 days) is excluded.
  {
    name: 'lastUpdated to 500 days ago (open start)',
    filter: () => ({ lastUpdated: { to: daysAgo(500) } }),
    expected: ['sofia', 'yuki', 'priya2'],
  },
  {
    name: 'lastUpdatedRanges: LAST_7_DAYS',
    filter: () => ({ lastUpdatedRanges: ['LAST_7_DAYS'] }),
    expected: ['jose', 'zoe', 'priya', 'wei', 'noah', 'tom'],
  },
  // amara, updated exactly 30 days ago, is inside (now − 30 days ≤ lastUpdated).
  {
    name: 'lastUpdatedRanges: LAST_30_DAYS',
    filter: () => ({ lastUpdatedRanges: ['LAST_30_DAYS'] }),
    expected: [
      'jose',
      'jose2',
      'zoe',
      'francois',
      'priya',
      'wei',
      'amara',
      'aisha',
      'kenji',
      'olivia',
      'liam',
      'noah',
      'tom',
      'marco',
      'sam',
      'alex',
      'raj',
      'laura',
      'julia',
    ],
  },
  {
    name: 'lastUpdatedRanges: LAST_7_DAYS or OLDER',
    filter: () => ({ lastUpdatedRanges: ['LAST_7_DAYS', 'OLDER'] }),
    expected: [
      'jose',
      'zoe',
      'priya',
      'wei',
      'noah',
      'tom',
      'emma',
      'sofia',
      'ana',
      'yuki',
      'priya2',
      'hannah',
    ],
  },
  {
    name: 'yearsOfExperience min 15',
    filter: () => ({ yearsOfExperience: { min: 15 } }),
    expected: ['hans', 'soren', 'sofia', 'alex', 'julia'],
  },
  // Both bounds inclusive; yuki and elena (no years) never match.
  {
    name: 'yearsOfExperience 5 to 6',
    filter: () => ({ yearsOfExperience: { min: 5, max: 6 } }),
    expected: ['francois', 'morgan', 'lucas', 'ivan', 'fatima', 'marco', 'kwame'],
  },
  {
    name: 'yearsOfExperience max 1',
    filter: () => ({ yearsOfExperience: { max: 1 } }),
    expected: ['wei', 'tom', 'laura'],
  },
  {
    name: 'yearsOfExperienceBuckets: 20+',
    filter: () => ({ yearsOfExperienceBuckets: ['20+'] }),
    expected: ['sofia'],
  },
  {
    name: 'yearsOfExperienceBuckets: 0-2 or 15-20',
    filter: () => ({ yearsOfExperienceBuckets: ['0-2', '15-20'] }),
    expected: ['hans', 'soren', 'wei', 'tom', 'alex', 'laura', 'julia'],
  },
  {
    name: 'yearsInRoleBuckets: 5-10',
    filter: () => ({ yearsInRoleBuckets: ['5-10'] }),
    expected: ['hans', 'soren', 'noah', 'david', 'nina', 'pedro'],
  },
];

const CUSTOM_FIELDS: FilterCase[] = [
  {
    name: 'customFields visa_status: NEEDS sponsorship',
    filter: () => ({ customFields: [{ key: 'visa_status', values: ['NEEDS sponsorship'] }] }),
    expected: ['francois', 'priya', 'olivia', 'raj'],
  },
  // Two custom fields are two lists: both must match.
  {
    name: 'customFields visa_status + notice_period',
    filter: () => ({
      customFields: [
        { key: 'visa_status', values: ['Needs sponsorship'] },
        { key: 'notice_period', values: ['30 days'] },
      ],
    }),
    expected: ['francois', 'olivia'],
  },
  // amara has two values (EU, UK).
  {
    name: 'customFields work_authorization: uk',
    filter: () => ({ customFields: [{ key: 'work_authorization', values: ['uk'] }] }),
    expected: ['amara', 'aisha'],
  },
];

const UNKNOWN_VALUES: FilterCase[] = [
  { name: 'unknown stage', filter: () => ({ stages: ['Rejected by robot'] }), expected: [] },
  {
    name: 'unknown job id',
    filter: () => ({ jobIds: ['00000000-0000-4000-8000-000000000000'] }),
    expected: [],
  },
  { name: 'unknown recruiter id', filter: () => ({ recruiterIds: ['nobody'] }), expected: [] },
  { name: 'unknown skill', filter: () => ({ skills: ['COBOL'] }), expected: [] },
  {
    name: 'unknown custom field',
    filter: () => ({ customFields: [{ key: 'no_such_field', values: ['x'] }] }),
    expected: [],
  },
  // Organization B's connection, asked as organization A.
  {
    name: "another organization's connection id",
    filter: (d) => ({ connectionIds: [d.connection('B1')] }),
    expected: [],
  },
];

export const FILTER_CASES: readonly FilterCase[] = [
  ...APPLICATION_FILTERS,
  ...CANDIDATE_FILTERS,
  ...RANGE_FILTERS,
  ...CUSTOM_FIELDS,
  ...UNKNOWN_VALUES,
];

export function filterCases(ctx: ContractContext): void {
  describe('filters', () => {
    it.each(FILTER_CASES)('$name', async ({ filter, query, expected }) => {
      const result = await ctx.search({ filter: filter(ctx.data), query: query ?? null });
      ctx.expectMatches(result, expected);
    });
  });
}
