import { registerEnumType } from 'type-graphql';
import {
  APPLICATION_STATUSES,
  FACET_FIELDS,
  INSIGHT_DIMENSIONS,
  LAST_UPDATED_RANGES,
  type ApplicationStatusValue,
  type FacetField,
  type InsightDimension,
  type LastUpdatedRange,
  type LookupRule,
  type SortField,
} from '../search/search-types';
import type { CandidateKind } from '../search/candidate-document';

const toEnum = <T extends string>(values: readonly T[]): Record<T, T> =>
  Object.fromEntries(values.map((v) => [v, v])) as Record<T, T>;

export const FacetFieldEnum = toEnum<FacetField>(FACET_FIELDS);
registerEnumType(FacetFieldEnum, { name: 'FacetField' });

export const InsightDimensionEnum = toEnum<InsightDimension>(INSIGHT_DIMENSIONS);
registerEnumType(InsightDimensionEnum, { name: 'InsightDimension' });

export const LastUpdatedRangeEnum = toEnum<LastUpdatedRange>(LAST_UPDATED_RANGES);
registerEnumType(LastUpdatedRangeEnum, {
  name: 'LastUpdatedRange',
  description: 'LAST_N_DAYS ranges are cumulative; OLDER is more than 365 days ago.',
});

export const ApplicationStatusEnum = toEnum<ApplicationStatusValue>(APPLICATION_STATUSES);
registerEnumType(ApplicationStatusEnum, {
  name: 'ApplicationStatus',
  description:
    "An application's status, normalized across ATSs (the ATS's own word is Application.remoteStatus): ACTIVE (in process; leads and prospects too), HIRED, REJECTED (by the company), WITHDRAWN (the candidate declined or withdrew), ARCHIVED (closed otherwise: archived without a reason, moved to another job, a prospect converted).",
});

export const SortFieldEnum = toEnum<SortField>(['RELEVANCE', 'LAST_UPDATED', 'NAME']);
registerEnumType(SortFieldEnum, { name: 'CandidateSortField' });

export const SortDirectionEnum = toEnum(['ASC', 'DESC'] as const);
registerEnumType(SortDirectionEnum, { name: 'SortDirection' });

export const CandidateKindEnum = toEnum<CandidateKind>(['PROSPECT', 'APPLICANT']);
registerEnumType(CandidateKindEnum, { name: 'CandidateKind' });

export const LookupRuleEnum = toEnum<LookupRule>([
  'LINKEDIN_URL',
  'GITHUB_URL',
  'EMAIL',
  'NAME_COMPANY_TITLE',
]);
registerEnumType(LookupRuleEnum, {
  name: 'LookupRule',
  description: 'How a Connect lookup matched.',
});
