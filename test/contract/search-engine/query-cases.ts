import { describe, it } from 'vitest';
import type { QueryNode } from '../../../src/search/query/ast';
import type { HandleA } from '../../fixtures/search-dataset';
import { ALL_A, allAExcept, type ContractContext } from './harness';
import { and, not, or, phrase, prefix, term } from './query-ast';

/**
 * Boolean queries over organization A (SEMANTICS.md "Words", "Fields", "Matching"). `q` is what a
 * recruiter would type; `ast` is the tree the parser gives for it. Expected sets were counted by
 * hand from search-dataset-org-a.ts.
 */
interface QueryCase {
  q: string;
  ast: QueryNode | null;
  expected: readonly HandleA[];
}

/** Candidates with "python" anywhere: 16 skills (any case) plus lucas's resume (also a skill). */
const PYTHON: HandleA[] = [
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
];
/** Skill Kubernetes (amara and emma also hold the certification naming it). */
const KUBERNETES_SKILL: HandleA[] = [
  'jose',
  'soren',
  'amara',
  'emma',
  'kenji',
  'noah',
  'sam',
  'raj',
];
/** The word "engineer" in a current or past title (nowhere else). */
const ENGINEER: HandleA[] = allAExcept(
  'soren', // Engineering Manager; "engineers" in the resume
  'wei', // Software Engineering Intern
  'lucas', // Data Scientist, past Intern
  'sofia', // Engineering Manager, past Tech Lead
  'mei', // Data Analyst
  'ana', // Product Manager
  'tom', // Intern
  'laura', // Data Science Intern
  'omar', // Solutions Architect
  'lena', // Junior Developer
);

const TERMS: QueryCase[] = [
  { q: 'kubernetes', ast: term('kubernetes'), expected: [...KUBERNETES_SKILL, 'lena'] },
  { q: 'KAFKA', ast: term('KAFKA'), expected: ['zoe', 'aisha', 'ivan', 'liam', 'nina'] },
  {
    q: 'go',
    ast: term('go'),
    expected: ['jose', 'jose2', 'soren', 'ivan', 'emma', 'kenji', 'noah', 'sam'],
  },
  { q: 'scala', ast: term('scala'), expected: ['zoe', 'liam', 'nina', 'julia'] },
  { q: 'python', ast: term('python'), expected: PYTHON },
  // "engineers" appears once, in soren's resume; no stemming either way.
  { q: 'engineers', ast: term('engineers'), expected: ['soren'] },
  { q: 'engineer', ast: term('engineer'), expected: ENGINEER },
  // Not indexed without a scope: the recruiter's name (anna) and the job title.
  { q: 'lindqvist', ast: term('lindqvist'), expected: [] },
  // "platform" is in three resumes; jose only applied to the "Staff Platform Engineer" job.
  { q: 'platform', ast: term('platform'), expected: ['aisha', 'sam', 'julia'] },
  { q: 'zyxwvut', ast: term('zyxwvut'), expected: [] },
  { q: '(empty query)', ast: null, expected: ALL_A },
];

const SPECIAL_CHARACTERS: QueryCase[] = [
  // C++ is one word; david's skill "C" is another.
  { q: 'c++', ast: term('c++'), expected: ['grace', 'yuki', 'pedro'] },
  { q: 'c', ast: term('c'), expected: ['david', 'pedro'] },
  { q: 'c#', ast: term('c#'), expected: ['wei'] },
  { q: 'c++ OR c#', ast: or(term('c++'), term('c#')), expected: ['grace', 'wei', 'yuki', 'pedro'] },
  { q: 'node.js', ast: term('node.js'), expected: ['morgan', 'fatima'] },
  // "node.js" is one word, so `node` alone is not in it; `node*` is.
  { q: 'node', ast: term('node'), expected: [] },
  { q: 'node*', ast: prefix('node'), expected: ['morgan', 'fatima'] },
  { q: 'booking.com', ast: term('booking.com'), expected: ['amara'] },
  // morgan's resume says "booking"; "Booking.com" is a different word.
  { q: 'booking', ast: term('booking'), expected: ['morgan'] },
  { q: "o'brien", ast: term("o'brien"), expected: ['liam'] },
  { q: 'silver-medalist', ast: term('silver-medalist'), expected: ['zoe', 'priya'] },
  // The typographic apostrophe folds to the plain one: both spellings are the same word.
  { q: 'O’Brien', ast: term('O’Brien'), expected: ['liam'] },
  // A term that folds into two words is a phrase (the parser keeps `a/b` as one term, the
  // tokenizer splits at the comma that `a/b,c` would need, so use a joiner-free split instead):
  // "spark/kafka" stays one word and matches nothing.
  { q: 'spark/kafka', ast: term('spark/kafka'), expected: [] },
];

