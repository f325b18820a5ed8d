import { words } from '../../src/common/text';
import { Rng } from '../../test/simulators/generator';
import {
  EMPLOYERS,
  JOB_FAMILIES,
  SCHOOLS,
} from '../../test/simulators/generator/career-vocabulary';
import { CITIES, FIRST_NAMES, LAST_NAMES } from '../../test/simulators/generator/people-vocabulary';

/** Words too common in school names to say which school is meant. */
const GENERIC_SCHOOL_WORDS = new Set([
  'university',
  'college',
  'institute',
  'technology',
  'universidad',
  'universidade',
  'universitat',
  'universiteit',
  'national',
  'royal',
  'school',
]);

const singleWords = (values: readonly string[]): string[] =>
  [...new Set(values)].filter((v) => words(v).length === 1);

const distinct = <T>(values: readonly T[]): T[] => [...new Set(values)];

/**
 * The rotating single-word terms of the keyword and insights kinds: 42 words drawn from every
 * vocabulary the generator builds candidates from (skills, title words, employers, school
 * words, cities, first and last names), so the mix spans rare and very common words.
 */
export function keywordTerms(seed: string): string[] {
  const rng = Rng.fromSeed(seed, 'bench-keyword-terms');
  const skills = singleWords(JOB_FAMILIES.flatMap((f) => f.skills));
  const titleWords = distinct(
    JOB_FAMILIES.flatMap((f) => f.ladder.flatMap((t) => t.split(/\s+/))),
  ).filter((w) => w.length >= 5);
  const employers = singleWords(EMPLOYERS.map((e) => e.name));
  const schoolWords = distinct(SCHOOLS.flatMap((s) => s.name.split(/[\s,]+/))).filter(
    (w) => w.length >= 6 && !GENERIC_SCHOOL_WORDS.has(w.toLowerCase()),
  );
  const cities = singleWords(CITIES.map((c) => c.city));
  return [
    ...rng.sample(skills, 12),
    ...rng.sample(titleWords, 6),
    ...rng.sample(employers, 8),
    ...rng.sample(schoolWords, 4),
    ...rng.sample(cities, 6),
    ...rng.sample(FIRST_NAMES, 3),
    ...rng.sample(LAST_NAMES, 3),
  ];
}

const quoteIfPhrase = (value: string): string =>
  words(value).length > 1 ? `"${value.replace(/"/g, '')}"` : value;

/**
 * Boolean queries with phrases, one per job family in turn, in two shapes:
 * `("title a" OR "title b") AND (skill OR skill) NOT employer` and
 * `(skill OR skill) AND "school name" -city`.
 */
export function booleanQueries(seed: string, count: number): string[] {
  const employers = singleWords(EMPLOYERS.map((e) => e.name));
  const cities = singleWords(CITIES.map((c) => c.city));
  return Array.from({ length: count }, (_, i) => {
    const rng = Rng.fromSeed(seed, 'bench-boolean', i);
    const family = JOB_FAMILIES[i % JOB_FAMILIES.length]!;
    const [s1, s2] = rng.sample(family.skills, 2).map(quoteIfPhrase);
    if (i % 2 === 0) {
      const [t1, t2] = rng.sample(family.ladder, 2);
      return `("${t1}" OR "${t2}") AND (${s1} OR ${s2}) NOT ${rng.pick(employers)}`;
    }
    return `(${s1} OR ${s2}) AND "${rng.pick(SCHOOLS).name}" -${rng.pick(cities)}`;
  });
}

/** Stage + skill + location filters, in display spelling (engines normalize them). */
export interface BenchFilter {
  stage: string;
  skill: string;
  location: string;
}

export function filterCombinations(
  seed: string,
  count: number,
  stages: readonly string[],
): BenchFilter[] {
  return Array.from({ length: count }, (_, i) => {
    const rng = Rng.fromSeed(seed, 'bench-filter', i);
    const family = JOB_FAMILIES[i % JOB_FAMILIES.length]!;
    const city = rng.pick(CITIES);
    return {
      stage: rng.pick(stages),
      skill: rng.pick(family.skills),
      location: `${city.city}, ${city.country}`,
    };
  });
}
