import { Rng } from '../../test/simulators/generator/prng';
import { generateNamesake, NOW, type Person } from './world-person';
import type { Pools } from './world-pools';
import type { CandidateOptions, ProfileOptions } from './world-views';

/**
 * The situations the labelled world is made of, with their share of candidate slots. Each says
 * what the ATS and the directory hold for one person; whether the rules can then decide (and
 * which way) is not assumed here but computed by the reference rules (reference-rules.ts).
 */
export const SCENARIOS = {
  linkedin: {
    weight: 28,
    about: 'LinkedIn URL on the ATS record and the profile, written differently',
  },
  'linkedin-in-resume': { weight: 3, about: "LinkedIn URL only in the candidate's resume text" },
  github: {
    weight: 6,
    about: 'GitHub URL in common (written differently), no LinkedIn URL on the candidate',
  },
  email: {
    weight: 12,
    about: 'personal e-mail in common (letter case changed), no profile URL on the candidate',
  },
  'email-in-resume': { weight: 2, about: "the e-mail in common only in the candidate's resume" },
  name: {
    weight: 16,
    about: 'no identifier in common: name, employers and schools; the profile has the jobs since',
  },
  'name-sparse': { weight: 4, about: 'name and one employer only (the profile has no education)' },
  'name-typo': { weight: 2, about: 'name misspelt on the ATS record' },
  'company-typo': { weight: 2, about: 'every company but one misspelt on the ATS record' },
  'changed-linkedin': {
    weight: 2,
    about: "the ATS has the person's old LinkedIn URL, the profile the new one",
  },
  'two-profiles': {
    weight: 2,
    about: 'the person has two profiles (one without LinkedIn URL); name evidence only',
  },
  'two-profiles-linkedin': {
    weight: 2,
    about: 'the person has two profiles; the candidate has the LinkedIn URL of one',
  },
  'duplicate-linkedin': { weight: 1, about: 'two profiles carry the same LinkedIn URL' },
  mirrored: { weight: 2, about: 'one person in two ATS connections, LinkedIn URL on both' },
  'mirrored-name': { weight: 1, about: 'one person in two ATS connections, name evidence only' },
  'no-profile': { weight: 13, about: 'no profile; namesakes in the directory for most' },
  'no-profile-namesake-contradicts': {
    weight: 2,
    about: 'no profile; a namesake with the same career but another LinkedIn URL',
  },
} as const;

export type Scenario = keyof typeof SCENARIOS;
export const SCENARIO_NAMES = Object.keys(SCENARIOS) as Scenario[];
const TWO_CANDIDATES: readonly Scenario[] = ['mirrored', 'mirrored-name'];

export interface PlannedProfile {
  person: Person;
  options: ProfileOptions;
  role: 'truth' | 'namesake';
}

export interface PlannedCandidate {
  person: Person;
  options: CandidateOptions;
  /** 0: the main ATS connection; 1: the second one (mirrored people). */
  connection: 0 | 1;
  /** Indexes into the group's profiles that are this same person. */
  truth: number[];
}

export interface PlannedGroup {
  scenario: Scenario;
  candidates: PlannedCandidate[];
  profiles: PlannedProfile[];
}

export function pickScenario(rng: Rng, slotsLeft: number): Scenario {
  const allowed = SCENARIO_NAMES.filter((s) => slotsLeft > 1 || !TWO_CANDIDATES.includes(s));
  return rng.weighted(allowed.map((s) => [s, SCENARIOS[s].weight] as const));
}

function baseCandidate(rng: Rng, person: Person): CandidateOptions {
  const first = person.jobs[0]?.start ?? NOW - 1;
  return {
    linkedin: 'none',
    github: false,
    personalEmail: 'none',
    nameTypo: false,
    companyTypos: false,
    workHistory: rng.chance(0.92),
    education: rng.chance(0.65),
    dates: rng.chance(0.88),
    resume: rng.chance(0.5),
    appliedAt: rng.int(Math.min(first + 6, NOW - 1), NOW - 1),
  };
}

/** A profile's fields present at the directory's usual rates (fillers use the same). */
export function baseProfile(rng: Rng, person: Person): ProfileOptions {
  return {
    linkedin: rng.chance(0.92) ? 0 : null,
    github: person.hasGithub && rng.chance(0.8),
    personalEmail: rng.chance(0.35),
    education: rng.chance(0.85),
    dates: rng.chance(0.95),
  };
}

/** Name evidence only: the career on the record, nothing the directory could look up. */
function nameOnly(rng: Rng, person: Person): CandidateOptions {
  const second = person.jobs[1]?.start;
  const options = { ...baseCandidate(rng, person), workHistory: true, education: rng.chance(0.7) };
  if (second !== undefined && options.appliedAt < second)
    options.appliedAt = rng.int(second, NOW - 1);
  return options;
}

