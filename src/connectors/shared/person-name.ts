import type { ExportPerson } from '../destination';

/**
 * First and last name for destinations that require both (Greenhouse, SmartRecruiters): the
 * person's own split, else the last word is the family name; a one-word name gets a visible
 * placeholder (`-`) rather than a refusal.
 */
export function splitName(person: Pick<ExportPerson, 'name' | 'firstName' | 'lastName'>): {
  first: string;
  last: string;
} {
  const words = person.name.trim().split(/\s+/).filter(Boolean);
  const first =
    person.firstName?.trim() || (words.length > 1 ? words.slice(0, -1) : words).join(' ');
  const last = person.lastName?.trim() || (words.length > 1 ? (words.at(-1) ?? '') : '-');
  return { first, last };
}
