/** Candidates that do not come from the generator: API-created ones, and profile edits. */
import { EMPLOYERS } from './career-vocabulary';
import { candidateKey } from './keys';
import type { NeutralCandidate } from './neutral-model';
import type { Rng } from './prng';

/** A candidate with nothing but a key and times; API writes fill in what they send. */
export function emptyCandidate(index: number, at: number): NeutralCandidate {
  return {
    key: candidateKey(index),
    index,
    firstName: '',
    lastName: '',
    emails: [],
    phones: [],
    linkedinUrl: null,
    githubUrl: null,
    websiteUrl: null,
    place: null,
    currentCompany: null,
    currentTitle: null,
    experience: [],
    education: [],
    skills: [],
    certifications: [],
    languages: [],
    tags: [],
    customFields: [],
    sourceKey: null,
    recruiterKey: null,
    resumeText: '',
    attachments: [],
    createdAt: at,
    updatedAt: at,
    lastActivityAt: at,
  };
}

/** The fields that change when a candidate changes jobs: the current role ends, a new one starts. */
export function jobChange(
  previous: NeutralCandidate,
  rng: Rng,
  year: number,
): Pick<NeutralCandidate, 'currentCompany' | 'currentTitle' | 'experience'> {
  const employer = rng.pick(EMPLOYERS.filter((e) => e.name !== previous.currentCompany));
  const title = previous.currentTitle
    ? `Senior ${previous.currentTitle.replace(/^Senior /, '')}`
    : 'Specialist';
  const ended = previous.experience.map((job) =>
    job.current ? { ...job, current: false, endYear: year, endMonth: 1 } : job,
  );
  return {
    currentCompany: employer.name,
    currentTitle: title,
    experience: [
      {
        title,
        company: employer.name,
        startYear: year,
        startMonth: 1,
        endYear: null,
        endMonth: null,
        current: true,
        location: previous.place ? `${previous.place.city}, ${previous.place.country}` : 'Remote',
        description: 'Joined to lead a new team.',
      },
      ...ended,
    ],
  };
}
