import { Field, Float, Int, ObjectType } from 'type-graphql';
import type { FacetField, InsightDimension, LookupRule } from '../search/search-types';
import type { CandidateKind } from '../search/candidate-document';
import { CandidateType } from './candidate.type';
import {
  CandidateKindEnum,
  FacetFieldEnum,
  InsightDimensionEnum,
  LookupRuleEnum,
} from './search-enums';

@ObjectType('Highlight')
export class HighlightType {
  @Field(() => String) field!: string;
  @Field(() => [String], { description: 'HTML-escaped fragments with matches wrapped in <em>.' })
  snippets!: string[];
}

@ObjectType('CandidateEdge')
export class CandidateEdgeType {
  @Field(() => String) cursor!: string;
  @Field(() => CandidateType) node!: CandidateType;
  @Field(() => [HighlightType]) highlights!: HighlightType[];
}

@ObjectType('PageInfo')
export class PageInfoType {
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

@ObjectType('FacetValue')
export class FacetValueType {
  @Field(() => String, { description: 'Works unchanged as a filter value.' }) value!: string;
  @Field(() => String) label!: string;
  @Field(() => Int) count!: number;
}

@ObjectType('Facet')
export class FacetType {
  @Field(() => FacetFieldEnum) field!: FacetField;
  @Field(() => [FacetValueType], {
    description:
      'The top `facetSize` values by count (then value), plus any selected value ranked below them (count possibly 0). LAST_UPDATED and YEARS_OF_EXPERIENCE: every non-empty range, in fixed order.',
  })
  values!: FacetValueType[];
  @Field(() => Int, {
    description:
      'Distinct values with a count that were left out of `values` (by `facetSize`): ask again with a larger facetSize to see them. Exact on postgres; on Elasticsearch exact up to about 40,000 distinct values, approximate beyond.',
  })
  otherValueCount!: number;
}

@ObjectType('CustomFieldFacet', {
  description:
    "The facet of an ATS custom field an admin marked filterable (Connection.settings.filterableCustomFields). Its values go back into CandidateFilter.customFields as { key, values }; multi-select like every facet: counted with every filter applied except this field's own.",
})
export class CustomFieldFacetType {
  @Field(() => String, { description: 'The custom field key, as CustomFieldFilterInput.key.' })
  key!: string;
  @Field(() => String, {
    description: "The field's name in its ATS (as last indexed), or the key when none is known.",
  })
  label!: string;
  @Field(() => [FacetValueType], {
    description:
      'The top `facetSize` values by count (then value), plus any selected value ranked below them (count possibly 0). `value` is the folded text the filter takes, `label` an original spelling.',
  })
  values!: FacetValueType[];
  @Field(() => Int, { description: 'Distinct values with a count left out of `values`.' })
  otherValueCount!: number;
}

@ObjectType('CandidateSearchResult')
export class CandidateSearchResultType {
  @Field(() => Int) totalCount!: number;
  @Field(() => [CandidateEdgeType]) edges!: CandidateEdgeType[];
  @Field(() => PageInfoType) pageInfo!: PageInfoType;
  @Field(() => [FacetType], {
    description:
      'Only facets with data; each counted with every other facet filter applied but not its own.',
  })
  facets!: FacetType[];
}

@ObjectType('InsightBucket')
export class InsightBucketType {
  @Field(() => String, { description: 'Works unchanged in the matching CandidateFilter list.' })
  value!: string;
  @Field(() => String) label!: string;
  @Field(() => Int) count!: number;
}

@ObjectType('InsightBreakdown')
export class InsightBreakdownType {
  @Field(() => InsightDimensionEnum) dimension!: InsightDimension;
  @Field(() => [InsightBucketType]) buckets!: InsightBucketType[];
  @Field(() => Int, { description: 'Candidates with a value outside the returned buckets.' })
  otherCount!: number;
  @Field(() => Int, { description: 'Candidates without a value.' }) missingCount!: number;
}

@ObjectType('AtsMatch', { description: 'A candidate in your ATS that matches the profile.' })
export class AtsMatchType {
  @Field(() => CandidateKindEnum) kind!: CandidateKind;
  @Field(() => LookupRuleEnum) matchedBy!: LookupRule;
  @Field(() => Float, { description: '0 to 1.' }) confidence!: number;
  @Field(() => CandidateType) candidate!: CandidateType;
  @Field(() => Date) updatedAt!: Date;
}

@ObjectType('AtsStatus', {
  description: 'The answer for one profile of a batch lookup, in request order.',
})
export class AtsStatusType {
  @Field(() => [AtsMatchType]) matches!: AtsMatchType[];
}
