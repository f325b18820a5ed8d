import { z } from 'zod';
import { APPLICATION_STATUSES, type SearchFilter } from '../search/search-types';
import type { CandidateFilterInput } from '../schema/search-inputs';
import { parseInput } from './validation';

const text = z.string().max(300);
const list = z.array(text).max(200).nullish();
const idList = z.array(z.string().max(100)).max(200).nullish();

/** Limits on what a filter may carry; values themselves are free (unknown ones match nothing). */
const filterSchema = z
  .object({
    stages: list,
    statuses: z.array(z.enum(APPLICATION_STATUSES)).max(20).nullish(),
    jobIds: idList,
    rejectionReasons: list,
    sources: list,
    recruiterIds: idList,
    connectionIds: idList,
    kinds: z.array(z.enum(['PROSPECT', 'APPLICANT'])).nullish(),
    lastUpdated: z
      .object({ from: z.date().nullish(), to: z.date().nullish() })
      .refine((r) => !r.from || !r.to || r.from < r.to, { message: 'from must be before to' })
      .nullish(),
    lastUpdatedRanges: z
      .array(z.enum(['LAST_7_DAYS', 'LAST_30_DAYS', 'LAST_90_DAYS', 'LAST_365_DAYS', 'OLDER']))
      .nullish(),
    locations: list,
    companies: list,
    pastCompanies: list,
    titles: list,
    pastTitles: list,
    skills: list,
    schools: list,
    degrees: list,
    majors: list,
    industries: list,
    companySizes: list,
    certifications: list,
    languages: list,
    tags: list,
    yearsOfExperience: z
      .object({
        min: z.number().min(0).max(100).nullish(),
        max: z.number().min(0).max(100).nullish(),
      })
      .refine(
        (r) =>
          r.min === null ||
          r.min === undefined ||
          r.max === null ||
          r.max === undefined ||
          r.min <= r.max,
        {
          message: 'min must not exceed max',
        },
      )
      .nullish(),
    yearsOfExperienceBuckets: list,
    yearsInRoleBuckets: list,
    customFields: z
      .array(z.object({ key: text, values: z.array(text).max(200) }))
      .max(50)
      .nullish(),
  })
  .strict();

/** GraphQL CandidateFilter → engine SearchFilter, with nulls dropped. BAD_USER_INPUT names the field. */
export function toSearchFilter(input: CandidateFilterInput | null | undefined): SearchFilter {
  if (!input) return {};
  const parsed = parseInput(filterSchema, { ...input }, 'filter');
  const filter: SearchFilter = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (value === null || value === undefined) continue;
    (filter as Record<string, unknown>)[key] = value;
  }
  return filter;
}
