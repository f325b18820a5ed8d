import type { SearchFilter } from '../../search/search-types';
import type { FilterLine } from './workbook-model';

/** Names a reader knows; other keys (including ones added later) are spelled out from camelCase. */
const NAMES: Partial<Record<keyof SearchFilter, string>> = {
  jobIds: 'Jobs',
  recruiterIds: 'Recruiters',
  connectionIds: 'Connections',
  companies: 'Current companies',
  titles: 'Current titles',
  lastUpdated: 'Last updated between',
  lastUpdatedRanges: 'Last updated',
  yearsOfExperience: 'Years of experience (range)',
  yearsOfExperienceBuckets: 'Years of experience',
  yearsInRoleBuckets: 'Years in role',
  kinds: 'Candidate kinds',
};

/** Readable names of id values, by filter key; ids without one are shown as they are. */
export type FilterValueLabels = Partial<Record<keyof SearchFilter, ReadonlyMap<string, string>>>;

/**
 * Every filter of a request as summary rows, one per value, in the request's order. Written
 * over the shapes a filter field can take (list, range, custom-field list) rather than field by
 * field, so a filter added to SearchFilter shows up without a change here.
 */
export function describeFilter(filter: SearchFilter, labels: FilterValueLabels = {}): FilterLine[] {
  const lines: FilterLine[] = [];
  for (const [key, value] of Object.entries(filter) as [keyof SearchFilter, unknown][]) {
    if (value === null || value === undefined) continue;
    const name = filterName(key);
    if (Array.isArray(value)) {
      for (const item of value as unknown[]) {
        if (isCustomField(item)) {
          for (const v of item.values)
            lines.push({ filter: `${name}: ${item.key}`, value: v, label: null });
        } else {
          const text = scalarText(item);
          lines.push({ filter: name, value: text, label: labels[key]?.get(text) ?? null });
        }
      }
    } else if (typeof value === 'object') {
      const range = describeRange(value as Record<string, unknown>);
      if (range) lines.push({ filter: name, value: range, label: null });
    } else {
      lines.push({ filter: name, value: scalarText(value), label: null });
    }
  }
  return lines;
}

export function filterName(key: string): string {
  const known = NAMES[key as keyof SearchFilter];
  if (known) return known;
  const words = key.replace(/([A-Z])/g, ' $1').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** { from, to } or { min, max } with either side open: "from 2024-01-01 to 2024-06-30". */
function describeRange(range: Record<string, unknown>): string | null {
  const parts: string[] = [];
  for (const [side, bound] of Object.entries(range)) {
    if (bound === null || bound === undefined) continue;
    const text = scalarText(bound);
    parts.push(`${side === 'min' ? 'at least' : side === 'max' ? 'at most' : side} ${text}`);
  }
  return parts.length > 0 ? parts.join(', ') : null;
}

function scalarText(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value) ?? '';
}

function isCustomField(item: unknown): item is { key: string; values: string[] } {
  return (
    typeof item === 'object' &&
    item !== null &&
    typeof (item as { key?: unknown }).key === 'string' &&
    Array.isArray((item as { values?: unknown }).values)
  );
}
