import { Arg, FieldResolver, Resolver, Root } from 'type-graphql';
import type { CustomFieldFacetResult } from '../search/search-types';
import { CandidateSearchResultType, CustomFieldFacetType } from '../schema/search-result.type';

/**
 * A search result as searchCandidates returns it: with the custom field facets every selection
 * of `customFieldFacets` asked for, computed in the same engine call as the rest.
 */
export type CandidateSearchResultRoot = CandidateSearchResultType & {
  computedCustomFieldFacets: CustomFieldFacetResult[];
  /** What `keys: null` means: the organization's filterable custom fields. */
  defaultCustomFieldKeys: string[];
};

@Resolver(() => CandidateSearchResultType)
export class CandidateSearchResultResolver {
  @FieldResolver(() => [CustomFieldFacetType], {
    description:
      "Facets of filterable ATS custom fields, in the order of `keys`; fields without values (and nothing selected) are left out. Counted only when selected, with the search's facetSize.",
  })
  customFieldFacets(
    @Root() result: CandidateSearchResultRoot,
    @Arg('keys', () => [String], {
      nullable: true,
      description:
        "Custom field keys (as CustomFieldFilterInput.key), at most 20. Null: every field marked in the organization's connections' settings.filterableCustomFields (the first 20).",
    })
    keys: string[] | null,
  ): CustomFieldFacetType[] {
    const byKey = new Map(result.computedCustomFieldFacets.map((f) => [f.key, f]));
    return [...new Set(keys ?? result.defaultCustomFieldKeys)].flatMap((key) => {
      const facet = byKey.get(key);
      return facet ? [facet] : [];
    });
  }
}
