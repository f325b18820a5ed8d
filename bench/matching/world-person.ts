import { JOB_FAMILIES } from '../../test/simulators/generator/career-vocabulary';
import { CITIES, PERSONAL_EMAIL_DOMAINS } from '../../test/simulators/generator/people-vocabulary';
import { Rng } from '../../test/simulators/generator/prng';
import { asciiSlug } from '../../test/simulators/generator/text-helpers';
import type { Pools } from './world-pools';

/** Months since year 0 (`year * 12 + month - 1`): dates compare as numbers. */
export type Month = number;

/** The directory's snapshot: profiles know everything up to here. */
export const NOW: Month = 2026 * 12;

export interface Stint {
  company: number;
  start: Month;
  /** Null: still there. */
  end: Month | null;
  title: string;
}

export interface Study {
  school: number;
  start: Month;
  end: Month;
  degree: string;
  major: string;
}

/** One real person of the world: what is true of them, before any system writes it down. */
export interface Person {
  /** Unique in the world; every identifier (slug, handle, e-mail) carries it. */
  key: number;
  first: number;
  last: number;
  city: number;
  family: number;
  jobs: Stint[];
  studies: Study[];
  hasGithub: boolean;
}

/** Builds person `key` from the seed alone (the same person however many are generated). */
export function generatePerson(pools: Pools, seed: string, key: number): Person {
  const rng = Rng.fromSeed(seed, 'person', key);
  return careerOf(pools, rng, {
    key,
    first: pools.pickFirst(rng),
    last: pools.pickLast(rng),
  });
}

/** A different person with the same name as `of` (a namesake). */
export function generateNamesake(pools: Pools, seed: string, of: Person, key: number): Person {
  return careerOf(pools, Rng.fromSeed(seed, 'person', key), {
    key,
    first: of.first,
    last: of.last,
  });
}

function careerOf(
  pools: Pools,
  rng: Rng,
  who: { key: number; first: number; last: number },
): Person {
  const family = rng.int(0, JOB_FAMILIES.length - 1);
  const majors = JOB_FAMILIES[family]?.majors ?? ['General Studies'];
  const graduation = rng.int(1990, 2023) * 12 + 5;
  const studies: Study[] = [
    {
      school: pools.pickSchool(rng),
      start: graduation - 45,
      end: graduation,
      degree: 'Bachelor',
      major: rng.pick(majors),
    },
  ];
  let careerStart = graduation + rng.int(1, 6);
  if (rng.chance(0.3) && graduation + 30 < NOW) {
    studies.push({
      school: pools.pickSchool(rng),
      start: graduation + 3,
      end: graduation + 27,
      degree: 'Master',
      major: rng.pick(majors),
    });
    careerStart = graduation + 28;
  }
  const ladder = JOB_FAMILIES[family]?.ladder ?? ['Specialist'];
  const jobs: Stint[] = [];
  let at = careerStart;
  while (at < NOW - 2 && jobs.length < 6) {
    const length = rng.int(14, 96);
    const end = at + length;
    const current = end >= NOW;
    jobs.push({
      company: pools.pickCompany(rng),
      start: at,
      end: current ? null : end,
      title: ladder[Math.min(jobs.length, ladder.length - 1)] ?? 'Specialist',
    });
    at = end + rng.int(0, 5);
  }
  return {
    ...who,
    city: rng.int(0, CITIES.length - 1),
    family,
    jobs,
    studies,
    hasGithub: family === 0 ? rng.chance(0.6) : rng.chance(0.15),
  };
}

/** "José", "Álvarez" as the person writes them. */
export function displayName(pools: Pools, person: Person): string {
  return `${pools.firstNames[person.first]} ${pools.lastNames[person.last]}`;
}

/** The name without its accents, as an ATS that drops them stores it ("Jose Alvarez"). */
export function withoutAccents(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').normalize('NFC');
}

/** The person's LinkedIn slug (lower-case, unique in the world by the person's key). */
export function linkedinSlug(pools: Pools, person: Person, generation = 0): string {
  const base = asciiSlug(displayName(pools, person));
  return `${base}-${person.key.toString(36)}${generation ? `-v${generation}` : ''}`;
}

export function githubHandle(pools: Pools, person: Person): string {
  const base = asciiSlug(displayName(pools, person), '');
  return `${base.slice(0, 28)}${person.key.toString(36)}`;
}

export function personalEmail(pools: Pools, person: Person): string {
  const domain = PERSONAL_EMAIL_DOMAINS[person.key % PERSONAL_EMAIL_DOMAINS.length] ?? 'gmail.com';
  return `${asciiSlug(displayName(pools, person), '.')}.${person.key.toString(36)}@${domain}`;
}

/** An address the person used once and no directory knows (an old ISP mailbox). */
export function oldEmail(pools: Pools, person: Person): string {
  return `${asciiSlug(displayName(pools, person), '')}${person.key.toString(36)}@oldmail.example`;
}

export function workEmail(pools: Pools, person: Person, stint: Stint): string {
  const first = asciiSlug(pools.firstNames[person.first] ?? 'x', '');
  const domain = pools.companies[stint.company]?.domain ?? 'example.com';
  return `${first}.${person.key.toString(36)}@${domain}`;
}

export function monthText(month: Month): string {
  const year = Math.floor(month / 12);
  return `${year}-${String((month % 12) + 1).padStart(2, '0')}`;
}

/** The company as written somewhere: with or without its legal form, sometimes in capitals. */
export function companyText(pools: Pools, company: number, rng: Rng, legalForm: boolean): string {
  const entry = pools.companies[company];
  const name = pools.companyNames[entry?.nameId ?? 0] ?? 'Unknown';
  const written =
    legalForm && entry?.legal ? `${name}${rng.chance(0.5) ? ',' : ''} ${entry.legal}` : name;
  return rng.chance(0.04) ? written.toUpperCase() : written;
}

/** Two neighbouring letters swapped inside the longest word (a typo), never a no-op. */
export function typo(text: string, rng: Rng): string {
  const words = text.split(' ');
  let longest = 0;
  words.forEach((w, i) => {
    if (w.length > (words[longest] ?? '').length) longest = i;
  });
  const word = words[longest] ?? text;
  for (let attempt = 0; attempt < 8 && word.length >= 3; attempt++) {
    const at = rng.int(1, word.length - 2);
    const swapped = word.slice(0, at) + word.charAt(at + 1) + word.charAt(at) + word.slice(at + 2);
    if (swapped.toLowerCase() !== word.toLowerCase()) {
      words[longest] = swapped;
      return words.join(' ');
    }
  }
  return `${text}x`;
}