const ACCENTS_AND_CASE: QueryCase[] = [
  { q: 'jose', ast: term('jose'), expected: ['jose', 'jose2'] },
  { q: 'JOSÉ', ast: term('JOSÉ'), expected: ['jose', 'jose2'] },
  // zoe matches: "Müller" folds to "muller". hans is "Mueller": no transliteration.
  { q: 'muller', ast: term('muller'), expected: ['zoe'] },
  { q: 'ZOE', ast: term('ZOE'), expected: ['zoe'] },
  { q: 'francois', ast: term('francois'), expected: ['francois'] },
  { q: 'françois', ast: term('françois'), expected: ['francois'] },
  // fold() keeps ø (no decomposition): written with ø, in any case.
  { q: 'SØREN', ast: term('SØREN'), expected: ['soren'] },
  // ø is transliterated (it has no decomposition to strip): soren finds Søren.
  { q: 'soren', ast: term('soren'), expected: ['soren'] },
  // lucas: "São Paulo" in his location and his school.
  { q: '"sao paulo"', ast: phrase('sao paulo'), expected: ['lucas'] },
  { q: '"josé álvarez"', ast: phrase('josé álvarez'), expected: ['jose'] },
  { q: '"jose alvarez"', ast: phrase('jose alvarez'), expected: ['jose'] },
];

const PHRASES: QueryCase[] = [
  // alex: past title "Staff Engineer".
  {
    q: '"staff engineer"',
    ast: phrase('staff engineer'),
    expected: ['jose', 'kenji', 'noah', 'sam', 'alex'],
  },
  {
    q: '"data engineer"',
    ast: phrase('data engineer'),
    expected: ['zoe', 'hans', 'priya', 'liam', 'priya2', 'nina', 'julia', 'kwame'],
  },
  // zoe's adjacent skills "Spark", "Kafka" are two values: only liam's resume has the phrase.
  { q: '"spark kafka"', ast: phrase('spark kafka'), expected: ['liam'] },
  // zoe's title ends with "Engineer" and her company is "Zalando": two fields.
  { q: '"engineer zalando"', ast: phrase('engineer zalando'), expected: [] },
  // jose's name ends with "Álvarez" and his title starts with "Staff".
  { q: '"alvarez staff"', ast: phrase('alvarez staff'), expected: [] },
  { q: '"solutions architect"', ast: phrase('solutions architect'), expected: ['amara', 'omar'] },
  // A major (olivia), not a title: unscoped search covers majors.
  { q: '"machine learning"', ast: phrase('machine learning'), expected: ['olivia'] },
];