/** Namesakes: other people with the same name, some built to look dangerously alike. */
function namesakes(
  pools: Pools,
  seed: string,
  person: Person,
  slot: number,
  rng: Rng,
  count: number,
): PlannedProfile[] {
  const out: PlannedProfile[] = [];
  for (let j = 0; j < count; j++) {
    const other = generateNamesake(pools, seed, person, 10_000_000 + slot * 8 + j);
    const kind = rng.weighted([
      ['random', 70],
      ['shared-company', 15],
      ['old-stint', 15],
    ] as const);
    const job = person.jobs[0];
    const study = person.studies[0];
    if (kind === 'shared-company' && job) {
      // One employer in common, by name: another company of that name where there is one.
      const nameId = pools.companies[job.company]?.nameId ?? 0;
      const sameName = pools.companiesByName.get(nameId) ?? [job.company];
      const company = sameName.find((c) => c !== job.company) ?? job.company;
      other.jobs[0] = { ...job, company };
    } else if (kind === 'old-stint' && job && study) {
      // The same first employer and school, twenty years earlier: incompatible dates.
      other.jobs[0] = { ...job, start: job.start - 240, end: (job.end ?? NOW) - 240 };
      other.studies[0] = { ...study, start: study.start - 240, end: study.end - 240 };
    }
    out.push({ person: other, options: baseProfile(rng, other), role: 'namesake' });
  }
  return out;
}

/** What slot `slot` holds: its candidates (one or two) and the directory profiles it adds. */
export function planGroup(
  pools: Pools,
  seed: string,
  scenario: Scenario,
  person: Person,
  slot: number,
): PlannedGroup {
  const rng = Rng.fromSeed(seed, 'plan', slot);
  const truth = (options: Partial<ProfileOptions> = {}): PlannedProfile => ({
    person,
    options: { ...baseProfile(rng, person), ...options },
    role: 'truth',
  });
  const one = (options: CandidateOptions, truthOf: number[] = [0]): PlannedCandidate[] => [
    { person, options, connection: 0, truth: truthOf },
  ];
  let candidates: PlannedCandidate[];
  let profiles: PlannedProfile[];
  switch (scenario) {
    case 'linkedin':
    case 'linkedin-in-resume':
      profiles = [truth({ linkedin: 0 })];
      candidates = one({
        ...baseCandidate(rng, person),
        linkedin: scenario === 'linkedin' ? 'record' : 'resume',
      });
      break;
    case 'github':
      person.hasGithub = true;
      profiles = [truth({ github: true })];
      candidates = one({ ...baseCandidate(rng, person), github: true });
      break;
    case 'email':
    case 'email-in-resume':
      profiles = [truth({ personalEmail: true })];
      candidates = one({
        ...baseCandidate(rng, person),
        personalEmail: scenario === 'email' ? 'record' : 'resume',
      });
      break;
    case 'name':
      profiles = [truth()];
      candidates = one(nameOnly(rng, person));
      break;
    case 'name-sparse': {
      profiles = [truth({ education: false })];
      const options = nameOnly(rng, person);
      const second = person.jobs[1]?.start;
      if (second !== undefined) options.appliedAt = second - 1;
      candidates = one(options);
      break;
    }
    case 'name-typo':
      profiles = [truth()];
      candidates = one({ ...nameOnly(rng, person), nameTypo: true });
      break;
    case 'company-typo':
      profiles = [truth()];
      candidates = one({ ...nameOnly(rng, person), companyTypos: true });
      break;
    case 'changed-linkedin':
      profiles = [truth({ linkedin: 0 })];
      candidates = one({ ...nameOnly(rng, person), linkedin: 'old' });
      break;
    case 'two-profiles':
      profiles = [truth({ linkedin: 0 }), truth({ linkedin: null })];
      candidates = one(nameOnly(rng, person), [0, 1]);
      break;
    case 'two-profiles-linkedin':
      profiles = [truth({ linkedin: 0 }), truth({ linkedin: null })];
      candidates = one({ ...baseCandidate(rng, person), linkedin: 'record' }, [0, 1]);
      break;
    case 'duplicate-linkedin':
      profiles = [truth({ linkedin: 0 }), truth({ linkedin: 0 })];
      candidates = one({ ...baseCandidate(rng, person), linkedin: 'record' }, [0, 1]);
      break;
    case 'mirrored':
    case 'mirrored-name': {
      profiles = [truth(scenario === 'mirrored' ? { linkedin: 0 } : {})];
      const options = (): CandidateOptions =>
        scenario === 'mirrored'
          ? { ...baseCandidate(rng, person), linkedin: 'record' }
          : nameOnly(rng, person);
      candidates = [
        { person, options: options(), connection: 0, truth: [0] },
        { person, options: options(), connection: 1, truth: [0] },
      ];
      break;
    }
    case 'no-profile':
      profiles = [];
      candidates = one(
        {
          ...baseCandidate(rng, person),
          linkedin: rng.chance(0.5) ? 'record' : 'none',
          personalEmail: rng.chance(0.3) ? 'record' : 'none',
        },
        [],
      );
      break;
    case 'no-profile-namesake-contradicts': {
      // A namesake with this very career: fits by name, but its LinkedIn URL is another.
      const twin = generateNamesake(pools, seed, person, 10_000_000 + slot * 8 + 7);
      twin.jobs = person.jobs.map((j) => ({ ...j }));
      twin.studies = person.studies.map((s) => ({ ...s }));
      profiles = [
        { person: twin, options: { ...baseProfile(rng, twin), linkedin: 0 }, role: 'namesake' },
      ];
      candidates = one({ ...nameOnly(rng, person), linkedin: 'record' }, []);
      break;
    }
  }
  const chance = scenario === 'no-profile' ? 0.6 : 0.3;
  if (rng.chance(chance))
    profiles.push(...namesakes(pools, seed, person, slot, rng, rng.int(1, 3)));
  return { scenario, candidates, profiles };
}
