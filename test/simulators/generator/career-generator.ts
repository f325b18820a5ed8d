/** Education, work history and languages that hang together (dates, ladders, local schools). */
import {
  BACHELOR_DEGREES,
  EMPLOYERS,
  GRADUATE_DEGREES,
  SCHOOLS,
  type JobFamily,
} from './career-vocabulary';
import type { NeutralEducation, NeutralExperience, NeutralLanguage } from './neutral-model';
import { LANGUAGES, type CityEntry } from './people-vocabulary';
import { placeLabel } from './places';
import type { Rng } from './prng';

export function generateEducation(
  rng: Rng,
  family: JobFamily,
  careerStart: number,
  city: CityEntry,
): NeutralEducation[] {
  const local = SCHOOLS.filter((s) => s.countryCode === city.countryCode);
  const school = (): string =>
    (local.length > 0 && rng.chance(0.7) ? rng.pick(local) : rng.pick(SCHOOLS)).name;
  const education: NeutralEducation[] = [];
  const graduate = rng.chance(0.35);
  const bachelorEnd = graduate ? careerStart - 2 : careerStart;
  if (graduate) {
    const degree = rng.pick(GRADUATE_DEGREES);
    education.push({
      school: school(),
      degree,
      major:
        degree === 'Master of Business Administration'
          ? 'Business Administration'
          : rng.pick(family.majors),
      startYear: degree === 'PhD' ? bachelorEnd - 3 : bachelorEnd,
      endYear: careerStart,
    });
  }
  education.push({
    school: school(),
    degree: rng.pick(BACHELOR_DEGREES),
    major: rng.pick(family.majors),
    startYear: bachelorEnd - 4,
    endYear: bachelorEnd,
  });
  return education;
}

export function generateExperience(
  rng: Rng,
  family: JobFamily,
  careerStart: number,
  nowYear: number,
  years: number,
  city: CityEntry,
): NeutralExperience[] {
  const count =
    years === 0 ? (rng.chance(0.5) ? 1 : 0) : Math.min(5, 1 + Math.floor(years / rng.int(3, 5)));
  const employers = rng.sample(EMPLOYERS, count);
  const isCurrent = rng.chance(0.85);
  const jobs: NeutralExperience[] = [];
  for (let i = 0; i < count; i++) {
    const startYear = careerStart + Math.floor((i * years) / count);
    const last = i === count - 1;
    const endYear = last
      ? isCurrent
        ? null
        : Math.max(startYear, nowYear - rng.int(0, 1))
      : careerStart + Math.floor(((i + 1) * years) / count);
    const level = Math.min(family.ladder.length - 1, Math.floor((startYear - careerStart) / 4));
    const title = family.ladder[level] ?? family.ladder[0] ?? 'Specialist';
    jobs.push({
      title,
      company: employers[i]?.name ?? 'Freelance',
      startYear,
      startMonth: rng.int(1, 12),
      endYear,
      endMonth: endYear === null ? null : rng.int(1, 12),
      current: last && isCurrent,
      location: placeLabel(city),
      description: `${rng.pick(family.achievements)}.`,
    });
  }
  // Resumes and ATS profiles list the most recent position first.
  return jobs.reverse();
}

const ENGLISH_SPEAKING = new Set(['US', 'GB', 'IE', 'AU', 'CA', 'SG']);
const LOCAL_LANGUAGE: Record<string, string> = {
  DE: 'German',
  CH: 'German',
  FR: 'French',
  ES: 'Spanish',
  MX: 'Spanish',
  PT: 'Portuguese',
  BR: 'Portuguese',
  NL: 'Dutch',
  SE: 'Swedish',
  DK: 'Danish',
  IN: 'Hindi',
};

export function generateLanguages(rng: Rng, city: CityEntry): NeutralLanguage[] {
  const languages: NeutralLanguage[] = [];
  const local = LOCAL_LANGUAGE[city.countryCode];
  if (ENGLISH_SPEAKING.has(city.countryCode))
    languages.push({ name: 'English', proficiency: 'Native' });
  else {
    if (local) languages.push({ name: local, proficiency: 'Native' });
    languages.push({ name: 'English', proficiency: rng.pick(['Fluent', 'Professional'] as const) });
  }
  if (rng.chance(0.3)) {
    const extra = rng.pick(LANGUAGES.filter((l) => !languages.some((x) => x.name === l)));
    languages.push({
      name: extra,
      proficiency: rng.pick(['Conversational', 'Basic', 'Professional'] as const),
    });
  }
  return languages;
}
