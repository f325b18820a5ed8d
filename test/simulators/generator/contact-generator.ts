/**
 * Contact details as people really enter them: e-mails unique per generated index, phones in
 * the city's format, LinkedIn and GitHub URLs in their many pasted forms.
 */
import { EMPLOYERS } from './career-vocabulary';
import type { NeutralEmail, NeutralPhone } from './neutral-model';
import { PERSONAL_EMAIL_DOMAINS, type CityEntry } from './people-vocabulary';
import type { Rng } from './prng';
import { asciiSlug } from './text-helpers';

export function generateEmails(
  rng: Rng,
  first: string,
  last: string,
  index: number,
  company: string | null,
): NeutralEmail[] {
  // The index in the local part keeps every generated address unique, so identity matching in
  // tests is never ambiguous between two generated people.
  const local = `${asciiSlug(first, '')}.${asciiSlug(last, '')}${index}`;
  const emails: NeutralEmail[] = [];
  if (rng.chance(0.95))
    emails.push({ value: `${local}@${rng.pick(PERSONAL_EMAIL_DOMAINS)}`, type: 'PERSONAL' });
  const employer = EMPLOYERS.find((e) => e.name === company);
  if (employer && rng.chance(0.3)) {
    emails.push({
      value: `${asciiSlug(first, '')}.${asciiSlug(last, '')}.${index}@${employer.domain}`,
      type: 'WORK',
    });
  }
  return emails;
}

export function generatePhones(rng: Rng, city: CityEntry): NeutralPhone[] {
  const fill = (): string => city.phoneFormat.replace(/#/g, () => String(rng.int(0, 9)));
  const phones: NeutralPhone[] = [];
  if (rng.chance(0.7)) phones.push({ value: fill(), type: 'MOBILE' });
  if (phones.length > 0 && rng.chance(0.15)) phones.push({ value: fill(), type: 'WORK' });
  return phones;
}

/** The forms people really paste: with/without scheme, www, locale subdomain, tracking query. */
export function linkedinUrl(
  rng: Rng,
  first: string,
  last: string,
  index: number,
  city: CityEntry,
): string {
  const slug = `${asciiSlug(first)}-${asciiSlug(last)}-${rng.hex(4)}${index.toString(36)}`;
  const sub = city.linkedinSubdomain;
  const forms: Array<readonly [string, number]> = [
    [`https://www.linkedin.com/in/${slug}/`, 35],
    [`http://linkedin.com/in/${slug}`, 12],
    [`linkedin.com/in/${slug}`, 10],
    [`https://www.linkedin.com/in/${slug}?locale=en_US`, 5],
    [`https://www.linkedin.com/in/${slug.charAt(0).toUpperCase()}${slug.slice(1)}`, 5],
  ];
  if (sub) {
    forms.push([`https://${sub}.linkedin.com/in/${slug}?trk=public_profile_browsemap`, 20]);
    forms.push([`https://www.linkedin.com/in/${slug}?originalSubdomain=${sub}`, 8]);
  }
  return rng.weighted(forms);
}

export function githubUrl(rng: Rng, handle: string): string {
  return rng.weighted([
    [`https://github.com/${handle}`, 50],
    [`http://www.github.com/${handle}/`, 15],
    [`github.com/${handle}`, 20],
    [`https://github.com/${handle}?tab=repositories`, 15],
  ]);
}