const SCOPES: QueryCase[] = [
  { q: 'skill:kubernetes', ast: term('kubernetes', 'skill'), expected: KUBERNETES_SKILL },
  { q: 'resume:kubernetes', ast: term('kubernetes', 'resume'), expected: ['raj', 'lena'] },
  { q: 'skill:java', ast: term('java', 'skill'), expected: ['hans', 'aisha', 'sofia', 'elena'] },
  // Engineering Manager (5) and Product Manager; no past title has "manager".
  {
    q: 'title:manager',
    ast: term('manager', 'title'),
    expected: ['soren', 'aisha', 'sofia', 'ana', 'alex', 'julia'],
  },
  { q: 'title:intern', ast: term('intern', 'title'), expected: ['wei', 'lucas', 'tom', 'laura'] },
  { q: 'title:architect', ast: term('architect', 'title'), expected: ['omar'] },
  // amara: certification; omar: title; hannah: resume.
  { q: 'architect', ast: term('architect'), expected: ['amara', 'omar', 'hannah'] },
  {
    q: 'title:"staff engineer"',
    ast: phrase('staff engineer', 'title'),
    expected: ['jose', 'kenji', 'noah', 'sam', 'alex'],
  },
  // julia: past title.
  {
    q: 'title:"senior data engineer"',
    ast: phrase('senior data engineer', 'title'),
    expected: ['zoe', 'priya', 'liam', 'nina', 'julia'],
  },
  // jose: current "Stripe"; alex: current "stripe"; noah: past.
  { q: 'company:stripe', ast: term('stripe', 'company'), expected: ['jose', 'noah', 'alex'] },
  { q: 'stripe', ast: term('stripe'), expected: ['jose', 'noah', 'alex'] },
  { q: 'resume:stripe', ast: term('stripe', 'resume'), expected: ['jose'] },
  { q: 'company:google', ast: term('google', 'company'), expected: ['jose', 'alex'] },
  { q: 'company:"morgan stanley"', ast: phrase('morgan stanley', 'company'), expected: ['grace'] },
  { q: 'morgan', ast: term('morgan'), expected: ['morgan', 'grace'] },
  { q: 'name:morgan', ast: term('morgan', 'name'), expected: ['morgan'] },
  { q: 'company:morgan', ast: term('morgan', 'company'), expected: ['grace'] },
  { q: 'name:grace', ast: term('grace', 'name'), expected: ['grace'] },
  { q: 'company:grace', ast: term('grace', 'company'), expected: ['morgan'] },
  { q: 'school:stanford', ast: term('stanford', 'school'), expected: ['noah', 'raj'] },
  // "Universität" folds to "universitat" (TUM twice, Mannheim, Stuttgart).
  {
    q: 'school:universitat',
    ast: term('universitat', 'school'),
    expected: ['zoe', 'hans', 'tom', 'laura'],
  },
  {
    q: 'school:"technische universität münchen"',
    ast: phrase('technische universität münchen', 'school'),
    expected: ['zoe', 'tom'],
  },
  { q: 'location:berlin', ast: term('berlin', 'location'), expected: ['zoe', 'ivan', 'julia'] },
  { q: 'location:"new york"', ast: phrase('new york', 'location'), expected: ['grace', 'noah'] },
  {
    q: 'location:germany',
    ast: term('germany', 'location'),
    expected: ['zoe', 'hans', 'ivan', 'tom', 'laura', 'julia', 'hannah'],
  },
  { q: "name:o'brien", ast: term("o'brien", 'name'), expected: ['liam'] },
  {
    q: 'email:jose.alvarez@gmail.com',
    ast: term('jose.alvarez@gmail.com', 'email'),
    expected: ['jose'],
  },
  // E-mails are searchable unscoped too, in any case.
  { q: 'JOSE.ALVAREZ@GMAIL.COM', ast: term('JOSE.ALVAREZ@GMAIL.COM'), expected: ['jose'] },
  // grace's second address.
  { q: 'email:gkim@columbia.edu', ast: term('gkim@columbia.edu', 'email'), expected: ['grace'] },
  // Each address is one word: a domain alone is not a word of it.
  { q: 'email:gmail.com', ast: term('gmail.com', 'email'), expected: [] },
  { q: 'resume:flink', ast: term('flink', 'resume'), expected: ['zoe'] },
  { q: 'resume:"spark kafka"', ast: phrase('spark kafka', 'resume'), expected: ['liam'] },
  // Unscoped search covers headline, degrees, majors, certifications, languages, industry.
  { q: 'infrastructure', ast: term('infrastructure'), expected: ['jose'] },
  { q: 'phd', ast: term('phd'), expected: ['olivia'] },
  { q: 'mathematics', ast: term('mathematics'), expected: ['zoe', 'francois', 'olivia'] },
  { q: 'oscp', ast: term('oscp'), expected: ['david'] },
  { q: 'danish', ast: term('danish'), expected: ['soren'] },
  { q: 'cybersecurity', ast: term('cybersecurity'), expected: ['david'] },
  // lena by name, tom by his resume ("Dr. Fischer").
  { q: 'fischer', ast: term('fischer'), expected: ['tom', 'lena'] },
];

const PREFIXES: QueryCase[] = [
  { q: 'kube*', ast: prefix('kube'), expected: [...KUBERNETES_SKILL, 'lena'] },
  { q: 'lak*', ast: prefix('lak'), expected: ['liam'] },
  // engineer* adds "engineering" (soren, wei, sofia titles; tom's major) and "engineers".
  {
    q: 'engineer*',
    ast: prefix('engineer'),
    expected: allAExcept('lucas', 'mei', 'ana', 'laura', 'omar', 'lena'),
  },
  // Every current or past title with Engineer/Engineering; grace and yuki by past titles.
  {
    q: 'title:eng*',
    ast: prefix('eng', 'title'),
    expected: allAExcept('lucas', 'mei', 'ana', 'tom', 'laura', 'omar', 'lena'),
  },
  { q: 'name:fran*', ast: prefix('fran', 'name'), expected: ['francois'] },
  // Datadog (priya, noah) and francois's past "Dataiku".
  { q: 'company:data*', ast: prefix('data', 'company'), expected: ['francois', 'priya', 'noah'] },
  { q: 'location:são*', ast: prefix('são', 'location'), expected: ['lucas'] },
  { q: 'email:priya*', ast: prefix('priya', 'email'), expected: ['priya', 'priya2'] },
];

