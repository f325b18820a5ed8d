import { CUSTOM_FIELD_NAMES, customFieldValueLabels } from '../document-values';
import { selectedCustomFieldValues } from '../facet-keys';
import type { CustomFieldFacetResult, FacetValue, SearchFilter } from '../search-types';

/**
 * Reading facet rows into facets, for the SQL path (the memory path builds the same shapes):
 * ranked (value, n, distinct_values) rows, selected values, custom fields and their labels.
 */

/** A row of a facet's ranked counts (rankedValues in pg-query-builder.ts). */
export interface ValueCountRow {
  value: string;
  n: number;
  distinct_values: number;
}

/** The ranked values, then the selected values no candidate counted for (count 0). */
export function withSelected(
  rows: readonly ValueCountRow[],
  selected: readonly string[],
): FacetValue[] {
  const values: FacetValue[] = rows.map((r) => ({ value: r.value, label: r.value, count: r.n }));
  for (const value of selected) {
    if (!values.some((v) => v.value === value)) values.push({ value, label: value, count: 0 });
  }
  return values;
}

/** Counted values the ranked rows leave out (every row has a count; each says the total). */
export function otherValues(rows: readonly ValueCountRow[]): number {
  return Math.max(0, (rows[0]?.distinct_values ?? 0) - rows.length);
}

/** A custom field facet before labels; null when it has no value and none is selected. */
export type CustomFieldDraft = Omit<CustomFieldFacetResult, 'label'>;

export function readCustomFieldFacet(
  key: string,
  rows: readonly ValueCountRow[],
  filter: SearchFilter,
): CustomFieldDraft | null {
  const values = withSelected(rows, selectedCustomFieldValues(filter, key));
  return values.length > 0 ? { key, values, otherValueCount: otherValues(rows) } : null;
}

/**
 * The label groups of custom field facets for the engine's label(): each field's values, then
 * one group naming the fields (their keys under CUSTOM_FIELD_NAMES).
 */
export function customFieldLabelGroups(
  drafts: readonly CustomFieldDraft[],
): { prefix: string; values: FacetValue[] }[] {
  return [
    ...drafts.map((d) => ({ prefix: customFieldValueLabels(d.key), values: d.values })),
    {
      prefix: CUSTOM_FIELD_NAMES,
      values: drafts.map((d) => ({ value: d.key, label: d.key, count: 0 })),
    },
  ];
}

/** The drafts with the labels customFieldLabelGroups asked for (in that order). */
export function withCustomFieldLabels(
  drafts: readonly CustomFieldDraft[],
  labelled: readonly FacetValue[][],
): CustomFieldFacetResult[] {
  const names = labelled[drafts.length] ?? [];
  return drafts.map((d, i) => ({
    ...d,
    label: names[i]?.label ?? d.key,
    values: labelled[i] ?? d.values,
  }));
}
