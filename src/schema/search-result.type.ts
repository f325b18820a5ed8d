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
  @Field(() => [FacetValueType]) values!: FacetValueType[];
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