const OPERATORS: QueryCase[] = [
  {
    q: 'python kubernetes',
    ast: and(term('python'), term('kubernetes')),
    expected: ['jose', 'raj'],
  },
  {
    q: 'scala AND spark',
    ast: and(term('scala'), term('spark')),
    expected: ['zoe', 'liam', 'nina'],
  },
  {
    q: 'scala OR c#',
    ast: or(term('scala'), term('c#')),
    expected: ['zoe', 'wei', 'liam', 'nina', 'julia'],
  },
  // OR binds loosest: scala OR (c# AND spark).
  {
    q: 'scala OR c# spark',
    ast: or(term('scala'), and(term('c#'), term('spark'))),
    expected: ['zoe', 'liam', 'nina', 'julia'],
  },
  {
    q: '(scala OR c#) spark',
    ast: and(or(term('scala'), term('c#')), term('spark')),
    expected: ['zoe', 'liam', 'nina'],
  },
  {
    q: 'python -kubernetes',
    ast: and(term('python'), not(term('kubernetes'))),
    expected: PYTHON.filter((h) => h !== 'jose' && h !== 'raj'),
  },
  // sql: priya, lucas, mei, laura (and ana, who has no python).
  {
    q: 'python AND NOT sql',
    ast: and(term('python'), not(term('sql'))),
    expected: PYTHON.filter((h) => !['priya', 'lucas', 'mei', 'laura'].includes(h)),
  },
  // leadership without java: soren, alex, julia.
  {
    q: 'kafka OR (leadership -java)',
    ast: or(term('kafka'), and(term('leadership'), not(term('java')))),
    expected: ['zoe', 'soren', 'aisha', 'ivan', 'liam', 'alex', 'nina', 'julia'],
  },
  {
    q: 'title:(staff OR manager)',
    ast: or(term('staff', 'title'), term('manager', 'title')),
    expected: ['jose', 'soren', 'aisha', 'kenji', 'sofia', 'noah', 'ana', 'sam', 'alex', 'julia'],
  },
  {
    q: 'name:jose -email:jose.alvarez@gmail.com',
    ast: and(term('jose', 'name'), not(term('jose.alvarez@gmail.com', 'email'))),
    expected: ['jose2'],
  },
];

/** Neither python nor go anywhere. */
const NEITHER_PYTHON_NOR_GO: HandleA[] = [
  'hans',
  'morgan',
  'wei',
  'amara',
  'aisha',
  'liam',
  'sofia',
  'ana',
  'fatima',
  'marco',
  'yuki',
  'nina',
  'omar',
  'julia',
  'pedro',
  'hannah',
  'lena',
];

const NEGATIONS_ONLY: QueryCase[] = [
  { q: '-python', ast: not(term('python')), expected: allAExcept(...PYTHON) },
  { q: 'NOT python', ast: not(term('python')), expected: allAExcept(...PYTHON) },
  { q: '-engineer', ast: not(term('engineer')), expected: allAExcept(...ENGINEER) },
  {
    q: '-title:eng*',
    ast: not(prefix('eng', 'title')),
    expected: ['lucas', 'mei', 'ana', 'tom', 'laura', 'omar', 'lena'],
  },
  {
    q: 'NOT (python OR go)',
    ast: not(or(term('python'), term('go'))),
    expected: NEITHER_PYTHON_NOR_GO,
  },
  {
    q: '-python -go',
    ast: and(not(term('python')), not(term('go'))),
    expected: NEITHER_PYTHON_NOR_GO,
  },
];

export const QUERY_CASES: readonly QueryCase[] = [
  ...TERMS,
  ...SPECIAL_CHARACTERS,
  ...ACCENTS_AND_CASE,
  ...PHRASES,
  ...SCOPES,
  ...PREFIXES,
  ...OPERATORS,
  ...NEGATIONS_ONLY,
];

export function queryCases(ctx: ContractContext): void {
  describe('queries', () => {
    it.each(QUERY_CASES)('$q', async ({ ast, expected }) => {
      ctx.expectMatches(await ctx.search({ query: ast }), expected);
    });

    it('combines a query with filters (a negation-only query within one connection)', async () => {
      const result = await ctx.search({
        query: not(term('python')),
        filter: { connectionIds: [ctx.data.connection('A2')] },
      });
      ctx.expectMatches(result, ['sam', 'nina', 'omar', 'julia', 'pedro', 'hannah', 'lena']);
    });
  });
}
