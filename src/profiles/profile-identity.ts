import type { Profile } from '../entities';
import type { Education, WorkExperience } from '../entities/candidate-fields';
import type { Period, ProfileIdentity } from './match-rules';

/** Employers with their dates, as the name rule compares them. */
export function employersOf(history: readonly WorkExperience[]): Period[] {
  return history.flatMap((w) =>
    w.company ? [{ name: w.company, start: w.startDate ?? null, end: w.endDate ?? null }] : [],
  );
}

/** Schools with their dates. */
export function schoolsOf(education: readonly Education[]): Period[] {
  return education.flatMap((e) =>
    e.school ? [{ name: e.school, start: e.startDate ?? null, end: e.endDate ?? null }] : [],
  );
}

/** A directory profile as the rules read it. */
export function profileIdentity(profile: Profile): ProfileIdentity {
  return {
    id: profile.id,
    linkedinUrl: profile.linkedinUrl,
    githubUrl: profile.githubUrl,
    emails: profile.emails.map((e) => e.toLowerCase()),
    nameKey: profile.nameKey,
    employers: employersOf(profile.workHistory),
    schools: schoolsOf(profile.education),
  };
}
