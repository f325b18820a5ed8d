import { Field, Float, ID, InputType } from 'type-graphql';
import type {
  ApplicationStatusValue,
  FacetField,
  LastUpdatedRange,
  SortField,
} from '../search/search-types';
import type { CandidateKind } from '../search/candidate-document';
import {
  ApplicationStatusEnum,
  CandidateKindEnum,
  LastUpdatedRangeEnum,
  SortDirectionEnum,
  SortFieldEnum,
} from './search-enums';

@InputType('DateRangeInput', { description: 'from ≤ date < to; either side may be left open.' })
export class DateRangeInput {
  @Field(() => Date, { nullable: true })
  from?: Date | null;

  @Field(() => Date, { nullable: true })
  to?: Date | null;
}

@InputType('NumberRangeInput', { description: 'min ≤ value ≤ max; either side may be left open.' })
export class NumberRangeInput {
  @Field(() => Float, { nullable: true })
  min?: number | null;

  @Field(() => Float, { nullable: true })
  max?: number | null;
}

@InputType('CustomFieldFilterInput')
export class CustomFieldFilterInput {
  @Field(() => String, {
    description: 'The ATS custom field key (marked filterable on the connection).',
  })
  key!: string;

  @Field(() => [String])
  values!: string[];
}

@InputType('CandidateFilter', {
  description:
    'Within a list any value matches; across lists all must. stages, statuses, jobIds and rejectionReasons must hold on the same application. Unknown values match nothing.',
})
export class CandidateFilterInput {
  @Field(() => [String], { nullable: true }) stages?: string[] | null;
  @Field(() => [ApplicationStatusEnum], {
    nullable: true,
    description:
      'Application statuses (the STATUS facet). With stages, jobIds or rejectionReasons: one application must match them all.',
  })
  statuses?: ApplicationStatusValue[] | null;
  @Field(() => [ID], { nullable: true }) jobIds?: string[] | null;
  @Field(() => [String], { nullable: true }) rejectionReasons?: string[] | null;
  @Field(() => [String], { nullable: true }) sources?: string[] | null;
  @Field(() => [ID], { nullable: true }) recruiterIds?: string[] | null;
  @Field(() => [ID], { nullable: true }) connectionIds?: string[] | null;
  @Field(() => [CandidateKindEnum], { nullable: true }) kinds?: CandidateKind[] | null;
  @Field(() => DateRangeInput, { nullable: true }) lastUpdated?: DateRangeInput | null;
  @Field(() => [LastUpdatedRangeEnum], { nullable: true }) lastUpdatedRanges?:
    LastUpdatedRange[] | null;
  @Field(() => [String], { nullable: true }) locations?: string[] | null;
  @Field(() => [String], { nullable: true, description: 'Current company.' }) companies?:
    string[] | null;
  @Field(() => [String], { nullable: true }) pastCompanies?: string[] | null;
  @Field(() => [String], { nullable: true, description: 'Current title.' }) titles?:
    string[] | null;
  @Field(() => [String], { nullable: true }) pastTitles?: string[] | null;
  @Field(() => [String], { nullable: true }) skills?: string[] | null;
  @Field(() => [String], { nullable: true }) schools?: string[] | null;
  @Field(() => [String], { nullable: true }) degrees?: string[] | null;
  @Field(() => [String], { nullable: true }) majors?: string[] | null;
  @Field(() => [String], { nullable: true }) industries?: string[] | null;
  @Field(() => [String], { nullable: true }) companySizes?: string[] | null;
  @Field(() => [String], { nullable: true }) certifications?: string[] | null;
  @Field(() => [String], { nullable: true }) languages?: string[] | null;
  @Field(() => [String], { nullable: true }) tags?: string[] | null;
  @Field(() => NumberRangeInput, { nullable: true }) yearsOfExperience?: NumberRangeInput | null;
  @Field(() => [String], {
    nullable: true,
    description: 'Buckets: 0-2, 2-5, 5-10, 10-15, 15-20, 20+.',
  })
  yearsOfExperienceBuckets?: string[] | null;
  @Field(() => [String], { nullable: true }) yearsInRoleBuckets?: string[] | null;
  @Field(() => [CustomFieldFilterInput], { nullable: true }) customFields?:
    CustomFieldFilterInput[] | null;
}

@InputType('CandidateSort')
export class CandidateSortInput {
  @Field(() => SortFieldEnum)
  field!: SortField;

  @Field(() => SortDirectionEnum, { defaultValue: 'DESC' })
  direction!: 'ASC' | 'DESC';
}

@InputType('ProfileLookupInput', {
  description:
    'A public profile: give a LinkedIn URL, GitHub URL, e-mail, or two or more of name, company and title.',
})
export class ProfileLookupInput {
  @Field(() => String, { nullable: true }) linkedinUrl?: string | null;
  @Field(() => String, { nullable: true }) githubUrl?: string | null;
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { nullable: true }) company?: string | null;
  @Field(() => String, { nullable: true }) title?: string | null;
}

export type { FacetField };
